import type { CandidateDeps } from './candidates.access.js';
import { createCandidateConsents } from './candidates.consents.js';
import { createCandidateIntake } from './candidates.intake.js';
import { createCandidateProfile } from './candidates.profile.js';
import { createCandidateRecords } from './candidates.records.js';

/**
 * Candidates, their intake, profile, assessments, barriers and consents. Staff only, apart from a
 * person's own consents (their page). One face over four parts, each in its own module: the record
 * (candidates.records.ts), the intake (candidates.intake.ts), the profile with assessments and
 * barriers (candidates.profile.ts) and consents (candidates.consents.ts); what they share is in
 * candidates.access.ts, the presenters in candidates.views.ts.
 */
export function createCandidateService(deps: CandidateDeps) {
  return {
    ...createCandidateRecords(deps),
    ...createCandidateIntake(deps),
    ...createCandidateProfile(deps),
    ...createCandidateConsents(deps),
  };
}

export type CandidateService = ReturnType<typeof createCandidateService>;
