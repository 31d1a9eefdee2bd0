import { sql } from 'drizzle-orm';
import type { ProfileCompetency, ProfileMobility, ProfileWorkWishes } from '../../db/schema/candidates.js';
import type { RequiredCredential } from '../../db/schema/vacancies.js';
import { WEEKDAYS, type DayPart, type ShiftPattern, type WeekGrid } from '../schemas/schedule.js';
import { isVog } from './matcher.messages.js';
import { TRAVEL_MODES, type SkillGraph, type SkillLink, type LifeDomain, type MatchCandidate, type MatchVacancy, type TravelMode } from './matcher.types.js';

/** The taxonomy's related skills as the matcher reads them (a stored run keeps them as a record). */
export function skillGraph(related: ReadonlyMap<string, ReadonlyArray<string | SkillLink>> | Record<string, Array<string | SkillLink>>): SkillGraph {
  const map: ReadonlyMap<string, ReadonlyArray<string | SkillLink>> = related instanceof Map ? related : new Map(Object.entries(related));
  return { related: (uri) => map.get(uri) ?? [] };
}

/*
 * The only way from stored data to the matcher's input: the SQL that reads it (the repository adds
 * only where clauses) and the mapping to the matcher's types. What is not copied here cannot
 * influence a ranking (REQUIREMENTS F1): contact data, date of birth, audit attributes, barrier
 * descriptions, severities and the postcode itself never reach MatchCandidate — the home is the PC4
 * centre point.
 */

/** The matcher-input columns of a candidate (c) and profile (p); callers add the where clause. */
export const candidateInputSelect = sql`
  select c.id,
         c.home_latitude as "homeLatitude",
         c.home_longitude as "homeLongitude",
         p.availability,
         p.hours_now as "hoursNow",
         p.hours_target as "hoursTarget",
         p.mobility,
         p.competencies,
         p.certificates,
         p.work_wishes as "workWishes",
         p.education_level as "educationLevel",
         (select a.score from candidate_assessments a
           where a.tenant_id = c.tenant_id and a.candidate_id = c.id and a.kind = 'motivation'
           order by a.assessed_at desc, a.id desc limit 1) as motivation,
         (select a.score from candidate_assessments a
           where a.tenant_id = c.tenant_id and a.candidate_id = c.id and a.kind = 'potential'
           order by a.assessed_at desc, a.id desc limit 1) as potential,
         coalesce((select json_agg(json_build_object('domain', b.domain, 'action', b.action, 'unlocksMode', b.unlocks_mode) order by b.domain)
                     from candidate_barriers b
                    where b.tenant_id = c.tenant_id and b.candidate_id = c.id
                      and b.solvable and b.action_status = 'open' and b.action is not null), '[]'::json) as "openActions"
    from candidates c
    join candidate_profiles p on p.tenant_id = c.tenant_id and p.candidate_id = c.id`;

/** The matcher-input columns of a vacancy (v) with its employer (e) and location (l). */
export const vacancyInputSelect = sql`
  select v.id, 'vacancy' as kind, v.title, v.occupation_uri as "occupationUri", e.sector,
         l.latitude, l.longitude, v.hours_min as "hoursMin", v.hours_max as "hoursMax",
         v.ramp_up_from_hours as "rampUpFromHours", v.shift_pattern as "shiftPattern", v.competencies,
         v.required_credentials as "requiredCredentials", v.start_date::text as "startDate", e.name as "employerName", v.status
    from vacancies v
    join employers e on e.tenant_id = v.tenant_id and e.id = v.employer_id
    join employer_locations l on l.tenant_id = v.tenant_id and l.id = v.location_id`;

/** The matcher-input columns of a growth-plan role (r) of a plan (g): future work; no credentials yet. */
export const growthRoleInputSelect = sql`
  select r.id, 'growth_plan_role' as kind, r.title, r.occupation_uri as "occupationUri", e.sector,
         l.latitude, l.longitude, r.hours_min as "hoursMin", r.hours_max as "hoursMax",
         null::int as "rampUpFromHours", r.shift_pattern as "shiftPattern", r.competencies,
         '[]'::jsonb as "requiredCredentials", r.expected_date::text as "startDate", e.name as "employerName", g.status,
         r.expected_date::text as "expectedDate", r.headcount, r.growth_plan_id as "growthPlanId"
    from growth_plan_roles r
    join growth_plans g on g.tenant_id = r.tenant_id and g.id = r.growth_plan_id
    join employers e on e.tenant_id = g.tenant_id and e.id = g.employer_id
    join employer_locations l on l.tenant_id = g.tenant_id and l.id = g.location_id`;

/** What the population query returns per candidate. */
export type CandidateInputRow = {
  id: string;
  homeLatitude: number;
  homeLongitude: number;
  availability: WeekGrid | null;
  hoursNow: number | null;
  hoursTarget: number | null;
  mobility: ProfileMobility | null;
  competencies: ProfileCompetency[] | null;
  certificates: string[] | null;
  workWishes: ProfileWorkWishes | null;
  educationLevel: number | null;
  motivation: number | null;
  potential: number | null;
  /** Solvable barriers whose agreed action is still open: domain and action only. */
  openActions: Array<{ domain: string; action: string; unlocksMode: string | null }>;
};

const isMode = (value: string): value is TravelMode => (TRAVEL_MODES as readonly string[]).includes(value);

function fullGrid(grid: WeekGrid | null): WeekGrid {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, [...(grid?.[day] ?? [])] as DayPart[]])) as WeekGrid;
}

