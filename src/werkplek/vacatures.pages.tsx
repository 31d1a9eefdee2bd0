import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Services } from '../services.js';
import { access } from '../auth/roles.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, TableScroll, TextField } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import type { CandidateHit } from '../search/search.schemas.js';
import type { PairMatchView, VacancyMatchesView } from '../matching/matching.schemas.js';
import { matchingProblems } from '../matching/matching.errors.js';
import { WerkplekPage } from './werkplek.layout.js';
import { FACTOR_LABELS, label, STATUS_LABELS } from './werkplek.labels.js';

const idParams = z.object({ id: z.uuid() });
type Deps = { db: Db; services: Services };

/** A factor as a labelled meter: no inline style needed (CSP), read out by screen readers. */
function FactorBars({ factors, id }: { factors: VacancyMatchesView['items'][number]['factors']; id: string }): Html {
  return (
    <ul class="utrecht-unordered-list kansrijk-factors">
      {factors.map((factor) => (
        <li class="utrecht-unordered-list__item">
          <label for={`f-${id}-${factor.factor}`}>{label(FACTOR_LABELS, factor.factor)}</label>{' '}
          <meter id={`f-${id}-${factor.factor}`} min="0" max="1" low="0.34" high="0.67" optimum="1" value={factor.score.toFixed(2)}>
            {Math.round(factor.score * 100)} van 100
          </meter>{' '}
          <span>{Math.round(factor.score * 100)}</span>
        </li>
      ))}
    </ul>
  );
}

function Explanation({ item }: { item: Pick<PairMatchView, 'reasons' | 'improvements' | 'conditions' | 'exclusions' | 'nearestFit' | 'conditional'> }): Html {
  return (
    <div class="kansrijk-stack">
      {item.exclusions.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {item.exclusions.map((exclusion) => (
            <li class="utrecht-unordered-list__item">{exclusion.reason}</li>
          ))}
        </ul>
      ) : null}
      {item.nearestFit ? <Paragraph>{item.nearestFit}</Paragraph> : null}
      {item.reasons.length > 0 ? (
        <ul class="utrecht-unordered-list">
          {item.reasons.map((reason) => (
            <li class="utrecht-unordered-list__item">{reason}</li>
          ))}
        </ul>
      ) : null}
      {item.improvements.length > 0 ? <Paragraph>Wat zou helpen: {item.improvements.join(' ')}</Paragraph> : null}
      {item.conditional ? <Paragraph>Past als eerst gebeurt: {item.conditions.map((condition) => condition.action).join('; ')}</Paragraph> : null}
    </div>
  );
}

