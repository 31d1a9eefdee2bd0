import type { Db, Executor } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import { candidateRepository } from '../candidates/candidates.repository.js';
import type { createCandidateService } from '../candidates/candidates.service.js';
import { audit } from '../audit/audit.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { ProblemError } from '../http/problems.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import { vacancyRepository } from '../vacancies/vacancies.repository.js';
import { jobseekerProblems } from './jobseeker.errors.js';
import { jobseekerRepository } from './jobseeker.repository.js';
import type { DecideProposalBody, DiscussedVacancyView, ProposalChanges, ProposalView } from './jobseeker.schemas.js';
import { toProposalView } from './jobseeker.views.js';

/** The correction form's values (the page parses and checks them). */
export type CorrectionInput = {
  titles: string[];
  sectors: Array<NonNullable<ProposalChanges['workWishes']>['sectors'][number]>;
  availability: NonNullable<ProposalChanges['availability']>;
  hoursNow: number | undefined;
  hoursTarget: number | undefined;
  rampUpPlan: number[];
  note: string | undefined;
};

/** Who a jobseeker is on their own page: one person of one Werkplein, nothing more. */
export type JobseekerIdentity = { tenantId: string; candidateId: string };

/** Intake sections that hold staff judgements (scores) or special-category detail: not shown as answers. */
const NOT_SHOWN_INTAKE_SECTIONS = ['motivation', 'learningAbility', 'barriers'];

/**
 * What the person's own page shows (issue 17, point 6): what the Werkplein knows about them, their
 * agreed actions, consents, the vacancies discussed with them, and their proposals. Deliberately
 * absent: assessment scores, rankings, match scores, staff notes and barrier descriptions.
 */
export type JobseekerOverview = {
  givenName: string;
  familyName: string;
  email: string | null;
  reference: string;
  accountManagerName: string | null;
  profile: {
    workWishes: { titles: string[]; sectors: string[] } | null;
    experience: Array<{ kind: string; title: string; months?: number }>;
    competencies: Array<{ label: string; level?: number; evidence?: string }>;
    availability: Record<string, string[]> | null;
    hours: { now: number | null; target: number | null; rampUpPlan: number[] };
    mobility: { modes: string[]; drivingLicences: string[]; maxTravelMinutes: number } | null;
    certificates: string[];
  } | null;
  intake: { submittedAt: string; answers: Record<string, unknown> } | null;
  actions: Array<{ domain: string; action: string; owner: string | null; status: string; doneAt: string | null }>;
  consents: Awaited<ReturnType<ReturnType<typeof createCandidateService>['ownConsents']>>;
  discussed: Array<{ vacancyId: string; title: string; employerName: string; discussedAt: string }>;
  proposals: ProposalView[];
};

/**
 * The jobseeker's side of Kansrijk: the vacancies their klantmanager discussed with them, and the
 * corrections they propose to their wishes and availability. Staff mark and decide; the person
 * proposes; nothing in the profile changes until the klantmanager accepts (then with history).
 */