export function toMatchCandidate(row: CandidateInputRow): MatchCandidate {
  const mobility = row.mobility ?? { modes: [], drivingLicences: [], maxTravelMinutes: 0 };
  const modes = mobility.modes.filter(isMode);
  return {
    id: row.id,
    home: { latitude: row.homeLatitude, longitude: row.homeLongitude },
    mobility: {
      modes,
      maxTravelMinutes: mobility.maxTravelMinutes,
      // An agreed action that brings a travel mode (e.g. "fiets regelen") makes a far match conditional.
      pendingModes: row.openActions
        .filter((open) => open.unlocksMode !== null && isMode(open.unlocksMode) && !modes.includes(open.unlocksMode))
        .map((open) => ({ mode: open.unlocksMode as TravelMode, action: open.action })),
    },
    drivingLicences: mobility.drivingLicences,
    certificates: row.certificates ?? [],
    availability: fullGrid(row.availability),
    hours: { now: row.hoursNow ?? 0, target: row.hoursTarget ?? 0 },
    competencies: (row.competencies ?? []).map((competency) => ({
      skillUri: competency.skillUri,
      label: competency.label,
      level: competency.level,
      evidence: competency.evidence,
    })),
    motivation: row.motivation,
    potential: row.potential,
    workWishes: {
      occupationUris: row.workWishes?.occupationUris ?? [],
      sectors: row.workWishes?.sectors ?? [],
      titles: row.workWishes?.titles ?? [],
    },
    openConditions: row.openActions.filter((open) => open.unlocksMode === null).map((open) => ({ domain: open.domain as LifeDomain, action: open.action })),
    educationLevel: row.educationLevel ?? 0,
  };
}

/** What a vacancy or growth-plan role brings to the matcher. */
export type VacancyInputRow = {
  id: string;
  kind: 'vacancy' | 'growth_plan_role';
  title: string;
  occupationUri: string | null;
  sector: string;
  latitude: number;
  longitude: number;
  hoursMin: number;
  hoursMax: number;
  rampUpFromHours: number | null;
  shiftPattern: ShiftPattern;
  competencies: MatchVacancy['competencies'];
  requiredCredentials: RequiredCredential[];
  /** Intended start (a growth-plan role: its expected date); null or absent: not fixed yet. */
  startDate?: string | null | undefined;
};

/** Weeks it usually takes to get a credential when the vacancy does not say: a VOG (Justis) within four. */
const KNOWN_LEAD_WEEKS: Array<{ test: (credential: RequiredCredential) => boolean; weeks: number }> = [
  { test: (credential) => credential.type === 'certificate' && isVog(credential.name), weeks: 4 },
];

/**
 * Whether a required credential can be had before the start: its lead time (stated with the
 * credential, or known, such as a VOG's) fits between `at` and the start date; without a start date
 * there is time. Unknown lead time: not obtainable (the law's requirement stands).
 */
function obtainableInTime(credential: RequiredCredential, startDate: string | null | undefined, at: Date | undefined): boolean {
  const weeks = credential.obtainableWithinWeeks ?? KNOWN_LEAD_WEEKS.find((known) => known.test(credential))?.weeks;
  if (weeks === undefined || at === undefined) return false;
  if (!startDate) return true;
  const ready = new Date(at.getTime() + weeks * 7 * 86_400_000).toISOString().slice(0, 10);
  return ready <= startDate;
}

/**
 * A vacancy (or growth-plan role) as the matcher reads it, at moment `at` (which decides whether a
 * required credential can still be obtained before the start; without it, none can).
 */
export function toMatchVacancy(row: VacancyInputRow, { at }: { at?: Date } = {}): MatchVacancy {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    occupationUri: row.occupationUri,
    sector: row.sector,
    location: { latitude: row.latitude, longitude: row.longitude },
    hoursMin: row.hoursMin,
    hoursMax: row.hoursMax,
    rampUpFromHours: row.rampUpFromHours,
    rotating: row.shiftPattern.kind === 'rotating',
    shifts: row.shiftPattern.shifts,
    competencies: row.competencies.map((competency) => ({ skillUri: competency.skillUri, label: competency.label, importance: competency.importance })),
    requiredCredentials: row.requiredCredentials.map((credential) => {
      const obtainable = obtainableInTime(credential, row.startDate, at);
      return credential.type === 'driving_licence'
        ? { type: 'driving_licence', category: credential.category, obtainable }
        : { type: 'certificate', name: credential.name, obtainable };
    }),
  };
}

/** The skill URIs the rows' competencies name, each once: what their taxonomy links are read for. */
export function skillUrisOf(rows: ReadonlyArray<{ competencies: ReadonlyArray<{ skillUri?: string | null }> }>): string[] {
  return [...new Set(rows.flatMap((row) => row.competencies.flatMap((competency) => (competency.skillUri ? [competency.skillUri] : []))))];
}

/** A vacancy as a run stores it: the matcher's input and the taxonomy relations its skills had then. */
export type StoredVacancyInput = { vacancy: MatchVacancy; relatedSkills: Record<string, Array<string | SkillLink>> };

/**
 * The stored form of a vacancy's input: only the relations of its own skills (all the matcher asks
 * for), in a fixed order, so that equal inputs hash equally.
 */
export function storedVacancyInput(vacancy: MatchVacancy, related: ReadonlyMap<string, ReadonlyArray<string | SkillLink>>): StoredVacancyInput {
  const uris = [
    ...new Set(vacancy.competencies.flatMap((competency) => (competency.skillUri && related.has(competency.skillUri) ? [competency.skillUri] : []))),
  ].sort();
  return { vacancy, relatedSkills: Object.fromEntries(uris.map((uri) => [uri, [...related.get(uri)!]])) };
}
