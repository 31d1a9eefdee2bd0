import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import { createCandidateService } from '../candidates/candidates.service.js';
import { CONSENT_TEXTS } from '../candidates/consent-texts.js';
import { localTimeToInstant } from '../digests/digests.period.js';
import { rankVacanciesOver } from '../matching/matching.service.js';
import { createRandom } from './random.js';
import { addMonths, amsterdamDate, type FollowUpMark } from '../placements/calendar.js';
import { markDueFollowUpReminders } from '../placements/placements.jobs.js';
import { createPlacementBodySchema, type DropoutReason, type FollowUpOutcome } from '../placements/placements.schemas.js';
import { createPlacementService } from '../placements/placements.service.js';
import type { InstrumentCode } from '../settings/settings.schemas.js';
import type { FeedbackReasonCode } from '../shortlists/shortlists.schemas.js';
import { disclosesProtectedFact } from '../shortlists/instruments.js';
import { createShortlistService } from '../shortlists/shortlists.service.js';
import { DEMO_EMPLOYERS, type DemoEmployer } from './demo-employers.js';
import { demoPitch, type PitchPerson } from './demo-pitches.js';

/*
 * A small, believable history for the demo Werkplein, so that digests, the impact report and the
 * fairness report have something to show on a fresh demo: shortlists sent over the past months with
 * the employers' answers (invite, hire, decline with a reason), ten placements with their 1/3/6-month
 * follow-ups (most still working, two dropped out), shortlists shared a week ago and today that wait
 * for an answer, and a few consents to share that end in the coming weeks.
 *
 * Shortlists, answers, placements, follow-ups and consents go through the real services with a clock
 * set to the moment they happened, so every rule holds as it does in the API: a consent to share
 * before a person is shared (given at that moment when the person had none), a recorded human
 * approval before sending, a placement only of someone shared on the shortlist and hired. Each list
 * is picked from a ranking of its vacancy by the matcher, stored as a run the way the matching
 * service stores one (in the seed's transaction, which the service cannot read), so the entries
 * carry the run and its score. Times are relative to `now`; the choices are fixed (and a seeded
 * random for the wording), so a demo seeded at the same moment gets the same history.
 *
 * Timed for the first digest of every subscription (created at the same moment, see
 * digests.demo.ts): shortlists shared now are "new", shortlists shared exactly a week ago "wait for an
 * answer", follow-ups that are due are reminded now (as the daily reminder job would), and the
 * consents that end soon are given now with their end date.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const TIMEZONE = 'Europe/Amsterdam';
/** How far down a ranking the demo's account managers look for people to propose. */
const RANKING_PAGE = 40;

type EmployerKey = DemoEmployer['key'];
type Picked = { candidateId: string; total: number; runId: string };

/** A shortlist in the past that ended in a placement, followed up at 1, 3 and 6 months. */
type PlacementStory = {
  employer: EmployerKey;
  vacancy: string;
  /** The first working day, counted back from today. */
  start: { months: number; days: number };
  hoursPerWeek: number;
  contractMonths?: number;
  instruments?: Array<{ code: InstrumentCode; monthlyAmount?: number; months?: number; oneOffAmount?: number }>;
  /** The other people on the list: the employer's answer about each. */
  others: Array<{ invited: boolean; decline: FeedbackReasonCode; text?: string }>;
  /** What each follow-up found; a mark left out is still open (reminded when due). */
  followUps: Partial<Record<FollowUpMark, { outcome: FollowUpOutcome; dropoutReason?: DropoutReason; endedDaysBefore?: number; note: string }>>;
};

