import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { Button, Heading, Link, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import type { RuleSet } from '../rekentool/rekentool.rules.js';
import { createRuleSetBodySchema, type RuleSetView } from '../rekentool/rekentool.schemas.js';
import { BEHEER, Notice, numberOf, problemStatus, problemText } from './beheer.shared.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { csrfField, ErrorSummary, fieldErrors, formText, InputField, TextareaField } from './werkplek.forms.js';
import { formatDate, formatInstant } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

type Ctx = ReturnType<typeof pageOf>;

const euro = (amount: number) => amount.toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' });
const percent = (fraction: number) => `${String(Math.round(fraction * 10000) / 100).replace('.', ',')} %`;
const decimalText = (value: number) => String(value).replace('.', ',');

const ruleForm = z.object({
  ...csrfField,
  basis: formText(80),
  validFrom: formText(10),
  normSingle: formText(20),
  normSingleParent: formText(20),
  normPartners: formText(20),
  bijstandSourceTitle: formText(300),
  bijstandSourceUrl: formText(500),
  allowanceShare: formText(20),
  allowanceCap: formText(20),
  allowanceMonths: formText(20),
  allowanceSourceTitle: formText(300),
  allowanceSourceUrl: formText(500),
  minimumWageHourly: formText(20),
  minimumWageSourceTitle: formText(300),
  minimumWageSourceUrl: formText(500),
  payrollTax: formText(20_000),
  reason: formText(500),
});
type RuleForm = z.infer<typeof ruleForm>;

/** Where a problem with the rules is typed on the form (zod paths of the API body → form fields). */
const FIELD_OF_PATH: Array<[RegExp, keyof RuleForm]> = [
  [/^rules\.validFrom/, 'validFrom'],
  [/^rules\.bijstand\.normSingleParent/, 'normSingleParent'],
  [/^rules\.bijstand\.normSingle/, 'normSingle'],
  [/^rules\.bijstand\.normPartners/, 'normPartners'],
  [/^rules\.bijstand\.source\.title/, 'bijstandSourceTitle'],
  [/^rules\.bijstand\.source\.url/, 'bijstandSourceUrl'],
  [/^rules\.incomeAllowance\.share/, 'allowanceShare'],
  [/^rules\.incomeAllowance\.monthlyCap/, 'allowanceCap'],
  [/^rules\.incomeAllowance\.months/, 'allowanceMonths'],
  [/^rules\.incomeAllowance\.source\.title/, 'allowanceSourceTitle'],
  [/^rules\.incomeAllowance\.source\.url/, 'allowanceSourceUrl'],
  [/^rules\.minimumWage\.hourly/, 'minimumWageHourly'],
  [/^rules\.minimumWage\.source\.title/, 'minimumWageSourceTitle'],
  [/^rules\.minimumWage\.source\.url/, 'minimumWageSourceUrl'],
  [/^rules\.payrollTax/, 'payrollTax'],
  [/^reason/, 'reason'],
];
const FIELD_NAMES: Record<string, string> = {
  validFrom: 'Geldig vanaf',
  normSingle: 'Norm alleenstaande',
  normSingleParent: 'Norm alleenstaande ouder',
  normPartners: 'Norm gehuwden en samenwonenden',
  bijstandSourceTitle: 'Bron van de normen',
  bijstandSourceUrl: 'Adres van de bron van de normen',
  allowanceShare: 'Vrijlating: deel',
  allowanceCap: 'Vrijlating: hoogstens per maand',
  allowanceMonths: 'Vrijlating: aantal maanden',
  allowanceSourceTitle: 'Bron van de vrijlating',
  allowanceSourceUrl: 'Adres van de bron van de vrijlating',
  minimumWageHourly: 'Minimumloon per uur',
  minimumWageSourceTitle: 'Bron van het minimumloon',
  minimumWageSourceUrl: 'Adres van de bron van het minimumloon',
  payrollTax: 'Loonheffing',
  reason: 'Waarom',
};

function formErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(error))) {
    const field = FIELD_OF_PATH.find(([pattern]) => pattern.test(path))?.[1] ?? 'payrollTax';
    errors[field] ??= field === 'payrollTax' && path.startsWith('rules.payrollTax.') ? `${path.replace('rules.payrollTax.', '')}: ${message}` : message;
  }
  return errors;
}

