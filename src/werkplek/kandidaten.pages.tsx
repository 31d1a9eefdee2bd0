import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Services } from '../services.js';
import type { Clock } from '../clock.js';
import { access } from '../auth/roles.js';
import { audit } from '../audit/audit.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, TableScroll, TextField } from '../pages/components.js';
import { CODE_MINUTES } from '../pages/sessions.service.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { candidateSearchQuerySchema } from '../search/search.schemas.js';
import { WerkplekPage } from './werkplek.layout.js';
import { AssessmentForm } from './kandidaat-intake.pages.js';
import type { Principal } from '../auth/roles.js';
import { ProblemError } from '../http/problems.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import { matchingProblems } from '../matching/matching.errors.js';
import { TextArea } from '../werkgever/werkgever.layout.js';
import { OccupationLabel, occupationLabels } from '../werkgever/occupation-pick.js';
import { sectorName } from '../matching/matcher.messages.js';
import { LEVEL_LABELS } from '../pages/labels.js';
import { DOMAIN_LABELS, WEEKDAY_LABELS } from '../mijn/mijn.labels.js';
import { WEEKDAYS } from '../schemas/schedule.js';
import { DAY_PART_LABELS, EVIDENCE_LABELS, formatDate, formatInstant, label, MODE_LABELS, STATUS_LABELS } from './werkplek.labels.js';

const idParams = z.object({ id: z.uuid() });
type Deps = { db: Db; services: Services; clock: Clock };

/** The facets offered as checkboxes, with the words people read. */
const FACETS: Array<{ name: 'status' | 'dayParts' | 'mobility' | 'municipality'; title: string; labels?: Record<string, string> }> = [
  { name: 'status', title: 'Status', labels: STATUS_LABELS },
  { name: 'dayParts', title: 'Beschikbaar voor', labels: DAY_PART_LABELS },
  { name: 'mobility', title: 'Vervoer', labels: MODE_LABELS },
  { name: 'municipality', title: 'Gemeente' },
];

function Facet({
  name,
  title,
  values,
  chosen,
  labels,
}: {
  name: string;
  title: string;
  values: Array<{ value: string; count: number }>;
  chosen: string[];
  labels?: Record<string, string> | undefined;
}): Html {
  if (values.length === 0) return <span></span>;
  return (
    <fieldset class="utrecht-form-fieldset">
      <legend class="utrecht-form-fieldset__legend">{title}</legend>
      {values.slice(0, 8).map((value) => (
        <div class="utrecht-form-field utrecht-form-field--checkbox">
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={`facet-${name}-${value.value}`}
            name={name}
            value={value.value}
            checked={chosen.includes(value.value)}
          />{' '}
          <label class="utrecht-form-label utrecht-form-label--checkbox" for={`facet-${name}-${value.value}`}>
            {labels ? label(labels, value.value) : value.value} ({value.count})
          </label>
        </div>
      ))}
    </fieldset>
  );
}

