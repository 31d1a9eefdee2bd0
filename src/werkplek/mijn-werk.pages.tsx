import { createCaseloadRanking } from '../matching/matching.caseloads.js';
import type { FastifyInstance } from 'fastify';
import { access } from '../auth/roles.js';
import { Heading, Link, Paragraph } from '../pages/components.js';
import { Fragment, h, type Child, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { NEW_MATCH_DAYS, worklistFor } from './werkplek.worklist.js';
import { WerkplekPage } from './werkplek.layout.js';
import { CONSENT_PURPOSE_LABELS, DROPOUT_REASON_LABELS, formatDate, formatInstant, label, plural } from './werkplek.labels.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { inboxFor } from '../inbox/inbox.js';
import { CHECK_IN_GOING_WELL_LABELS } from '../placements/placements.labels.js';

const INBOX_DECISIONS: Record<string, string> = { invite: 'een gesprek (uitnodigen)', hire: 'de kandidaat aannemen', decline: 'nu niet verder' };

/** A section of Mijn werk: a heading, a list, and what to say when the list is empty. */
function WorkSection({ id, title, empty, children, count }: { id: string; title: string; empty: string; count: number; children?: Child }): Html {
  return (
    <section class="kansrijk-stack" aria-labelledby={id}>
      <Heading level={2}>
        <span id={id}>{title}</span>
      </Heading>
      {count === 0 ? <Paragraph>{empty}</Paragraph> : <ul class="utrecht-unordered-list">{children}</ul>}
    </section>
  );
}

const Item = ({ children }: { children?: Child }) => <li class="utrecht-unordered-list__item">{children}</li>;

/** Mijn werk: today for me (issue 14, page 1). */
export async function myWorkPages(app: FastifyInstance, { db, services, clock }: WerkplekDeps) {
  // One per app, kept fresh by its version checks: strong matches rank the caseload from memory (issue 14: Mijn werk at 100k),
  // and a view that shows the same ranking again refers to its stored run instead of storing it again (runs go to the pool).
  // It ranks over the matching service's population (patched in place after a change, issue 13.10)
  // rather than reading and compiling all candidates again after every change to one of them.
  const ranking = createCaseloadRanking(db, { recordOnce: true, populations: services.matching.populations });
  app.get('/', pageRoute({ access: access.staff }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const caseworker = principal.role === 'account_manager';
    const [inbox, work, drafts, sent, placements, caseload] = await Promise.all([
      inboxFor({ db, clock, principal }),
      worklistFor({ db, clock, principal, name: ctx.principal?.name ?? '', ranking }),
      principal.role === 'employer_relations' ? Promise.resolve(null) : services.shortlists.list(principal, { status: 'draft', limit: 20 }),
      services.shortlists.list(principal, { status: 'sent', limit: 20 }),
      services.placements.list(principal, { status: 'active', limit: 20 }),
      // Names for the references of one's own caseload (the worklist, like the digest, carries references only).
      caseworker ? services.candidates.list(principal, { accountManagerId: 'me', limit: 100 }) : Promise.resolve(null),
    ]);
    const names = new Map((caseload?.items ?? []).map((candidate) => [candidate.id, candidate.name]));
    const who = (id: string, reference: string) => (names.has(id) ? `${names.get(id)} (${reference})` : reference);
    return reply.html(
      <WerkplekPage ctx={ctx} title="Mijn werk">
        <Heading>Mijn werk</Heading>
        <Paragraph>Goedendag, {ctx.principal?.name}. Dit staat vandaag voor u klaar.</Paragraph>
        {caseload ? (
          <Paragraph>
            <Link href="/werkplek/kandidaten?accountManagerId=me">
              Mijn kandidaten ({caseload.items.length}
              {caseload.nextCursor ? '+' : ''})
            </Link>
          </Paragraph>
        ) : null}
        {caseworker ? (
          <WorkSection
            id="kop-antwoorden"
            title="Nieuw over mijn kandidaten"
            empty="Geen nieuwe antwoorden van werkgevers of uitval de laatste 30 dagen."
            count={inbox.length}
          >
            {inbox.map((item) => (
              <Item>
                <Link href={`/werkplek/kandidaten/${item.candidate.id}`}>{who(item.candidate.id, item.candidate.reference)}</Link>,{' '}
                {item.kind === 'dropout' ? (
                  `${item.vacancy.title} bij ${item.employerName}: is gestopt (reden: ${label(DROPOUT_REASON_LABELS, item.reasonCode ?? '')}). Weer in uw caseload.`
                ) : item.kind === 'employer_check_in' && item.checkIn ? (
                  <Fragment>
                    {item.vacancy.title} bij {item.employerName}: check-in van de werkgever na {plural(item.checkIn.monthMark, 'maand', 'maanden')}. Gaat het
                    goed? {label(CHECK_IN_GOING_WELL_LABELS, item.checkIn.goingWell)}. Is er iets nodig?{' '}
                    {item.checkIn.needsSomething ? <strong>ja</strong> : 'nee'}.{' '}
                    <Link href={`/werkplek/plaatsingen/${item.placementId}`}>Lees de check-in</Link>.
                  </Fragment>
                ) : (
                  `${item.vacancy.title} bij ${item.employerName}: de werkgever wil ${label(INBOX_DECISIONS, item.decision ?? '')}.`
                )}{' '}
                ({formatInstant(item.at)})
              </Item>
            ))}
          </WorkSection>
        ) : null}
        {caseworker ? (
          <WorkSection id="kop-opvolging" title="Gesprekken na plaatsing die nu moeten" empty="Geen gesprekken die nu moeten." count={work.followUps.length}>
            {work.followUps.map((item) => (
              <Item>
                <Link href={`/werkplek/plaatsingen/${item.placementId}`}>{who(item.candidateId, item.reference)}</Link>: {item.vacancyTitle} bij{' '}
                {item.employerName}, gesprek na {plural(item.monthMark, 'maand', 'maanden')}, gepland op {formatDate(item.dueOn)}.
              </Item>
            ))}
          </WorkSection>
        ) : null}
        {caseworker ? (
          <WorkSection
            id="kop-toestemming"
            title="Toestemmingen die binnenkort aflopen"
            empty="Geen toestemmingen die de komende 30 dagen aflopen."
            count={work.consentsEnding.length}
          >
            {work.consentsEnding.map((item) => (
              <Item>
                <Link href={`/werkplek/kandidaten/${item.candidateId}`}>{who(item.candidateId, item.reference)}</Link>: toestemming voor{' '}
                {label(CONSENT_PURPOSE_LABELS, item.purpose)} loopt af op {formatDate(item.expiresOn)}. Vraag of die verlengd mag worden.
              </Item>
            ))}
          </WorkSection>
        ) : null}
        {caseworker ? (
          <WorkSection
            id="kop-matches"
            title="Nieuwe sterke matches in mijn caseload"
            empty={`Geen sterke matches met vacatures van de laatste ${NEW_MATCH_DAYS} dagen.`}
            count={work.strongMatches.length}
          >
            {work.strongMatches.map((item) => (
              <Item>
                <Link href={`/werkplek/kandidaten/${item.candidateId}`}>{who(item.candidateId, item.reference)}</Link> past goed bij{' '}
                <Link href={`/werkplek/vacatures/${item.vacancyId}`}>{item.vacancyTitle}</Link> ({item.employerName}): {Math.round(item.total)} van 100.
              </Item>
            ))}
            {work.moreMatches > 0 ? <Item>En nog {work.moreMatches} andere.</Item> : null}
          </WorkSection>
        ) : null}
        {principal.role !== 'account_manager' ? (
          <WorkSection
            id="kop-groei"
            title="Groeiplannen: nu mensen voorbereiden"
            empty="Geen groeiplannen waarvoor nu mensen voorbereid moeten worden."
            count={work.growthCohorts.length}
          >
            {work.growthCohorts.map((item) => (
              <Item>
                <Link href={`/werkplek/groeiplannen/${item.growthPlanId}`}>{item.planName}</Link> van {item.employerName}: {item.headcount} × {item.roleTitle}{' '}
                op {formatDate(item.expectedDate)}. Begin met voorbereiden vanaf {formatDate(item.prepareFrom)}.
              </Item>
            ))}
          </WorkSection>
        ) : null}
        {drafts ? (
          <WorkSection id="kop-concept" title="Shortlists om af te maken en goed te keuren" empty="Geen shortlists in concept." count={drafts.items.length}>
            {drafts.items.map((item) => (
              <Item>
                <Link href={`/werkplek/shortlists/${item.id}`}>{item.vacancy.title}</Link>: {plural(item.candidates, 'kandidaat', 'kandidaten')}
              </Item>
            ))}
          </WorkSection>
        ) : null}
        <WorkSection id="kop-verstuurd" title="Verstuurde shortlists: antwoorden van werkgevers" empty="Geen verstuurde shortlists." count={sent.items.length}>
          {sent.items.map((item) => (
            <Item>
              <Link href={`/werkplek/shortlists/${item.id}`}>{item.vacancy.title}</Link>: {plural(item.candidates, 'kandidaat', 'kandidaten')}, verstuurd op{' '}
              {formatDate(item.sentAt)}
            </Item>
          ))}
        </WorkSection>
        <WorkSection id="kop-plaatsingen" title="Lopende plaatsingen" empty="Geen lopende plaatsingen." count={placements.items.length}>
          {placements.items.map((item) => (
            <Item>
              <Link href={`/werkplek/plaatsingen/${item.id}`}>{item.vacancy.title}</Link> bij {item.employer.name}, gestart op {formatDate(item.startDate)},{' '}
              {item.hoursPerWeek} uur per week
            </Item>
          ))}
        </WorkSection>
      </WerkplekPage>,
    );
  });
}
