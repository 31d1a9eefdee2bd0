import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { Button, Heading, Link, Paragraph, PostForm } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { INSTRUMENT_CODES, updateTenantSettingsBodySchema, type TenantSettings } from '../settings/settings.schemas.js';
import { beheerAuditPages } from './beheer-audit.pages.js';
import { beheerDataRightsPages } from './beheer-gegevens.pages.js';
import { beheerUserPages } from './beheer-gebruikers.pages.js';
import { beheerWeightPages } from './beheer-gewichten.pages.js';
import { beheerReportPages } from './beheer-rapporten.pages.js';
import { beheerRulePages } from './beheer-rekenregels.pages.js';
import { BEHEER, Notice, numberOf } from './beheer.shared.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { ChoiceGroup, csrfField, ErrorSummary, fieldErrors, formList, formText, InputField, optionsOf, SelectField } from './werkplek.forms.js';
import { INSTRUMENT_LABELS } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

type Ctx = ReturnType<typeof pageOf>;

const SECTIONS: Array<{ path: string; title: string; text: string }> = [
  { path: 'gebruikers', title: 'Gebruikers en tokens', text: 'Mensen toevoegen, hun rol wijzigen of ze uitzetten; tokens voor de API maken en intrekken.' },
  { path: 'instellingen', title: 'Instellingen', text: 'Rangschikken aan of uit, regelingen, de bedragen voor de besparing en de bewaartermijnen.' },
  {
    path: 'gewichten',
    title: 'Gewichten van de rangschikking',
    text: 'Hoe zwaar elk onderdeel telt, met een voorbeeld op de nieuwste vacatures voordat u opslaat.',
  },
  { path: 'audit', title: 'Auditlog', text: 'Wie wat deed met gegevens, te filteren op soort, persoon en periode.' },
  { path: 'rapporten', title: 'Rapporten', text: 'Eerlijkheid van de rangschikking en wat het werk oplevert.' },
  { path: 'rekenregels', title: 'Rekenregels van de rekentool', text: 'Bijstandsnormen, inkomstenvrijlating, minimumloon en loonheffing per periode.' },
  { path: 'gegevens', title: 'Gegevensverzoeken', text: 'Inzage in alle gegevens van een persoon, of verwijderen op verzoek.' },
];

const settingsForm = z.object({
  ...csrfField,
  rankingEnabled: formText(5),
  benefitMonthlyAmount: formText(20),
  instruments: formList(z.string().max(40), INSTRUMENT_CODES.length),
  proefplaatsingMaxMonths: formText(20),
  closedCandidates: formText(20),
  matchRunInputs: formText(20),
  mailLog: formText(20),
});
type SettingsForm = z.infer<typeof settingsForm>;
const SETTINGS_NAMES: Record<string, string> = {
  rankingEnabled: 'Rangschikken',
  benefitMonthlyAmount: 'Bijstand per maand',
  instruments: 'Regelingen',
  proefplaatsingMaxMonths: 'Proefplaatsing',
  closedCandidates: 'Bewaren: profielen',
  matchRunInputs: 'Bewaren: rangschikkingen',
  mailLog: 'Bewaren: e-mails',
};

function SettingsPage({
  ctx,
  settings,
  values,
  errors = {},
  done,
}: {
  ctx: Ctx;
  settings: TenantSettings;
  values?: SettingsForm;
  errors?: Record<string, string>;
  done?: string | null;
}): Html {
  return (
    <WerkplekPage ctx={ctx} title="Instellingen">
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link>
      </Paragraph>
      <Heading>Instellingen</Heading>
      <PostForm ctx={ctx} action={`${BEHEER}/instellingen`} className="kansrijk-stack kansrijk-narrow">
        <Notice done={done} />
        <ErrorSummary errors={errors} names={SETTINGS_NAMES} />
        <SelectField
          name="rankingEnabled"
          label="Rangschikken"
          description="Uit: Kansrijk zet kandidaten niet meer op volgorde. Zoeken en zelf een shortlist maken blijven werken."
          options={[
            { value: 'true', label: 'aan' },
            { value: 'false', label: 'uit' },
          ]}
          value={values?.rankingEnabled ?? String(settings.rankingEnabled)}
          error={errors.rankingEnabled}
        />
        <InputField
          name="benefitMonthlyAmount"
          type="number"
          min={0}
          max={10000}
          label="Bijstand per maand (euro, gemiddeld)"
          description="Voor de geschatte besparing van een plaatsing."
          value={values?.benefitMonthlyAmount ?? settings.benefitMonthlyAmount}
          error={errors.benefitMonthlyAmount}
        />
        <ChoiceGroup
          type="checkbox"
          name="instruments"
          legend="Regelingen die dit Werkplein aanbiedt"
          options={optionsOf(INSTRUMENT_LABELS, INSTRUMENT_CODES)}
          chosen={values?.instruments ?? settings.instruments.enabled}
          error={errors['instruments.enabled'] ?? errors.instruments}
        />
        <InputField
          name="proefplaatsingMaxMonths"
          type="number"
          min={1}
          max={6}
          label="Proefplaatsing: hoogstens (maanden)"
          value={values?.proefplaatsingMaxMonths ?? settings.instruments.proefplaatsingMaxMonths}
          error={errors['instruments.proefplaatsingMaxMonths'] ?? errors.proefplaatsingMaxMonths}
        />
        <fieldset class="utrecht-form-fieldset kansrijk-stack">
          <legend class="utrecht-form-fieldset__legend">Bewaartermijnen (dagen)</legend>
          {RETENTION_FIELDS.map(({ key, label }) => (
            <InputField
              name={key}
              type="number"
              min={30}
              max={3650}
              label={label}
              value={values?.[key] ?? settings.retentionDays[key]}
              error={errors[`retentionDays.${key}`] ?? errors[key]}
            />
          ))}
        </fieldset>
        <Button>Instellingen opslaan</Button>
      </PostForm>
    </WerkplekPage>
  );
}