export async function candidatePages(app: FastifyInstance, { db, services, clock }: Deps) {
  // The search form sends the API's own query fields, so the page validates with the API's schema.
  app.get('/kandidaten', pageRoute({ access: access.staff, querystring: candidateSearchQuerySchema }), async (request, reply) => {
    const ctx = pageOf(request);
    const query = request.query as z.infer<typeof candidateSearchQuerySchema>;
    const result = await services.search.searchCandidates(apiPrincipalOf(request), { ...query, q: query.q || undefined });
    return reply.html(
      <WerkplekPage ctx={ctx} title="Kandidaten">
        <Heading>Kandidaten</Heading>
        <form method="get" action="/werkplek/kandidaten" class="kansrijk-stack" role="search">
          <div class="kansrijk-narrow">
            <TextField
              name="q"
              label="Zoek op beroep, vaardigheid, naam of plaats"
              type="search"
              value={query.q}
              maxlength={100}
              description="Tikfouten en samengestelde woorden mogen, bijvoorbeeld heftruk."
            />
          </div>
          <div class="kansrijk-facets">
            {FACETS.map((facet) => (
              <Facet name={facet.name} title={facet.title} labels={facet.labels} values={result.facets[facet.name] ?? []} chosen={query[facet.name] ?? []} />
            ))}
          </div>
          <Button>Zoeken</Button>
        </form>
        <Paragraph>
          {result.total} {result.total === 1 ? 'kandidaat' : 'kandidaten'} gevonden{result.searchedFor ? ` voor "${result.searchedFor}"` : ''}.
        </Paragraph>
        <TableScroll>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">Zoekresultaten</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Kandidaat
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Wil werken als
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Uren nu / doel
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Klantmanager
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {result.items.map((hit) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">
                    <Link href={`/werkplek/kandidaten/${hit.id}`}>{hit.name}</Link> ({hit.reference})
                  </td>
                  <td class="utrecht-table__cell">{[...hit.wishTitles, ...hit.wishOccupations].slice(0, 3).join(', ')}</td>
                  <td class="utrecht-table__cell">
                    {hit.hoursNow ?? '?'} / {hit.hoursTarget ?? '?'}
                  </td>
                  <td class="utrecht-table__cell">{hit.accountManager?.name ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </WerkplekPage>,
    );
  });

  async function intakeDraftOf(principal: Principal, id: string) {
    try {
      return await db.transaction((tx) => services.candidates.getIntakeDraft({ tx, principal, id }));
    } catch (error) {
      if (error instanceof ProblemError && error.spec === candidateProblems.not_assigned) return 'not_assigned' as const;
      throw error;
    }
  }

  /** The vacancies that fit; none yet (not an error page) for a person whose intake is still to be done, or whose home area is unknown. */
  async function fittingVacancies(principal: Principal, id: string) {
    try {
      return await services.matching.rankForCandidate({ principal, candidateId: id, query: { limit: 10, offset: 0 }, lang: 'nl' });
    } catch (error) {
      if (error instanceof ProblemError && error.spec === matchingProblems.candidate_not_ready) return 'not_ready' as const;
      if (error instanceof ProblemError && error.spec === matchingProblems.candidate_no_home) return 'no_home' as const;
      throw error;
    }
  }

  const candidateQuery = z.object({ intake: z.literal('klaar').optional() });
  app.get('/kandidaten/:id', pageRoute({ access: access.staff, params: idParams, querystring: candidateQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    // The service decides what this reader may see (barriers only for the assigned account manager and admins, read audited).
    const candidate = await services.candidates.get(principal, id);
    const profile = await db.transaction((tx) => services.candidates.getProfile({ tx, principal, id, lang: 'nl' }));
    const wishes = profile.workWishes;
    const occupations = wishes ? await occupationLabels(services.taxonomy, principal.tenantId, wishes.occupationUris) : {};
    const settings = await services.settings.get(principal);
    const matches = settings.rankingEnabled ? await fittingVacancies(principal, id) : null;
    const caseworker = (access.caseworkers as readonly string[]).includes(principal.role);
    // The intake in progress holds barrier answers: only for whoever may do the intake (the service decides).
    const draft = caseworker ? await intakeDraftOf(principal, id) : null;
    const intakeDone = (request.query as { intake?: string } | undefined)?.intake === 'klaar';
    // The person's own page (issue 17): what was discussed with them, and the corrections they sent.
    const discussed = caseworker ? await services.jobseeker.listDiscussed(principal, id) : [];
    const proposals = caseworker ? await services.jobseeker.listProposals(principal, id, 'pending') : [];
    const name = `${candidate.name} (${candidate.reference})`;
    return reply.html(
      <WerkplekPage ctx={ctx} title={name}>
        <Heading>{name}</Heading>
        <Paragraph>
          Status: {label(STATUS_LABELS, candidate.status)}. Klantmanager: {candidate.accountManager?.name ?? 'nog niemand'}. Profiel{' '}
          {profile.completeness.percentage} % compleet.
        </Paragraph>
        {intakeDone ? (
          <Alert type="ok">
            <Paragraph>De intake is afgerond. Het profiel hieronder komt uit de antwoorden.</Paragraph>
          </Alert>
        ) : null}
        <section class="kansrijk-stack" aria-labelledby="kop-profiel">
          <Heading level={2}>
            <span id="kop-profiel">Vaardigheden</span>
          </Heading>
          <ul class="utrecht-unordered-list">
            {profile.competencies.map((competency) => (
              <li class="utrecht-unordered-list__item">
                {competency.label} ({label(LEVEL_LABELS, String(competency.level))}, {label(EVIDENCE_LABELS, competency.evidence)})
              </li>
            ))}
          </ul>
          <Paragraph>
            {profile.hours.now === null && profile.hours.target === null ? (
              'Uren: nog niet bekend (volgt uit de intake).'
            ) : (
              <Fragment>
                Uren: nu {profile.hours.now ?? 'onbekend'}, doel {profile.hours.target ?? 'onbekend'}
                {profile.hours.rampUpPlan.length > 0 ? `, opbouw ${profile.hours.rampUpPlan.join(' → ')}` : ''}.
              </Fragment>
            )}
          </Paragraph>
        </section>
        <section class="kansrijk-stack" aria-labelledby="kop-wensen">
          <Heading level={2}>
            <span id="kop-wensen">Werkwensen</span>
          </Heading>
          {wishes && (wishes.titles.length > 0 || wishes.occupationUris.length > 0 || wishes.sectors.length > 0 || wishes.notes) ? (
            <Fragment>
              {wishes.titles.length > 0 ? <Paragraph>In eigen woorden: {wishes.titles.join(', ')}.</Paragraph> : null}
              {wishes.occupationUris.length > 0 ? (
                <Fragment>
                  <Paragraph>Beroepen:</Paragraph>
                  <ul class="utrecht-unordered-list">
                    {wishes.occupationUris.map((uri) => (
                      <li class="utrecht-unordered-list__item">
                        {occupations[uri] ? <OccupationLabel hit={occupations[uri]} /> : 'een beroep dat niet meer in de lijst staat'}
                      </li>
                    ))}
                  </ul>
                </Fragment>
              ) : null}
              {wishes.sectors.length > 0 ? <Paragraph>Sectoren: {wishes.sectors.map((sector) => sectorName(sector, 'nl')).join(', ')}.</Paragraph> : null}
              {wishes.notes ? <Paragraph>{wishes.notes}</Paragraph> : null}
            </Fragment>
          ) : (
            <Paragraph>Nog geen werkwensen bekend.</Paragraph>
          )}
        </section>
        {caseworker ? (
          <section class="kansrijk-stack" aria-labelledby="kop-intake">
            <Heading level={2}>
              <span id="kop-intake">Intake</span>
            </Heading>
            {draft === 'not_assigned' ? (
              <Paragraph>Alleen de eigen klantmanager doet de intake.</Paragraph>
            ) : (
              <Fragment>
                <Paragraph>
                  {draft
                    ? `Er is een intake bezig: ${draft.answered.length} ${draft.answered.length === 1 ? 'stap' : 'stappen'} opgeslagen, laatst op ${formatInstant(draft.updatedAt)}.`
                    : profile.intakeId
                      ? `De laatste intake is gedaan met vragenlijst ${profile.questionnaireVersion ?? ''}. Een nieuwe intake maakt het profiel opnieuw.`
                      : 'Nog geen intake gedaan.'}
                </Paragraph>
                <Paragraph>
                  <Link href={`/werkplek/kandidaten/${id}/intake`}>{draft ? 'Ga verder met de intake' : 'Begin de intake'}</Link>
                </Paragraph>
              </Fragment>
            )}
          </section>
        ) : null}
        <section class="kansrijk-stack" aria-labelledby="kop-beoordelingen">
          <Heading level={2}>
            <span id="kop-beoordelingen">Motivatie en leervermogen</span>
          </Heading>
          <Paragraph>Motivatie: {profile.motivation ? `${profile.motivation.score} van 5. ${profile.motivation.evidence}` : 'nog niet beoordeeld.'}</Paragraph>
          <Paragraph>Leervermogen: {profile.potential ? `${profile.potential.score} van 5. ${profile.potential.evidence}` : 'nog niet beoordeeld.'}</Paragraph>
          {profile.assessmentHistory.length > 0 ? (
            <details class="kansrijk-details">
              <summary>Alle beoordelingen ({profile.assessmentHistory.length})</summary>
              <ul class="utrecht-unordered-list">
                {profile.assessmentHistory.map((assessment) => (
                  <li class="utrecht-unordered-list__item">
                    {assessment.kind === 'motivation' ? 'Motivatie' : 'Leervermogen'} {assessment.score} van 5, door {assessment.assessedBy.name} op{' '}
                    {formatInstant(assessment.assessedAt)}: {assessment.evidence}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
          {caseworker ? (
            <Fragment>
              <Heading level={3}>Nieuwe beoordeling</Heading>
              <AssessmentForm ctx={ctx} candidateId={id} />
            </Fragment>
          ) : null}
        </section>
        <section class="kansrijk-stack">
          <Heading level={2}>Belemmeringen en afspraken</Heading>
          {profile.barriersVisible && profile.barriers ? (
            <ul class="utrecht-unordered-list">
              {profile.barriers.map((barrier) => (
                <li class="utrecht-unordered-list__item">
                  {label(DOMAIN_LABELS, barrier.domain)}: {barrier.action ?? 'geen afspraak'}{' '}
                  {barrier.actionStatus === 'done' ? '(gedaan)' : barrier.actionStatus === 'open' ? '(open)' : ''}
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph>Alleen de eigen klantmanager ziet dit. Open afspraken: {profile.openConditions}.</Paragraph>
          )}
        </section>
        <section class="kansrijk-stack">
          <Heading level={2}>Toestemmingen</Heading>
          <ul class="utrecht-unordered-list">
            {profile.consents.map((consent) => (
              <li class="utrecht-unordered-list__item">
                {consent.text} {consent.active ? '(geldig)' : '(niet meer geldig)'}
              </li>
            ))}
          </ul>
          {profile.consents.length === 0 ? <Paragraph>Nog geen toestemming gegeven.</Paragraph> : null}
        </section>
        {caseworker ? (
          <section class="kansrijk-stack" aria-labelledby="kop-voorstellen">
            <Heading level={2}>
              <span id="kop-voorstellen">Wijzigingen die {candidate.name} doorgaf</span>
            </Heading>
            {proposals.length === 0 ? <Paragraph>Er wacht geen wijziging op u.</Paragraph> : null}
            {proposals.map((proposal) => (
              <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/voorstellen/${proposal.id}`} className="kansrijk-stack">
                <Paragraph>
                  Doorgegeven op {formatInstant(proposal.createdAt)}: {describeProposal(proposal.changes)}
                  {proposal.note ? ` Toelichting: "${proposal.note}"` : ''}
                </Paragraph>
                <TextArea name="note" id={`antwoord-${proposal.id}`} label="Uw antwoord aan de persoon (mag leeg blijven)" rows={2} />
                <Button name="decision" value="accept">
                  Overnemen in het profiel
                </Button>{' '}
                <Button name="decision" value="reject" variant="secondary">
                  Niet overnemen
                </Button>
              </PostForm>
            ))}
          </section>
        ) : null}
        {caseworker ? (
          <section class="kansrijk-stack" aria-labelledby="kop-besproken">
            <Heading level={2}>
              <span id="kop-besproken">Besproken vacatures</span>
            </Heading>
            <Paragraph>{candidate.name} ziet deze vacatures op de eigen pagina, elk met de rekentool.</Paragraph>
            {discussed.length === 0 ? <Paragraph>Nog geen vacatures besproken.</Paragraph> : null}
            <ul class="utrecht-unordered-list">
              {discussed.map((vacancy) => (
                <li class="utrecht-unordered-list__item">
                  {vacancy.title} bij {vacancy.employerName}, besproken op {formatInstant(vacancy.discussedAt)}.{' '}
                  <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/besproken/${vacancy.vacancyId}/weg`} className="kansrijk-inline-form">
                    <Button variant="subtle">Niet meer tonen</Button>
                  </PostForm>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {caseworker ? (
          <section class="kansrijk-stack" aria-labelledby="kop-mijn">
            <Heading level={2}>
              <span id="kop-mijn">Inloggen op de eigen pagina</span>
            </Heading>
            <Paragraph>
              {candidate.name} kan inloggen met een link per e-mail, of met een inlogcode die u geeft. Een code werkt {CODE_MINUTES} minuten en één keer; een
              nieuwe code vervangt de oude.
            </Paragraph>
            <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/inlogcode`}>
              <Button variant="secondary">Maak een inlogcode</Button>
            </PostForm>
          </section>
        ) : null}
        {matches === 'not_ready' ? (
          <Paragraph>Passende vacatures zoeken we na de intake.</Paragraph>
        ) : matches === 'no_home' ? (
          <Paragraph>We weten niet in welk gebied {candidate.name} woont. Vul een bekende postcode in; daarna zoeken we passende vacatures.</Paragraph>
        ) : matches ? (
          <section class="kansrijk-stack">
            <Heading level={2}>Vacatures die passen</Heading>
            {matches.items.length === 0 ? <Paragraph>Er past nu geen open vacature of rol uit een groeiplan.</Paragraph> : null}
            <ul class="utrecht-unordered-list">
              {matches.items.map((item) => (
                <li class="utrecht-unordered-list__item">
                  {item.kind === 'vacancy' ? (
                    <Fragment>
                      <Link href={`/werkplek/vacatures/${item.id}`}>{item.title}</Link>
                      {/* The rekentool is for account managers and admins (the household situation is theirs to see). */}
                      {caseworker ? (
                        <Fragment>
                          {' '}
                          (<Link href={`/werkplek/kandidaten/${id}/vacatures/${item.id}/rekentool`}>rekentool</Link>)
                        </Fragment>
                      ) : null}
                    </Fragment>
                  ) : (
                    <Fragment>
                      {item.growthPlanId ? <Link href={`/werkplek/groeiplannen/${item.growthPlanId}`}>{item.title}</Link> : item.title} (groeiplan
                      {item.expectedDate ? `, vanaf ${formatDate(item.expectedDate)}` : ''})
                    </Fragment>
                  )}
                  , {item.employerName}: {Math.round(item.total)} van 100
                  {caseworker && item.kind === 'vacancy' && !discussed.some((vacancy) => vacancy.vacancyId === item.id) ? (
                    <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/besproken/${item.id}`} className="kansrijk-inline-form">
                      {' '}
                      <Button variant="subtle">
                        Markeer als besproken<span class="kansrijk-visually-hidden">: {item.title}</span>
                      </Button>
                    </PostForm>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <Alert type="info">
            <Paragraph>Rangschikken staat uit.</Paragraph>
          </Alert>
        )}
      </WerkplekPage>,
    );
  });

  // A one-time sign-in code for the person's own page (issue 17): shown once, here, and never stored readable.
  app.post(
    '/kandidaten/:id/inlogcode',
    pageRoute({ access: access.caseworkers, params: idParams, body: z.object({ _csrf: z.string() }) }),
    async (request, reply) => {
      const ctx = pageOf(request);
      const principal = apiPrincipalOf(request);
      const { id } = request.params as z.infer<typeof idParams>;
      const candidate = await services.candidates.get(principal, id);
      const { code, expiresAt } = await services.sessions.createCode({ tenantId: principal.tenantId, kind: 'jobseeker', subjectId: id });
      await db.transaction((tx) =>
        audit(tx, clock, {
          principal,
          action: 'jobseeker.sign_in_code',
          subjectType: 'candidate',
          subjectId: id,
          details: { expiresAt: expiresAt.toISOString() },
        }),
      );
      return reply.html(
        <WerkplekPage ctx={ctx} title="Inlogcode">
          <Heading>Inlogcode voor {candidate.name}</Heading>
          <Paragraph lead>
            Code: <strong class="mijn-code">{code}</strong>
          </Paragraph>
          <Paragraph>
            Geef deze code aan {candidate.name}. Op de inlogpagina kiest {candidate.name} "Inloggen met een code". De code werkt tot{' '}
            {expiresAt.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' })} uur en maar één keer. Wij bewaren de
            code niet: ziet u hem niet meer, maak dan een nieuwe.
          </Paragraph>
          <Paragraph>
            <Link href={`/werkplek/kandidaten/${id}`}>Terug naar {candidate.name}</Link>
          </Paragraph>
        </WerkplekPage>,
      );
    },
  );

  // Staff's side of the person's own page: mark a vacancy as discussed (or take it off), decide a correction.
  const discussedParams = z.object({ id: z.uuid(), vacancyId: z.uuid() });
  app.post(
    '/kandidaten/:id/besproken/:vacancyId',
    pageRoute({ access: access.caseworkers, params: discussedParams, body: z.object({ _csrf: z.string() }) }),
    async (request, reply) => {
      const { id, vacancyId } = request.params as z.infer<typeof discussedParams>;
      await db.transaction((tx) => services.jobseeker.markDiscussed({ tx, principal: apiPrincipalOf(request), candidateId: id, vacancyId }));
      return reply.redirect(`/werkplek/kandidaten/${id}#kop-besproken`, 303);
    },
  );
  app.post(
    '/kandidaten/:id/besproken/:vacancyId/weg',
    pageRoute({ access: access.caseworkers, params: discussedParams, body: z.object({ _csrf: z.string() }) }),
    async (request, reply) => {
      const { id, vacancyId } = request.params as z.infer<typeof discussedParams>;
      await db.transaction((tx) => services.jobseeker.unmarkDiscussed({ tx, principal: apiPrincipalOf(request), candidateId: id, vacancyId }));
      return reply.redirect(`/werkplek/kandidaten/${id}#kop-besproken`, 303);
    },
  );
  const proposalParams = z.object({ id: z.uuid(), proposalId: z.uuid() });
  // The decision is checked after the person is found: another Werkplein's ids answer 404, never 400.
  const decisionBody = z.object({ _csrf: z.string(), decision: z.enum(['accept', 'reject']).optional(), note: z.string().trim().max(500).default('') });
  app.post(
    '/kandidaten/:id/voorstellen/:proposalId',
    pageRoute({ access: access.caseworkers, params: proposalParams, body: decisionBody }),
    async (request, reply) => {
      const { id, proposalId } = request.params as z.infer<typeof proposalParams>;
      const { decision, note } = request.body as z.infer<typeof decisionBody>;
      if (!decision) {
        await services.jobseeker.listProposals(apiPrincipalOf(request), id, 'pending');
        return reply.redirect(`/werkplek/kandidaten/${id}#kop-voorstellen`, 303);
      }
      await db.transaction((tx) =>
        services.jobseeker.decide({ tx, principal: apiPrincipalOf(request), candidateId: id, proposalId, body: { decision, ...(note ? { note } : {}) } }),
      );
      return reply.redirect(`/werkplek/kandidaten/${id}#kop-voorstellen`, 303);
    },
  );
}

/** A person's proposed correction in words, for the klantmanager. */
function describeProposal(changes: Record<string, unknown>): string {
  const parts: string[] = [];
  const wishes = changes.workWishes as { titles?: string[]; sectors?: string[] } | undefined;
  if (wishes) parts.push(`werk: ${(wishes.titles ?? []).join(', ') || 'geen'}; sectoren: ${(wishes.sectors ?? []).join(', ') || 'geen'}`);
  const grid = changes.availability as Record<string, string[]> | undefined;
  if (grid) {
    const days = WEEKDAYS.map((day) => [day, grid[day] ?? []] as const).filter(([, parts]) => parts.length > 0);
    parts.push(
      `beschikbaar: ${days.map(([day, dayParts]) => `${label(WEEKDAY_LABELS, day)} ${dayParts.map((part) => label(DAY_PART_LABELS, part)).join('/')}`).join(', ') || 'geen dagen'}`,
    );
  }
  if (changes.hoursNow !== undefined) parts.push(`uren nu: ${changes.hoursNow as number}`);
  if (changes.hoursTarget !== undefined) parts.push(`uren doel: ${changes.hoursTarget as number}`);
  if (changes.rampUpPlan !== undefined) parts.push(`opbouw: ${(changes.rampUpPlan as number[]).join(' → ') || 'geen'}`);
  return parts.length > 0 ? `${parts.join('; ')}.` : 'alleen een bericht.';
}