const PLACEMENTS: PlacementStory[] = [
  {
    employer: 'hoge-wal',
    vacancy: 'Orderpicker',
    start: { months: 7, days: 3 },
    hoursPerWeek: 32,
    instruments: [{ code: 'proefplaatsing' }],
    others: [
      { invited: true, decline: 'position_filled', text: 'We hebben gekozen voor een andere kandidaat.' },
      { invited: false, decline: 'availability_mismatch' },
    ],
    followUps: {
      1: { outcome: 'working', note: 'Gaat goed. Haalt het tempo en komt op tijd.' },
      3: { outcome: 'working', note: 'Vaste ploeg gevonden. Werkgever is tevreden.' },
      6: { outcome: 'working', note: 'Werkt nu 36 uur. Contract is verlengd.' },
    },
  },
  {
    employer: 'zoete-inval',
    vacancy: 'Productiemedewerker lijn',
    start: { months: 6, days: 5 },
    hoursPerWeek: 36,
    instruments: [{ code: 'no_riskpolis' }],
    others: [{ invited: false, decline: 'hours_mismatch', text: 'Wij zoeken iemand voor minimaal 33 uur.' }],
    followUps: {
      1: { outcome: 'working', note: 'Goed gestart aan de lijn.' },
      3: { outcome: 'working_fewer_hours', note: 'Werkt in overleg 28 uur; dat past beter bij de thuissituatie.' },
      6: { outcome: 'working', note: 'Nog steeds aan het werk, 28 uur per week.' },
    },
  },
  {
    employer: 'thuiszorg',
    vacancy: 'Huishoudelijk medewerker thuiszorg',
    start: { months: 6, days: -10 },
    hoursPerWeek: 20,
    others: [
      { invited: true, decline: 'travel_distance', text: 'De cliënten wonen te ver weg zonder eigen vervoer.' },
      { invited: false, decline: 'availability_mismatch' },
    ],
    followUps: {
      1: { outcome: 'working', note: 'Cliënten zijn blij met de hulp.' },
      3: { outcome: 'dropped_out', dropoutReason: 'childcare', endedDaysBefore: 9, note: 'Opvang na school viel weg. We zoeken samen werk met andere uren.' },
    },
  },
  {
    employer: 'brabant-fulfilment',
    vacancy: 'Medewerker e-commerce inpak',
    start: { months: 5, days: 2 },
    hoursPerWeek: 30,
    instruments: [{ code: 'proefplaatsing' }],
    others: [
      { invited: true, decline: 'experience_insufficient' },
      { invited: false, decline: 'hours_mismatch' },
    ],
    followUps: {
      1: { outcome: 'working', note: 'Leert snel. Werkt mee in de piek.' },
      3: { outcome: 'working', note: 'Gaat goed; vaste dagen afgesproken.' },
    },
  },
  {
    employer: 'glans',
    vacancy: 'Schoonmaker kantoren',
    start: { months: 4, days: 6 },
    hoursPerWeek: 16,
    instruments: [{ code: 'jobcoach', oneOffAmount: 1500 }],
    others: [{ invited: false, decline: 'availability_mismatch', text: 'Wij werken vooral vroeg in de ochtend.' }],
    followUps: {
      1: { outcome: 'working', note: 'Jobcoach komt elke week langs. Gaat goed.' },
      3: { outcome: 'working', note: 'Werkt zelfstandig op twee locaties.' },
    },
  },
  {
    employer: 'pakketcentrum-dongen',
    vacancy: 'Sorteerder pakketten (nacht)',
    start: { months: 3, days: 15 },
    hoursPerWeek: 24,
    others: [
      { invited: true, decline: 'position_filled' },
      { invited: false, decline: 'travel_distance' },
    ],
    followUps: {
      1: {
        outcome: 'dropped_out',
        dropoutReason: 'travel',
        endedDaysBefore: 6,
        note: 'Na drie weken gestopt: de laatste bus reed niet meer op tijd. Werkgever wil het opnieuw proberen met vervoer.',
      },
    },
  },
  {
    employer: 'van-dijk',
    vacancy: 'Vakkenvuller ochtend',
    start: { months: 3, days: 2 },
    hoursPerWeek: 18,
    contractMonths: 6,
    others: [{ invited: true, decline: 'hours_mismatch' }],
    // The 3-month check is due two days ago and not yet done.
    followUps: { 1: { outcome: 'working', note: 'Vult de schappen zelfstandig. Komt goed mee.' } },
  },
  {
    employer: 'buitenploeg',
    vacancy: 'Groenmedewerker',
    start: { months: 2, days: 4 },
    hoursPerWeek: 36,
    contractMonths: 12,
    instruments: [{ code: 'loonkostensubsidie', monthlyAmount: 850, months: 12 }],
    others: [
      { invited: false, decline: 'skills_mismatch', text: 'Voor dit werk is ervaring met bosmaaiers nodig.' },
      { invited: true, decline: 'position_filled' },
    ],
    followUps: { 1: { outcome: 'working', note: 'Werkt buiten in de ploeg; de loonwaarde wordt na een half jaar opnieuw bekeken.' } },
  },
  {
    employer: 'vier-jaargetijden',
    vacancy: 'Medewerker housekeeping',
    // The 1-month check is due today.
    start: { months: 1, days: 0 },
    hoursPerWeek: 24,
    contractMonths: 6,
    others: [{ invited: true, decline: 'availability_mismatch', text: 'Wij hebben vooral mensen nodig in het weekend.' }],
    followUps: {},
  },
  {
    employer: 'metaal-oisterwijk',
    vacancy: 'Productiemedewerker montage',
    start: { months: 0, days: 14 },
    hoursPerWeek: 32,
    contractMonths: 12,
    instruments: [{ code: 'proefplaatsing' }],
    others: [
      { invited: false, decline: 'experience_insufficient' },
      { invited: true, decline: 'position_filled' },
    ],
    followUps: {},
  },
];