/** The form filled from a version: its figures and sources, the payroll-tax figures as JSON. */
function valuesOf(base: RuleSetView): RuleForm {
  const { rules } = base;
  return {
    _csrf: '',
    basis: base.id,
    validFrom: rules.validFrom,
    normSingle: decimalText(rules.bijstand.normSingle),
    normSingleParent: decimalText(rules.bijstand.normSingleParent),
    normPartners: decimalText(rules.bijstand.normPartners),
    bijstandSourceTitle: rules.bijstand.source.title,
    bijstandSourceUrl: rules.bijstand.source.url,
    allowanceShare: decimalText(Math.round(rules.incomeAllowance.share * 10000) / 100),
    allowanceCap: decimalText(rules.incomeAllowance.monthlyCap),
    allowanceMonths: String(rules.incomeAllowance.months),
    allowanceSourceTitle: rules.incomeAllowance.source.title,
    allowanceSourceUrl: rules.incomeAllowance.source.url,
    minimumWageHourly: decimalText(rules.minimumWage.hourly),
    minimumWageSourceTitle: rules.minimumWage.source.title,
    minimumWageSourceUrl: rules.minimumWage.source.url,
    payrollTax: JSON.stringify(rules.payrollTax, null, 2),
    reason: undefined,
  };
}

/** The API body from the form: the base version's rules with what was typed over them. */
function bodyOf(base: RuleSetView, form: RuleForm): { body: unknown; jsonError: string | null } {
  const { rules } = base;
  let payrollTax: unknown = rules.payrollTax;
  let jsonError: string | null = null;
  if (form.payrollTax !== undefined) {
    try {
      payrollTax = JSON.parse(form.payrollTax);
    } catch {
      jsonError = 'Dit is geen geldige JSON. Kijk of alle haakjes, komma’s en aanhalingstekens kloppen.';
    }
  }
  const share = numberOf(form.allowanceShare);
  const months = numberOf(form.allowanceMonths);
  const source = (kept: RuleSet['bijstand']['source'], title: string | undefined, url: string | undefined) => ({ ...kept, title, url });
  const body = {
    rules: {
      ...rules,
      validFrom: form.validFrom,
      bijstand: {
        ...rules.bijstand,
        normSingle: numberOf(form.normSingle),
        normSingleParent: numberOf(form.normSingleParent),
        normPartners: numberOf(form.normPartners),
        source: source(rules.bijstand.source, form.bijstandSourceTitle, form.bijstandSourceUrl),
      },
      incomeAllowance: {
        ...rules.incomeAllowance,
        share: typeof share === 'number' ? Math.round(share * 100) / 10000 : share,
        monthlyCap: numberOf(form.allowanceCap),
        months,
        source: source(rules.incomeAllowance.source, form.allowanceSourceTitle, form.allowanceSourceUrl),
      },
      minimumWage: {
        ...rules.minimumWage,
        hourly: numberOf(form.minimumWageHourly),
        source: source(rules.minimumWage.source, form.minimumWageSourceTitle, form.minimumWageSourceUrl),
      },
      payrollTax,
    },
    reason: form.reason,
  };
  return { body, jsonError };
}

function Figures({ rules }: { rules: RuleSet }): Html {
  return (
    <ul class="utrecht-unordered-list">
      <li class="utrecht-unordered-list__item">
        Bijstandsnorm per maand: alleenstaande {euro(rules.bijstand.normSingle)}, alleenstaande ouder {euro(rules.bijstand.normSingleParent)}, gehuwden en
        samenwonenden {euro(rules.bijstand.normPartners)} (bron: {rules.bijstand.source.title}).
      </li>
      <li class="utrecht-unordered-list__item">
        Inkomstenvrijlating: {percent(rules.incomeAllowance.share)} van het netto loon, hoogstens {euro(rules.incomeAllowance.monthlyCap)} per maand,{' '}
        {rules.incomeAllowance.months} maanden (bron: {rules.incomeAllowance.source.title}).
      </li>
      <li class="utrecht-unordered-list__item">
        Minimumloon: {euro(rules.minimumWage.hourly)} per uur (bron: {rules.minimumWage.source.title}).
      </li>
      <li class="utrecht-unordered-list__item">Loonheffing: tabellen van {rules.payrollTax.year}.</li>
    </ul>
  );
}

