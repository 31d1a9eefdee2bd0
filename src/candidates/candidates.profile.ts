import type { Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { ProblemError } from '../http/problems.js';
import { newId } from '../ids.js';
import { profileCompleteness } from '../intake/intake.derive.js';
import type { Lang } from '../schemas/messages.js';
import { markChanged, maySeeSpecialCategory, recordHistory, requireAssignedForWrite, requireCandidate, type CandidateDeps } from './candidates.access.js';
import { candidateProblems } from './candidates.errors.js';
import { candidateRepository } from './candidates.repository.js';
import type { BarrierView, ProfileView, UpdateBarrierBody, UpdateProfileBody } from './candidates.schemas.js';
import { toAssessmentView, toBarrierView, toConsentView } from './candidates.views.js';

/*
 * The profile staff keep current: work wishes, competencies, availability, hours, mobility; the
 * motivation and potential assessments; and the barriers, special-category data that only the
 * assigned account manager and admins see, every read and write audited (REQUIREMENTS P2).
 */
export function createCandidateProfile({ clock }: CandidateDeps) {
  /** The profile, with completeness. Barriers only for the assigned account manager and admins (logged). */
  async function getProfile({ tx, principal, id, lang = 'nl' }: { tx: Executor; principal: Principal; id: string; lang?: Lang }): Promise<ProfileView> {
    const candidate = await requireCandidate({ executor: tx, principal, id });
    const repository = candidateRepository(tx);
    // One after the other: `tx` may be a transaction, and a connection runs one query at a time.
    const profile = await repository.profile({ tenantId: principal.tenantId, candidateId: id });
    const assessments = await repository.assessments({ tenantId: principal.tenantId, candidateId: id });
    const consents = await repository.consents({ tenantId: principal.tenantId, candidateId: id });
    const openConditions = await repository.openConditionCount({ tenantId: principal.tenantId, candidateId: id });
    const visible = maySeeSpecialCategory(principal, candidate);
    let barriers: BarrierView[] | null = null;
    if (visible) {
      barriers = (await repository.barriers({ tenantId: principal.tenantId, candidateId: id })).map(toBarrierView);
      await audit(tx, clock, { principal, action: 'special_category.read', subjectType: 'candidate', subjectId: id, details: { fields: ['barriers'] } });
    }
    const latest = (kind: 'motivation' | 'potential') => {
      const found = assessments.find((row) => row.assessment.kind === kind);
      return found ? toAssessmentView(found) : null;
    };
    const motivation = latest('motivation');
    const potential = latest('potential');
    const now = clock.now();
    return {
      candidateId: id,
      version: profile!.version,
      questionnaireVersion: profile!.questionnaireVersion as ProfileView['questionnaireVersion'],
      intakeId: profile!.intakeId,
      workWishes: profile!.workWishes ? (profile!.workWishes as ProfileView['workWishes']) : null,
      experience: profile!.experience ?? [],
      competencies: profile!.competencies ?? [],
      availability: profile!.availability,
      hours: { now: profile!.hoursNow, target: profile!.hoursTarget, rampUpPlan: profile!.rampUpPlan ?? [] },
      mobility: profile!.mobility as ProfileView['mobility'],
      certificates: profile!.certificates ?? [],
      educationLevel: profile!.educationLevel,
      diplomas: profile!.diplomas ?? [],
      motivation,
      potential,
      assessmentHistory: assessments.map(toAssessmentView),
      barriersVisible: visible,
      barriers,
      openConditions,
      consents: consents.map((row) => toConsentView(row, now, lang)),
      completeness: profileCompleteness({
        workWishes: profile!.workWishes,
        experience: profile!.experience,
        competencies: profile!.competencies,
        availability: profile!.availability,
        hoursTarget: profile!.hoursTarget,
        mobility: profile!.mobility,
        educationLevel: profile!.educationLevel,
        hasMotivation: motivation !== null,
        hasPotential: potential !== null,
        barriersAsked: profile!.intakeId !== null,
      }),
      updatedAt: profile!.updatedAt.toISOString(),
    };
  }

  return {
    getProfile,

    async updateProfile({ tx, principal, id, body, lang = 'nl' }: { tx: Executor; principal: Principal; id: string; body: UpdateProfileBody; lang?: Lang }) {
      await requireAssignedForWrite({ tx, clock, principal, candidate: await requireCandidate({ executor: tx, principal, id, forUpdate: true }) });
      const { availability, ...rest } = body;
      await candidateRepository(tx).updateProfile({
        tenantId: principal.tenantId,
        candidateId: id,
        values: { ...rest, ...(availability ? { availability: availability } : {}), updatedAt: clock.now(), updatedBy: principal.userId },
      });
      await recordHistory({ tx, clock, principal, candidateId: id, change: 'profile', fields: Object.keys(body) });
      await markChanged({ tx, clock, principal, candidateId: id });
      return getProfile({ tx, principal, id, lang });
    },

    async addAssessment({
      tx,
      principal,
      id,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      body: { kind: 'motivation' | 'potential'; score: number; evidence: string };
    }) {
      await requireCandidate({ executor: tx, principal, id, forUpdate: true });
      const now = clock.now();
      const assessmentId = newId(now.getTime());
      await candidateRepository(tx).insertAssessment({
        tenantId: principal.tenantId,
        id: assessmentId,
        candidateId: id,
        ...body,
        assessedBy: principal.userId,
        assessedAt: now,
      });
      await recordHistory({
        tx,
        clock,
        principal,
        candidateId: id,
        change: 'assessment',
        fields: [body.kind],
        summary: `${body.kind === 'motivation' ? 'Motivatie' : 'Leervermogen'}: ${body.score} van 5`,
      });
      await markChanged({ tx, clock, principal, candidateId: id });
      const rows = await candidateRepository(tx).assessments({ tenantId: principal.tenantId, candidateId: id });
      return toAssessmentView(rows.find((row) => row.assessment.id === assessmentId)!);
    },

    async listBarriers(tx: Executor, principal: Principal, id: string): Promise<BarrierView[]> {
      const candidate = await requireCandidate({ executor: tx, principal, id });
      if (!maySeeSpecialCategory(principal, candidate)) throw new ProblemError(candidateProblems.not_assigned);
      await audit(tx, clock, { principal, action: 'special_category.read', subjectType: 'candidate', subjectId: id, details: { fields: ['barriers'] } });
      return (await candidateRepository(tx).barriers({ tenantId: principal.tenantId, candidateId: id })).map(toBarrierView);
    },

    /** Changes a barrier, e.g. marks its action done ("fiets geregeld"). */
    async updateBarrier({
      tx,
      principal,
      id,
      barrierId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      barrierId: string;
      body: UpdateBarrierBody;
    }): Promise<BarrierView> {
      const candidate = await requireCandidate({ executor: tx, principal, id, forUpdate: true });
      if (!maySeeSpecialCategory(principal, candidate)) throw new ProblemError(candidateProblems.not_assigned);
      const repository = candidateRepository(tx);
      const barrier = await repository.findBarrier({ tenantId: principal.tenantId, candidateId: id, id: barrierId });
      if (!barrier) throw new ProblemError(candidateProblems.barrier_not_found);
      const now = clock.now();
      const solvable = body.solvable ?? barrier.solvable;
      const action = body.action ?? barrier.action;
      const actionStatus = body.actionStatus ?? (solvable && action ? (barrier.actionStatus ?? 'open') : null);
      const updated = await repository.updateBarrier({
        tenantId: principal.tenantId,
        id: barrierId,
        values: {
          severity: body.severity,
          solvable,
          description: body.description,
          action,
          actionOwner: body.actionOwner,
          actionStatus,
          actionDoneAt: actionStatus === 'done' ? (barrier.actionDoneAt ?? now) : null,
          updatedAt: now,
        },
      });
      await audit(tx, clock, {
        principal,
        action: 'special_category.write',
        subjectType: 'candidate',
        subjectId: id,
        details: { barrierId, fields: Object.keys(body) },
      });
      await recordHistory({
        tx,
        clock,
        principal,
        candidateId: id,
        change: actionStatus === 'done' && barrier.actionStatus !== 'done' ? 'barrier_action_done' : 'barrier',
        fields: Object.keys(body).map((key) => `barrier.${key}`),
      });
      await markChanged({ tx, clock, principal, candidateId: id });
      return toBarrierView(updated);
    },
  };
}