/** Shortlists of the past weeks on which the employer invited people and has not decided yet. */
const INTERVIEWS: Array<{
  employer: EmployerKey;
  vacancy: string;
  sentDaysAgo: number;
  answers: Array<{ invited: true } | { invited: false; decline: Exclude<FeedbackReasonCode, 'other'> }>;
}> = [
  {
    employer: 'loonse-duinen',
    vacancy: 'Medewerker horeca seizoen',
    sentDaysAgo: 26,
    answers: [{ invited: true }, { invited: true }, { invited: false, decline: 'travel_distance' }],
  },
  {
    employer: 'smaakmakers',
    vacancy: 'Medewerker bedrijfsrestaurant',
    sentDaysAgo: 19,
    answers: [{ invited: true }, { invited: false, decline: 'skills_mismatch' }],
  },
];

/** Employers that received a shortlist exactly a week ago and have not answered yet. */
const AWAITING: Array<{ employer: EmployerKey; vacancy: string }> = [
  { employer: 'van-gorkum', vacancy: 'Laad- en losmedewerker' },
  { employer: 'kunststof-gilze', vacancy: 'Inpakker spuitgieterij' },
  { employer: 'helder', vacancy: 'Glazenwasser' },
  { employer: 'groene-stek', vacancy: 'Medewerker moestuin en dieren' },
  { employer: 'tweede-kans', vacancy: 'Medewerker kringloopwinkel' },
];

/** Consents to share that end in the coming weeks: days from now, one per account manager. */
const EXPIRING_CONSENT_DAYS = [12, 17, 23, 27];

const INVITE_TEXTS = ['Graag een kennismaking op de werkvloer.', 'We nodigen graag uit voor een gesprek.', 'Leuk profiel; we plannen een meeloopdag.'];
const HIRE_TEXTS = ['Goed gesprek en een fijne meeloopdag. We gaan het proberen.', 'Past goed in het team. Welkom!'];

type VacancyRow = {
  id: string;
  employerId: string;
  title: string;
  sector: DemoEmployer['sector'];
  hoursMin: number;
  hoursMax: number;
  rampUpFromHours: number | null;
  contractType: string;
  status: string;
};

export type DemoHistorySummary = {
  shortlists: number;
  shared: number;
  feedback: number;
  placements: number;
  followUpsRecorded: number;
  remindersMarked: number;
  expiringConsents: number;
};

/**
 * Seeds the demo history in the demo's seed transaction (`tx`), up to `now`: the moment it runs, at
 * or after the seed's subscriptions and consents were made (their first digests then hold what
 * happens now). Does nothing when the tenant has shortlists already, so it never runs twice. `db`
 * is only handed to the services' constructors.
 */
