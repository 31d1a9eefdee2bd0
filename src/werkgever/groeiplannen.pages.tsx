import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { COHORT_HORIZON_DAYS } from '../digests/digests.content.js';
import type { PipelineStage } from '../growth-plans/growth-plans.repository.js';
import type { GrowthPlanView } from '../growth-plans/growth-plans.schemas.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import { Alert, Button, Heading, inFormOrder, Link, type PageContext, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { addDays, amsterdamDate } from '../placements/calendar.js';
import type { ShiftPattern } from '../schemas/schedule.js';
import type { Services } from '../services.js';
import { InputField, SelectField, TextareaField } from '../werkplek/werkplek.forms.js';
import { emptyGrowthPlanForm, growthPlanBodyOf, readGrowthPlanForm, type GrowthPlanFormValues } from './growth-plan.form.js';
import { FORM_CODES, type RawForm } from './vacancy.form.js';
import { ShiftBuilder, shiftLines } from './vacatures.pages.js';
import { CONTRACT_LABELS, DAY_PART_LABELS, ROTATION_LABELS, dutchDay, label, plural } from './werkgever.labels.js';
import { FormKey, WerkgeverPage } from './werkgever.layout.js';
import { requestHash, submitOnce } from './werkgever.once.js';

/*
 * "Groeiplannen" (issue 15.4): the employer states future demand in a form ("we open a new hall in
 * April and need 40 order pickers in three shifts"), lists its plans, and sees the pipeline the
 * Werkplein prepares per role: counts per stage, never names. Through the growth-plan service with
 * the contact's own principal, so the scope is that of its API token.
 */

type Deps = { db: Db; services: Services; clock: Clock };
const idParams = z.object({ id: z.uuid() });
const formBody = z.record(z.string().max(40), z.union([z.string().max(10_000), z.array(z.string().max(300)).max(200)]));

const STATUS_LABELS: Record<string, string> = { planned: 'gepland', in_progress: 'het Werkplein is bezig', done: 'klaar', cancelled: 'gestopt' };

/** The stages as the employer reads them. */
const STAGE_LABELS: Record<PipelineStage, string> = {
  preparing: 'Het Werkplein bereidt voor',
  proposed: 'Aan u voorgesteld, wacht op uw antwoord',
  invited: 'Uitgenodigd voor een gesprek',
  hired: 'Aangenomen',
  working: 'Aan het werk',
};

const FIELD_NAMES: Record<string, string> = {
  naam: 'Naam van het plan',
  omschrijving: 'Wat gaat er veranderen',
  locatie: 'Waar',
  titel: 'Functie',
  plaatsen: 'Aantal mensen',
  start: 'Wanneer beginnen',
  uren: 'Uren per week',
  diensten: 'Rooster',
  ploegen: 'Wisselende diensten',
  contract: 'Soort contract',
  opleidenWeken: 'Weken opleiden',
  formulier: 'Formulier',
};
const FIELD_TARGETS: Record<string, string> = { uren: 'veld-urenMin' };

/** The element an error of the growth-plan form links to. */
const targetOf = (field: string) => FIELD_TARGETS[field] ?? (field.startsWith('tijd-') ? `veld-${field.slice(5)}-start` : `veld-${field}`);

/**
 * The errors of the growth-plan form above it, each linked to its field, in the order of the fields
 * in `form` (shared with the werkplek's form).
 */
