import type { InstrumentOffer, ProfileCompetency } from '../../db/schema/index.js';
import { WEEKDAYS, type DayPart, type WeekGrid } from '../schemas/schedule.js';

/*
 * What an employer sees of a shortlisted candidate (REQUIREMENTS A3). Built by explicit
 * construction from allow-listed fields, never by deleting fields from a fuller object, so that a
 * field added to the profile later cannot leak. Deliberately absent: name and contact data (until
 * the person consents to disclose them), date of birth and age, gender, barriers, health, debts,
 * benefit data, the home postcode, the ranking score, and anything that says how the person came to
 * the Werkplein.
 */

/** The keys of the frozen snapshot (shortlist_candidates.employer_view), exactly. */
export const EMPLOYER_VIEW_KEYS = ['candidateId', 'competencies', 'availability', 'hours', 'travel', 'pitch', 'instruments'] as const;

/** The keys of an entry as the employer reads it: the snapshot plus what may change after sending. */
export const EMPLOYER_ENTRY_KEYS = [...EMPLOYER_VIEW_KEYS, 'position', 'sharedAt', 'identity', 'feedback'] as const;

export type EmployerCandidateView = {
  /** Pseudonymous id; the employer needs it to answer per candidate. */
  candidateId: string;
  competencies: Array<{ label: string; level: 1 | 2 | 3 | 4; evidence: ProfileCompetency['evidence'] }>;
  availability: WeekGrid;
  hours: { now: number | null; target: number | null; rampUpPlan: number[] };
  travel: { mode: string; minutes: number } | null;
  pitch: { strengths: string | null; support: string | null; startPlan: string | null };
  instruments: InstrumentOffer[];
};

export type EmployerViewInput = {
  candidateId: string;
  profile: {
    competencies: ProfileCompetency[] | null;
    availability: WeekGrid | null;
    hoursNow: number | null;
    hoursTarget: number | null;
    rampUpPlan: number[] | null;
  };
  travel: { mode: string; minutes: number } | null;
  pitch: { strengths: string | null; support: string | null; startPlan: string | null };
  instruments: readonly InstrumentOffer[];
};

function availabilityOf(grid: WeekGrid | null): WeekGrid {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, [...(grid?.[day] ?? [])] as DayPart[]])) as WeekGrid;
}

/** The employer's view of one candidate, field by field from the allow-list. */
export function buildEmployerView(input: EmployerViewInput): EmployerCandidateView {
  return {
    candidateId: input.candidateId,
    // Label, level and kind of evidence only: a staff note on a competency stays with staff.
    competencies: (input.profile.competencies ?? []).map((competency) => ({
      label: competency.label,
      level: competency.level,
      evidence: competency.evidence,
    })),
    availability: availabilityOf(input.profile.availability),
    hours: { now: input.profile.hoursNow, target: input.profile.hoursTarget, rampUpPlan: [...(input.profile.rampUpPlan ?? [])] },
    travel: input.travel ? { mode: input.travel.mode, minutes: input.travel.minutes } : null,
    pitch: { strengths: input.pitch.strengths, support: input.pitch.support, startPlan: input.pitch.startPlan },
    instruments: input.instruments.map((offer) => ({ code: offer.code, name: offer.name, reason: offer.reason, source: offer.source })),
  };
}

/** Reads a stored snapshot back through the same allow-list (a snapshot is data, not trusted shape). */
export function readEmployerView(stored: Record<string, unknown>): EmployerCandidateView {
  const view = stored as Partial<EmployerCandidateView> & { hours?: { now?: number | null; target?: number | null; rampUpPlan?: number[] } };
  return buildEmployerView({
    candidateId: String(view.candidateId ?? ''),
    profile: {
      competencies: view.competencies ?? [],
      availability: view.availability ?? null,
      hoursNow: view.hours?.now ?? null,
      hoursTarget: view.hours?.target ?? null,
      rampUpPlan: view.hours?.rampUpPlan ?? [],
    },
    travel: view.travel ?? null,
    pitch: view.pitch ?? { strengths: null, support: null, startPlan: null },
    instruments: view.instruments ?? [],
  });
}
