import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { amsterdamDate } from '../placements/calendar.js';
import { access, type Principal } from '../auth/roles.js';
import type { EmployerView } from '../employers/employers.schemas.js';
import { growthPlanProblems } from '../growth-plans/growth-plans.errors.js';
import { PIPELINE_STAGES, type PipelineStage } from '../growth-plans/growth-plans.repository.js';
import { GROWTH_PLAN_STATUSES, updateGrowthPlanBodySchema, type GrowthPlanView, type UpdateGrowthPlanBody } from '../growth-plans/growth-plans.schemas.js';
import type { PipelinePerson } from '../growth-plans/growth-plans.service.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import type { VacancyMatchesView } from '../matching/matching.schemas.js';
import { Alert, Button, Heading, Link, type PageContext, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { GrowthPlanErrorList, GrowthPlanFields } from '../werkgever/groeiplannen.pages.js';
import { emptyGrowthPlanForm, growthPlanBodyOf, readGrowthPlanForm, type GrowthPlanFormValues } from '../werkgever/growth-plan.form.js';
import type { RawForm } from '../werkgever/vacancy.form.js';
import { FormKey } from '../werkgever/werkgever.layout.js';
import { requestHash, submitOnce } from '../werkgever/werkgever.once.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { csrfField, ErrorSummary, fieldErrors, InputField, SelectField, TextareaField } from './werkplek.forms.js';
import { endOfSentence, fullStopAfter } from '../pages/labels.js';
import { formatDate, label, plural } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

/*
 * Groeiplannen on the werkplek (issue 14, page 6): one growth plan with its roles, the pipeline per
 * role person by person (names link to the candidate pages), and per role the candidates who fit it,
 * ranked by the matcher as for a vacancy (a role with a drafted vacancy: that vacancy's ranking).
 * Everyone on the werkplek reads (as GET /v1/growth-plans/:id for staff); employer relations staff
 * and admins make a plan for an employer with the employer's own form, change it (roles with
 * headcount and dates) and draft vacancies from its roles: the API's service calls, audited as
 * growth_plan.change.
 */

const idParams = z.object({ id: z.uuid() });
/** A posted form: bounded text fields and lists (the fields themselves are read below). */
const formBody = z.record(z.string().max(40), z.union([z.string().max(10_000), z.array(z.string().max(300)).max(200)]));
/** How many candidates who fit a role the page shows (the vacancy page shows them all). */
const FITTING_SHOWN = 5;

const canWrite = (ctx: PageContext) => (access.employerStaff as readonly string[]).includes(ctx.principal?.role ?? '');

const PLAN_STATUS_LABELS: Record<(typeof GROWTH_PLAN_STATUSES)[number], string> = {
  planned: 'gepland',
  in_progress: 'bezig',
  done: 'klaar',
  cancelled: 'gestopt',
};

/** The stages of a role's pipeline as staff read them. */
const STAGE_LABELS: Record<PipelineStage, string> = {
  preparing: 'Op een shortlist in voorbereiding',
  proposed: 'Voorgesteld aan de werkgever, wacht op antwoord',
  invited: 'Uitgenodigd voor een gesprek',
  hired: 'Aangenomen',
  working: 'Aan het werk (geplaatst)',
};

const NOTICES = {
  nieuw: { type: 'ok', text: 'Het groeiplan is bewaard.' },
  gewijzigd: { type: 'ok', text: 'De wijzigingen zijn bewaard.' },
  vacatures: { type: 'ok', text: 'Er zijn conceptvacatures gemaakt van de functies. U vindt ze hieronder bij elke functie.' },
  'geen-locatie': { type: 'error', text: 'Geef het groeiplan eerst een locatie. Een vacature heeft een werkplek nodig.' },
  dubbel: { type: 'warning', text: 'Dit formulier was al verstuurd. Hieronder ziet u wat er nu staat.' },
} as const;

type Fitting = { kind: 'ranked'; ranking: VacancyMatchesView } | { kind: 'off' } | { kind: 'no_location' };

/** The people of one role, per stage; a name links to the candidate page (every werkplek role may open it). */
function PipelineTable({ index, role, people }: { index: number; role: GrowthPlanView['roles'][number]; people: PipelinePerson[] }): Html {
  return (
    <TableScroll>
      <table class="utrecht-table utrecht-table--html-table" id={`stappen-${index}`}>
        <caption class="utrecht-table__caption">Mensen voor {role.title}, per stap</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Stap
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Aantal
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Wie
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {PIPELINE_STAGES.map((stage) => {
            const here = people.filter((person) => person.stage === stage);
            return (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {STAGE_LABELS[stage]}
                </th>
                <td class="utrecht-table__cell">{String(here.length)}</td>
                <td class="utrecht-table__cell">
                  {here.length === 0 ? (
                    'niemand'
                  ) : (
                    <ul class="utrecht-unordered-list">
                      {here.map((person) => (
                        <li class="utrecht-unordered-list__item">
                          <Link href={`/werkplek/kandidaten/${person.candidateId}`}>{`${person.name} (${person.reference})`}</Link>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}

function FittingList({ role, fitting }: { role: GrowthPlanView['roles'][number]; fitting: Fitting }): Html {
  if (fitting.kind === 'off') return <Paragraph>Rangschikken staat uit voor dit Werkplein. Zoek kandidaten bij Kandidaten.</Paragraph>;
  if (fitting.kind === 'no_location') {
    return <Paragraph>Het plan heeft nog geen locatie. Zonder werkplek kunnen we de reistijd niet berekenen, en dus niet zeggen wie past.</Paragraph>;
  }
  const { ranking } = fitting;
  return (
    <Fragment>
      <Paragraph>
        {ranking.eligible} van {ranking.population} kandidaten passen bij deze functie. De score is van 0 tot 100.
        {ranking.items.length > 0 ? ` Dit zijn de ${Math.min(ranking.items.length, FITTING_SHOWN)} beste.` : ''}
      </Paragraph>
      {ranking.items.length > 0 ? (
        <ol class="utrecht-ordered-list">
          {ranking.items.map((item) => (
            <li class="utrecht-ordered-list__item">
              <Link href={`/werkplek/kandidaten/${item.candidate.id}`}>{`${item.candidate.name} (${item.candidate.reference})`}</Link>: {Math.round(item.total)}{' '}
              van 100{item.conditional ? ', onder voorwaarde' : ''}
              {item.reasons[0] ? `. ${item.reasons[0]}` : ''}
            </li>
          ))}
        </ol>
      ) : null}
      {role.vacancyId ? (
        <Paragraph>
          <Link href={`/werkplek/vacatures/${role.vacancyId}`}>{`Alle kandidaten en uitleg bij de vacature ${role.title}`}</Link>
        </Paragraph>
      ) : null}
    </Fragment>
  );
}

/** The values of the change form: the plan, and per role the fields that change most (headcount, dates). */
type EditValues = {
  naam: string;
  omschrijving: string;
  locatie: string;
  status: string;
  roles: Array<{ id: string; titel: string; plaatsen: string; start: string; opleidenWeken: string }>;
};

function editValuesOf(plan: GrowthPlanView): EditValues {
  return {
    naam: plan.name,
    omschrijving: plan.description ?? '',
    locatie: plan.locationId ?? '',
    status: plan.status,
    roles: plan.roles.map((role) => ({
      id: role.id,
      titel: role.title,
      plaatsen: String(role.headcount),
      start: role.expectedDate,
      opleidenWeken: String(role.trainingLeadTimeWeeks),
    })),
  };
}

function readEditForm(form: RawForm, plan: GrowthPlanView): EditValues {
  const one = (name: string) => {
    const value = form[name];
    return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
  };
  return {
    naam: one('naam'),
    omschrijving: one('omschrijving'),
    locatie: one('locatie'),
    status: one('status'),
    // The roles are the plan's own, in its order; the posted ids are checked again by the service.
    roles: plan.roles.map((role, index) => ({
      id: one(`rol-${index}`) || role.id,
      titel: one(`titel-${index}`),
      plaatsen: one(`plaatsen-${index}`),
      start: one(`start-${index}`),
      opleidenWeken: one(`opleidenWeken-${index}`),
    })),
  };
}

const EDIT_FIELDS: Record<string, string> = { name: 'naam', description: 'omschrijving', locationId: 'locatie', status: 'status' };
const ROLE_FIELDS: Record<string, string> = {
  title: 'titel',
  headcount: 'plaatsen',
  expectedDate: 'start',
  trainingLeadTimeWeeks: 'opleidenWeken',
  id: 'titel',
};

/** The change form as the API's PATCH body, or the errors per form field in plain Dutch. */
function updateBodyOf(values: EditValues): { body: UpdateGrowthPlanBody } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const whole = (field: string, value: string) => {
    if (!/^\d{1,4}$/.test(value)) {
      errors[field] ??= value === '' ? 'Vul dit in.' : 'Vul een heel getal in, zonder komma of punt.';
      return undefined;
    }
    return Number(value);
  };
  const roles = values.roles.map((role, index) => ({
    id: role.id,
    title: role.titel,
    headcount: whole(`plaatsen-${index}`, role.plaatsen),
    expectedDate: role.start === '' ? ((errors[`start-${index}`] ??= 'Vul in wanneer de mensen moeten beginnen.'), undefined) : role.start,
    trainingLeadTimeWeeks: whole(`opleidenWeken-${index}`, role.opleidenWeken),
  }));
  const parsed = updateGrowthPlanBodySchema.safeParse({
    name: values.naam,
    description: values.omschrijving === '' ? null : values.omschrijving,
    locationId: values.locatie === '' ? null : values.locatie,
    status: values.status,
    roles,
  });
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrors(parsed.error))) {
      const [first, index, field] = path.split('.');
      const target = first === 'roles' && index !== undefined ? `${ROLE_FIELDS[field ?? ''] ?? 'titel'}-${index}` : (EDIT_FIELDS[first ?? ''] ?? 'naam');
      errors[target] ??= message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { errors };
  return { body: parsed.data };
}

function EditForm({
  ctx,
  plan,
  employer,
  locations,
  values,
  errors = {},
}: {
  ctx: PageContext;
  plan: GrowthPlanView;
  employer: EmployerView;
  locations: Array<{ id: string; name: string; city: string }>;
  values: EditValues;
  errors?: Record<string, string>;
}): Html {
  const title = `${plan.name}: groeiplan wijzigen`;
  const names: Record<string, string> = { naam: 'Naam van het plan', omschrijving: 'Wat gaat er veranderen', locatie: 'Waar', status: 'Status' };
  plan.roles.forEach((role, index) => {
    names[`titel-${index}`] = `Functie ${index + 1}`;
    names[`plaatsen-${index}`] = `Aantal mensen voor ${role.title}`;
    names[`start-${index}`] = `Startdatum voor ${role.title}`;
    names[`opleidenWeken-${index}`] = `Weken opleiden voor ${role.title}`;
  });
  const form = (
    <PostForm ctx={ctx} action={`/werkplek/groeiplannen/${plan.id}/bewerken`} className="kansrijk-stack kansrijk-narrow">
      <InputField name="naam" label="Naam van het plan" value={values.naam} error={errors.naam} required />
      <TextareaField name="omschrijving" label="Wat gaat er veranderen? (mag leeg)" value={values.omschrijving} error={errors.omschrijving} />
      <SelectField
        name="locatie"
        label="Waar is het werk?"
        empty="Nog niet bekend"
        options={locations.map((location) => ({ value: location.id, label: `${location.name}, ${location.city}` }))}
        value={values.locatie}
        error={errors.locatie}
      />
      <SelectField
        name="status"
        label="Status"
        options={GROWTH_PLAN_STATUSES.map((status) => ({ value: status, label: PLAN_STATUS_LABELS[status] }))}
        value={values.status}
        error={errors.status}
      />
      {values.roles.map((role, index) => (
        <fieldset class="utrecht-form-fieldset kansrijk-stack">
          <legend class="utrecht-form-fieldset__legend">Functie {index + 1}</legend>
          <input type="hidden" name={`rol-${index}`} value={role.id} />
          <InputField name={`titel-${index}`} label="Functie" value={role.titel} error={errors[`titel-${index}`]} />
          <InputField
            name={`plaatsen-${index}`}
            label="Hoeveel mensen?"
            type="number"
            min={1}
            max={1000}
            inputmode="numeric"
            value={role.plaatsen}
            error={errors[`plaatsen-${index}`]}
          />
          <InputField name={`start-${index}`} label="Wanneer beginnen zij?" type="date" value={role.start} error={errors[`start-${index}`]} />
          <InputField
            name={`opleidenWeken-${index}`}
            label="Hoeveel weken opleiden voor de start? (mag 0)"
            type="number"
            min={0}
            max={104}
            inputmode="numeric"
            value={role.opleidenWeken}
            error={errors[`opleidenWeken-${index}`]}
          />
        </fieldset>
      ))}
      {plan.roles.some((role) => role.vacancyId) ? (
        <Paragraph>Let op: een vacature die al van een functie is gemaakt, verandert niet mee. Wijzig die vacature zelf.</Paragraph>
      ) : null}
      <Button>Groeiplan opslaan</Button>
    </PostForm>
  );
  return (
    <WerkplekPage ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Fout: ' : ''}${title}`}>
      <Paragraph>
        <Link href={`/werkplek/groeiplannen/${plan.id}`}>Terug naar {plan.name}</Link>
      </Paragraph>
      <Heading>{title}</Heading>
      <Paragraph>Groeiplan van {endOfSentence(employer.name)}</Paragraph>
      <ErrorSummary errors={errors} names={names} hrefOf={(path) => `#veld-${path}`} form={form} />
      {form}
    </WerkplekPage>
  );
}

export async function growthPlanPagesForStaff(app: FastifyInstance, { db, services, clock }: WerkplekDeps) {
  /** Who fits a role: the matcher's ranking of the role (or of the vacancy drafted from it), top few. */
  async function fittingFor(principal: Principal, plan: GrowthPlanView, role: GrowthPlanView['roles'][number], rankingEnabled: boolean): Promise<Fitting> {
    if (!rankingEnabled) return { kind: 'off' };
    const query = { limit: FITTING_SHOWN, offset: 0, show: 'eligible' as const };
    if (role.vacancyId) return { kind: 'ranked', ranking: await services.matching.rankForVacancy({ principal, vacancyId: role.vacancyId, query, lang: 'nl' }) };
    if (!plan.locationId) return { kind: 'no_location' };
    return { kind: 'ranked', ranking: await services.matching.rankForGrowthRole({ principal, roleId: role.id, query, lang: 'nl' }) };
  }

  const planQuery = z.object({ melding: z.enum(Object.keys(NOTICES) as [keyof typeof NOTICES, ...Array<keyof typeof NOTICES>]).optional() });
  app.get('/groeiplannen/:id', pageRoute({ access: access.staff, params: idParams, querystring: planQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const { melding } = request.query as z.infer<typeof planQuery>;
    const plan = await services.growthPlans.get(principal, id);
    const [employer, locations, people, settings] = await Promise.all([
      services.employers.get(principal, plan.employerId),
      services.employers.listLocations(principal, plan.employerId),
      services.growthPlans.pipelinePeople(principal, id),
      services.settings.get(principal),
    ]);
    const fitting: Fitting[] = [];
    for (const role of plan.roles) fitting.push(await fittingFor(principal, plan, role, settings.rankingEnabled));
    const location = locations.find((place) => place.id === plan.locationId);
    const notice = melding ? NOTICES[melding] : undefined;
    const undrafted = plan.roles.filter((role) => !role.vacancyId).length;
    return reply.html(
      <WerkplekPage ctx={ctx} title={plan.name}>
        <Paragraph>
          <Link href={`/werkplek/werkgevers/${employer.id}`}>Terug naar {employer.name}</Link>
        </Paragraph>
        <Heading>{plan.name}</Heading>
        {notice ? (
          <Alert type={notice.type}>
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>
          Groeiplan van <Link href={`/werkplek/werkgevers/${employer.id}`}>{employer.name}</Link>
          {fullStopAfter(employer.name)} Status: {label(PLAN_STATUS_LABELS, plan.status)}. In totaal {plural(plan.totalHeadcount, 'persoon', 'mensen')}.
          Locatie: {location ? `${location.name}, ${location.city}` : 'nog niet bekend'}.
        </Paragraph>
        {plan.description ? <Paragraph>{plan.description}</Paragraph> : null}
        {canWrite(ctx) ? (
          <Paragraph>
            <Link href={`/werkplek/groeiplannen/${plan.id}/bewerken`}>{`${plan.name} wijzigen`}</Link>
          </Paragraph>
        ) : null}

        <TableScroll>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">Functies in dit plan</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Functie
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Nodig
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Voorbereiden vanaf
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Start
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Vacature
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {plan.roles.map((role) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    {role.title}
                  </th>
                  <td class="utrecht-table__cell">{String(role.headcount)}</td>
                  <td class="utrecht-table__cell">{formatDate(role.prepareFrom)}</td>
                  <td class="utrecht-table__cell">{formatDate(role.expectedDate)}</td>
                  <td class="utrecht-table__cell">
                    {role.vacancyId ? <Link href={`/werkplek/vacatures/${role.vacancyId}`}>{`Vacature ${role.title}`}</Link> : 'nog niet'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {canWrite(ctx) && undrafted > 0 ? (
          <PostForm ctx={ctx} action={`/werkplek/groeiplannen/${plan.id}/vacatures`} className="kansrijk-stack">
            <Paragraph>
              {plural(undrafted, 'functie heeft', 'functies hebben')} nog geen vacature. Maak er een conceptvacature van; de werkgever of u maakt die daarna af.
            </Paragraph>
            <Button variant="secondary">Maak conceptvacatures van de functies</Button>
          </PostForm>
        ) : null}

        {plan.roles.map((role, index) => (
          <section class="kansrijk-stack" aria-labelledby={`kop-rol-${index}`}>
            <Heading level={2}>
              <span id={`kop-rol-${index}`}>
                {role.headcount} × {role.title}
              </span>
            </Heading>
            <Paragraph>
              Beginnen op {formatDate(role.expectedDate)}. Voorbereiden vanaf {formatDate(role.prepareFrom)}
              {role.trainingLeadTimeWeeks > 0 ? ` (${plural(role.trainingLeadTimeWeeks, 'week', 'weken')} opleiden)` : ''}. {role.hoursPerWeek.min} tot{' '}
              {role.hoursPerWeek.max} uur per week.
            </Paragraph>
            <Heading level={3}>Hoe ver is de werving?</Heading>
            {role.vacancyId ? null : (
              <Paragraph>Er is nog geen vacature voor deze functie. Mensen komen hier te staan als zij op een shortlist van de vacature staan.</Paragraph>
            )}
            <PipelineTable index={index} role={role} people={people[role.id] ?? []} />
            <Heading level={3}>Wie past bij deze functie?</Heading>
            <FittingList role={role} fitting={fitting[index]!} />
          </section>
        ))}
      </WerkplekPage>,
    );
  });

  // A plan for an employer (as POST /v1/employers/:id/growth-plans): the employer's own form.
  async function renderNew({
    request,
    employer,
    values,
    errors = {},
  }: {
    request: FastifyRequest;
    employer: EmployerView;
    values: GrowthPlanFormValues;
    errors?: Record<string, string>;
  }): Promise<Html> {
    const ctx = pageOf(request);
    const locations = await services.employers.listLocations(apiPrincipalOf(request), employer.id);
    const title = `Nieuw groeiplan voor ${employer.name}`;
    const form = (
      <PostForm ctx={ctx} action={`/werkplek/werkgevers/${employer.id}/groeiplannen/nieuw`} className="kansrijk-stack werkgever-form">
        <FormKey />
        <GrowthPlanFields values={values} errors={errors} locations={locations} roleHeading="Wie heeft de werkgever nodig?" />
        <Button name="actie" value="bewaren">
          Groeiplan opslaan
        </Button>
      </PostForm>
    );
    return (
      <WerkplekPage ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Fout: ' : ''}${title}`}>
        <Paragraph>
          <Link href={`/werkplek/werkgevers/${employer.id}`}>Terug naar {employer.name}</Link>
        </Paragraph>
        <Heading>{title}</Heading>
        <Paragraph>Heeft de werkgever straks meer mensen nodig? Leg het plan vast. Dan kan het Werkplein op tijd mensen voorbereiden.</Paragraph>
        <GrowthPlanErrorList errors={errors} form={form} />
        {form}
      </WerkplekPage>
    );
  }

  app.get('/werkgevers/:id/groeiplannen/nieuw', pageRoute({ access: access.employerStaff, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const employer = await services.employers.get(apiPrincipalOf(request), id);
    return reply.html(await renderNew({ request, employer, values: emptyGrowthPlanForm() }));
  });

  app.post('/werkgevers/:id/groeiplannen/nieuw', pageRoute({ access: access.employerStaff, params: idParams, body: formBody }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const principal = apiPrincipalOf(request);
    // Another Werkplein's employer: not found, before the form is looked at.
    const employer = await services.employers.get(principal, id);
    const values = readGrowthPlanForm(request.body as RawForm);
    const again = async (errors: Record<string, string>, status: number) => reply.html(await renderNew({ request, employer, values, errors }), status);
    const checked = growthPlanBodyOf(values, amsterdamDate(clock.now()));
    if ('errors' in checked) return again(checked.errors, 400);
    try {
      return await submitOnce(db, request, reply, {
        hash: requestHash(['growth-plan', id, checked.body]),
        changed: `/werkplek/werkgevers/${id}`,
        change: async (tx) =>
          `/werkplek/groeiplannen/${(await services.growthPlans.create({ tx, principal, employerId: id, body: checked.body })).id}?melding=nieuw`,
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

  // Change a plan (as PATCH /v1/growth-plans/:id): the plan's fields and its roles' headcount and dates.
  async function editPage(request: FastifyRequest, plan: GrowthPlanView, values: EditValues, errors?: Record<string, string>) {
    const principal = apiPrincipalOf(request);
    const [employer, locations] = await Promise.all([
      services.employers.get(principal, plan.employerId),
      services.employers.listLocations(principal, plan.employerId),
    ]);
    return <EditForm ctx={pageOf(request)} plan={plan} employer={employer} locations={locations} values={values} errors={errors} />;
  }

  app.get('/groeiplannen/:id/bewerken', pageRoute({ access: access.employerStaff, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const plan = await services.growthPlans.get(apiPrincipalOf(request), id);
    return reply.html(await editPage(request, plan, editValuesOf(plan)));
  });

  app.post('/groeiplannen/:id/bewerken', pageRoute({ access: access.employerStaff, params: idParams, body: formBody }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const principal = apiPrincipalOf(request);
    const plan = await services.growthPlans.get(principal, id);
    const values = readEditForm(request.body as RawForm, plan);
    const checked = updateBodyOf(values);
    if ('errors' in checked) return reply.html(await editPage(request, plan, values, checked.errors), 422);
    try {
      await db.transaction((tx) => services.growthPlans.update({ tx, principal, id, body: checked.body }));
    } catch (error) {
      if (error instanceof ProblemError && (error.spec === growthPlanProblems.location_unknown || error.spec === growthPlanProblems.role_unknown)) {
        const text = renderProblem(error.spec, 'nl', { values: error.values }).detail ?? error.spec.title.nl;
        return reply.html(
          await editPage(request, plan, values, error.spec === growthPlanProblems.location_unknown ? { locatie: text } : { 'titel-0': text }),
          400,
        );
      }
      throw error;
    }
    return reply.redirect(`/werkplek/groeiplannen/${id}?melding=gewijzigd`, 303);
  });

  // Draft a vacancy from every role that has none yet (as POST /v1/growth-plans/:id/draft-vacancies).
  app.post(
    '/groeiplannen/:id/vacatures',
    pageRoute({ access: access.employerStaff, params: idParams, body: z.object({ ...csrfField }) }),
    async (request, reply) => {
      const { id } = request.params as z.infer<typeof idParams>;
      const principal = apiPrincipalOf(request);
      try {
        await db.transaction((tx) => services.growthPlans.draftVacancies(tx, principal, id));
      } catch (error) {
        if (error instanceof ProblemError && error.spec === growthPlanProblems.location_missing) {
          return reply.redirect(`/werkplek/groeiplannen/${id}?melding=geen-locatie`, 303);
        }
        throw error;
      }
      return reply.redirect(`/werkplek/groeiplannen/${id}?melding=vacatures`, 303);
    },
  );
}