export function GrowthPlanErrorList({ errors, form }: { errors: Record<string, string>; form: Html }): Html {
  const entries = inFormOrder(Object.entries(errors), form, targetOf);
  if (entries.length === 0) return <Fragment></Fragment>;
  return (
    <Alert type="error" focus>
      <Paragraph>Het groeiplan is nog niet bewaard. Kijk naar deze punten:</Paragraph>
      <ul class="utrecht-unordered-list">
        {entries.map(([field, message]) => (
          <li class="utrecht-unordered-list__item">
            {field === 'formulier' ? (
              message
            ) : (
              <Fragment>
                <a class="utrecht-link utrecht-link--html-a" href={`#${targetOf(field)}`}>
                  {FIELD_NAMES[field] ??
                    (field.startsWith('tijd-') ? `Tijden van de ${DAY_PART_LABELS[field.slice(5) as keyof typeof DAY_PART_LABELS]}` : field)}
                </a>
                : {message}
              </Fragment>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** When the Werkplein starts looking for people for a role: the cohort horizon before preparation starts (the rule of Mijn werk). */
const searchFrom = (role: GrowthPlanView['roles'][number]) => addDays(role.prepareFrom, -COHORT_HORIZON_DAYS);

function RolePlan({ role, today, started }: { role: GrowthPlanView['roles'][number]; today: string; started: boolean }): Html {
  const pattern = role.shiftPattern as ShiftPattern;
  const from = searchFrom(role);
  return (
    <Fragment>
      <Paragraph>
        {role.headcount} × {role.title}, beginnen op {dutchDay(role.expectedDate)}.{' '}
        {role.hoursPerWeek.min === role.hoursPerWeek.max ? role.hoursPerWeek.min : `${role.hoursPerWeek.min} tot ${role.hoursPerWeek.max}`} uur per week,{' '}
        {label(CONTRACT_LABELS, role.contractType)}.{pattern.rotation ? ` De diensten wisselen: ${label(ROTATION_LABELS, pattern.rotation.system)}.` : ''}
      </Paragraph>
      <ul class="utrecht-unordered-list">
        {shiftLines(pattern).map((line) => (
          <li class="utrecht-unordered-list__item">{line}</li>
        ))}
      </ul>
      <Paragraph>
        {role.trainingLeadTimeWeeks > 0 ? `Eerst ${plural(role.trainingLeadTimeWeeks, 'week', 'weken')} opleiden, vanaf ${dutchDay(role.prepareFrom)}. ` : ''}
        {started || from <= today ? 'Het Werkplein zoekt nu mensen voor deze functie.' : `Het Werkplein gaat mensen zoeken vanaf ${dutchDay(from)}.`}
      </Paragraph>
    </Fragment>
  );
}

function Pipeline({ id, role, counts }: { id: string; role: GrowthPlanView['roles'][number]; counts: Record<PipelineStage, number> }): Html {
  const stages = Object.keys(STAGE_LABELS) as PipelineStage[];
  return (
    <TableScroll>
      <table class="utrecht-table utrecht-table--html-table" id={id}>
        <caption class="utrecht-table__caption">Mensen voor {role.title}: aantal per stap</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Stap
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Aantal
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {stages.map((stage) => (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">
                {STAGE_LABELS[stage]}
              </th>
              <td class="utrecht-table__cell">{String(counts[stage])}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * The growth-plan form's fields (issue 15.4): the plan, the one role it starts with, and the rota.
 * The employer's own page and the werkplek (staff for an employer) show the same form.
 */
export function GrowthPlanFields({
  values,
  errors,
  locations,
  roleHeading = 'Wie heeft u nodig?',
}: {
  values: GrowthPlanFormValues;
  errors: Record<string, string>;
  locations: Array<{ id: string; name: string; city: string }>;
  /** The heading above the role's fields: the employer is spoken to ("u"), staff are not. */
  roleHeading?: string;
}): Html {
  return (
    <Fragment>
      <section class="kansrijk-stack" aria-labelledby="kop-plan">
        <Heading level={2}>
          <span id="kop-plan">Het plan</span>
        </Heading>
        <InputField
          name="naam"
          id="veld-naam"
          label="Naam van het plan"
          description="Bijvoorbeeld: nieuwe hal in april."
          value={values.naam}
          error={errors.naam}
        />
        <TextareaField
          name="omschrijving"
          id="veld-omschrijving"
          label="Wat gaat er veranderen? (mag leeg)"
          value={values.omschrijving}
          error={errors.omschrijving}
          rows={3}
        />
        <SelectField
          name="locatie"
          id="veld-locatie"
          label="Waar is het werk?"
          empty="Weet ik nog niet"
          options={locations.map((location) => ({ value: location.id, label: `${location.name}, ${location.city}` }))}
          value={values.locatie}
          error={errors.locatie}
        />
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-functie">
        <Heading level={2}>
          <span id="kop-functie">{roleHeading}</span>
        </Heading>
        <InputField name="titel" id="veld-titel" label="Functie" description="Bijvoorbeeld: orderpicker." value={values.titel} error={errors.titel} />
        <InputField
          name="plaatsen"
          id="veld-plaatsen"
          label="Hoeveel mensen?"
          type="number"
          min={1}
          max={1000}
          inputmode="numeric"
          value={values.plaatsen}
          error={errors.plaatsen}
        />
        <InputField name="start" id="veld-start" label="Wanneer moeten zij beginnen?" type="date" value={values.start} error={errors.start} />
        <InputField
          name="urenMin"
          id="veld-urenMin"
          label="Minimaal aantal uren per week"
          type="number"
          min={1}
          max={48}
          inputmode="numeric"
          value={values.urenMin}
          error={errors.uren}
        />
        <InputField
          name="urenMax"
          id="veld-urenMax"
          label="Maximaal aantal uren per week"
          type="number"
          min={1}
          max={48}
          inputmode="numeric"
          value={values.urenMax}
        />
        <SelectField
          name="contract"
          id="veld-contract"
          label="Soort contract"
          options={FORM_CODES.CONTRACT_TYPES.map((code) => ({ value: code, label: label(CONTRACT_LABELS, code) }))}
          value={values.contract}
          error={errors.contract}
        />
        <InputField
          name="opleidenWeken"
          id="veld-opleidenWeken"
          label="Hoeveel weken opleiden voor de start? (mag 0)"
          description="Het Werkplein begint dan zo veel eerder met voorbereiden."
          type="number"
          min={0}
          max={104}
          inputmode="numeric"
          value={values.opleidenWeken}
          error={errors.opleidenWeken}
        />
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-rooster">
        <Heading level={2}>
          <span id="kop-rooster">Rooster</span>
        </Heading>
        <ShiftBuilder values={values} errors={errors} />
      </section>
    </Fragment>
  );
}

async function renderForm({
  services,
  ctx,
  request,
  values,
  errors = {},
}: {
  services: Services;
  ctx: PageContext;
  request: FastifyRequest;
  values: GrowthPlanFormValues;
  errors?: Record<string, string>;
}): Promise<Html> {
  const principal = apiPrincipalOf(request);
  const locations = principal.employerId ? await services.employers.listLocations(principal, principal.employerId) : [];
  const form = (
    <PostForm ctx={ctx} action="/werkgever/groeiplannen/nieuw" className="kansrijk-stack werkgever-form">
      <FormKey />
      <GrowthPlanFields values={values} errors={errors} locations={locations} />
      <Button name="actie" value="bewaren">
        Groeiplan versturen
      </Button>
    </PostForm>
  );
  return (
    <WerkgeverPage ctx={ctx} title="Nieuw groeiplan">
      <Heading>Nieuw groeiplan</Heading>
      <Paragraph lead>
        Heeft u straks meer mensen nodig? Bijvoorbeeld omdat u een nieuwe hal opent. Vertel het ons op tijd. Dan kan het Werkplein mensen voorbereiden en
        opleiden.
      </Paragraph>
      <GrowthPlanErrorList errors={errors} form={form} />
      {form}
    </WerkgeverPage>
  );
}

export async function werkgeverGrowthPlanPages(app: FastifyInstance, { db, services, clock }: Deps) {
  const listQuery = z.object({ dubbel: z.literal('1').optional() });
  app.get('/groeiplannen', pageRoute({ access: ['employer'], querystring: listQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const plans = principal.employerId ? await services.growthPlans.listForEmployer(principal, principal.employerId) : [];
    const pipelines = await Promise.all(plans.map((plan) => services.growthPlans.pipeline(principal, plan.id)));
    const dubbel = (request.query as z.infer<typeof listQuery>).dubbel;
    return reply.html(
      <WerkgeverPage ctx={ctx} title="Groeiplannen">
        <Heading>Uw groeiplannen</Heading>
        {dubbel ? (
          <Alert type="warning">
            <Paragraph>Dit formulier was al verstuurd. Hieronder ziet u wat er nu staat.</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>
          Heeft u straks meer mensen nodig? Met een groeiplan kan het Werkplein op tijd mensen voorbereiden. U ziet hier hoeveel mensen er klaar worden gezet.
        </Paragraph>
        <Paragraph>
          <Link href="/werkgever/groeiplannen/nieuw">Nieuw groeiplan</Link>
        </Paragraph>
        {plans.length === 0 ? <Paragraph>U heeft nog geen groeiplannen.</Paragraph> : null}
        <ul class="utrecht-unordered-list kansrijk-stack">
          {plans.map((plan, index) => (
            <li class="utrecht-unordered-list__item">
              <Link href={`/werkgever/groeiplannen/${plan.id}`}>{plan.name}</Link> ({label(STATUS_LABELS, plan.status)}):{' '}
              {plan.roles
                .map((role) => {
                  const counts = pipelines[index]![role.id]!;
                  const busy = counts.preparing + counts.proposed + counts.invited;
                  return `${role.headcount} × ${role.title} op ${dutchDay(role.expectedDate)}; ${busy} in voorbereiding of voorgesteld, ${counts.hired + counts.working} aangenomen.`;
                })
                .join(' ')}
            </li>
          ))}
        </ul>
      </WerkgeverPage>,
    );
  });

  app.get('/groeiplannen/nieuw', pageRoute({ access: ['employer'] }), async (request, reply) =>
    reply.html(await renderForm({ services, ctx: pageOf(request), request, values: emptyGrowthPlanForm() })),
  );

  app.post('/groeiplannen/nieuw', pageRoute({ access: ['employer'], body: formBody }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const values = readGrowthPlanForm(request.body as RawForm);
    const again = async (errors: Record<string, string>, status: number) => reply.html(await renderForm({ services, ctx, request, values, errors }), status);
    const checked = growthPlanBodyOf(values, amsterdamDate(clock.now()));
    if ('errors' in checked) return again(checked.errors, 400);
    if (!principal.employerId) return again({ formulier: 'Dit account hoort niet bij een werkgever.' }, 400);
    const employerId = principal.employerId;
    try {
      return await submitOnce(db, request, reply, {
        hash: requestHash(['growth-plan', checked.body]),
        changed: '/werkgever/groeiplannen?dubbel=1',
        change: async (tx) => `/werkgever/groeiplannen/${(await services.growthPlans.create({ tx, principal, employerId, body: checked.body })).id}?bewaard=1`,
      });
    } catch (error) {
      if (error instanceof ProblemError && error.spec.status < 500 && error.spec.status !== 404) {
        const text = renderProblem(error.spec, 'nl', { values: error.values }).detail ?? error.spec.title.nl;
        const onLocation = (error.errors ?? []).some((field) => 'pointer' in field && field.pointer === '/body/locationId');
        return again(onLocation ? { locatie: text } : { formulier: text }, error.spec.status);
      }
      throw error;
    }
  });

  const planQuery = z.object({ bewaard: z.literal('1').optional() });
  app.get('/groeiplannen/:id', pageRoute({ access: ['employer'], params: idParams, querystring: planQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const plan = await services.growthPlans.get(principal, id);
    const pipeline = await services.growthPlans.pipeline(principal, id);
    const today = amsterdamDate(clock.now());
    const bewaard = (request.query as z.infer<typeof planQuery>).bewaard;
    return reply.html(
      <WerkgeverPage ctx={ctx} title={plan.name}>
        <Heading>{plan.name}</Heading>
        {bewaard ? (
          <Alert type="ok">
            <Paragraph>Dank u wel. Het groeiplan is verstuurd. Het Werkplein neemt contact met u op.</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>
          Status: <strong>{label(STATUS_LABELS, plan.status)}</strong>. In totaal {plural(plan.totalHeadcount, 'persoon', 'mensen')}.
        </Paragraph>
        {plan.description ? <Paragraph>{plan.description}</Paragraph> : null}
        {plan.roles.map((role, index) => (
          <section class="kansrijk-stack werkgever-card" aria-labelledby={`kop-rol-${index}`}>
            <Heading level={2}>
              <span id={`kop-rol-${index}`}>{role.title}</span>
            </Heading>
            <RolePlan role={role} today={today} started={role.vacancyId !== null || Object.values(pipeline[role.id]!).some((count) => count > 0)} />
            <Heading level={3}>Hoe ver is het Werkplein?</Heading>
            <Paragraph>U ziet aantallen, geen namen. Namen ziet u pas als iemand aan u wordt voorgesteld en daar toestemming voor geeft.</Paragraph>
            <Pipeline id={`stappen-${index}`} role={role} counts={pipeline[role.id]!} />
          </section>
        ))}
        <Paragraph>
          <Link href="/werkgever/groeiplannen">Terug naar uw groeiplannen</Link>
        </Paragraph>
      </WerkgeverPage>,
    );
  });
}
