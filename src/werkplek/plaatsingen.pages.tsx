import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import { CONTRACT_TYPES } from '../vacancies/vacancies.schemas.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import {
  createPlacementBodySchema,
  DROPOUT_REASONS,
  FOLLOW_UP_OUTCOMES,
  recordFollowUpBodySchema,
  type StaffPlacementView,
} from '../placements/placements.schemas.js';
import { endOfSentence } from '../pages/labels.js';
import { CHECK_IN_GOING_WELL_LABELS } from '../placements/placements.labels.js';
import { INSTRUMENT_CODES } from '../settings/settings.schemas.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { WerkplekPage } from './werkplek.layout.js';
import {
  ChoiceGroup,
  csrfField,
  ErrorSummary,
  fieldErrors,
  formInt,
  formList,
  formText,
  InputField,
  optionsOf,
  SelectField,
  TextareaField,
} from './werkplek.forms.js';
import {
  CONTRACT_LABELS,
  DROPOUT_REASON_LABELS,
  FOLLOW_UP_OUTCOME_LABELS,
  formatDate,
  formatInstant,
  INSTRUMENT_LABELS,
  label,
  PLACEMENT_STATUS_LABELS,
  plural,
} from './werkplek.labels.js';

const idParams = z.object({ id: z.uuid() });
const euro = (amount: number) => amount.toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' });

/** A problem from a service, as the sentence people read on the form it came from. */
function problemText(error: unknown): string | null {
  return error instanceof ProblemError && error.spec.status < 500 ? (renderProblem(error.spec, 'nl', { values: error.values }).detail ?? null) : null;
}

const followUpForm = z.object({
  ...csrfField,
  monthMark: formInt(1, 6),
  outcome: formText(40),
  dropoutReason: formText(40),
  endedOn: formText(10),
  note: formText(2000),
});

const FOLLOW_UP_FIELD_NAMES = {
  monthMark: 'Welk gesprek',
  outcome: 'Hoe gaat het',
  dropoutReason: 'Reden van stoppen',
  endedOn: 'Laatste werkdag',
  note: 'Notitie',
};

