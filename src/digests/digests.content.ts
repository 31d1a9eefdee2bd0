import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Role } from '../auth/roles.js';
import { inboxRepository } from '../inbox/inbox.repository.js';
import type { CaseloadRanking } from '../matching/matching.caseloads.js';
import { rankVacanciesOver } from '../matching/matching.service.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { DEFAULT_MIN_MATCH_SCORE, SECTIONS_BY_ROLE, type DigestScope, type SectionKey } from './digests.schemas.js';
import { timed, type DigestTimings } from './digests.timings.js';

/*
 * What goes into a digest: only what is new for the recipient in the window (since, until], where
 * `since` is what the last digest sent covered and `until` the due instant of this period (fixed,
 * so that a retry composes the same digest). Each item enters exactly one digest: the moment it
 * became relevant (shared, reminded, entered the 30-day or 8-week horizon, opened) lies in one window.
 *
 * What can be in it is decided here, by construction: ids, candidate references (KR-…), vacancy
 * titles, employer and plan names, dates, counts and scores. Never names or contact data of
 * candidates, pitches, barriers, conditions or reasons of a match, assessments or benefit data: the
 * queries do not select them, so a renderer cannot leak them.
 */

export type DigestRecipient = { tenantId: string; userId: string; role: Role; employerId: string | null; name: string };
export type DigestWindow = { since: Date; until: Date; now: Date };

export type DigestSection =
  | {
      key: 'caseload_news';
      items: Array<{
        kind: 'employer_answer' | 'employer_check_in' | 'dropout';
        decision: 'invite' | 'hire' | 'decline' | null;
        /** An employer's check-in at 1, 3 or 6 months: the two answers, never the note. */
        checkIn: { monthMark: number; goingWell: 'yes' | 'partly' | 'no'; needsSomething: boolean } | null;
        candidateId: string;
        reference: string;
        vacancyTitle: string;
        employerName: string;
        shortlistId: string | null;
        placementId: string | null;
      }>;
      /** More than fit in one mail: the rest is on Mijn werk. */
      more: boolean;
    }
  | { key: 'new_candidates'; items: Array<{ shortlistId: string; vacancyTitle: string; count: number }> }
  | { key: 'awaiting_answer'; items: Array<{ shortlistId: string; vacancyTitle: string; count: number; sharedOn: string }> }
  | { key: 'employer_follow_ups'; items: Array<{ placementId: string; vacancyTitle: string; monthMark: number; dueOn: string }> }
  | {
      key: 'strong_matches';
      items: Array<{ vacancyId: string; vacancyTitle: string; employerName: string; candidateId: string; reference: string; total: number }>;
      more: number;
    }
  | { key: 'new_vacancies'; items: Array<{ vacancyId: string; title: string; employerName: string; eligible: number; strong: number }>; more: number }
  | {
      key: 'follow_ups';
      items: Array<{
        placementId: string;
        candidateId: string;
        reference: string;
        vacancyTitle: string;
        employerName: string;
        monthMark: number;
        dueOn: string;
      }>;
    }
  | { key: 'consents_expiring'; items: Array<{ candidateId: string; reference: string; purpose: string; expiresOn: string }> }
  | {
      key: 'growth_cohorts';
      items: Array<{
        growthPlanId: string;
        planName: string;
        employerName: string;
        roleTitle: string;
        headcount: number;
        prepareFrom: string;
        expectedDate: string;
      }>;
    };

export type DigestContent = {
  /** The non-empty sections, in the order of the role's list. */
  sections: DigestSection[];
  /** Every candidate the digest is about, for mail_log (erasure and access requests, P5/P6). */
  candidateIds: string[];
};

/** Shared entries wait this long for an answer before the employer is reminded. */
export const AWAITING_AFTER_DAYS = 7;
/** Consents are flagged this long before they end. */
export const CONSENT_NOTICE_DAYS = 30;
/** A growth-plan role needs a cohort this long before its preparation should start. */
export const COHORT_HORIZON_DAYS = 56;
/** Longest lists in one mail; the rest is on the werkplek page Mijn werk (a link, not a count). */
const MAX_ITEMS = 20;
const DAY = 86_400_000;