/** The retention terms an admin sets, in the order the form shows them. */
const RETENTION_FIELDS = [
  { key: 'closedCandidates', label: 'Profielen van mensen die niet meer in de caseload zitten' },
  { key: 'matchRunInputs', label: 'Gegevens van rangschikkingen' },
  { key: 'mailLog', label: 'Lijst met verstuurde e-mails' },
] as const;

/** Beheer (issue 14.7): the admin's pages in the werkplek; every page and form is for admins only, as the API. */
export async function beheerPages(app: FastifyInstance, deps: WerkplekDeps) {
  const { db, services } = deps;

  app.get('/beheer', pageRoute({ access: access.admin }), async (request, reply) =>
    reply.html(
      <WerkplekPage ctx={pageOf(request)} title="Beheer">
        <Heading>Beheer</Heading>
        <Paragraph>Alleen voor beheerders. Elke wijziging komt in het auditlog.</Paragraph>
        <ul class="utrecht-unordered-list kansrijk-stack">
          {SECTIONS.map((section) => (
            <li class="utrecht-unordered-list__item">
              <Link href={`${BEHEER}/${section.path}`}>{section.title}</Link>: {section.text}
            </li>
          ))}
        </ul>
      </WerkplekPage>,
    ),
  );

  const settingsOf = (request: FastifyRequest) => services.settings.get(apiPrincipalOf(request));

  app.get('/beheer/instellingen', pageRoute({ access: access.admin, querystring: z.object({ bewaard: z.enum(['1']).optional() }) }), async (request, reply) => {
    const saved = (request.query as { bewaard?: string }).bewaard === '1';
    return reply.html(<SettingsPage ctx={pageOf(request)} settings={await settingsOf(request)} done={saved ? 'De instellingen zijn opgeslagen.' : null} />);
  });

  app.post('/beheer/instellingen', pageRoute({ access: access.admin, body: settingsForm }), async (request, reply) => {
    const form = request.body as SettingsForm;
    const parsed = updateTenantSettingsBodySchema.safeParse({
      ...(form.rankingEnabled !== undefined
        ? { rankingEnabled: form.rankingEnabled === 'true' ? true : form.rankingEnabled === 'false' ? false : form.rankingEnabled }
        : {}),
      ...(form.benefitMonthlyAmount !== undefined ? { benefitMonthlyAmount: numberOf(form.benefitMonthlyAmount) } : {}),
      instruments: {
        enabled: form.instruments,
        ...(form.proefplaatsingMaxMonths !== undefined ? { proefplaatsingMaxMonths: numberOf(form.proefplaatsingMaxMonths) } : {}),
      },
      retentionDays: Object.fromEntries(
        (['closedCandidates', 'matchRunInputs', 'mailLog'] as const).flatMap((key) => (form[key] !== undefined ? [[key, numberOf(form[key])]] : [])),
      ),
    });
    if (!parsed.success)
      return reply.html(<SettingsPage ctx={pageOf(request)} settings={await settingsOf(request)} values={form} errors={fieldErrors(parsed.error)} />, 422);
    await db.transaction((tx) => services.settings.update(tx, apiPrincipalOf(request), parsed.data));
    return reply.redirect(`${BEHEER}/instellingen?bewaard=1`, 303);
  });

  await app.register(beheerUserPages, deps);
  await app.register(beheerAuditPages, deps);
  await app.register(beheerReportPages, deps);
  await app.register(beheerWeightPages, deps);
  await app.register(beheerRulePages, deps);
  await app.register(beheerDataRightsPages, deps);
}