export async function seedDemoHistory({
  db,
  tx,
  tenantId,
  now,
  logger,
}: {
  db: Db;
  tx: Tx;
  tenantId: string;
  now: Date;
  logger?: Logger;
}): Promise<DemoHistorySummary> {
  const summary: DemoHistorySummary = { shortlists: 0, shared: 0, feedback: 0, placements: 0, followUpsRecorded: 0, remindersMarked: 0, expiringConsents: 0 };
  const existing = await tx.execute<{ n: number }>(sql`select count(*)::int as n from shortlists where tenant_id = ${tenantId}`);
  if ((existing.rows[0]?.n ?? 0) > 0) return summary;

  const T = now.getTime();
  let current = T;
  const clock = { now: () => new Date(current) };
  /** Moves the history clock; the history never reaches past the seed's own moment. */
  const setTime = (instant: number) => {
    current = Math.min(instant, T);
  };
  const today = amsterdamDate(now);
  /** An hour on the Dutch wall clock of a day, as an instant. */
  const onDay = (day: string, hour: number, minutes = 0) => {
    const [year, month, dayOfMonth] = day.split('-').map(Number) as [number, number, number];
    return localTimeToInstant({ year, month, day: dayOfMonth }, hour, TIMEZONE).getTime() + minutes * 60_000;
  };
  const dayOf = (instant: number) => amsterdamDate(new Date(instant));
  const daysBefore = (day: string, days: number) => dayOf(onDay(day, 12) - days * DAY);

  const candidates = createCandidateService({ db, clock });
  const shortlists = createShortlistService({ db, clock });
  const placements = createPlacementService({ db, clock, candidates });
  const random = createRandom(20_261_125);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  // People of the seed.
  const staff = await tx.execute<{ id: string }>(
    sql`select id::text from users where tenant_id = ${tenantId} and role = 'account_manager' and active order by email`,
  );
  const managers: Principal[] = staff.rows.map((row) => ({ tenantId, userId: row.id, tokenId: 'seed', role: 'account_manager', employerId: null }));
  if (managers.length === 0) return summary;
  const managerById = new Map(managers.map((manager) => [manager.userId, manager]));
  const employerRows = await tx.execute<{ id: string; name: string; userId: string | null }>(sql`
    select e.id::text, e.name,
           (select u.id::text from users u where u.tenant_id = e.tenant_id and u.employer_id = e.id and u.role = 'employer' and u.active order by u.email limit 1) as "userId"
      from employers e where e.tenant_id = ${tenantId}`);
  const employerByName = new Map(employerRows.rows.map((row) => [row.name, row]));
  const vacancyRows = await tx.execute<VacancyRow>(sql`
    select v.id::text, v.employer_id::text as "employerId", v.title, e.sector, v.hours_min as "hoursMin", v.hours_max as "hoursMax",
           v.ramp_up_from_hours as "rampUpFromHours", v.contract_type as "contractType", v.status
      from vacancies v join employers e on e.tenant_id = v.tenant_id and e.id = v.employer_id
     where v.tenant_id = ${tenantId}`);

  const employerOf = (key: EmployerKey) => {
    const demo = DEMO_EMPLOYERS.find((employer) => employer.key === key);
    return demo ? employerByName.get(demo.name) : undefined;
  };
  const employerPrincipal = (key: EmployerKey): Principal | undefined => {
    const employer = employerOf(key);
    return employer?.userId ? { tenantId, userId: employer.userId, tokenId: 'seed', role: 'employer', employerId: employer.id } : undefined;
  };
  const vacancyOf = (key: EmployerKey, title: string) => {
    const employer = employerOf(key);
    return vacancyRows.rows.find((row) => row.employerId === employer?.id && row.title === title && row.status === 'open');
  };

  /** The person's consent to share: whether one is active at `at`, and whether it was given by then. */
  async function shareConsent(candidateId: string, at: number): Promise<'before' | 'later' | 'none'> {
    const result = await tx.execute<{ givenAt: Date }>(sql`
      select given_at as "givenAt" from candidate_consents
       where tenant_id = ${tenantId} and candidate_id = ${candidateId} and purpose = 'share_with_employers'
         and withdrawn_at is null and (expires_at is null or expires_at > ${new Date(at).toISOString()}::timestamptz)
       order by given_at limit 1`);
    const row = result.rows[0];
    if (!row) return 'none';
    return new Date(row.givenAt).getTime() <= at ? 'before' : 'later';
  }

  async function managerOf(candidateId: string): Promise<Principal> {
    const result = await tx.execute<{ id: string | null }>(
      sql`select account_manager_id::text as id from candidates where tenant_id = ${tenantId} and id = ${candidateId}`,
    );
    return managerById.get(result.rows[0]?.id ?? '') ?? managers[0]!;
  }

  const onList = new Set<string>();
  let rotation = 0;

  /**
   * Ranks the active caseload for the vacancy at `at`, as the matching service does (eligible people
   * by total, the first page stored as a run with its inputs, so that it can be replayed).
   */
  async function rank(vacancy: VacancyRow, at: number, manager: Principal): Promise<{ runId: string; items: Array<{ candidateId: string; total: number }> }> {
    setTime(at);
    const [ranked] = await rankVacanciesOver({
      executor: tx,
      tenantId,
      vacancyIds: [vacancy.id],
      over: { kind: 'population' },
      actorUserId: manager.userId,
      at: new Date(at),
      limit: RANKING_PAGE,
      record: true,
    });
    if (!ranked?.runId) return { runId: '', items: [] };
    return { runId: ranked.runId, items: ranked.results.map((result) => ({ candidateId: result.candidateId, total: result.total })) };
  }

  /**
   * Ranks the vacancy at `at` and takes the best-ranked people who can be shared by `shareAt`: an
   * active consent given by then, or none yet (their account manager then asks for it, just after the
   * ranking). People on another list are passed over while others are left. Nothing when fewer than
   * `least` can be proposed.
   */
  async function rankAndPick({
    vacancy,
    count,
    at,
    shareAt,
    manager,
    least = 2,
  }: {
    vacancy: VacancyRow;
    count: number;
    at: number;
    shareAt: number;
    manager: Principal;
    least?: number;
  }): Promise<Picked[]> {
    const ranking = await rank(vacancy, at, manager);
    const usable: Array<Picked & { consent: 'before' | 'none' }> = [];
    for (const item of ranking.items) {
      const consent = await shareConsent(item.candidateId, shareAt);
      if (consent === 'later') continue;
      usable.push({ ...item, runId: ranking.runId, consent });
    }
    const fresh = usable.filter((item) => !onList.has(item.candidateId));
    const chosen = [...fresh, ...usable.filter((item) => onList.has(item.candidateId))].slice(0, count);
    if (chosen.length < least) return [];
    let minute = 10;
    for (const item of chosen) {
      onList.add(item.candidateId);
      if (item.consent === 'none') {
        setTime(at + (minute += 5) * 60_000);
        await candidates.giveConsent({
          tx,
          principal: await managerOf(item.candidateId),
          id: item.candidateId,
          body: { purpose: 'share_with_employers', textVersion: CONSENT_TEXTS.share_with_employers.version },
          lang: 'nl',
        });
      }
    }
    return chosen;
  }

  /** What a klantmanager reads in the person's profile to write the pitch (src/demo/demo-pitches.ts). */
  async function pitchPersonOf(candidateId: string): Promise<PitchPerson> {
    const profile = await tx.execute<{
      hoursNow: number | null;
      hoursTarget: number | null;
      rampUpPlan: number[] | null;
      availability: PitchPerson['availability'];
      competencies: PitchPerson['competencies'] | null;
      experience: PitchPerson['experience'] | null;
      certificates: string[] | null;
    }>(sql`
      select hours_now as "hoursNow", hours_target as "hoursTarget", ramp_up_plan as "rampUpPlan", availability, competencies, experience, certificates
        from candidate_profiles where tenant_id = ${tenantId} and candidate_id = ${candidateId}`);
    const assessments = await tx.execute<{ kind: 'motivation' | 'potential'; score: number; evidence: string }>(sql`
      select distinct on (kind) kind, score, evidence from candidate_assessments
       where tenant_id = ${tenantId} and candidate_id = ${candidateId} order by kind, assessed_at desc, id desc`);
    const row = profile.rows[0];
    const assessment = (kind: 'motivation' | 'potential') => assessments.rows.find((item) => item.kind === kind) ?? null;
    return {
      hoursNow: row?.hoursNow ?? null,
      hoursTarget: row?.hoursTarget ?? null,
      rampUpPlan: row?.rampUpPlan ?? null,
      availability: row?.availability ?? null,
      competencies: row?.competencies ?? [],
      experience: row?.experience ?? [],
      certificates: row?.certificates ?? [],
      motivation: assessment('motivation'),
      potential: assessment('potential'),
    };
  }

  /** Creates the shortlist at `at`, adds and approves the picks, and sends it at `sendAt`. */
  async function curateAndSend({
    vacancy,
    picks,
    manager,
    at,
    sendAt,
  }: {
    vacancy: VacancyRow;
    picks: Picked[];
    manager: Principal;
    at: number;
    sendAt: number;
  }): Promise<string> {
    setTime(at + HOUR);
    const note =
      picks.length === 1
        ? 'Iemand die goed past bij deze vacature. Bel ons gerust als u vragen heeft.'
        : `${picks.length === 2 ? 'Twee' : 'Drie'} mensen die goed passen bij deze vacature. Bel ons gerust als u vragen heeft.`;
    const shortlist = await shortlists.create({ tx, principal: manager, vacancyId: vacancy.id, body: { noteToEmployer: note }, lang: 'nl' });
    for (const [position, picked] of picks.entries()) {
      const pitch = demoPitch(await pitchPersonOf(picked.candidateId), vacancy, position);
      await shortlists.addEntry({
        tx,
        principal: manager,
        id: shortlist.id,
        body: { candidateId: picked.candidateId, matchRunId: picked.runId, pitch },
        lang: 'nl',
      });
    }
    setTime(sendAt - 30 * 60_000);
    for (const picked of picks) await shortlists.approve({ tx, principal: manager, id: shortlist.id, candidateId: picked.candidateId, lang: 'nl' });
    setTime(sendAt);
    await shortlists.send({ tx, principal: manager, id: shortlist.id, lang: 'nl' });
    summary.shortlists += 1;
    summary.shared += picks.length;
    return shortlist.id;
  }

  async function answer({
    employer,
    shortlistId,
    candidateId,
    at,
    body,
  }: {
    employer: Principal;
    shortlistId: string;
    candidateId: string;
    at: number;
    body: { decision: 'invite' | 'hire' | 'decline'; reasonCode?: FeedbackReasonCode; reasonText?: string };
  }) {
    setTime(at);
    await shortlists.giveFeedback({ tx, principal: employer, id: shortlistId, candidateId, body });
    summary.feedback += 1;
  }

  // 1. Placements of the past months, oldest first: ranking, shortlist, answers, the hire.
  const placed: Array<{ story: PlacementStory; placementId: string; candidateId: string; manager: Principal; startDate: string }> = [];
  const stories = PLACEMENTS.map((story) => ({ story, startDate: daysBefore(addMonths(today, -story.start.months), story.start.days) })).sort((a, b) =>
    a.startDate.localeCompare(b.startDate),
  );
  for (const { story, startDate } of stories) {
    const vacancy = vacancyOf(story.employer, story.vacancy);
    const employer = employerPrincipal(story.employer);
    if (!vacancy || !employer) continue;
    const manager = managers[rotation++ % managers.length]!;
    const rankedAt = onDay(daysBefore(startDate, 33), 9, 30);
    const sentAt = onDay(daysBefore(startDate, 32), 14);
    const picks = await rankAndPick({ vacancy, count: 1 + story.others.length, at: rankedAt, shareAt: sentAt, manager });
    if (picks.length < 2) {
      logger?.warn({ vacancy: vacancy.title }, 'demo history: too few people to propose');
      continue;
    }
    const shortlistId = await curateAndSend({ vacancy, picks, manager, at: rankedAt, sendAt: sentAt });
    const [hired, ...others] = picks;
    await answer({
      employer,
      shortlistId,
      candidateId: hired!.candidateId,
      at: sentAt + 2 * DAY + 3 * HOUR,
      body: { decision: 'invite', reasonText: pick(INVITE_TEXTS) },
    });
    for (const [index, other] of others.entries()) {
      const script = story.others[index]!;
      if (script.invited) {
        await answer({ employer, shortlistId, candidateId: other.candidateId, at: sentAt + 2 * DAY + 4 * HOUR, body: { decision: 'invite' } });
        await answer({
          employer,
          shortlistId,
          candidateId: other.candidateId,
          at: sentAt + 9 * DAY,
          body: { decision: 'decline', reasonCode: script.decline, ...(script.text ? { reasonText: script.text } : {}) },
        });
      } else {
        await answer({
          employer,
          shortlistId,
          candidateId: other.candidateId,
          at: sentAt + 2 * DAY + 5 * HOUR,
          body: { decision: 'decline', reasonCode: script.decline, ...(script.text ? { reasonText: script.text } : {}) },
        });
      }
    }
    await answer({
      employer,
      shortlistId,
      candidateId: hired!.candidateId,
      at: sentAt + 9 * DAY + HOUR,
      body: { decision: 'hire', reasonText: pick(HIRE_TEXTS) },
    });
    // An instrument that discloses a protected fact (no-riskpolis, loonkostensubsidie) is used only
    // when the person agreed that the employer may know of it (issue 11.11); in the demo they did, at hiring.
    if (story.instruments?.some((used) => disclosesProtectedFact(used.code))) {
      setTime(sentAt + 10 * DAY);
      await candidates.giveConsent({
        tx,
        principal: await managerOf(hired!.candidateId),
        id: hired!.candidateId,
        body: { purpose: 'share_instrument_eligibility', textVersion: CONSENT_TEXTS.share_instrument_eligibility.version },
        lang: 'nl',
      });
    }
    setTime(sentAt + 12 * DAY);
    const placement = await placements.create({
      tx,
      principal: manager,
      body: createPlacementBodySchema.parse({
        candidateId: hired!.candidateId,
        vacancyId: vacancy.id,
        shortlistId,
        startDate,
        hoursPerWeek: story.hoursPerWeek,
        contractType: vacancy.contractType,
        ...(story.contractMonths ? { contractMonths: story.contractMonths } : {}),
        instrumentsUsed: story.instruments ?? [],
      }),
      lang: 'nl',
    });
    await shortlists.update({ tx, principal: manager, id: shortlistId, body: { status: 'closed' }, lang: 'nl' });
    summary.placements += 1;
    placed.push({ story, placementId: placement.id, candidateId: hired!.candidateId, manager, startDate });
  }

  // 2. Follow-ups at 1, 3 and 6 months, as they fell due; those due and not done stay open.
  const recordings = placed
    .flatMap((entry) =>
      ([1, 3, 6] as const).flatMap((mark) => {
        const script = entry.story.followUps[mark];
        const dueOn = addMonths(entry.startDate, mark);
        const at = onDay(daysBefore(dueOn, -2), 10);
        return script && at < T - HOUR ? [{ entry, mark, script, dueOn, at }] : [];
      }),
    )
    .sort((a, b) => a.at - b.at);
  for (const { entry, mark, script, dueOn, at } of recordings) {
    setTime(at);
    await placements.recordFollowUp({
      tx,
      principal: entry.manager,
      id: entry.placementId,
      body: {
        monthMark: mark,
        outcome: script.outcome,
        ...(script.dropoutReason ? { dropoutReason: script.dropoutReason } : {}),
        ...(script.endedDaysBefore !== undefined ? { endedOn: daysBefore(dueOn, script.endedDaysBefore) } : {}),
        note: script.note,
      },
    });
    // A drop-out puts the person back in the caseload (the placement service does it).
    summary.followUpsRecorded += 1;
  }

  // 3. Shortlists of the past weeks with interviews planned.
  for (const interview of INTERVIEWS) {
    const vacancy = vacancyOf(interview.employer, interview.vacancy);
    const employer = employerPrincipal(interview.employer);
    if (!vacancy || !employer) continue;
    const manager = managers[rotation++ % managers.length]!;
    const sentAt = onDay(dayOf(T - interview.sentDaysAgo * DAY), 11);
    const rankedAt = sentAt - DAY;
    const picks = await rankAndPick({ vacancy, count: interview.answers.length, at: rankedAt, shareAt: sentAt, manager });
    if (picks.length < 2) continue;
    const shortlistId = await curateAndSend({ vacancy, picks, manager, at: rankedAt, sendAt: sentAt });
    for (const [index, picked] of picks.entries()) {
      const script = interview.answers[index]!;
      await answer({
        employer,
        shortlistId,
        candidateId: picked.candidateId,
        at: sentAt + 3 * DAY + index * HOUR,
        body: script.invited ? { decision: 'invite', reasonText: pick(INVITE_TEXTS) } : { decision: 'decline', reasonCode: script.decline },
      });
    }
  }

  // 4. A week ago: shortlists the employer has not answered yet (the digest reminds them now).
  for (const waiting of AWAITING) {
    const vacancy = vacancyOf(waiting.employer, waiting.vacancy);
    if (!vacancy) continue;
    const manager = managers[rotation++ % managers.length]!;
    const sentAt = T - 7 * DAY;
    const picks = await rankAndPick({ vacancy, count: 2, at: sentAt - 4 * HOUR, shareAt: sentAt, manager });
    if (picks.length >= 2) await curateAndSend({ vacancy, picks, manager, at: sentAt - 4 * HOUR, sendAt: sentAt });
  }

  // 5. Today: every demo employer with an open vacancy gets a fresh shortlist of two or three people.
  for (const [index, demo] of DEMO_EMPLOYERS.entries()) {
    const employer = employerOf(demo.key);
    if (!employer?.userId) continue;
    // The first open vacancy for which two people can be proposed.
    const manager = managers[rotation++ % managers.length]!;
    for (const title of demo.vacancies.map((vacancy) => vacancy.title)) {
      const vacancy = vacancyOf(demo.key, title);
      if (!vacancy) continue;
      const picks = await rankAndPick({ vacancy, count: index % 3 === 0 ? 3 : 2, at: T - 3 * HOUR, shareAt: T, manager });
      if (picks.length < 2) continue;
      await curateAndSend({ vacancy, picks, manager, at: T - 3 * HOUR, sendAt: T });
      break;
    }
  }

  // 6. Follow-ups that are due are reminded now, as the daily job does (the digests read the mark).
  setTime(T);
  summary.remindersMarked = await markDueFollowUpReminders(tx, now);

  // 7. Consents to share that end in the coming weeks: one in each account manager's caseload.
  for (const [index, manager] of managers.entries()) {
    const days = EXPIRING_CONSENT_DAYS[index % EXPIRING_CONSENT_DAYS.length]!;
    const person = await tx.execute<{ id: string }>(sql`
      select c.id::text from candidates c
       where c.tenant_id = ${tenantId} and c.account_manager_id = ${manager.userId} and c.status = 'active'
         and not exists (select 1 from candidate_consents cc where cc.tenant_id = c.tenant_id and cc.candidate_id = c.id and cc.purpose = 'share_with_employers')
       order by c.reference limit 1`);
    const candidateId = person.rows[0]?.id;
    if (!candidateId) continue;
    await candidates.giveConsent({
      tx,
      principal: manager,
      id: candidateId,
      body: { purpose: 'share_with_employers', textVersion: CONSENT_TEXTS.share_with_employers.version, expiresAt: new Date(T + days * DAY).toISOString() },
      lang: 'nl',
    });
    summary.expiringConsents += 1;
  }

  logger?.info(summary, 'demo history seeded');
  return summary;
}