const at = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** An active consent to share at `now`, for the shortlist entry `sc`. */
const shareConsent = (now: Date) => sql`exists (select 1 from candidate_consents cc
  where cc.tenant_id = sc.tenant_id and cc.candidate_id = sc.candidate_id and cc.purpose = 'share_with_employers'
    and cc.withdrawn_at is null and (cc.expires_at is null or cc.expires_at > ${at(now)}))`;

async function rows<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]> {
  return (await db.execute(query)).rows as T[];
}

async function newCandidates(db: Executor, r: DigestRecipient, w: DigestWindow) {
  return rows<{ shortlistId: string; vacancyTitle: string; candidateIds: string[] }>(
    db,
    sql`select s.id::text as "shortlistId", v.title as "vacancyTitle", array_agg(sc.candidate_id::text order by sc.position) as "candidateIds"
          from shortlist_candidates sc
          join shortlists s on s.tenant_id = sc.tenant_id and s.id = sc.shortlist_id
          join vacancies v on v.tenant_id = s.tenant_id and v.id = s.vacancy_id
         where sc.tenant_id = ${r.tenantId} and s.employer_id = ${r.employerId} and s.sent_at is not null and s.status <> 'closed'
           and sc.shared_at > ${at(w.since)} and sc.shared_at <= ${at(w.until)}
           and sc.removed_at is null and sc.employer_view is not null and ${shareConsent(w.now)}
         group by s.id, v.title
         order by v.title, s.id`,
  );
}

async function awaitingAnswer(db: Executor, r: DigestRecipient, w: DigestWindow) {
  const lag = AWAITING_AFTER_DAYS * DAY;
  return rows<{ shortlistId: string; vacancyTitle: string; candidateIds: string[]; sharedOn: string }>(
    db,
    sql`select s.id::text as "shortlistId", v.title as "vacancyTitle", array_agg(sc.candidate_id::text order by sc.position) as "candidateIds",
               (min(sc.shared_at) at time zone 'Europe/Amsterdam')::date::text as "sharedOn"
          from shortlist_candidates sc
          join shortlists s on s.tenant_id = sc.tenant_id and s.id = sc.shortlist_id
          join vacancies v on v.tenant_id = s.tenant_id and v.id = s.vacancy_id
         where sc.tenant_id = ${r.tenantId} and s.employer_id = ${r.employerId} and s.status = 'sent'
           and sc.shared_at > ${at(new Date(w.since.getTime() - lag))} and sc.shared_at <= ${at(new Date(w.until.getTime() - lag))}
           and sc.removed_at is null and sc.employer_view is not null and ${shareConsent(w.now)}
           and not exists (select 1 from employer_feedback f where f.tenant_id = sc.tenant_id and f.shortlist_candidate_id = sc.id)
         group by s.id, v.title
         order by v.title, s.id`,
  );
}

/** Follow-ups that the daily reminder job marked in the window, of the employer's hires or the account manager's caseload. */
async function followUpsDue({ db, r, w, whose }: { db: Executor; r: DigestRecipient; w: DigestWindow; whose: 'employer' | 'caseload' }) {
  const filter = whose === 'employer' ? sql`p.employer_id = ${r.employerId}` : sql`c.account_manager_id = ${r.userId}`;
  return rows<{ placementId: string; candidateId: string; reference: string; vacancyTitle: string; employerName: string; monthMark: number; dueOn: string }>(
    db,
    sql`select p.id::text as "placementId", p.candidate_id::text as "candidateId", c.reference, v.title as "vacancyTitle",
               e.name as "employerName", f.month_mark as "monthMark", f.due_on::text as "dueOn"
          from placement_follow_ups f
          join placements p on p.tenant_id = f.tenant_id and p.id = f.placement_id
          join candidates c on c.tenant_id = p.tenant_id and c.id = p.candidate_id
          join vacancies v on v.tenant_id = p.tenant_id and v.id = p.vacancy_id
          join employers e on e.tenant_id = p.tenant_id and e.id = p.employer_id
         where f.tenant_id = ${r.tenantId} and ${filter} and p.status = 'active' and f.outcome is null
           and f.reminder_sent_at > ${at(w.since)} and f.reminder_sent_at <= ${at(w.until)}
         order by f.due_on, p.id, f.month_mark`,
  );
}

