import type { CaseloadRanking } from '../matching/matching.caseloads.js';
import type { Db } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { composeDigest, type DigestSection } from '../digests/digests.content.js';

/*
 * "Mijn werk": what is open for a staff member today. The digest already decides, per role, what
 * needs someone's attention (follow-ups due, consents ending, strong matches, growth-plan cohorts);
 * the page asks the same composer, with a window that starts at the beginning of time for what is
 * still open (so nothing is missed because a mail went out) and one of two weeks for what is new.
 * One rule for both, so a digest and the page never disagree.
 */

/** Strong matches count as new on Mijn werk for vacancies opened this many days ago or less. */
export const NEW_MATCH_DAYS = 14;
const DAY = 86_400_000;
const BEGINNING = new Date(0);

type Section<K extends DigestSection['key']> = Extract<DigestSection, { key: K }>;

export type Worklist = {
  followUps: Section<'follow_ups'>['items'];
  consentsEnding: Section<'consents_expiring'>['items'];
  strongMatches: Section<'strong_matches'>['items'];
  moreMatches: number;
  growthCohorts: Section<'growth_cohorts'>['items'];
};

function items<K extends DigestSection['key']>(sections: DigestSection[], key: K): Section<K>['items'] {
  return ((sections.find((section) => section.key === key) as Section<K> | undefined)?.items ?? []) as Section<K>['items'];
}

/**
 * The open work of the signed-in staff member. Account managers: follow-ups due and consents ending
 * in their caseload, strong matches of new vacancies with it (ranked and recorded as a run, like the
 * digest's: REQUIREMENTS F2). Employer relations staff and admins: growth-plan cohorts to prepare.
 */
export async function worklistFor({
  db,
  clock,
  principal,
  name,
  ranking,
}: {
  db: Db;
  clock: Clock;
  principal: Principal;
  name: string;
  /** The process's shared caseload ranking (as the digest round's), so that a page view does not reload the caseload. */
  ranking?: CaseloadRanking;
}): Promise<Worklist> {
  const now = clock.now();
  const recipient = { tenantId: principal.tenantId, userId: principal.userId, role: principal.role, employerId: principal.employerId, name };
  const empty: Worklist = { followUps: [], consentsEnding: [], strongMatches: [], moreMatches: 0, growthCohorts: [] };
  if (principal.role === 'account_manager') {
    const open = await composeDigest({
      db,
      recipient,
      scope: { sections: ['follow_ups', 'consents_expiring'] },
      window: { since: BEGINNING, until: now, now },
      record: false,
    });
    const fresh = await composeDigest({
      db,
      recipient,
      scope: { sections: ['strong_matches'] },
      window: { since: new Date(now.getTime() - NEW_MATCH_DAYS * DAY), until: now, now },
      // The page shows this ranking to the account manager: a run like GET /v1/vacancies/:id/matches (F2).
      record: true,
      ...(ranking ? { ranking } : {}),
    });
    const matches = fresh.sections.find((section): section is Section<'strong_matches'> => section.key === 'strong_matches');
    return {
      ...empty,
      followUps: items(open.sections, 'follow_ups'),
      consentsEnding: items(open.sections, 'consents_expiring'),
      strongMatches: matches?.items ?? [],
      moreMatches: matches?.more ?? 0,
    };
  }
  if (principal.role === 'employer_relations' || principal.role === 'admin') {
    const open = await composeDigest({ db, recipient, scope: { sections: ['growth_cohorts'] }, window: { since: BEGINNING, until: now, now }, record: false });
    return { ...empty, growthCohorts: items(open.sections, 'growth_cohorts') };
  }
  return empty;
}
