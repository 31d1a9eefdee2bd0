import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { Button, Heading, Link, Paragraph, PostForm } from '../pages/components.js';
import { h, raw, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { WerkplekPage } from '../werkplek/werkplek.layout.js';
import { incomeChartSvg } from './rekentool.chart.js';
import { euro, monthName } from './rekentool.messages.js';
import { calculationQuerySchema, type CalculationView } from './rekentool.schemas.js';
import type { RekentoolService } from './rekentool.service.js';

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
        {result.offer.title} bij {result.offer.employerName}, vanaf {result.offer.startDate}. Uren per week:{' '}
        {result.offer.hoursPlan.map((step) => `${step.hoursPerWeek} (vanaf maand ${step.fromMonth})`).join(', ')}.
      </Paragraph>
      <div class="rekentool-conclusion">
        {result.conclusion.map((sentence) => (
          <Paragraph lead>{sentence}</Paragraph>
        ))}
      </div>
      <figure class="rekentool-figure">{raw(incomeChartSvg({ months: result.months, lang: 'nl' }))}</figure>
      <div class="kansrijk-table-scroll">
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
                  {month.incomeAllowance > 0 ? ` (waarvan vrijlating ${money(month.incomeAllowance)})` : ''}
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
      </div>
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
        Berekend op {result.calculatedAt.slice(0, 10)} met de regels van{' '}
        {result.rulesVersions.map((used) => `${used.validFrom} (versie ${used.version})`).join(' en ')}. Dit is een schatting, geen besluit van de gemeente.
      </Paragraph>
    </div>
  );
}

/** Registered in the werkplek; the klantmanager opens it from a candidate's matches or a shortlist entry. */
export async function rekentoolPages(app: FastifyInstance, { rekentool }: { rekentool: RekentoolService }) {
  app.get(
    '/kandidaten/:id/vacatures/:vacancyId/rekentool',
    pageRoute({ access: access.caseworkers, params, querystring: pageQuery }),
    async (request, reply) => {
      const ctx = pageOf(request);
      const { id, vacancyId } = request.params as z.infer<typeof params>;
      const { shortlist, ...query } = request.query as z.infer<typeof pageQuery>;
      const result = await rekentool.calculateForVacancy(apiPrincipalOf(request), { candidateId: id, vacancyId, query, lang: 'nl' });
      const back = shortlist
        ? { href: `/werkplek/shortlists/${shortlist}`, label: 'Terug naar de shortlist' }
        : { href: `/werkplek/kandidaten/${id}`, label: 'Terug naar de kandidaat' };
      return reply.html(
        <WerkplekPage ctx={ctx} title="Rekentool">
          <p class="kansrijk-noprint">
            <Link href={back.href}>{back.label}</Link>. Afdrukken of opslaan als PDF: gebruik Afdrukken in uw browser (Ctrl+P).
          </p>
          <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/besproken/${vacancyId}`} className="kansrijk-noprint">
            <Button variant="secondary">Besproken met de persoon: toon op de eigen pagina</Button>
          </PostForm>
          <RekentoolBody result={result} />
        </WerkplekPage>,
      );
    },
  );
}