async function consentsExpiring(db: Executor, r: DigestRecipient, w: DigestWindow) {
  const notice = CONSENT_NOTICE_DAYS * DAY;
  return rows<{ candidateId: string; reference: string; purpose: string; expiresOn: string }>(
    db,
    sql`select c.id::text as "candidateId", c.reference, cc.purpose,
               (cc.expires_at at time zone 'Europe/Amsterdam')::date::text as "expiresOn"
          from candidate_consents cc
          join candidates c on c.tenant_id = cc.tenant_id and c.id = cc.candidate_id
         where cc.tenant_id = ${r.tenantId} and c.account_manager_id = ${r.userId} and cc.withdrawn_at is null
           and cc.expires_at > ${at(w.until)} and cc.expires_at <= ${at(new Date(w.until.getTime() + notice))}
           and (cc.expires_at > ${at(new Date(w.since.getTime() + notice))} or cc.given_at > ${at(w.since)})
         order by cc.expires_at, c.reference`,
  );
}

async function growthCohorts(db: Executor, r: DigestRecipient, w: DigestWindow) {
  const sinceDate = amsterdamDay(w.since);
  const untilDate = amsterdamDay(w.until);
  const prepareFrom = sql`(r.expected_date - r.training_lead_time_weeks * 7)`;
  // Typed, or Postgres reads "date - $n" as date − date.
  const horizon = sql`${COHORT_HORIZON_DAYS}::int`;
  return rows<{
    growthPlanId: string;
    planName: string;
    employerName: string;
    roleTitle: string;
    headcount: number;
    prepareFrom: string;
    expectedDate: string;
  }>(
    db,
    sql`select g.id::text as "growthPlanId", g.name as "planName", e.name as "employerName", r.title as "roleTitle", r.headcount,
               ${prepareFrom}::text as "prepareFrom", r.expected_date::text as "expectedDate"
          from growth_plan_roles r
          join growth_plans g on g.tenant_id = r.tenant_id and g.id = r.growth_plan_id
          join employers e on e.tenant_id = g.tenant_id and e.id = g.employer_id
         where r.tenant_id = ${r.tenantId} and g.status in ('planned', 'in_progress')
           and not exists (select 1 from vacancies v where v.tenant_id = r.tenant_id and v.growth_plan_role_id = r.id)
           and r.expected_date > ${untilDate}::date
           and (
             (${prepareFrom} - ${horizon} > ${sinceDate}::date and ${prepareFrom} - ${horizon} <= ${untilDate}::date)
             or (r.created_at > ${at(w.since)} and r.created_at <= ${at(w.until)} and ${prepareFrom} - ${horizon} <= ${untilDate}::date)
           )
         order by ${prepareFrom}, e.name, r.title`,
  );
}

/** Vacancies opened in the window: posted as open, or moved from draft to open (opened_at, not created_at). */
async function newVacancies(db: Executor, r: DigestRecipient, w: DigestWindow) {
  return rows<{ id: string; title: string; employerName: string }>(
    db,
    sql`select v.id::text as id, v.title, e.name as "employerName"
          from vacancies v
          join employers e on e.tenant_id = v.tenant_id and e.id = v.employer_id
         where v.tenant_id = ${r.tenantId} and v.status = 'open'
           and v.opened_at > ${at(w.since)} and v.opened_at <= ${at(w.until)}
         order by v.id`,
  );
}

/** The references (KR-…) of candidates, never their names. */
async function references(db: Executor, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await rows<{ id: string; reference: string }>(
    db,
    sql`select id::text, reference from candidates where tenant_id = ${tenantId} and id = any(${`{${ids.join(',')}}`}::uuid[])`,
  );
  return new Map(found.map((row) => [row.id, row.reference]));
}

/**
 * New vacancies × the caseload, ranked by the matching service (the columnar ranker, the same totals
 * as matchCandidate). Only eligible candidates count; conditions and reasons are never carried into
 * the digest. A ranking that reaches someone is a run like any other (REQUIREMENTS F2): `record` is
 * true when the digest is delivered (or a page shows the ranking), false for a preview. A round
 * passes its shared `ranking` (matching.caseloads.ts): the same answers, ranked once per vacancy for
 * every account manager instead of once per account manager.
 */
