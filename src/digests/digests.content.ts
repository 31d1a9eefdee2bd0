import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Role } from '../auth/roles.js';
import { newId } from '../lib/ids.js';
import { compareMatches, matchCandidate } from '../matching/matcher.js';
import type { SkillGraph } from '../matching/matcher.types.js';
import { storedVacancyInput, toMatchCandidate, toMatchVacancy, type VacancyInputRow } from '../matching/matching.inputs.js';
import { matchingRepository } from '../matching/matching.repository.js';
import { vacancyRunEntry } from '../matching/matching.service.js';
import { compileCandidates, compileVacancy, scoreAll } from '../matching/ranker.js';
import { DEFAULT_WEIGHTS, MATCHER_VERSION } from '../matching/weights.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { DEFAULT_MIN_MATCH_SCORE, SECTIONS_BY_ROLE, type DigestScope, type SectionKey } from './digests.schemas.js';

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
      items: Array<{ placementId: string; candidateId: string; reference: string; vacancyTitle: string; employerName: string; monthMark: number; dueOn: string }>;
    }
  | { key: 'consents_expiring'; items: Array<{ candidateId: string; reference: string; purpose: string; expiresOn: string }> }
  | {
      key: 'growth_cohorts';
      items: Array<{ growthPlanId: string; planName: string; employerName: string; roleTitle: string; headcount: number; prepareFrom: string; expectedDate: string }>;
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
/** Longest lists in one mail; the rest is counted ("and 12 more"). */
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
async function followUpsDue(db: Executor, r: DigestRecipient, w: DigestWindow, whose: 'employer' | 'caseload') {
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
  return rows<{ growthPlanId: string; planName: string; employerName: string; roleTitle: string; headcount: number; prepareFrom: string; expectedDate: string }>(
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

/** The account manager's caseload as matcher input: the matching service's population query, narrowed. */
function caseloadInputs(db: Executor, r: DigestRecipient) {
  return matchingRepository(db).caseloadInputs({ tenantId: r.tenantId, accountManagerId: r.userId });
}

/** Vacancies opened in the window: posted as open, or moved from draft to open (opened_at, not created_at). */
async function newVacancyInputs(db: Executor, r: DigestRecipient, w: DigestWindow) {
  return rows<VacancyInputRow & { employerName: string }>(
    db,
    sql`select v.id::text as id, 'vacancy' as kind, v.title, v.occupation_uri as "occupationUri", e.sector,
               l.latitude, l.longitude, v.hours_min as "hoursMin", v.hours_max as "hoursMax",
               v.ramp_up_from_hours as "rampUpFromHours", v.shift_pattern as "shiftPattern", v.competencies,
               v.required_credentials as "requiredCredentials", e.name as "employerName"
          from vacancies v
          join employers e on e.tenant_id = v.tenant_id and e.id = v.employer_id
          join employer_locations l on l.tenant_id = v.tenant_id and l.id = v.location_id
         where v.tenant_id = ${r.tenantId} and v.status = 'open'
           and v.opened_at > ${at(w.since)} and v.opened_at <= ${at(w.until)}
         order by v.id`,
  );
}

/**
 * New vacancies × the caseload, through the columnar ranker (the same totals as matchCandidate,
 * bit for bit, at a fraction of the cost). Only eligible candidates count; conditions and reasons
 * are never carried into the digest.
 */
async function caseloadMatches(db: Executor, r: DigestRecipient, w: DigestWindow, minScore: number) {
  const vacancies = await newVacancyInputs(db, r, w);
  if (vacancies.length === 0) return { strong: [], fitting: [] };
  const caseload = await caseloadInputs(db, r);
  if (caseload.length === 0) return { strong: [], fitting: [] };
  const matching = matchingRepository(db);
  const stored = await matching.currentWeights(r.tenantId);
  const weights = stored?.weights ?? DEFAULT_WEIGHTS;
  const people = caseload.map(toMatchCandidate);
  const uris = [...new Set(vacancies.flatMap((vacancy) => vacancy.competencies.flatMap((competency) => (competency.skillUri ? [competency.skillUri] : []))))];
  const related = await matching.relatedSkills(uris);
  const skills: SkillGraph = { related: (uri) => related.get(uri) ?? [] };
  const columns = compileCandidates(people);
  const columnsIndex = new Map(people.map((person, index) => [person.id, index]));

  const strong: Array<{ vacancyId: string; vacancyTitle: string; employerName: string; candidateId: string; reference: string; total: number }> = [];
  const fitting: Array<{ vacancyId: string; title: string; employerName: string; eligible: number; strong: number }> = [];
  for (const vacancy of vacancies) {
    const matchVacancy = toMatchVacancy(vacancy);
    const compiled = compileVacancy(matchVacancy, skills, columns.intern);
    const { totals, eligible } = scoreAll(compiled, columns, weights);
    let eligibleCount = 0;
    let strongCount = 0;
    const mailed: number[] = [];
    for (let i = 0; i < columns.count; i++) {
      if (!eligible[i]) continue;
      eligibleCount += 1;
      if (totals[i]! >= minScore) {
        strongCount += 1;
        mailed.push(i);
        strong.push({
          vacancyId: vacancy.id,
          vacancyTitle: vacancy.title,
          employerName: vacancy.employerName,
          candidateId: caseload[i]!.id,
          reference: caseload[i]!.reference,
          total: Math.round(totals[i]! * 10) / 10,
        });
      }
    }
    if (eligibleCount > 0) fitting.push({ vacancyId: vacancy.id, title: vacancy.title, employerName: vacancy.employerName, eligible: eligibleCount, strong: strongCount });
    if (mailed.length > 0) {
      // A ranking that reaches someone is a run like any other (REQUIREMENTS F2): stored, replayable.
      const results = mailed.map((i) => matchCandidate(matchVacancy, people[i]!, { weights, skills })).sort(compareMatches);
      const vacancyInput = storedVacancyInput(matchVacancy, related);
      await matching.insertRun(
        {
          tenantId: r.tenantId,
          id: newId(w.now.getTime()),
          kind: 'vacancy',
          subjectId: vacancy.id,
          actorUserId: r.userId,
          at: w.now,
          matcherVersion: MATCHER_VERSION,
          weightsVersion: stored?.version ?? 0,
          weights,
          inputsHash: createHash('sha256').update(JSON.stringify({ matcherVersion: MATCHER_VERSION, weights, vacancy: vacancyInput, caseload: people })).digest('hex'),
          population: columns.count,
          eligible: eligibleCount,
          results: results.map((result, index) => vacancyRunEntry(result, index + 1)),
        },
        [
          { subjectId: vacancy.id, input: vacancyInput as unknown as Record<string, unknown>, person: false },
          ...results.map((result) => ({ subjectId: result.candidateId, input: people[columnsIndex.get(result.candidateId)!] as unknown as Record<string, unknown>, person: true })),
        ],
      );
    }
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

/** Composes the digest of one recipient for one window. Read-only. */
export async function composeDigest(db: Executor, recipient: DigestRecipient, scope: DigestScope, window: DigestWindow): Promise<DigestContent> {
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
      sections.push({ key: 'new_candidates', items: found.map((row) => ({ shortlistId: row.shortlistId, vacancyTitle: row.vacancyTitle, count: row.candidateIds.length })) });
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
      const found = await followUpsDue(db, recipient, window, 'employer');
      mention(found.map((row) => row.candidateId));
      // The employer's own hire: the vacancy and the date, not the candidate's reference.
      sections.push({
        key: 'employer_follow_ups',
        items: found.map((row) => ({ placementId: row.placementId, vacancyTitle: row.vacancyTitle, monthMark: row.monthMark, dueOn: row.dueOn })),
      });
    }
  }

  if (recipient.role === 'account_manager') {
    if (wanted.has('strong_matches') || wanted.has('new_vacancies')) {
      // Ranking switched off for the tenant (F4): no matches, not even counted.
      const settings = await loadTenantSettings(db, recipient.tenantId);
      if (settings.rankingEnabled) {
        const { strong, fitting } = await caseloadMatches(db, recipient, window, scope.minMatchScore ?? DEFAULT_MIN_MATCH_SCORE);
        if (wanted.has('strong_matches')) {
          const shown = strong.slice(0, MAX_ITEMS);
          mention(shown.map((item) => item.candidateId));
          sections.push({ key: 'strong_matches', items: shown, more: strong.length - shown.length });
        }
        if (wanted.has('new_vacancies')) {
          sections.push({ key: 'new_vacancies', items: fitting.slice(0, MAX_ITEMS), more: Math.max(0, fitting.length - MAX_ITEMS) });
        }
      }
    }
    if (wanted.has('follow_ups')) {
      const found = await followUpsDue(db, recipient, window, 'caseload');
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
