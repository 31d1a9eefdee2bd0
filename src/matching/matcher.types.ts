import type { Shift, WeekGrid } from '../schemas/schedule.js';

/*
 * The matcher's contract. Its input types are the whole of what ranking may see (REQUIREMENTS F1):
 * there is deliberately no field for age, gender, pregnancy, nationality, origin, name, photo,
 * postcode as such, health details or benefit data. Home is a point (the PC4 centre), not a postcode.
 */

export const TRAVEL_MODES = ['walk', 'bike', 'ebike', 'moped', 'public_transport', 'car'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export const EVIDENCE_KINDS = ['self_reported', 'observed', 'work_experience', 'volunteer_work', 'certificate'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const LIFE_DOMAINS = ['health', 'finances', 'childcare', 'housing', 'language', 'digital_skills', 'mobility', 'care_duties'] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

/** Where a condition of a conditional match comes from. */
export type ConditionDomain = LifeDomain | 'credentials';

export type GeoPoint = { latitude: number; longitude: number };

/** What the vacancy asks; built from a vacancy (or a growth-plan role) by the matching service. */
export type MatchVacancy = {
  id: string;
  /** 'vacancy' or 'growth_plan_role' (a future vacancy). */
  kind: 'vacancy' | 'growth_plan_role';
  title: string;
  occupationUri: string | null;
  sector: string;
  location: GeoPoint;
  hoursMin: number;
  hoursMax: number;
  /** A ramp-up start is possible from this many hours; null: not possible. */
  rampUpFromHours: number | null;
  /** Rotating systems require every day part of the rotation. */
  rotating: boolean;
  shifts: Shift[];
  competencies: Array<{ skillUri?: string | undefined; label: string; importance: 'must' | 'should' | 'trainable' }>;
  /**
   * Only what the law requires. Missing one excludes, unless it can be obtained before the start
   * (`obtainable`, decided when the input is built: a VOG takes weeks, not months): then the match
   * is conditional on getting it.
   */
  requiredCredentials: Array<({ type: 'driving_licence'; category: string } | { type: 'certificate'; name: string }) & { obtainable?: boolean | undefined }>;
};

/** What the candidate brings; built from the profile by the matching service. */
export type MatchCandidate = {
  id: string;
  home: GeoPoint;
  mobility: {
    modes: TravelMode[];
    maxTravelMinutes: number;
    /** Modes that an agreed, still open action will make available (e.g. "fiets regelen"). */
    pendingModes: Array<{ mode: TravelMode; action: string }>;
  };
  drivingLicences: string[];
  /** Names of certificates held (normalised by the matcher for comparison). */
  certificates: string[];
  availability: WeekGrid;
  hours: { now: number; target: number };
  competencies: Array<{ skillUri?: string | undefined; label: string; level: 1 | 2 | 3 | 4; evidence: EvidenceKind }>;
  /** Latest evidenced assessments, 1–5; null when not yet assessed. */
  motivation: number | null;
  potential: number | null;
  workWishes: { occupationUris: string[]; sectors: string[]; titles: string[] };
  /** Agreed actions on solvable barriers that are still open: they make a match conditional, never excluded. */
  openConditions: Array<{ domain: LifeDomain; action: string }>;
  /** Highest education level, 0 (none) to 4 (higher education); weighs little or nothing. */
  educationLevel: number;
};

export const FACTORS = ['competencies', 'motivation', 'potential', 'shifts', 'hours', 'travel', 'workWishes', 'education'] as const;
export type Factor = (typeof FACTORS)[number];

/** Tenant weights per factor (sum 1); versioned by the matching service. */
export type MatchWeights = Record<Factor, number>;

/**
 * How two skill concepts are related in the taxonomy, each a level of partial credit (factors.ts):
 * broader or narrower in the skills hierarchy, linked by a skill–skill relation, or in the same
 * skill group.
 */
export type SkillRelation = 'hierarchy' | 'related' | 'group';
export type SkillLink = { uri: string; relation: SkillRelation };

/**
 * Related skills through the taxonomy: partial evidence. Pure lookup passed in by the caller (the
 * taxonomy relations of the vacancy's skills). A plain URI is a skill–skill relation. A graph answers
 * the same for as long as it lives (the matcher remembers its answers per graph): a changed taxonomy
 * is a new graph.
 */
export type SkillGraph = { related: (skillUri: string) => readonly (string | SkillLink)[] };

/** How a candidate's competency was credited for a vacancy's: the same concept or label, through the taxonomy, or by words. */
export type CreditKind = 'same' | SkillRelation | 'words';

export type Lang = 'nl' | 'en';

export type Exclusion = {
  code: 'travel_too_far' | 'day_part_unavailable' | 'credential_missing';
  /** Plain-language reason in the requested language. */
  reason: string;
};

export type FactorResult = { factor: Factor; score: number; weight: number; contribution: number };

export type MatchResult = {
  candidateId: string;
  vacancyId: string;
  eligible: boolean;
  exclusions: Exclusion[];
  conditional: boolean;
  /**
   * What must happen first. A life domain's condition comes from a barrier's agreed action
   * (special-category context); 'credentials' is a legally required credential still to obtain
   * before the start (not sensitive).
   */
  conditions: Array<{ domain: ConditionDomain; action: string }>;
  /** 0–100, rounded to 0.1; 0 when not eligible. */
  total: number;
  factors: FactorResult[];
  /**
   * The journey someone makes today, for explanations and the employer view; null when there is none
   * within their maximum (then the match is excluded, or conditional on a pending mode).
   */
  travel: { mode: TravelMode; minutes: number } | null;
  /**
   * The faster journey that an open action would bring (e.g. a bike still to be arranged). It comes
   * from a barrier's agreed action: special-category context, shown only to whom may see barriers.
   */
  pendingTravel: { mode: TravelMode; minutes: number } | null;
  /**
   * Per vacancy competency, the candidate's competency that credits it best (or none): every credited
   * pair named, with how (the same concept, through the taxonomy, by words) and the credit (0–1).
   */
  competencyPairs: Array<{
    wanted: string;
    importance: MatchVacancy['competencies'][number]['importance'];
    have: string | null;
    evidence: EvidenceKind | null;
    kind: CreditKind | null;
    credit: number;
  }>;
  /** The main reasons, strongest first, plain language. */
  reasons: string[];
  /** What would change the outcome, plain language. */
  improvements: string[];
};