async function caseloadMatches({
  db,
  r,
  w,
  minScore,
  record,
  ranking,
}: {
  db: Executor;
  r: DigestRecipient;
  w: DigestWindow;
  minScore: number;
  record: boolean;
  ranking: CaseloadRanking | undefined;
}) {
  const vacancies = await newVacancies(db, r, w);
  if (vacancies.length === 0) return { strong: [], fitting: [] };
  const vacancyIds = vacancies.map((vacancy) => vacancy.id);
  const ranked = ranking
    ? await ranking.rank({
        executor: db,
        tenantId: r.tenantId,
        vacancyIds,
        accountManagerId: r.userId,
        actorUserId: r.userId,
        at: w.now,
        minTotal: minScore,
        record,
      })
    : await rankVacanciesOver({
        executor: db,
        tenantId: r.tenantId,
        vacancyIds,
        over: { kind: 'caseload', accountManagerId: r.userId },
        actorUserId: r.userId,
        at: w.now,
        minTotal: minScore,
        record,
      });
  const strongIds = [...new Set(ranked.flatMap((entry) => entry.results.map((result) => result.candidateId)))];
  const referenceOf = await references(db, r.tenantId, strongIds);
  const byId = new Map(vacancies.map((vacancy) => [vacancy.id, vacancy]));

  const strong: Array<{ vacancyId: string; vacancyTitle: string; employerName: string; candidateId: string; reference: string; total: number }> = [];
  const fitting: Array<{ vacancyId: string; title: string; employerName: string; eligible: number; strong: number }> = [];
  for (const entry of ranked) {
    const vacancy = byId.get(entry.vacancyId)!;
    const strongOnes = entry.results.filter((result) => referenceOf.has(result.candidateId));
    for (const result of strongOnes) {
      strong.push({
        vacancyId: vacancy.id,
        vacancyTitle: vacancy.title,
        employerName: vacancy.employerName,
        candidateId: result.candidateId,
        reference: referenceOf.get(result.candidateId)!,
        total: result.total,
      });
    }
    if (entry.eligible > 0)
      fitting.push({ vacancyId: vacancy.id, title: vacancy.title, employerName: vacancy.employerName, eligible: entry.eligible, strong: strongOnes.length });
  }
  strong.sort((a, b) => b.total - a.total || a.reference.localeCompare(b.reference) || a.vacancyId.localeCompare(b.vacancyId));
  fitting.sort((a, b) => b.strong - a.strong || b.eligible - a.eligible || a.title.localeCompare(b.title));
  return { strong, fitting };
}

const AMSTERDAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

function amsterdamDay(instant: Date): string {
  return AMSTERDAM_DAY.format(instant);
}

/** The sections a recipient gets: their role's, narrowed by the subscription's scope. */
export function sectionsFor(role: Role, scope: DigestScope): SectionKey[] {
  const allowed = SECTIONS_BY_ROLE[role];
  return scope.sections ? allowed.filter((key) => scope.sections!.includes(key)) : [...allowed];
}

/**
 * Composes the digest of one recipient for one window. Read-only unless `record`: a digest that is
 * delivered records its caseload ranking as a run (F2); a preview records nothing (R11: a GET never writes).
 */