function NewVersionPage({
  ctx,
  base,
  values,
  errors = {},
  problem,
}: {
  ctx: Ctx;
  base: RuleSetView;
  values: RuleForm;
  errors?: Record<string, string>;
  problem?: string | null;
}): Html {
  return (
    <WerkplekPage ctx={ctx} title="Nieuwe rekenregels">
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link> › <Link href={`${BEHEER}/rekenregels`}>Rekenregels</Link>
      </Paragraph>
      <Heading>Nieuwe rekenregels</Heading>
      <Paragraph>
        Ingevuld met versie {base.version} van {formatDate(base.validFrom)}. Pas aan wat verandert en noem de bron. Opslaan maakt een nieuwe versie voor de
        periode; oude versies blijven bewaard en elke berekening noemt de versie die is gebruikt.
      </Paragraph>
      <PostForm ctx={ctx} action={`${BEHEER}/rekenregels`} className="kansrijk-stack kansrijk-narrow">
        <Notice problem={problem} />
        <ErrorSummary errors={errors} names={FIELD_NAMES} />
        <input type="hidden" name="basis" value={base.id} />
        <InputField name="validFrom" type="date" label="Geldig vanaf" description="1 januari of 1 juli." value={values.validFrom} error={errors.validFrom} />
        <fieldset class="utrecht-form-fieldset kansrijk-stack">
          <legend class="utrecht-form-fieldset__legend">Bijstandsnormen per maand (in euro, met vakantiegeld)</legend>
          <InputField name="normSingle" label="Alleenstaande" inputmode="decimal" value={values.normSingle} error={errors.normSingle} />
          <InputField name="normSingleParent" label="Alleenstaande ouder" inputmode="decimal" value={values.normSingleParent} error={errors.normSingleParent} />
          <InputField name="normPartners" label="Gehuwden en samenwonenden" inputmode="decimal" value={values.normPartners} error={errors.normPartners} />
          <InputField name="bijstandSourceTitle" label="Bron" value={values.bijstandSourceTitle} error={errors.bijstandSourceTitle} />
          <InputField name="bijstandSourceUrl" label="Adres van de bron (URL)" value={values.bijstandSourceUrl} error={errors.bijstandSourceUrl} />
        </fieldset>
        <fieldset class="utrecht-form-fieldset kansrijk-stack">
          <legend class="utrecht-form-fieldset__legend">Inkomstenvrijlating</legend>
          <InputField
            name="allowanceShare"
            label="Deel van het netto loon dat niet meetelt (%)"
            inputmode="decimal"
            value={values.allowanceShare}
            error={errors.allowanceShare}
          />
          <InputField name="allowanceCap" label="Hoogstens per maand (euro)" inputmode="decimal" value={values.allowanceCap} error={errors.allowanceCap} />
          <InputField name="allowanceMonths" label="Aantal maanden" inputmode="numeric" value={values.allowanceMonths} error={errors.allowanceMonths} />
          <InputField name="allowanceSourceTitle" label="Bron" value={values.allowanceSourceTitle} error={errors.allowanceSourceTitle} />
          <InputField name="allowanceSourceUrl" label="Adres van de bron (URL)" value={values.allowanceSourceUrl} error={errors.allowanceSourceUrl} />
        </fieldset>
        <fieldset class="utrecht-form-fieldset kansrijk-stack">
          <legend class="utrecht-form-fieldset__legend">Minimumloon</legend>
          <InputField
            name="minimumWageHourly"
            label="Per uur, 21 jaar en ouder (euro)"
            inputmode="decimal"
            value={values.minimumWageHourly}
            error={errors.minimumWageHourly}
          />
          <InputField name="minimumWageSourceTitle" label="Bron" value={values.minimumWageSourceTitle} error={errors.minimumWageSourceTitle} />
          <InputField name="minimumWageSourceUrl" label="Adres van de bron (URL)" value={values.minimumWageSourceUrl} error={errors.minimumWageSourceUrl} />
        </fieldset>
        <TextareaField
          name="payrollTax"
          label="Loonheffing (voor specialisten, als JSON)"
          description="Schijven, heffingskortingen en bronnen. Alleen wijzigen als de tabellen veranderen."
          rows={12}
          value={values.payrollTax}
          error={errors.payrollTax}
        />
        <TextareaField
          name="reason"
          label="Waarom verandert u de regels, en waar komen de nieuwe bedragen vandaan?"
          description="Nodig om op te slaan. Komt in het auditlog."
          value={values.reason}
          error={errors.reason}
        />
        <Button>Nieuwe versie opslaan</Button>
      </PostForm>
    </WerkplekPage>
  );
}