function PlacementPage({
  ctx,
  placement,
  errors = {},
  problem,
  values,
}: {
  ctx: ReturnType<typeof pageOf>;
  placement: StaffPlacementView;
  errors?: Record<string, string>;
  problem?: string | null;
  values?: z.infer<typeof followUpForm>;
}): Html {
  const open = placement.followUps.filter((followUp) => followUp.outcome === null);
  const title = `Plaatsing van ${placement.candidate.name}`;
  return (
    <WerkplekPage ctx={ctx} title={title}>
      <Heading>{title}</Heading>
      <Paragraph>
        <Link href={`/werkplek/kandidaten/${placement.candidate.id}`}>
          {placement.candidate.name} ({placement.candidate.reference})
        </Link>{' '}
        werkt als <Link href={`/werkplek/vacatures/${placement.vacancy.id}`}>{placement.vacancy.title}</Link> bij {endOfSentence(placement.employer.name)}{' '}
        Gestart op {formatDate(placement.startDate)}, {placement.hoursPerWeek} uur per week, {label(CONTRACT_LABELS, placement.contractType)}
        {placement.contractMonths ? ` voor ${plural(placement.contractMonths, 'maand', 'maanden')}` : ''}.
      </Paragraph>
      <Paragraph>
        Status: {label(PLACEMENT_STATUS_LABELS, placement.status)}
        {placement.endedOn ? `, gestopt op ${formatDate(placement.endedOn)}` : ''}
        {placement.endReason ? ` (${label({ ...DROPOUT_REASON_LABELS, ...FOLLOW_UP_OUTCOME_LABELS }, placement.endReason)})` : ''}.
        {placement.instrumentsUsed.length > 0 ? ` Regelingen: ${placement.instrumentsUsed.map((used) => label(INSTRUMENT_LABELS, used.code)).join(', ')}.` : ''}
      </Paragraph>
      <section class="kansrijk-stack" aria-labelledby="kop-gesprekken">
        <Heading level={2}>
          <span id="kop-gesprekken">Gesprekken na 1, 3 en 6 maanden</span>
        </Heading>
        <TableScroll>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">Gesprekken</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Gesprek
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Gepland op
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Uitkomst
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Vastgelegd door
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {placement.followUps.map((followUp) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    Na {plural(followUp.monthMark, 'maand', 'maanden')}
                  </th>
                  <td class="utrecht-table__cell">
                    {formatDate(followUp.dueOn)}
                    {followUp.due ? ' (nu aan de beurt)' : ''}
                  </td>
                  <td class="utrecht-table__cell">
                    {followUp.outcome ? label(FOLLOW_UP_OUTCOME_LABELS, followUp.outcome) : 'nog niet gehouden'}
                    {followUp.dropoutReason ? `, reden: ${label(DROPOUT_REASON_LABELS, followUp.dropoutReason)}` : ''}
                    {followUp.note ? `. ${followUp.note}` : ''}
                  </td>
                  <td class="utrecht-table__cell">{followUp.recordedBy ? `${followUp.recordedBy.name}, ${formatInstant(followUp.recordedAt)}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {placement.checkIns.length > 0 ? (
          <Fragment>
            <Heading level={3}>Check-ins van de werkgever</Heading>
            <ul class="utrecht-unordered-list">
              {placement.checkIns.map((checkIn) => (
                <li class="utrecht-unordered-list__item">
                  Na {plural(checkIn.monthMark, 'maand', 'maanden')} ({formatInstant(checkIn.givenAt)}): gaat het goed?{' '}
                  {label(CHECK_IN_GOING_WELL_LABELS, checkIn.goingWell)}. Is er iets nodig? {checkIn.needsSomething ? <strong>ja</strong> : 'nee'}.
                  {checkIn.note ? ` "${checkIn.note}"` : ''}
                </li>
              ))}
            </ul>
          </Fragment>
        ) : null}
        {placement.status === 'active' && open.length > 0 ? (
          <PostForm ctx={ctx} action={`/werkplek/plaatsingen/${placement.id}/gesprek`} className="kansrijk-stack kansrijk-narrow">
            <Heading level={3}>Gesprek vastleggen</Heading>
            {problem ? (
              <Alert type="error" focus>
                <Paragraph>{problem}</Paragraph>
              </Alert>
            ) : null}
            <ErrorSummary errors={errors} names={FOLLOW_UP_FIELD_NAMES} />
            <ChoiceGroup
              name="monthMark"
              legend="Welk gesprek?"
              error={errors.monthMark}
              options={open.map((followUp) => ({
                value: String(followUp.monthMark),
                label: `Na ${plural(followUp.monthMark, 'maand', 'maanden')} (${formatDate(followUp.dueOn)})`,
              }))}
              chosen={[String(values?.monthMark ?? open.find((followUp) => followUp.due)?.monthMark ?? open[0]!.monthMark)]}
            />
            <ChoiceGroup
              name="outcome"
              legend="Hoe gaat het?"
              error={errors.outcome}
              options={optionsOf(FOLLOW_UP_OUTCOME_LABELS, FOLLOW_UP_OUTCOMES)}
              chosen={values?.outcome ? [values.outcome] : []}
            />
            <SelectField
              name="dropoutReason"
              label="Reden van stoppen (alleen als iemand is uitgevallen)"
              empty="Geen: werkt nog"
              options={optionsOf(DROPOUT_REASON_LABELS, DROPOUT_REASONS)}
              value={values?.dropoutReason}
              error={errors.dropoutReason}
            />
            <InputField
              name="endedOn"
              type="date"
              label="Laatste werkdag (als iemand is gestopt)"
              description="Leeg laten: vandaag."
              value={values?.endedOn}
              error={errors.endedOn}
            />
            <TextareaField
              name="note"
              label="Notitie"
              description="Schrijf niets over gezondheid of andere privézaken."
              value={values?.note}
              error={errors.note}
            />
            <Button>Gesprek opslaan</Button>
          </PostForm>
        ) : null}
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-besparing">
        <Heading level={2}>
          <span id="kop-besparing">Wat het bespaart (schatting)</span>
        </Heading>
        <Paragraph>
          Ongeveer {euro(placement.savings.netSavings)} minder bijstand, over {plural(placement.savings.benefitMonthsAvoided, 'maand', 'maanden')}.
        </Paragraph>
        {placement.savings.byMonth ? (
          <TableScroll>
            <table class="utrecht-table utrecht-table--html-table">
              <caption class="utrecht-table__caption">Besparing per maand, het eerste jaar</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">
                    Maand
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Uren per week
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Bijstand zonder werk
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Bijstand met werk
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Kosten regelingen
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Besparing
                  </th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {placement.savings.byMonth.months.map((month) => (
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="row">
                      {month.month}
                    </th>
                    <td class="utrecht-table__cell">{String(month.hoursPerWeek)}</td>
                    <td class="utrecht-table__cell">{euro(month.benefitWithoutWork)}</td>
                    <td class="utrecht-table__cell">{euro(month.benefitWithWork)}</td>
                    <td class="utrecht-table__cell">{euro(month.subsidyCosts)}</td>
                    <td class="utrecht-table__cell">{euro(month.netSavings)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        ) : null}
        <ul class="utrecht-unordered-list">
          {placement.savings.byMonth
            ? placement.savings.byMonth.assumptions.map((assumption) => (
                <li class="utrecht-unordered-list__item">
                  {assumption.text}
                  {assumption.source ? (
                    <Fragment>
                      {' Bron: '}
                      <Link href={assumption.source.url}>{assumption.source.title}</Link>.
                    </Fragment>
                  ) : null}
                </li>
              ))
            : placement.savings.assumptions.map((assumption) => <li class="utrecht-unordered-list__item">{assumption}</li>)}
        </ul>
      </section>
    </WerkplekPage>
  );
}

const createForm = z.object({
  ...csrfField,
  candidateId: z.uuid(),
  vacancyId: z.uuid(),
  shortlistId: z.union([z.uuid(), z.literal('')]).optional(),
  startDate: formText(10),
  hoursPerWeek: formInt(1, 48),
  contractType: formText(40),
  contractMonths: formInt(1, 120),
  instruments: formList(z.string().max(40), INSTRUMENT_CODES.length),
});
const CREATE_FIELD_NAMES = {
  startDate: 'Eerste werkdag',
  hoursPerWeek: 'Uren per week',
  contractType: 'Soort contract',
  contractMonths: 'Duur van het contract',
  instrumentsUsed: 'Regelingen',
};
const newQuery = z.object({ candidateId: z.uuid(), vacancyId: z.uuid(), shortlistId: z.uuid().optional() });

/** Plaatsingen (issue 14, page 5): placements, the follow-up talks at 1, 3 and 6 months, drop-out with its reason. */
export async function placementPages(app: FastifyInstance, { db, services }: WerkplekDeps) {
  const listQuery = z.object({ status: z.enum(['active', 'ended']).optional() });
  app.get('/plaatsingen', pageRoute({ access: access.staff, querystring: listQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const { status = 'active' } = request.query as z.infer<typeof listQuery>;
    const page = await services.placements.list(apiPrincipalOf(request), { status, limit: 100 });
    return reply.html(
      <WerkplekPage ctx={ctx} title="Plaatsingen">
        <Heading>Plaatsingen</Heading>
        <Paragraph>
          {status === 'active' ? (
            <Link href="/werkplek/plaatsingen?status=ended">Toon plaatsingen die gestopt zijn</Link>
          ) : (
            <Link href="/werkplek/plaatsingen">Toon lopende plaatsingen</Link>
          )}
        </Paragraph>
        <Paragraph>
          {plural(page.items.length, 'plaatsing', 'plaatsingen')} {status === 'active' ? 'lopen' : 'zijn gestopt'}
          {page.nextCursor ? ' (de eerste 100)' : ''}.
        </Paragraph>
        <TableScroll>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">{status === 'active' ? 'Lopende plaatsingen' : 'Gestopte plaatsingen'}</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Werk
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Werkgever
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Gestart op
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Uren
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {page.items.map((item) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">
                    <Link href={`/werkplek/plaatsingen/${item.id}`}>{item.vacancy.title}</Link>
                  </td>
                  <td class="utrecht-table__cell">{item.employer.name}</td>
                  <td class="utrecht-table__cell">{formatDate(item.startDate)}</td>
                  <td class="utrecht-table__cell">{item.hoursPerWeek}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </WerkplekPage>,
    );
  });

  async function staffPlacement(request: FastifyRequest, id: string): Promise<StaffPlacementView> {
    return (await services.placements.get(apiPrincipalOf(request), id, 'nl')) as StaffPlacementView;
  }

  app.get('/plaatsingen/:id', pageRoute({ access: access.staff, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    return reply.html(<PlacementPage ctx={pageOf(request)} placement={await staffPlacement(request, id)} />);
  });

  // Validated with the API's own schema; what does not fit is shown on the form again, with the answers kept.
  app.post('/plaatsingen/:id/gesprek', pageRoute({ access: access.staff, params: idParams, body: followUpForm }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const form = request.body as z.infer<typeof followUpForm>;
    const again = async (status: number, errors: Record<string, string>, problem: string | null = null) =>
      reply.html(<PlacementPage ctx={pageOf(request)} placement={await staffPlacement(request, id)} errors={errors} problem={problem} values={form} />, status);
    const parsed = recordFollowUpBodySchema.safeParse({
      monthMark: form.monthMark,
      outcome: form.outcome,
      ...(form.dropoutReason ? { dropoutReason: form.dropoutReason } : {}),
      ...(form.endedOn ? { endedOn: form.endedOn } : {}),
      ...(form.note ? { note: form.note } : {}),
    });
    if (!parsed.success) return again(422, fieldErrors(parsed.error));
    try {
      await db.transaction((tx) => services.placements.recordFollowUp({ tx, principal: apiPrincipalOf(request), id, body: parsed.data }));
    } catch (error) {
      const text = problemText(error);
      if (!text || (error as ProblemError).spec.status === 404) throw error;
      return again((error as ProblemError).spec.status, {}, text);
    }
    return reply.redirect(`/werkplek/plaatsingen/${id}`, 303);
  });

  async function newPlacementPage(
    request: FastifyRequest,
    reply: FastifyReply,
    {
      query,
      errors = {},
      problem = null,
      values,
      status = 200,
    }: {
      query: z.infer<typeof newQuery>;
      errors?: Record<string, string>;
      problem?: string | null;
      values?: Partial<z.infer<typeof createForm>>;
      status?: number;
    },
  ) {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    // Both through their services: another tenant's person or vacancy is not found.
    const candidate = await services.candidates.get(principal, query.candidateId);
    const vacancy = await services.vacancies.get(principal, query.vacancyId);
    return reply.html(
      <WerkplekPage ctx={ctx} title="Plaatsing vastleggen">
        <Heading>Plaatsing vastleggen</Heading>
        <Paragraph>
          {candidate.name} ({candidate.reference}) gaat aan het werk als {vacancy.title} bij {endOfSentence(vacancy.employerName)} De gesprekken na 1, 3 en 6
          maanden worden dan gepland.
        </Paragraph>
        <PostForm ctx={ctx} action="/werkplek/plaatsingen" className="kansrijk-stack kansrijk-narrow">
          {problem ? (
            <Alert type="error" focus>
              <Paragraph>{problem}</Paragraph>
            </Alert>
          ) : null}
          <ErrorSummary errors={errors} names={CREATE_FIELD_NAMES} />
          <input type="hidden" name="candidateId" value={candidate.id} />
          <input type="hidden" name="vacancyId" value={vacancy.id} />
          <input type="hidden" name="shortlistId" value={query.shortlistId ?? ''} />
          <InputField name="startDate" type="date" label="Eerste werkdag" value={values?.startDate ?? vacancy.startDate} error={errors.startDate} required />
          <InputField
            name="hoursPerWeek"
            type="number"
            min={1}
            max={48}
            label="Uren per week"
            value={values?.hoursPerWeek ?? vacancy.hoursPerWeek.min}
            error={errors.hoursPerWeek}
            required
          />
          <SelectField
            name="contractType"
            label="Soort contract"
            options={optionsOf(CONTRACT_LABELS, CONTRACT_TYPES)}
            value={values?.contractType ?? vacancy.contractType}
            error={errors.contractType}
          />
          <InputField
            name="contractMonths"
            type="number"
            min={1}
            max={120}
            label="Duur van het contract in maanden"
            description="Leeg laten bij een vast contract."
            value={values?.contractMonths}
            error={errors.contractMonths}
          />
          <ChoiceGroup
            type="checkbox"
            name="instruments"
            legend="Regelingen die worden gebruikt"
            options={optionsOf(INSTRUMENT_LABELS, INSTRUMENT_CODES)}
            chosen={values?.instruments ?? []}
            error={errors.instrumentsUsed}
          />
          <Button>Plaatsing opslaan</Button>
        </PostForm>
      </WerkplekPage>,
      status,
    );
  }

  app.get('/plaatsingen/nieuw', pageRoute({ access: access.staff, querystring: newQuery }), async (request, reply) =>
    newPlacementPage(request, reply, { query: request.query as z.infer<typeof newQuery> }),
  );

  app.post('/plaatsingen', pageRoute({ access: access.staff, body: createForm }), async (request, reply) => {
    const form = request.body as z.infer<typeof createForm>;
    const query = { candidateId: form.candidateId, vacancyId: form.vacancyId, ...(form.shortlistId ? { shortlistId: form.shortlistId } : {}) };
    const parsed = createPlacementBodySchema.safeParse({
      ...query,
      startDate: form.startDate,
      hoursPerWeek: form.hoursPerWeek,
      contractType: form.contractType,
      ...(form.contractMonths ? { contractMonths: form.contractMonths } : {}),
      instrumentsUsed: form.instruments.map((code) => ({ code })),
    });
    if (!parsed.success) return newPlacementPage(request, reply, { query, errors: fieldErrors(parsed.error), values: form, status: 422 });
    let created: { id: string };
    try {
      created = await db.transaction((tx) => services.placements.create({ tx, principal: apiPrincipalOf(request), body: parsed.data, lang: 'nl' }));
    } catch (error) {
      const text = problemText(error);
      if (!text || (error as ProblemError).spec.status === 404) throw error;
      return newPlacementPage(request, reply, { query, problem: text, values: form, status: (error as ProblemError).spec.status });
    }
    return reply.redirect(`/werkplek/plaatsingen/${created.id}`, 303);
  });
}