export async function composeDigest({
  db,
  recipient,
  scope,
  window,
  record,
  ranking,
  timings,
}: {
  db: Executor;
  recipient: DigestRecipient;
  scope: DigestScope;
  window: DigestWindow;
  record: boolean;
  /** A round's shared caseload ranking; without it each digest ranks its own caseload (previews, pages). */
  ranking?: CaseloadRanking;
  /** Where the time goes (bench:digest): the ranking counts as 'rank'. */
  timings?: DigestTimings;
}): Promise<DigestContent> {
  const wanted = new Set(sectionsFor(recipient.role, scope));
  const sections: DigestSection[] = [];
  const candidateIds = new Set<string>();
  const mention = (ids: Iterable<string>) => {
    for (const id of ids) candidateIds.add(id);
  };

  if (recipient.role === 'employer' && recipient.employerId) {
    if (wanted.has('new_candidates')) {
      const found = await newCandidates(db, recipient, window);
      found.forEach((row) => mention(row.candidateIds));
      sections.push({
        key: 'new_candidates',
        items: found.map((row) => ({ shortlistId: row.shortlistId, vacancyTitle: row.vacancyTitle, count: row.candidateIds.length })),
      });
    }
    if (wanted.has('awaiting_answer')) {
      const found = await awaitingAnswer(db, recipient, window);
      found.forEach((row) => mention(row.candidateIds));
      sections.push({
        key: 'awaiting_answer',
        items: found.map((row) => ({ shortlistId: row.shortlistId, vacancyTitle: row.vacancyTitle, count: row.candidateIds.length, sharedOn: row.sharedOn })),
      });
    }
    if (wanted.has('employer_follow_ups')) {
      const found = await followUpsDue({ db, r: recipient, w: window, whose: 'employer' });
      mention(found.map((row) => row.candidateId));
      // The employer's own hire: the vacancy and the date, not the candidate's reference.
      sections.push({
        key: 'employer_follow_ups',
        items: found.map((row) => ({ placementId: row.placementId, vacancyTitle: row.vacancyTitle, monthMark: row.monthMark, dueOn: row.dueOn })),
      });
    }
  }

  if (recipient.role === 'account_manager') {
    if (wanted.has('caseload_news')) {
      // What reached the klantmanager's inbox in the window (issue 16.3): employer answers and drop-outs.
      // The reason codes stay out of the mail (a drop-out reason can be about health); the link has them.
      const found = await inboxRepository(db).forAccountManager({
        tenantId: recipient.tenantId,
        userId: recipient.userId,
        since: window.since,
        until: window.until,
        limit: MAX_ITEMS + 1,
      });
      const shown = found.slice(0, MAX_ITEMS).reverse();
      mention(shown.map((row) => row.candidateId));
      sections.push({
        key: 'caseload_news',
        items: shown.map((row) => ({
          kind: row.kind,
          decision: row.decision,
          checkIn: row.kind === 'employer_check_in' ? { monthMark: row.monthMark!, goingWell: row.goingWell!, needsSomething: row.needsSomething! } : null,
          candidateId: row.candidateId,
          reference: row.reference,
          vacancyTitle: row.vacancyTitle,
          employerName: row.employerName,
          shortlistId: row.shortlistId,
          placementId: row.placementId,
        })),
        more: found.length > MAX_ITEMS,
      });
    }
    if (wanted.has('strong_matches') || wanted.has('new_vacancies')) {
      // Ranking switched off for the tenant (F4): no matches, not even counted.
      const settings = await loadTenantSettings(db, recipient.tenantId);
      if (settings.rankingEnabled) {
        const minScore = scope.minMatchScore ?? DEFAULT_MIN_MATCH_SCORE;
        const { strong, fitting } = await timed(timings, 'rank', () => caseloadMatches({ db, r: recipient, w: window, minScore, record, ranking }));
        if (wanted.has('strong_matches')) {
          const shown = strong.slice(0, MAX_ITEMS);
          mention(shown.map((item) => item.candidateId));
          sections.push({ key: 'strong_matches', items: shown, more: strong.length - shown.length });
        }
        if (wanted.has('new_vacancies')) {
          // Only vacancies with a strong match need the klantmanager: the rest is noise (issue 16.3).
          const actionable = fitting.filter((vacancy) => vacancy.strong > 0);
          sections.push({ key: 'new_vacancies', items: actionable.slice(0, MAX_ITEMS), more: Math.max(0, actionable.length - MAX_ITEMS) });
        }
      }
    }
    if (wanted.has('follow_ups')) {
      const found = await followUpsDue({ db, r: recipient, w: window, whose: 'caseload' });
      mention(found.map((row) => row.candidateId));
      sections.push({ key: 'follow_ups', items: found });
    }
    if (wanted.has('consents_expiring')) {
      const found = await consentsExpiring(db, recipient, window);
      mention(found.map((row) => row.candidateId));
      sections.push({ key: 'consents_expiring', items: found });
    }
  }

  if ((recipient.role === 'employer_relations' || recipient.role === 'admin') && wanted.has('growth_cohorts')) {
    sections.push({ key: 'growth_cohorts', items: await growthCohorts(db, recipient, window) });
  }

  return { sections: sections.filter((section) => section.items.length > 0), candidateIds: [...candidateIds] };
}