/** Beheer: the rekentool's income rules per period, each change a new version (issue 17.2), through the rekentool service as the API. */
export async function beheerRulePages(app: FastifyInstance, { db, services }: WerkplekDeps) {
  const { rekentool } = services;

  /** The version a new one starts from: the one asked for, else the newest period's current version. */
  async function baseOf(request: FastifyRequest, basis: string | undefined): Promise<RuleSetView> {
    const { periods } = await rekentool.listRuleSets(apiPrincipalOf(request), {});
    const all = periods.flatMap((period) => period.history);
    return all.find((version) => version.id === basis) ?? periods.at(-1)!.current;
  }

  app.get('/beheer/rekenregels', pageRoute({ access: access.admin, querystring: z.object({ bewaard: z.enum(['1']).optional() }) }), async (request, reply) => {
    const { periods } = await rekentool.listRuleSets(apiPrincipalOf(request), {});
    const saved = (request.query as { bewaard?: string }).bewaard === '1';
    return reply.html(
      <WerkplekPage ctx={pageOf(request)} title="Rekenregels">
        <Paragraph>
          <Link href={BEHEER}>Beheer</Link>
        </Paragraph>
        <Heading>Rekenregels van de rekentool</Heading>
        <Paragraph>
          De bedragen waarmee de rekentool uitrekent wat werken iemand oplevert: per periode (1 januari en 1 juli) de bijstandsnormen, de inkomstenvrijlating,
          het minimumloon en de loonheffing, elk met de bron. Een wijziging is een nieuwe versie; oude versies blijven bewaard.
        </Paragraph>
        <Notice done={saved ? 'De nieuwe versie is opgeslagen. Nieuwe berekeningen gebruiken deze bedragen.' : null} />
        {[...periods].reverse().map((period) => (
          <section class="kansrijk-stack" aria-labelledby={`periode-${period.validFrom}`}>
            <Heading level={2}>
              <span id={`periode-${period.validFrom}`}>Vanaf {formatDate(period.validFrom)}</span>
            </Heading>
            <Paragraph>
              In gebruik: versie {period.current.version}
              {period.current.version === 0 ? ' (meegeleverd met Kansrijk)' : ''}.{' '}
              <Link href={`${BEHEER}/rekenregels/nieuw?basis=${encodeURIComponent(period.current.id)}`}>Nieuwe versie maken op basis van deze versie</Link>
            </Paragraph>
            <Figures rules={period.current.rules} />
            <TableScroll>
              <table class="utrecht-table utrecht-table--html-table">
                <caption class="utrecht-table__caption">Versies vanaf {formatDate(period.validFrom)}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Versie
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Wanneer
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Door
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Waarom
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {period.history.map((version) => (
                    <tr class="utrecht-table__row">
                      <td class="utrecht-table__cell">{version.version}</td>
                      <td class="utrecht-table__cell">{version.createdAt ? formatInstant(version.createdAt) : 'meegeleverd'}</td>
                      <td class="utrecht-table__cell">{version.createdBy?.name ?? (version.version === 0 ? 'Kansrijk' : 'verwijderde gebruiker')}</td>
                      <td class="utrecht-table__cell">{version.reason ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ))}
      </WerkplekPage>,
    );
  });

  const newQuery = z.object({ basis: z.string().max(80).optional() });
  app.get('/beheer/rekenregels/nieuw', pageRoute({ access: access.admin, querystring: newQuery }), async (request, reply) => {
    const base = await baseOf(request, (request.query as z.infer<typeof newQuery>).basis);
    return reply.html(<NewVersionPage ctx={pageOf(request)} base={base} values={valuesOf(base)} />);
  });

  app.post('/beheer/rekenregels', pageRoute({ access: access.admin, body: ruleForm }), async (request, reply) => {
    const form = request.body as RuleForm;
    const base = await baseOf(request, form.basis);
    const again = (status: number, errors: Record<string, string>, problem: string | null = null) =>
      reply.html(<NewVersionPage ctx={pageOf(request)} base={base} values={form} errors={errors} problem={problem} />, status);
    const { body, jsonError } = bodyOf(base, form);
    if (jsonError) return again(422, { payrollTax: jsonError });
    const parsed = createRuleSetBodySchema.safeParse(body);
    if (!parsed.success) return again(422, formErrors(parsed.error));
    try {
      await db.transaction((tx) => rekentool.createRuleSet(tx, apiPrincipalOf(request), parsed.data));
    } catch (error) {
      const text = problemText(error);
      if (!text) throw error;
      return again(problemStatus(error), {}, text);
    }
    return reply.redirect(`${BEHEER}/rekenregels?bewaard=1`, 303);
  });
}
