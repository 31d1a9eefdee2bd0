import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Services } from '../services.js';
import type { Clock } from '../clock.js';
import { access } from '../auth/roles.js';
import { audit } from '../audit/audit.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, TextField } from '../pages/components.js';
import { CODE_MINUTES } from '../pages/sessions.service.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { candidateSearchQuerySchema } from '../search/search.schemas.js';
import { WerkplekPage } from './werkplek.layout.js';
import { DAY_PART_LABELS, label, MODE_LABELS, STATUS_LABELS } from './werkplek.labels.js';

const idParams = z.object({ id: z.uuid() });
type Deps = { db: Db; services: Services; clock: Clock };

/** The facets offered as checkboxes, with the words people read. */
const FACETS: Array<{ name: 'status' | 'dayParts' | 'mobility' | 'municipality'; title: string; labels?: Record<string, string> }> = [
  { name: 'status', title: 'Status', labels: STATUS_LABELS },
  { name: 'dayParts', title: 'Beschikbaar voor', labels: DAY_PART_LABELS },
  { name: 'mobility', title: 'Vervoer', labels: MODE_LABELS },
  { name: 'municipality', title: 'Gemeente' },
];

function Facet({ name, title, values, chosen, labels }: { name: string; title: string; values: Array<{ value: string; count: number }>; chosen: string[]; labels?: Record<string, string> | undefined }): Html {
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
            <TextField name="q" label="Zoek op beroep, vaardigheid, naam of plaats" type="search" value={query.q} description="Tikfouten en samengestelde woorden mogen, bijvoorbeeld heftruk." />
          </div>
          <div class="kansrijk-facets">
            {FACETS.map((facet) => (
              <Facet name={facet.name} title={facet.title} labels={facet.labels} values={result.facets[facet.name] ?? []} chosen={(query[facet.name] as string[] | undefined) ?? []} />
            ))}
          </div>
          <Button>Zoeken</Button>
        </form>
        <Paragraph>
          {result.total} {result.total === 1 ? 'kandidaat' : 'kandidaten'} gevonden{result.searchedFor ? ` voor "${result.searchedFor}"` : ''}.
        </Paragraph>
        <div class="kansrijk-table-scroll">
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">Zoekresultaten</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">Kandidaat</th>
                <th class="utrecht-table__header-cell" scope="col">Wil werken als</th>
                <th class="utrecht-table__header-cell" scope="col">Uren nu / doel</th>
                <th class="utrecht-table__header-cell" scope="col">Klantmanager</th>
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
        </div>
      </WerkplekPage>,
    );
  });

  app.get('/kandidaten/:id', pageRoute({ access: access.staff, params: idParams }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    // The service decides what this reader may see (barriers only for the assigned account manager and admins, read audited).
    const candidate = await services.candidates.get(principal, id);
    const profile = await db.transaction((tx) => services.candidates.getProfile({ tx, principal, id, lang: 'nl' }));
    const settings = await services.settings.get(principal);
    const matches = settings.rankingEnabled ? await services.matching.rankForCandidate({ principal, candidateId: id, query: { limit: 10, offset: 0 }, lang: 'nl' }) : null;
    const name = `${candidate.name} (${candidate.reference})`;
    return reply.html(
      <WerkplekPage ctx={ctx} title={name}>
        <Heading>{name}</Heading>
        <Paragraph>Status: {label(STATUS_LABELS, candidate.status)}. Klantmanager: {candidate.accountManager?.name ?? 'nog niemand'}. Profiel {profile.completeness.percentage} % compleet.</Paragraph>
        <section class="kansrijk-stack">
          <Heading level={2}>Vaardigheden</Heading>
          <ul class="utrecht-unordered-list">
            {profile.competencies.map((competency) => (
              <li class="utrecht-unordered-list__item">
                {competency.label} (niveau {competency.level}, bewijs: {competency.evidence.replace(/_/g, ' ')})
              </li>
            ))}
          </ul>
          <Paragraph>
            Uren: nu {profile.hours.now ?? '?'}, doel {profile.hours.target ?? '?'}
            {profile.hours.rampUpPlan.length > 0 ? `, opbouw ${profile.hours.rampUpPlan.join(' → ')}` : ''}.
          </Paragraph>
          {profile.motivation ? <Paragraph>Motivatie: {profile.motivation.score} van 5. {profile.motivation.evidence}</Paragraph> : null}
          {profile.potential ? <Paragraph>Leervermogen: {profile.potential.score} van 5. {profile.potential.evidence}</Paragraph> : null}
        </section>
        <section class="kansrijk-stack">
          <Heading level={2}>Belemmeringen en afspraken</Heading>
          {profile.barriersVisible && profile.barriers ? (
            <ul class="utrecht-unordered-list">
              {profile.barriers.map((barrier) => (
                <li class="utrecht-unordered-list__item">
                  {barrier.domain.replace(/_/g, ' ')}: {barrier.action ?? 'geen afspraak'} {barrier.actionStatus === 'done' ? '(gedaan)' : barrier.actionStatus === 'open' ? '(open)' : ''}
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
        {(access.caseworkers as readonly string[]).includes(principal.role) ? (
          <section class="kansrijk-stack" aria-labelledby="kop-mijn">
            <Heading level={2}>
              <span id="kop-mijn">Inloggen op de eigen pagina</span>
            </Heading>
            <Paragraph>
              {candidate.name} kan inloggen met een link per e-mail, of met een inlogcode die u geeft. Een code werkt {CODE_MINUTES} minuten en één keer; een nieuwe code vervangt de oude.
            </Paragraph>
            <PostForm ctx={ctx} action={`/werkplek/kandidaten/${id}/inlogcode`}>
              <Button variant="secondary">Maak een inlogcode</Button>
            </PostForm>
          </section>
        ) : null}
        {matches ? (
          <section class="kansrijk-stack">
            <Heading level={2}>Vacatures die passen</Heading>
            <ul class="utrecht-unordered-list">
              {matches.items.map((item) => (
                <li class="utrecht-unordered-list__item">
                  {item.kind === 'vacancy' ? <Fragment><Link href={`/werkplek/vacatures/${item.id}`}>{item.title}</Link> (<Link href={`/werkplek/kandidaten/${id}/vacatures/${item.id}/rekentool`}>rekentool</Link>)</Fragment> : `${item.title} (groeiplan${item.expectedDate ? `, vanaf ${item.expectedDate}` : ''})`}, {item.employerName}: {Math.round(item.total)} van 100
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
  app.post('/kandidaten/:id/inlogcode', pageRoute({ access: access.caseworkers, params: idParams, body: z.object({ _csrf: z.string() }) }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const candidate = await services.candidates.get(principal, id);
    const { code, expiresAt } = await services.sessions.createCode({ tenantId: principal.tenantId, kind: 'jobseeker', subjectId: id });
    await db.transaction((tx) => audit(tx, clock, { principal, action: 'jobseeker.sign_in_code', subjectType: 'candidate', subjectId: id, details: { expiresAt: expiresAt.toISOString() } }));
    return reply.html(
      <WerkplekPage ctx={ctx} title="Inlogcode">
        <Heading>Inlogcode voor {candidate.name}</Heading>
        <Paragraph lead>
          Code: <strong class="mijn-code">{code}</strong>
        </Paragraph>
        <Paragraph>
          Geef deze code aan {candidate.name}. Op de inlogpagina kiest {candidate.name} "Inloggen met een code". De code werkt tot {expiresAt.toLocaleTimeString('nl-NL', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' })} uur en maar één keer. Wij bewaren de code niet: ziet u hem niet meer, maak dan een nieuwe.
        </Paragraph>
        <Paragraph>
          <Link href={`/werkplek/kandidaten/${id}`}>Terug naar {candidate.name}</Link>
        </Paragraph>
      </WerkplekPage>,
    );
  });
}
