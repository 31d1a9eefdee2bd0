import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { access } from '../auth/roles.js';
import { ProblemError } from '../http/problems.js';
import { Button, Heading, Link, type PageContext, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { h, raw, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { ChoiceGroup, csrfField, ErrorSummary, fieldErrors, InputField, optionsOf } from '../werkplek/werkplek.forms.js';
import { formatDate, formatInstant } from '../werkplek/werkplek.labels.js';
import { WerkplekPage } from '../werkplek/werkplek.layout.js';
import { incomeChartSvg } from './rekentool.chart.js';
import { rekentoolProblems } from './rekentool.errors.js';
import { euro, monthName } from './rekentool.messages.js';
import { calculationQuerySchema, putHouseholdBodySchema, type CalculationView, type HouseholdView } from './rekentool.schemas.js';
import type { RekentoolService } from './rekentool.service.js';
import { AGE_GROUPS, HOUSEHOLD_SITUATIONS } from './rekentool.types.js';

const params = z.object({ id: z.uuid(), vacancyId: z.uuid() });
/** The calculation's own query, plus where the klantmanager came from (a shortlist entry) for the way back. */
const pageQuery = calculationQuerySchema.extend({ shortlist: z.uuid().optional() });

/** The printable rekentool of one person and one vacancy (issue 17, point 4): one A4 page; also on the person's own page. */
export function RekentoolBody({ result }: { result: CalculationView }): Html {
  const money = (amount: number) => euro(amount, 'nl');
  return (
    <div class="rekentool">
      <Heading>Wat levert dit werk op?</Heading>
      <Paragraph>
        {result.offer.title} bij {result.offer.employerName}, vanaf {formatDate(result.offer.startDate)}. Uren per week:{' '}
        {result.offer.hoursPlan.map((step) => `${step.hoursPerWeek} (vanaf maand ${step.fromMonth})`).join(', ')}.
      </Paragraph>
      <div class="rekentool-conclusion">
        {result.conclusion.map((sentence) => (
          <Paragraph lead>{sentence}</Paragraph>
        ))}
      </div>
      <figure class="rekentool-figure">{raw(incomeChartSvg({ months: result.months, lang: 'nl' }))}</figure>
      <TableScroll>
        <table class="utrecht-table utrecht-table--html-table rekentool-table">
          <caption class="utrecht-table__caption">Bedragen per maand</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Maand
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Uren per week
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Loon (netto)
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Bijstand naast werk
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Met werk
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Alleen bijstand
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Verschil
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {result.months.map((month) => (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {monthName(month.month, 'nl')}
                </th>
                <td class="utrecht-table__cell">{month.hoursPerWeek}</td>
                <td class="utrecht-table__cell">{money(month.netWage)}</td>
                <td class="utrecht-table__cell">
                  {money(month.bijstand)}
                  {month.incomeAllowance > 0 ? ` (${money(month.incomeAllowance)} van uw loon mag u houden)` : ''}
                </td>
                <td class="utrecht-table__cell">{money(month.incomeWithWork - month.workCosts)}</td>
                <td class="utrecht-table__cell">{money(month.incomeWithoutWork)}</td>
                <td class="utrecht-table__cell">
                  {money(month.difference)}
                  {month.flags.includes('armoedeval') ? ' (minder dan zonder werk)' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Heading level={2}>Waar we van uitgaan</Heading>
      <ul class="utrecht-unordered-list">
        {result.assumptions.map((text) => (
          <li class="utrecht-unordered-list__item">{text}</li>
        ))}
      </ul>
      <Heading level={2}>Niet meegerekend</Heading>
      <ul class="utrecht-unordered-list">
        {result.notIncluded.map((text) => (
          <li class="utrecht-unordered-list__item">{text}</li>
        ))}
      </ul>
      <Paragraph>
        Berekend op {formatInstant(result.calculatedAt)} met de regels van {result.rulesVersions.map((used) => formatDate(used.validFrom)).join(' en ')}. Dit is
        een schatting, geen besluit van de gemeente.
      </Paragraph>
    </div>
  );
}

const SITUATION_LABELS: Record<(typeof HOUSEHOLD_SITUATIONS)[number], string> = {
  single: 'alleenstaand',
  single_parent: 'alleenstaande ouder (zorgt voor een kind onder de 18)',
  partners: 'getrouwd of samenwonend',
};
const AGE_GROUP_LABELS: Record<(typeof AGE_GROUPS)[number], string> = { '21_to_26': '21 tot en met 26 jaar', '27_to_pension_age': '27 jaar of ouder' };
const HOUSEHOLD_FIELDS = {
  situation: 'Woonsituatie',
  ageGroup: 'Leeftijd',
  costSharers: 'Medebewoners',
  partnerNetMonthlyIncome: 'Inkomen van de partner',
};

/** A question with choices is linked from the error summary by its first choice. */
const FIRST_CHOICE: Record<string, string> = { situation: `-${HOUSEHOLD_SITUATIONS[0]}`, ageGroup: `-${AGE_GROUPS[0]}` };

/** Where to go back to after the household form: the rekentool of a vacancy (from a shortlist entry), or the person. */
const returnQuery = z.object({ vacature: z.uuid().optional(), shortlist: z.uuid().optional() });
type Return = z.infer<typeof returnQuery>;
const rekentoolHref = (id: string, back: Return) =>
  back.vacature
    ? `/werkplek/kandidaten/${id}/vacatures/${back.vacature}/rekentool${back.shortlist ? `?shortlist=${back.shortlist}` : ''}`
    : `/werkplek/kandidaten/${id}`;

/** Where the klantmanager opened the rekentool from: a shortlist entry, or the person's page. */
const cameFrom = (id: string, shortlist: string | undefined) =>
  shortlist
    ? { href: `/werkplek/shortlists/${shortlist}`, label: 'Terug naar de shortlist' }
    : { href: `/werkplek/kandidaten/${id}`, label: 'Terug naar de kandidaat' };

/**
 * The household situation, asked for the rekentool only (the same rules and audit as PUT
 * /v1/candidates/:id/household): without it the rekentool cannot calculate.
 */
function HouseholdForm({
  ctx,
  id,
  back,
  values,
  errors = {},
  missing,
}: {
  ctx: PageContext;
  id: string;
  back: Return;
  values: Record<string, string | undefined>;
  errors?: Record<string, string>;
  missing: boolean;
}): Html {
  const title = 'Woonsituatie voor de rekentool';
  // Asked for on the rekentool's own address: back to where the klantmanager came from, not to itself.
  const backTo = !missing && back.vacature ? { href: rekentoolHref(id, back), label: 'Terug naar de rekentool' } : cameFrom(id, back.shortlist);
  const form = (
    <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/woonsituatie`} className="kansrijk-stack kansrijk-narrow">
      {back.vacature ? <input type="hidden" name="vacature" value={back.vacature} /> : null}
      {back.shortlist ? <input type="hidden" name="shortlist" value={back.shortlist} /> : null}
      <ChoiceGroup
        name="situation"
        idPrefix="veld-situation"
        legend="Woonsituatie"
        options={optionsOf(SITUATION_LABELS)}
        chosen={values.situation ? [values.situation] : []}
        error={errors.situation}
      />
      <ChoiceGroup
        name="ageGroup"
        idPrefix="veld-ageGroup"
        legend="Leeftijd"
        options={optionsOf(AGE_GROUP_LABELS)}
        chosen={values.ageGroup ? [values.ageGroup] : []}
        error={errors.ageGroup}
      />
      <InputField
        name="costSharers"
        label="Hoeveel medebewoners van 27 jaar of ouder? Niet de partner, en alleen wie geen commerciële huur betaalt."
        value={values.costSharers ?? '0'}
        error={errors.costSharers}
        inputmode="numeric"
      />
      <InputField
        name="partnerNetMonthlyIncome"
        label="Netto inkomen van de partner per maand, in euro (0 zonder partner)"
        value={values.partnerNetMonthlyIncome ?? '0'}
        error={errors.partnerNetMonthlyIncome}
        inputmode="decimal"
      />
      <Button>Woonsituatie opslaan</Button>
    </PostForm>
  );
  return (
    <WerkplekPage ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Fout: ' : ''}${title}`}>
      <Paragraph>
        <Link href={backTo.href}>{backTo.label}</Link>
      </Paragraph>
      <Heading>{title}</Heading>
      <Paragraph>
        {missing ? 'De rekentool heeft eerst de woonsituatie van deze persoon nodig. ' : ''}
        We vragen die alleen voor de rekentool: de bijstandsnorm hangt ervan af. Het profiel en het zoeken naar werk gebruiken haar niet.
      </Paragraph>
      <ErrorSummary errors={errors} names={HOUSEHOLD_FIELDS} hrefOf={(path) => `#veld-${path}${FIRST_CHOICE[path] ?? ''}`} form={form} />
      {form}
    </WerkplekPage>
  );
}

const householdValues = (household: HouseholdView): Record<string, string> => ({
  situation: household.situation,
  ageGroup: household.ageGroup,
  costSharers: String(household.costSharers),
  partnerNetMonthlyIncome: household.partnerNetMonthlyIncome.toFixed(2).replace('.', ','),
});

/** A count as people type it ("2"); empty is 0; anything else is not a count. */
function typedCount(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 0;
  return /^\d{1,2}$/.test(trimmed) ? Number(trimmed) : null;
}

/** An amount in euro as people type it ("€ 1.250,50", "1250,5", "1250.50"); empty is 0; anything else is not an amount. */
function typedAmount(text: string): number | null {
  const trimmed = text.replace(/€|\s/g, '');
  if (trimmed === '') return 0;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(trimmed)) return Number(trimmed.replace(/\./g, '').replace(',', '.'));
  if (/^\d+([.,]\d{1,2})?$/.test(trimmed)) return Number(trimmed.replace(',', '.'));
  return null;
}

/** Registered in the werkplek; the klantmanager opens it from a candidate's matches or a shortlist entry. */
export async function rekentoolPages(app: FastifyInstance, { rekentool, db }: { rekentool: RekentoolService; db: Db }) {
  app.get(
    '/kandidaten/:id/vacatures/:vacancyId/rekentool',
    pageRoute({ access: access.caseworkers, params, querystring: pageQuery }),
    async (request, reply) => {
      const ctx = pageOf(request);
      const { id, vacancyId } = request.params as z.infer<typeof params>;
      const { shortlist, ...query } = request.query as z.infer<typeof pageQuery>;
      const here: Return = { vacature: vacancyId, ...(shortlist ? { shortlist } : {}) };
      const result = await rekentool.calculateForVacancy(apiPrincipalOf(request), { candidateId: id, vacancyId, query, lang: 'nl' }).catch((error: unknown) => {
        if (error instanceof ProblemError && error.spec === rekentoolProblems.household_missing) return null;
        throw error;
      });
      // Without the household situation nothing can be calculated: ask for it here.
      if (!result) return reply.html(<HouseholdForm ctx={ctx} id={id} back={here} values={{}} missing />);
      const back = cameFrom(id, shortlist);
      return reply.html(
        <WerkplekPage ctx={ctx} title="Rekentool">
          <p class="kansrijk-noprint">
            <Link href={back.href}>{back.label}</Link>. Afdrukken of opslaan als PDF: gebruik Afdrukken in uw browser (Ctrl+P).
          </p>
          <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/besproken/${vacancyId}`} className="kansrijk-noprint">
            <Button variant="secondary">Besproken met de persoon: toon op de eigen pagina</Button>
          </PostForm>
          <RekentoolBody result={result} />
          <p class="kansrijk-noprint">
            <Link href={`/werkplek/kandidaten/${id}/woonsituatie?${new URLSearchParams(here as Record<string, string>).toString()}`}>
              Woonsituatie wijzigen
            </Link>
          </p>
        </WerkplekPage>,
      );
    },
  );

  const idOnly = z.object({ id: z.uuid() });
  /** The stored household, or null; someone the caller may not see is not found (404), before anything else. */
  const storedHousehold = (request: Parameters<typeof apiPrincipalOf>[0], id: string) =>
    rekentool.getHousehold(apiPrincipalOf(request), id).catch((error: unknown) => {
      if (error instanceof ProblemError && error.spec === rekentoolProblems.household_not_found) return null;
      throw error;
    });
  app.get('/kandidaten/:id/woonsituatie', pageRoute({ access: access.caseworkers, params: idOnly, querystring: returnQuery }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idOnly>;
    const household = await storedHousehold(request, id);
    const back = request.query as Return;
    return reply.html(<HouseholdForm ctx={pageOf(request)} id={id} back={back} values={household ? householdValues(household) : {}} missing={!household} />);
  });

  const householdBody = z.object({
    ...csrfField,
    ...returnQuery.shape,
    situation: z.string().max(100).default(''),
    ageGroup: z.string().max(100).default(''),
    costSharers: z.string().max(100).default(''),
    partnerNetMonthlyIncome: z.string().max(100).default(''),
  });
  app.post('/kandidaten/:id/woonsituatie', pageRoute({ access: access.caseworkers, params: idOnly, body: householdBody }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idOnly>;
    const { _csrf, vacature, shortlist, ...values } = request.body as z.infer<typeof householdBody>;
    const back: Return = { ...(vacature ? { vacature } : {}), ...(shortlist ? { shortlist } : {}) };
    await storedHousehold(request, id);
    const costSharers = typedCount(values.costSharers);
    const partnerNetMonthlyIncome = typedAmount(values.partnerNetMonthlyIncome);
    const parsed = putHouseholdBodySchema.safeParse({
      situation: values.situation || undefined,
      ageGroup: values.ageGroup || undefined,
      costSharers: costSharers ?? 0,
      partnerNetMonthlyIncome: partnerNetMonthlyIncome ?? 0,
    });
    // What people typed that is no number says so in its own words, before the rules' checks.
    const errors = {
      ...(parsed.success ? {} : fieldErrors(parsed.error)),
      ...(costSharers === null ? { costSharers: 'Vul een aantal in, bijvoorbeeld 1.' } : {}),
      ...(partnerNetMonthlyIncome === null ? { partnerNetMonthlyIncome: 'Vul een bedrag in euro in, bijvoorbeeld 1.250,50.' } : {}),
    };
    if (!parsed.success || Object.keys(errors).length > 0)
      return reply.html(<HouseholdForm ctx={pageOf(request)} id={id} back={back} values={values} errors={errors} missing={false} />, 422);
    await db.transaction((tx) => rekentool.putHousehold({ tx, principal: apiPrincipalOf(request), candidateId: id, body: parsed.data }));
    return reply.redirect(rekentoolHref(id, back), 303);
  });
}