export function createJobseekerService({ db, clock, candidates }: { db: Db; clock: Clock; candidates: ReturnType<typeof createCandidateService> }) {
  async function requireCandidate(executor: Executor, tenantId: string, candidateId: string) {
    const candidate = await candidateRepository(executor).find({ tenantId, id: candidateId });
    if (!candidate) throw new ProblemError(candidateProblems.not_found);
    return candidate;
  }

  /** The person proposes a correction; it waits for their klantmanager. */
  async function propose(
    tx: Executor,
    identity: JobseekerIdentity,
    { changes, note }: { changes: ProposalChanges; note?: string | undefined },
  ): Promise<ProposalView> {
    await requireCandidate(tx, identity.tenantId, identity.candidateId);
    const now = clock.now();
    const stored = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    const row = await jobseekerRepository(tx).insertProposal({
      tenantId: identity.tenantId,
      id: newId(now.getTime()),
      candidateId: identity.candidateId,
      changes: stored,
      note: note ?? null,
      status: 'pending',
      createdAt: now,
    });
    // A write by the person on their own page: the audit row has no staff actor (details.by = 'person'), the fields, no values.
    await audit(tx, clock, {
      principal: { tenantId: identity.tenantId, userId: null },
      action: 'candidate.change',
      subjectType: 'candidate',
      subjectId: identity.candidateId,
      details: { change: 'proposal', proposalId: row.id, fields: Object.keys(stored), by: 'person' },
    });
    return toProposalView(row);
  }

  return {
    async listDiscussed({ tenantId }: { tenantId: string }, candidateId: string): Promise<DiscussedVacancyView[]> {
      await requireCandidate(db, tenantId, candidateId);
      const rows = await jobseekerRepository(db).discussed(tenantId, candidateId);
      return rows.map((row) => ({
        vacancyId: row.vacancyId,
        title: row.title,
        employerName: row.employerName,
        status: row.status,
        discussedAt: row.discussedAt.toISOString(),
        discussedBy: { id: row.discussedById, name: row.discussedByName },
      }));
    },

    /** Staff record that they discussed a vacancy with the person; doing it again moves the date. */
    async markDiscussed({
      tx,
      principal,
      candidateId,
      vacancyId,
    }: {
      tx: Executor;
      principal: Principal;
      candidateId: string;
      vacancyId: string;
    }): Promise<DiscussedVacancyView> {
      await requireCandidate(tx, principal.tenantId, candidateId);
      const vacancy = await vacancyRepository(tx).find({ scope: { tenantId: principal.tenantId, employerId: null }, id: vacancyId });
      if (!vacancy) throw new ProblemError(vacancyProblems.not_found);
      await jobseekerRepository(tx).markDiscussed({
        tenantId: principal.tenantId,
        candidateId,
        vacancyId,
        discussedAt: clock.now(),
        discussedBy: principal.userId,
      });
      await audit(tx, clock, {
        principal,
        action: 'candidate.change',
        subjectType: 'candidate',
        subjectId: candidateId,
        details: { change: 'discussed_vacancy', vacancyId },
      });
      const rows = await jobseekerRepository(tx).discussed(principal.tenantId, candidateId);
      const row = rows.find((entry) => entry.vacancyId === vacancyId)!;
      return {
        vacancyId,
        title: row.title,
        employerName: row.employerName,
        status: row.status,
        discussedAt: row.discussedAt.toISOString(),
        discussedBy: { id: row.discussedById, name: row.discussedByName },
      };
    },

    async unmarkDiscussed({
      tx,
      principal,
      candidateId,
      vacancyId,
    }: {
      tx: Executor;
      principal: Principal;
      candidateId: string;
      vacancyId: string;
    }): Promise<void> {
      await requireCandidate(tx, principal.tenantId, candidateId);
      if (!(await jobseekerRepository(tx).unmarkDiscussed(principal.tenantId, candidateId, vacancyId))) throw new ProblemError(jobseekerProblems.not_discussed);
      await audit(tx, clock, {
        principal,
        action: 'candidate.change',
        subjectType: 'candidate',
        subjectId: candidateId,
        details: { change: 'discussed_vacancy_removed', vacancyId },
      });
    },

    /** Everything the person's own page shows, read for them alone (no audit row: it is their own data). */
    async overview(identity: JobseekerIdentity, lang: 'nl' | 'en'): Promise<JobseekerOverview> {
      const candidates_ = candidateRepository(db);
      const row = await candidates_.findWithContext({ tenantId: identity.tenantId, id: identity.candidateId });
      if (!row) throw new ProblemError(candidateProblems.not_found);
      const contact = await candidates_.contact({ tenantId: identity.tenantId, candidateId: identity.candidateId });
      const profile = await candidates_.profile({ tenantId: identity.tenantId, candidateId: identity.candidateId });
      const [latest] = await candidates_.intakes({ tenantId: identity.tenantId, candidateId: identity.candidateId });
      const barriers = await candidates_.barriers({ tenantId: identity.tenantId, candidateId: identity.candidateId });
      const discussed = await jobseekerRepository(db).discussed(identity.tenantId, identity.candidateId);
      const proposals = await jobseekerRepository(db).proposals(identity.tenantId, identity.candidateId);
      const answers = latest ? Object.fromEntries(Object.entries(latest.intake.answers).filter(([key]) => !NOT_SHOWN_INTAKE_SECTIONS.includes(key))) : null;
      return {
        givenName: row.givenName,
        familyName: row.familyName,
        email: contact?.email ?? null,
        reference: row.candidate.reference,
        accountManagerName: row.accountManagerName,
        profile: profile
          ? {
              workWishes: profile.workWishes
                ? { titles: (profile.workWishes as { titles?: string[] }).titles ?? [], sectors: (profile.workWishes as { sectors?: string[] }).sectors ?? [] }
                : null,
              experience: profile.experience ?? [],
              competencies: ((profile.competencies ?? []) as Array<{ label: string; level?: number; evidence?: string }>).map(({ label, level, evidence }) => ({
                label,
                level,
                evidence,
              })),
              availability: profile.availability ?? null,
              hours: { now: profile.hoursNow, target: profile.hoursTarget, rampUpPlan: profile.rampUpPlan ?? [] },
              mobility: profile.mobility ?? null,
              certificates: profile.certificates ?? [],
            }
          : null,
        intake: latest && answers ? { submittedAt: latest.intake.submittedAt.toISOString(), answers } : null,
        actions: barriers
          .filter((barrier) => barrier.action)
          .map((barrier) => ({
            domain: barrier.domain,
            action: barrier.action!,
            owner: barrier.actionOwner,
            status: barrier.actionStatus ?? 'open',
            doneAt: barrier.actionDoneAt?.toISOString() ?? null,
          })),
        consents: await candidates.ownConsents(identity, lang),
        discussed: discussed.map((entry) => ({
          vacancyId: entry.vacancyId,
          title: entry.title,
          employerName: entry.employerName,
          discussedAt: entry.discussedAt.toISOString(),
        })),
        proposals: proposals.map(({ proposal, decidedByName }) => toProposalView(proposal, decidedByName)),
      };
    },

    /** Whether the person may see this vacancy on their page (only what was discussed with them). */
    isDiscussed: (identity: JobseekerIdentity, vacancyId: string) => jobseekerRepository(db).isDiscussed(identity.tenantId, identity.candidateId, vacancyId),

    async listProposals({ tenantId }: { tenantId: string }, candidateId: string, status?: ProposalView['status']): Promise<ProposalView[]> {
      await requireCandidate(db, tenantId, candidateId);
      const rows = await jobseekerRepository(db).proposals(tenantId, candidateId, status);
      return rows.map(({ proposal, decidedByName }) => toProposalView(proposal, decidedByName));
    },

    /** The person proposes a correction; it waits for their klantmanager. */
    propose,

    /**
     * The person's own correction from their page: only what differs from the profile now is
     * proposed. Wishes keep what the form does not show (occupation codes, the klantmanager's notes),
     * so accepting changes the titles and sectors and nothing else.
     */
    async proposeCorrection(tx: Executor, identity: JobseekerIdentity, input: CorrectionInput): Promise<ProposalView | null> {
      const profile = await candidateRepository(tx).profile({ tenantId: identity.tenantId, candidateId: identity.candidateId });
      const storedWishes = (profile?.workWishes ?? null) as { occupationUris?: string[]; titles?: string[]; sectors?: string[]; notes?: string } | null;
      const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
      const changes: Record<string, unknown> = {};
      if (!same(input.titles, storedWishes?.titles ?? []) || !same([...input.sectors].sort(), [...(storedWishes?.sectors ?? [])].sort())) {
        changes.workWishes = {
          occupationUris: storedWishes?.occupationUris ?? [],
          titles: input.titles,
          sectors: input.sectors,
          ...(storedWishes?.notes ? { notes: storedWishes.notes } : {}),
        };
      }
      const storedGrid = (profile?.availability ?? {}) as Record<string, string[]>;
      if (Object.entries(input.availability).some(([day, parts]) => !same([...parts].sort(), [...(storedGrid[day] ?? [])].sort())))
        changes.availability = input.availability;
      if (input.hoursNow !== undefined && input.hoursNow !== profile?.hoursNow) changes.hoursNow = input.hoursNow;
      if (input.hoursTarget !== undefined && input.hoursTarget !== profile?.hoursTarget) changes.hoursTarget = input.hoursTarget;
      if (!same(input.rampUpPlan, profile?.rampUpPlan ?? [])) changes.rampUpPlan = input.rampUpPlan;
      if (Object.keys(changes).length === 0 && !input.note) return null;
      return propose(tx, identity, { changes: changes, note: input.note });
    },

    /** The person withdraws a consent on their own page; the audit log records it as done by the person (no staff actor). */
    async withdrawOwnConsent(tx: Executor, identity: JobseekerIdentity, consentId: string) {
      const withdrawn = await candidates.withdrawOwnConsent({ tx, tenantId: identity.tenantId, candidateId: identity.candidateId, consentId, lang: 'nl' });
      await audit(tx, clock, {
        principal: { tenantId: identity.tenantId, userId: null },
        action: 'consent.withdraw',
        subjectType: 'candidate',
        subjectId: identity.candidateId,
        details: { consentId, purpose: withdrawn.purpose, by: 'person' },
      });
      return withdrawn;
    },

    /**
     * Staff accept or reject a proposal. Accepting applies it through the candidates service (so
     * the assigned account manager or an admin, with the profile's history and population version).
     */
    async decide({
      tx,
      principal,
      candidateId,
      proposalId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      candidateId: string;
      proposalId: string;
      body: DecideProposalBody;
    }): Promise<ProposalView> {
      const repository = jobseekerRepository(tx);
      const proposal = await repository.findProposal({ tenantId: principal.tenantId, candidateId, id: proposalId, forUpdate: true });
      if (!proposal) throw new ProblemError(jobseekerProblems.proposal_not_found);
      if (proposal.status !== 'pending') throw new ProblemError(jobseekerProblems.proposal_decided);
      if (body.decision === 'accept') await candidates.updateProfile({ tx, principal, id: candidateId, body: proposal.changes });
      const decided = await repository.decideProposal({
        tenantId: principal.tenantId,
        id: proposalId,
        status: body.decision === 'accept' ? 'accepted' : 'rejected',
        decidedAt: clock.now(),
        decidedBy: principal.userId,
        decisionNote: body.note ?? null,
      });
      // Accepting also leaves the profile change's own row; a rejection is a write by staff as well (issue 11.12).
      await audit(tx, clock, {
        principal,
        action: 'candidate.change',
        subjectType: 'candidate',
        subjectId: candidateId,
        details: { change: 'proposal_decision', proposalId, decision: body.decision },
      });
      return toProposalView(decided!);
    },
  };
}

export type JobseekerService = ReturnType<typeof createJobseekerService>;
