import type { Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { ProblemError } from '../http/problems.js';
import { newId } from '../ids.js';
import { ANSWER_SCHEMAS, type SubmitIntakeBody } from '../intake/intake.answers.js';
import { deriveProfile } from '../intake/intake.derive.js';
import { markChanged, maySeeSpecialCategory, recordHistory, requireAssignedForWrite, requireCandidate, type CandidateDeps } from './candidates.access.js';
import { candidateProblems } from './candidates.errors.js';
import { createCandidateProfile } from './candidates.profile.js';
import { candidateRepository } from './candidates.repository.js';

/*
 * The uniform intake: the answers are stored as given (append-only) and derived into the profile,
 * assessments and barriers in one transaction; an intake is read back through its own version.
 */
export function createCandidateIntake({ db, clock }: CandidateDeps) {
  const { getProfile } = createCandidateProfile({ db, clock });
  return {
    /** Stores the answers as given, derives the profile, assessments and barriers, all in one transaction. */
    async submitIntake({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: SubmitIntakeBody }) {
      const candidate = await requireAssignedForWrite({ tx, clock, principal, candidate: await requireCandidate({ executor: tx, principal, id, forUpdate: true }) });
      const repository = candidateRepository(tx);
      const now = clock.now();
      const intakeId = newId(now.getTime());
      await repository.insertIntake({
        tenantId: principal.tenantId,
        id: intakeId,
        candidateId: candidate.id,
        questionnaireVersion: body.questionnaireVersion,
        answers: body.answers,
        submittedBy: principal.userId,
        submittedAt: now,
      });
      const derived = deriveProfile(body);
      await repository.updateProfile({
        tenantId: principal.tenantId,
        candidateId: candidate.id,
        values: {
          intakeId,
          questionnaireVersion: body.questionnaireVersion,
          workWishes: derived.workWishes,
          experience: derived.experience,
          competencies: derived.competencies,
          availability: derived.availability,
          hoursNow: derived.hoursNow,
          hoursTarget: derived.hoursTarget,
          rampUpPlan: derived.rampUpPlan,
          mobility: derived.mobility,
          certificates: derived.certificates,
          educationLevel: derived.educationLevel,
          diplomas: derived.diplomas,
          updatedAt: now,
          updatedBy: principal.userId,
        },
      });
      for (const assessment of derived.assessments) {
        await repository.insertAssessment({
          tenantId: principal.tenantId,
          id: newId(now.getTime()),
          candidateId: candidate.id,
          kind: assessment.kind,
          score: assessment.score,
          evidence: assessment.evidence,
          assessedBy: principal.userId,
          assessedAt: now,
          intakeId,
        });
      }
      await repository.replaceBarriers({
        tenantId: principal.tenantId,
        candidateId: candidate.id,
        barriers: derived.barriers.map((barrier) => ({
          tenantId: principal.tenantId,
          id: newId(now.getTime()),
          candidateId: candidate.id,
          ...barrier,
          actionStatus: barrier.solvable && barrier.action ? 'open' : null,
          actionDoneAt: null,
          createdAt: now,
          updatedAt: now,
        })),
      });
      await audit(tx, clock, {
        principal,
        action: 'special_category.write',
        subjectType: 'candidate',
        subjectId: candidate.id,
        details: { source: 'intake', intakeId, domains: derived.barriers.map((barrier) => barrier.domain) },
      });
      await recordHistory({ tx, clock, principal, candidateId: candidate.id, change: 'intake', fields: ['profile', 'assessments', 'barriers'], summary: `Intake (vragenlijst ${body.questionnaireVersion})` });
      await markChanged({ tx, clock, principal, candidateId: candidate.id });
      return { intakeId, profile: await getProfile({ tx, principal, id: candidate.id }) };
    },

    async listIntakes(principal: Principal, id: string) {
      await requireCandidate({ executor: db, principal, id });
      const rows = await candidateRepository(db).intakes({ tenantId: principal.tenantId, candidateId: id });
      return rows.map(({ intake, submitterName }) => ({
        id: intake.id,
        questionnaireVersion: intake.questionnaireVersion as 'v1' | 'v2',
        submittedAt: intake.submittedAt.toISOString(),
        submittedBy: { id: intake.submittedBy, name: submitterName },
      }));
    },

    /** An intake as given. The barrier answers only for those who may see them, and that read is logged. */
    async getIntake({ tx, principal, id, intakeId }: { tx: Executor; principal: Principal; id: string; intakeId: string }) {
      const candidate = await requireCandidate({ executor: tx, principal, id });
      const row = await candidateRepository(tx).intake({ tenantId: principal.tenantId, candidateId: id, id: intakeId });
      if (!row) throw new ProblemError(candidateProblems.intake_not_found);
      const version = row.intake.questionnaireVersion as 'v1' | 'v2';
      // Stored answers are re-read through their own version's schema: older versions stay readable.
      const answers = ANSWER_SCHEMAS[version].parse(row.intake.answers) as Record<string, unknown>;
      const visible = maySeeSpecialCategory(principal, candidate);
      if (visible) {
        await audit(tx, clock, { principal, action: 'special_category.read', subjectType: 'candidate', subjectId: id, details: { fields: ['intake.barriers'], intakeId } });
      }
      return {
        id: row.intake.id,
        questionnaireVersion: version,
        submittedAt: row.intake.submittedAt.toISOString(),
        submittedBy: { id: row.intake.submittedBy, name: row.submitterName },
        answers: visible ? answers : { ...answers, barriers: null },
        barriersRedacted: !visible,
      };
    },
  };
}
