import type { ProfileCompetency, ProfileExperience, ProfileMobility, ProfileWorkWishes } from '../../db/schema/candidates.js';
import type { LifeDomain, TravelMode } from '../matching/matcher.types.js';
import { DETOUR_FACTOR, MODE_PROFILES, travelMinutes } from '../matching/travel.js';
import { WEEKDAYS, type WeekGrid } from '../schemas/schedule.js';
import type { AnswersV1, AnswersV2, SubmitIntakeBody } from './intake.answers.js';

/** The profile that an intake yields, whatever the questionnaire version it answered. */
export type DerivedProfile = {
  workWishes: ProfileWorkWishes;
  experience: ProfileExperience[];
  competencies: ProfileCompetency[];
  availability: WeekGrid;
  hoursNow: number;
  hoursTarget: number;
  rampUpPlan: number[];
  mobility: ProfileMobility;
  certificates: string[];
  educationLevel: number;
  diplomas: Array<{ name: string; level: number; year?: number | undefined }>;
  assessments: Array<{ kind: 'motivation' | 'potential'; score: number; evidence: string }>;
  barriers: Array<{
    domain: LifeDomain;
    severity: 'light' | 'moderate' | 'severe';
    solvable: boolean;
    description: string | null;
    action: string | null;
    actionOwner: string | null;
    unlocksMode: TravelMode | null;
  }>;
};

function sortedGrid(grid: Partial<WeekGrid>): WeekGrid {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, [...new Set(grid[day] ?? [])]])) as WeekGrid;
}

/** Experience in volunteer or care work counts as evidence too: it is carried into the profile as is. */
function common(answers: AnswersV1 | AnswersV2) {
  return {
    workWishes: { ...answers.workWishes },
    experience: answers.experience,
    competencies: answers.competencies,
    availability: sortedGrid(answers.availability.grid),
    hoursNow: answers.availability.hoursNow,
    hoursTarget: answers.availability.hoursTarget,
    rampUpPlan: answers.availability.rampUpPlan,
    certificates: answers.certificates,
    educationLevel: answers.diplomas.educationLevel,
    diplomas: answers.diplomas.items,
    barriers: answers.barriers.map((barrier) => ({
      domain: barrier.domain as LifeDomain,
      severity: barrier.severity,
      solvable: barrier.solvable,
      description: barrier.description ?? null,
      action: barrier.action ?? null,
      actionOwner: barrier.actionOwner ?? null,
      unlocksMode: barrier.unlocksMode ?? null,
    })),
  };
}

/**
 * v1 asked for a distance. Turn it into the minutes the fastest of the person's modes needs for
 * that road distance, with the same speeds the matcher uses.
 */
export function kmToMinutes(km: number, modes: readonly TravelMode[]): number {
  const fastest = [...modes].sort((a, b) => MODE_PROFILES[b].kmh - MODE_PROFILES[a].kmh)[0] ?? 'walk';
  return Math.max(5, Math.min(180, travelMinutes(fastest, km / DETOUR_FACTOR)));
}

/** Derives the profile from an intake of any questionnaire version. */
export function deriveProfile(intake: SubmitIntakeBody): DerivedProfile {
  if (intake.questionnaireVersion === 'v1') {
    const answers = intake.answers;
    return {
      ...common(answers),
      mobility: {
        modes: answers.mobility.modes,
        drivingLicences: answers.mobility.drivingLicences,
        maxTravelMinutes: kmToMinutes(answers.mobility.maxTravelKm, answers.mobility.modes),
      },
      // v1 did not ask about learning ability: potential stays unassessed until someone assesses it.
      assessments: [{ kind: 'motivation', score: answers.motivation.score, evidence: answers.motivation.evidence }],
    };
  }
  const answers = intake.answers;
  return {
    ...common(answers),
    mobility: { ...answers.mobility },
    assessments: [
      { kind: 'motivation', score: answers.motivation.score, evidence: answers.motivation.evidence },
      { kind: 'potential', score: answers.learningAbility.score, evidence: answers.learningAbility.evidence },
    ],
  };
}

export const PROFILE_PARTS = [
  'workWishes',
  'experience',
  'competencies',
  'availability',
  'mobility',
  'motivation',
  'potential',
  'barriers',
  'diplomas',
] as const;
export type ProfilePart = (typeof PROFILE_PARTS)[number];

/** How complete a profile is: which parts are filled, as a percentage and a list of what is missing. */
export function profileCompleteness(profile: {
  workWishes: ProfileWorkWishes | null;
  experience: ProfileExperience[] | null;
  competencies: ProfileCompetency[] | null;
  availability: WeekGrid | null;
  hoursTarget: number | null;
  mobility: ProfileMobility | null;
  educationLevel: number | null;
  hasMotivation: boolean;
  hasPotential: boolean;
  barriersAsked: boolean;
}): { percentage: number; missing: ProfilePart[] } {
  const filled: Record<ProfilePart, boolean> = {
    workWishes: Boolean(
      profile.workWishes && (profile.workWishes.occupationUris.length > 0 || profile.workWishes.titles.length > 0 || profile.workWishes.sectors.length > 0),
    ),
    experience: (profile.experience?.length ?? 0) > 0,
    competencies: (profile.competencies?.length ?? 0) > 0,
    availability: Boolean(profile.availability && Object.values(profile.availability).some((parts) => parts.length > 0) && (profile.hoursTarget ?? 0) > 0),
    mobility: (profile.mobility?.modes.length ?? 0) > 0,
    motivation: profile.hasMotivation,
    potential: profile.hasPotential,
    barriers: profile.barriersAsked,
    diplomas: profile.educationLevel !== null,
  };
  const missing = PROFILE_PARTS.filter((part) => !filled[part]);
  return { percentage: Math.round(((PROFILE_PARTS.length - missing.length) / PROFILE_PARTS.length) * 100), missing };
}