export async function vacancyPages(app: FastifyInstance, { db, services }: Deps) {
  const listQuery = z.object({ q: z.string().trim().max(100).optional(), status: z.enum(['draft', 'open', 'filled', 'closed']).optional() });
  app.get('/vacatures', pageRoute({ access: access.staff, querystring: listQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const query = request.query as z.infer<typeof listQuery>;
    const status = query.status ?? 'open';
    const page = await services.vacancies.list(apiPrincipalOf(request), { q: query.q || undefined, status, limit: 100 });
    return reply.html(
      <WerkplekPage ctx={ctx} title="Vacatures">
        <Heading>Vacatures</Heading>
        <form method="get" action="/werkplek/vacatures" class="kansrijk-stack kansrijk-narrow" role="search">
          <TextField name="q" label="Zoek op titel" type="search" value={query.q} maxlength={100} />
          <input type="hidden" name="status" value={status} />
          <Button variant="secondary">Zoeken</Button>
        </form>
        <Paragraph>
          {page.items.length} vacatures met status {label(STATUS_LABELS, status)}.
        </Paragraph>
        <TableScroll>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">Vacatures</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Vacature
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Werkgever
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Plaats
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Uren
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {page.items.map((vacancy) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">
                    <Link href={`/werkplek/vacatures/${vacancy.id}`}>{vacancy.title}</Link>
                  </td>
                  <td class="utrecht-table__cell">{vacancy.employerName}</td>
                  <td class="utrecht-table__cell">{vacancy.location.city}</td>
                  <td class="utrecht-table__cell">
                    {vacancy.hoursPerWeek.min}–{vacancy.hoursPerWeek.max}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </WerkplekPage>,
    );
  });

  /** Why someone is not ranked at all: said on the vacancy page, not as an error page. */
  const NOT_RANKED = [matchingProblems.candidate_not_active, matchingProblems.candidate_not_ready, matchingProblems.candidate_no_home];
  const vacancyQuery = z.object({ waarom: z.string().trim().max(100).optional(), kandidaat: z.uuid().optional() });
  /** At most this many people to choose from when a name fits more than one. */
  const WHY_CHOICES = 10;
  app.get('/vacatures/:id', pageRoute({ access: access.staff, params: idParams, querystring: vacancyQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const { waarom, kandidaat } = request.query as z.infer<typeof vacancyQuery>;
    const vacancy = await services.vacancies.get(principal, id);
    const settings = await services.settings.get(principal);
    const ranking = settings.rankingEnabled
      ? await services.matching.rankForVacancy({ principal, vacancyId: id, query: { limit: 25, offset: 0, show: 'eligible' }, lang: 'nl' })
      : null;
    const excluded = settings.rankingEnabled
      ? await services.matching.rankForVacancy({ principal, vacancyId: id, query: { limit: 10, offset: 0, show: 'excluded' }, lang: 'nl' })
      : null;
    // "Waarom staat … er niet bij?": find the person by name or reference, then explain the pair.
    // Someone who is not ranked at all (paused, no intake yet …) gets the reason on this page. A
    // name that fits more than one person (two Jansens) gives a choice first (`kandidaat`).
    let why: { asked: string; pair?: PairMatchView; notRanked?: { name: string; title: string; detail: string }; choices?: CandidateHit[] } | undefined;
    if (waarom && settings.rankingEnabled) {
      const found = await services.search.searchCandidates(principal, { q: waarom, limit: WHY_CHOICES, offset: 0, sort: 'relevance' });
      const asked = waarom.toLocaleLowerCase('nl');
      const exact = found.items.filter((item) => item.name.toLocaleLowerCase('nl') === asked || item.reference.toLocaleLowerCase('nl') === asked);
      const candidates = exact.length > 0 ? exact : found.items;
      const hit = kandidaat ? found.items.find((item) => item.id === kandidaat) : candidates.length === 1 ? candidates[0] : undefined;
      why = { asked: waarom, ...(!kandidaat && candidates.length > 1 ? { choices: candidates } : {}) };
      if (hit) {
        try {
          why.pair = await services.matching.explainPair({ principal, vacancyId: id, candidateId: hit.id, lang: 'nl' });
        } catch (error) {
          if (!(error instanceof ProblemError && NOT_RANKED.includes(error.spec))) throw error;
          const problem = renderProblem(error.spec, 'nl', { values: error.values });
          why.notRanked = { name: hit.name, title: problem.title, detail: problem.detail ?? '' };
        }
      }
    }
    return reply.html(
      <WerkplekPage ctx={ctx} title={vacancy.title}>
        <Heading>{vacancy.title}</Heading>
        <Paragraph>
          {vacancy.employerName}, {vacancy.location.city}. {vacancy.hoursPerWeek.min} tot {vacancy.hoursPerWeek.max} uur per week
          {vacancy.rampUpFromHours ? `, beginnen met ${vacancy.rampUpFromHours} uur kan` : ''}. Status: {label(STATUS_LABELS, vacancy.status)}.
        </Paragraph>
        {!ranking ? (
          <Alert type="info">
            <Paragraph>Rangschikken staat uit voor dit Werkplein. U kunt kandidaten zoeken en zelf op een shortlist zetten.</Paragraph>
          </Alert>
        ) : (
          <section class="kansrijk-stack" aria-labelledby="kop-passend">
            <Heading level={2}>
              <span id="kop-passend">Wie past</span>
            </Heading>
            <Paragraph>
              {ranking.eligible} van {ranking.population} kandidaten passen; {ranking.excluded} vallen af. De score is van 0 tot 100. Kies wie u op een
              shortlist wilt zetten.
            </Paragraph>
            <PostForm ctx={ctx} action={`/werkplek/vacatures/${id}/shortlist`} className="kansrijk-stack">
              <input type="hidden" name="runId" value={ranking.runId} />
              <ol class="utrecht-ordered-list kansrijk-ranking">
                {ranking.items.map((item) => (
                  <li class="utrecht-ordered-list__item kansrijk-stack">
                    <Heading level={3}>
                      {item.candidate.name} ({item.candidate.reference}): {Math.round(item.total)} van 100
                      {item.conditional ? ', onder voorwaarde' : ''}
                    </Heading>
                    <FactorBars factors={item.factors} id={item.candidate.id} />
                    <Explanation item={item} />
                    <div class="utrecht-form-field utrecht-form-field--checkbox">
                      <input
                        class="utrecht-checkbox utrecht-checkbox--html-input"
                        type="checkbox"
                        id={`kies-${item.candidate.id}`}
                        name="candidateIds"
                        value={item.candidate.id}
                      />{' '}
                      <label class="utrecht-form-label utrecht-form-label--checkbox" for={`kies-${item.candidate.id}`}>
                        {item.candidate.name} op de shortlist
                      </label>
                    </div>
                  </li>
                ))}
              </ol>
              <Button>Zet gekozen kandidaten op de shortlist</Button>
            </PostForm>
          </section>
        )}
        {excluded ? (
          <section class="kansrijk-stack" aria-labelledby="kop-af">
            <Heading level={2}>
              <span id="kop-af">Wie valt af, en waarom</span>
            </Heading>
            <Paragraph>
              {Math.min(excluded.items.length, 10)} van de {excluded.excluded} die afvallen. Bovenaan staat wie op de minste punten niet past.
            </Paragraph>
            <ul class="utrecht-unordered-list">
              {excluded.items.map((item) => (
                <li class="utrecht-unordered-list__item kansrijk-stack">
                  <strong>
                    {item.candidate.name} ({item.candidate.reference})
                  </strong>
                  <Explanation item={item} />
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {ranking ? (
          <section class="kansrijk-stack" aria-labelledby="kop-waarom">
            <Heading level={2}>
              <span id="kop-waarom">Waarom staat iemand er niet bij?</span>
            </Heading>
            <form method="get" action={`/werkplek/vacatures/${id}`} class="kansrijk-stack kansrijk-narrow">
              <TextField name="waarom" label="Naam of kenmerk van de kandidaat" type="search" value={waarom} maxlength={100} />
              <Button variant="secondary">Leg uit</Button>
            </form>
            {why ? (
              why.pair ? (
                <div class="kansrijk-stack" id="uitleg">
                  <Heading level={3}>
                    {why.pair.candidate.name}:{' '}
                    {why.pair.eligible ? `past, plaats ${why.pair.rank} van ${why.pair.eligibleCount}, ${Math.round(why.pair.total)} van 100` : 'valt af'}
                  </Heading>
                  <Explanation item={why.pair} />
                </div>
              ) : why.choices ? (
                <div class="kansrijk-stack" id="uitleg">
                  <Paragraph>
                    {why.choices.length} kandidaten passen bij "{why.asked}". Over wie gaat het?
                  </Paragraph>
                  <ul class="utrecht-unordered-list">
                    {why.choices.map((choice) => (
                      <li class="utrecht-unordered-list__item">
                        <Link href={`/werkplek/vacatures/${id}?${new URLSearchParams({ waarom: why.asked, kandidaat: choice.id }).toString()}#uitleg`}>
                          {choice.name} ({choice.reference})
                        </Link>
                        {choice.municipality ? `, ${choice.municipality}` : ''}
                      </li>
                    ))}
                  </ul>
                </div>
              ) : why.notRanked ? (
                <div class="kansrijk-stack" id="uitleg">
                  <Heading level={3}>
                    {why.notRanked.name}: {why.notRanked.title.toLowerCase()}
                  </Heading>
                  <Paragraph>{why.notRanked.detail}</Paragraph>
                </div>
              ) : (
                <Alert type="warning">
                  <Paragraph>Geen kandidaat gevonden voor "{why.asked}".</Paragraph>
                </Alert>
              )
            ) : null}
          </section>
        ) : null}
      </WerkplekPage>,
    );
  });

  const pickBody = z.object({ _csrf: z.string(), runId: z.uuid().optional(), candidateIds: z.union([z.uuid(), z.array(z.uuid()).max(50)]).optional() });
  app.post('/vacatures/:id/shortlist', pageRoute({ access: access.caseworkers, params: idParams, body: pickBody }), async (request, reply) => {
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const body = request.body as z.infer<typeof pickBody>;
    const picked = [body.candidateIds ?? []].flat();
    const shortlistId = await db.transaction(async (tx) => {
      // Add to this vacancy's draft shortlist, or start one (another tenant's vacancy: not found, before anything else).
      const drafts = await services.shortlists.listForVacancy(principal, id, { status: 'draft', limit: 1 });
      if (picked.length === 0)
        throw new ProblemError({
          code: 'pages.nothing_picked',
          status: 400,
          title: { nl: 'Niemand gekozen', en: 'Nobody picked' },
          detail: { nl: () => 'Kies minstens één kandidaat.', en: () => 'Pick at least one candidate.' },
        });
      const draft = drafts.items[0];
      // A draft's entries are read outside this transaction; a shortlist made here has none yet.
      const existing = new Set(draft ? (await services.shortlists.listEntries(principal, draft.id, 'nl')).map((entry) => entry.candidateId) : []);
      const shortlist = draft ?? (await services.shortlists.create({ tx, principal, vacancyId: id, body: {}, lang: 'nl' }));
      for (const candidateId of picked) {
        if (existing.has(candidateId)) continue;
        await services.shortlists.addEntry({ tx, principal, id: shortlist.id, body: { candidateId, matchRunId: body.runId }, lang: 'nl' });
      }
      return shortlist.id;
    });
    return reply.redirect(`/werkplek/shortlists/${shortlistId}`, 303);
  });
}
