import type { Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { ProblemError } from '../http/problems.js';
import { newId } from '../ids.js';
import {
  ANSWER_SCHEMAS,
  CURRENT_QUESTIONNAIRE_VERSION,
  sectionSchema,
  submitIntakeBodySchema,
  type QuestionnaireVersion,
  type SubmitIntakeBody,
} from '../intake/intake.answers.js';
import { deriveProfile } from '../intake/intake.derive.js';
import type { CandidateRow } from './candidates.repository.js';
import { markChanged, maySeeSpecialCategory, recordHistory, requireAssignedForWrite, requireCandidate, type CandidateDeps } from './candidates.access.js';
import { candidateProblems } from './candidates.errors.js';
import { createCandidateProfile } from './candidates.profile.js';
import { candidateRepository } from './candidates.repository.js';

/** A barrier's action as the intake stores it: an agreed action (on a solvable barrier) starts open. */
export function newActionStatus(barrier: { solvable: boolean; action?: string | null }): 'open' | null {
  return barrier.solvable && barrier.action ? 'open' : null;
}

/*
 * The uniform intake: the answers are stored as given (append-only) and derived into the profile,
 * assessments and barriers in one transaction; an intake is read back through its own version.
 */
export function createCandidateIntake({ db, clock }: CandidateDeps) {
  const { getProfile } = createCandidateProfile({ db, clock });

  /** Stores the answers as given, derives the profile, assessments and barriers, all in one transaction. */
  async function submitIntake({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: SubmitIntakeBody }) {
    const candidate = await requireAssignedForWrite({
      tx,
      clock,
      principal,
      candidate: await requireCandidate({ executor: tx, principal, id, forUpdate: true }),
    });
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
        actionStatus: newActionStatus(barrier),
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
    await recordHistory({
      tx,
      clock,
      principal,
      candidateId: candidate.id,
      change: 'intake',
      fields: ['profile', 'assessments', 'barriers'],
      summary: `Intake (vragenlijst ${body.questionnaireVersion})`,
    });
    await markChanged({ tx, clock, principal, candidateId: candidate.id });
    return { intakeId, profile: await getProfile({ tx, principal, id: candidate.id }) };
  }

  /**
   * The intake in progress (the werkplek's step-by-step form) holds barrier answers: it is for
   * whoever may submit the intake, i.e. the assigned account manager and admins, or an account
   * manager taking an unassigned person (as submitIntake assigns them).
   */
  function mayKeepDraft(principal: Principal, candidate: CandidateRow): boolean {
    return maySeeSpecialCategory(principal, candidate) || (principal.role === 'account_manager' && candidate.accountManagerId === null);
  }

  return {
    submitIntake,

    /**
     * The intake in progress, or null. Barrier answers only when asked for (`withBarriers`), and
     * that read is logged like every read of special-category data.
     */
    async getIntakeDraft({ tx, principal, id, withBarriers = false }: { tx: Executor; principal: Principal; id: string; withBarriers?: boolean }) {
      const candidate = await requireCandidate({ executor: tx, principal, id });
      if (!mayKeepDraft(principal, candidate)) throw new ProblemError(candidateProblems.not_assigned);
      const row = await candidateRepository(tx).intakeDraft({ tenantId: principal.tenantId, candidateId: id });
      if (!row) return null;
      const { barriers, ...answers } = row.answers;
      if (withBarriers && barriers !== undefined) {
        await audit(tx, clock, {
          principal,
          action: 'special_category.read',
          subjectType: 'candidate',
          subjectId: id,
          details: { fields: ['intake_draft.barriers'] },
        });
      }
      return {
        questionnaireVersion: row.questionnaireVersion as QuestionnaireVersion,
        answers: withBarriers && barriers !== undefined ? { ...answers, barriers } : answers,
        /** The sections answered so far (barriers included, also when not shown). */
        answered: Object.keys(row.answers),
        updatedAt: row.updatedAt.toISOString(),
      };
    },

    /**
     * Saves one section of the intake in progress, validated by that section's schema of the
     * draft's questionnaire version (a new draft takes the current version).
     */
    async saveIntakeDraftSection({ tx, principal, id, section, value }: { tx: Executor; principal: Principal; id: string; section: string; value: unknown }) {
      // Starting the intake makes an account manager the person's own, as submitting it does.
      await requireAssignedForWrite({ tx, clock, principal, candidate: await requireCandidate({ executor: tx, principal, id, forUpdate: true }) });
      const repository = candidateRepository(tx);
      const existing = await repository.intakeDraft({ tenantId: principal.tenantId, candidateId: id });
      const version = (existing?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION) as QuestionnaireVersion;
      const schema = sectionSchema(version, section);
      if (!schema) throw new ProblemError(candidateProblems.intake_not_found);
      const parsed = schema.parse(value);
      await repository.saveIntakeDraft({
        tenantId: principal.tenantId,
        candidateId: id,
        questionnaireVersion: version,
        answers: { ...(existing?.answers ?? {}), [section]: parsed },
        updatedBy: principal.userId,
        updatedAt: clock.now(),
      });
      // Every write by a person leaves an audit row (issue 11.12); barriers are special-category data besides.
      await audit(tx, clock, { principal, action: 'candidate.change', subjectType: 'candidate', subjectId: id, details: { change: 'intake_draft', section } });
      if (section === 'barriers') {
        const domains = (parsed as Array<{ domain: string }>).map((barrier) => barrier.domain);
        await audit(tx, clock, {
          principal,
          action: 'special_category.write',
          subjectType: 'candidate',
          subjectId: id,
          details: { source: 'intake_draft', domains },
        });
      }
    },

    /** Finishes the intake in progress: submitted exactly as the API's intake (submitIntake), then the draft goes. */
    async finishIntakeDraft({ tx, principal, id }: { tx: Executor; principal: Principal; id: string }) {
      const candidate = await requireCandidate({ executor: tx, principal, id, forUpdate: true });
      if (!mayKeepDraft(principal, candidate)) throw new ProblemError(candidateProblems.not_assigned);
      const repository = candidateRepository(tx);
      const draft = await repository.intakeDraft({ tenantId: principal.tenantId, candidateId: id });
      const parsed = submitIntakeBodySchema.safeParse({
        questionnaireVersion: draft?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION,
        answers: draft?.answers ?? {},
      });
      if (!parsed.success) {
        const steps = [...new Set(parsed.error.issues.map((issue) => String(issue.path[1] ?? issue.path[0] ?? '')))].filter(Boolean);
        throw new ProblemError(candidateProblems.intake_incomplete, { values: { steps: steps.join(', ') } });
      }
      const result = await submitIntake({ tx, principal, id, body: parsed.data });
      await repository.deleteIntakeDraft({ tenantId: principal.tenantId, candidateId: id });
      return result;
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
        await audit(tx, clock, {
          principal,
          action: 'special_category.read',
          subjectType: 'candidate',
          subjectId: id,
          details: { fields: ['intake.barriers'], intakeId },
        });
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
