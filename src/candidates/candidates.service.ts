import { randomInt } from 'node:crypto';
import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { geoRepository } from '../geo/geo.repository.js';
import { ANSWER_SCHEMAS, type SubmitIntakeBody } from '../intake/intake.answers.js';
import { deriveProfile, profileCompleteness } from '../intake/intake.derive.js';
import type { Clock } from '../clock.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import { ProblemError } from '../http/problems.js';
import { enqueueOutbox } from '../outbox/outbox.js';
import type { WeekGrid } from '../schemas/schedule.js';
import { candidateProblems } from './candidates.errors.js';
import {
  candidateRepository,
  type AssessmentRow,
  type BarrierRow,
  type CandidateListRow,
  type CandidateRow,
  type ConsentRow,
  type ContactRow,
} from './candidates.repository.js';
import type {
  AssessmentView,
  BarrierView,
  CandidateView,
  ConsentPurpose,
  ConsentView,
  ContactView,
  CreateCandidateBody,
  ListCandidatesQuery,
  ProfileView,
  UpdateBarrierBody,
  UpdateCandidateBody,
  UpdateContactBody,
  UpdateProfileBody,
} from './candidates.schemas.js';
import { CONSENT_TEXTS, CONSENT_VALIDITY_DAYS } from './consent-texts.js';

/**
 * Special-category data (barriers: health, debts, childcare …) is for the assigned account manager
 * and admins only (REQUIREMENTS P2). Every read of it leaves an audit row.
 */
export function maySeeSpecialCategory(principal: Principal, candidate: Pick<CandidateRow, 'accountManagerId'>): boolean {
  return principal.role === 'admin' || (principal.role === 'account_manager' && candidate.accountManagerId === principal.userId);
}

/** Crockford base32 without look-alikes: references are read aloud on the phone. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function newReference(): string {
  let code = '';
  for (let i = 0; i < 6; i += 1) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `KR-${code}`;
}

function toCandidateView(row: CandidateListRow, barriersAsked: boolean): CandidateView {
  const { candidate, profile } = row;
  return {
    id: candidate.id,
    reference: candidate.reference,
    name: `${row.givenName} ${row.familyName}`,
    status: candidate.status as CandidateView['status'],
    accountManager: candidate.accountManagerId && row.accountManagerName ? { id: candidate.accountManagerId, name: row.accountManagerName } : null,
    postcode4: candidate.postcode4,
    municipality: candidate.municipality,
    completeness: profileCompleteness({
      workWishes: profile?.workWishes ?? null,
      experience: profile?.experience ?? null,
      competencies: profile?.competencies ?? null,
      availability: profile?.availability ?? null,
      hoursTarget: profile?.hoursTarget ?? null,
      mobility: profile?.mobility ?? null,
      educationLevel: profile?.educationLevel ?? null,
      hasMotivation: row.hasMotivation,
      hasPotential: row.hasPotential,
      barriersAsked,
    }),
    createdAt: candidate.createdAt.toISOString(),
    updatedAt: candidate.updatedAt.toISOString(),
  };
}

function toContactView(row: ContactRow): ContactView {
  return {
    givenName: row.givenName,
    familyName: row.familyName,
    email: row.email,
    phone: row.phone,
    street: row.street,
    houseNumber: row.houseNumber,
    postcode: row.postcode,
    city: row.city,
    dateOfBirth: row.dateOfBirth,
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toAssessmentView(row: { assessment: AssessmentRow; assessorName: string }): AssessmentView {
  return {
    id: row.assessment.id,
    kind: row.assessment.kind as AssessmentView['kind'],
    score: row.assessment.score,
    evidence: row.assessment.evidence,
    assessedBy: { id: row.assessment.assessedBy, name: row.assessorName },
    assessedAt: row.assessment.assessedAt.toISOString(),
  };
}

export function toBarrierView(row: BarrierRow): BarrierView {
  return {
    id: row.id,
    domain: row.domain as BarrierView['domain'],
    severity: row.severity as BarrierView['severity'],
    solvable: row.solvable,
    description: row.description,
    action: row.action,
    actionOwner: row.actionOwner as BarrierView['actionOwner'],
    actionStatus: row.actionStatus as BarrierView['actionStatus'],
    actionDoneAt: row.actionDoneAt?.toISOString() ?? null,
    unlocksMode: row.unlocksMode as BarrierView['unlocksMode'],
    updatedAt: row.updatedAt.toISOString(),
  };
}

function toConsentView(row: ConsentRow, now: Date, lang: 'nl' | 'en' = 'nl'): ConsentView {
  const purpose = row.purpose as ConsentPurpose;
  return {
    id: row.id,
    purpose,
    textVersion: row.textVersion,
    text: CONSENT_TEXTS[purpose].version === row.textVersion ? CONSENT_TEXTS[purpose].text[lang] : `(versie ${row.textVersion})`,
    givenAt: row.givenAt.toISOString(),
    expiresAt: row.expiresAt?.toISOString() ?? null,
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    active: row.withdrawnAt === null && (row.expiresAt === null || row.expiresAt > now),
  };
}

/** Candidates, their intake, profile, assessments, barriers and consents. Staff only. */
export function createCandidateService({ db, clock }: { db: Db; clock: Clock }) {
  async function requireCandidate(executor: Executor, principal: Principal, id: string, forUpdate = false): Promise<CandidateRow> {
    const row = await candidateRepository(executor).find({ tenantId: principal.tenantId, id, forUpdate });
    if (!row) throw new ProblemError(candidateProblems.not_found);
    return row;
  }

  /** Writing a profile is for the assigned account manager (or an admin); an unassigned one is taken on. */
  async function requireAssignedForWrite(tx: Executor, principal: Principal, candidate: CandidateRow): Promise<CandidateRow> {
    if (principal.role === 'admin' || candidate.accountManagerId === principal.userId) return candidate;
    if (candidate.accountManagerId === null && principal.role === 'account_manager') {
      const updated = await candidateRepository(tx).update({
        tenantId: principal.tenantId,
        id: candidate.id,
        values: { accountManagerId: principal.userId, updatedAt: clock.now() },
      });
      await history(tx, principal, candidate.id, 'assignment', ['accountManagerId'], 'Klantmanager toegewezen bij de intake');
      return updated!;
    }
    throw new ProblemError(candidateProblems.not_assigned);
  }

  async function history(tx: Executor, principal: Principal, candidateId: string, change: string, fields: string[], summary: string | null = null) {
    const at = clock.now();
    await candidateRepository(tx).addHistory({
      tenantId: principal.tenantId,
      id: newId(at.getTime()),
      candidateId,
      at,
      actorUserId: principal.userId,
      change,
      fields,
      summary,
    });
  }

  async function touched(tx: Executor, principal: Principal, candidateId: string) {
    await candidateRepository(tx).update({ tenantId: principal.tenantId, id: candidateId, values: { updatedAt: clock.now() } });
    await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: candidateId, operation: 'upsert' });
  }

  async function home(executor: Executor, postcode: { pc4: string }) {
    const area = await geoRepository(executor).findArea(postcode.pc4);
    if (!area) throw new ProblemError(candidateProblems.postcode_unknown, { values: { postcode: postcode.pc4 } });
    return { postcode4: postcode.pc4, homeLatitude: area.latitude, homeLongitude: area.longitude, municipality: area.municipality };
  }

  async function view(executor: Executor, principal: Principal, id: string): Promise<CandidateView> {
    const repository = candidateRepository(executor);
    const row = await repository.findWithContext({ tenantId: principal.tenantId, id });
    if (!row) throw new ProblemError(candidateProblems.not_found);
    return toCandidateView(row, await repository.hasIntake({ tenantId: principal.tenantId, candidateId: id }));
  }

  async function requireAccountManager(executor: Executor, principal: Principal, id: string) {
    const user = await candidateRepository(executor).staffUser({ tenantId: principal.tenantId, id });
    if (!user) throw new ProblemError(candidateProblems.account_manager_unknown, { errors: [{ pointer: '/body/accountManagerId', key: 'reference.account_manager_unknown' }] });
  }

  return {
    requireCandidate,

    async list(principal: Principal, query: ListCandidatesQuery) {
      const rows = await candidateRepository(db).list({
        tenantId: principal.tenantId,
        status: query.status,
        accountManagerId: query.accountManagerId === 'me' ? principal.userId : query.accountManagerId,
        q: query.q,
        afterId: afterIdFrom(query.cursor),
        limit: query.limit + 1,
      });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.candidate.id })),
        query.limit,
      );
      // Completeness counts the barrier section as asked once an intake exists (its questionnaire asks every domain).
      return {
        items: page.rows.map((row) => toCandidateView(row, row.profile?.intakeId != null)),
        nextCursor: page.nextCursor,
      };
    },

    get: (principal: Principal, id: string) => view(db, principal, id),

    async create(tx: Executor, principal: Principal, body: CreateCandidateBody): Promise<CandidateView> {
      const accountManagerId = body.accountManagerId ?? (principal.role === 'account_manager' ? principal.userId : null);
      if (accountManagerId) await requireAccountManager(tx, principal, accountManagerId);
      const repository = candidateRepository(tx);
      let reference = newReference();
      while (await repository.referenceTaken({ tenantId: principal.tenantId, reference })) reference = newReference();
      const now = clock.now();
      const id = newId(now.getTime());
      await repository.insert(
        {
          tenantId: principal.tenantId,
          id,
          reference,
          status: body.status,
          accountManagerId,
          ...(await home(tx, body.postcode)),
          createdAt: now,
          updatedAt: now,
        },
        {
          givenName: body.contact.givenName,
          familyName: body.contact.familyName,
          email: body.contact.email ?? null,
          phone: body.contact.phone ?? null,
          street: body.contact.street ?? null,
          houseNumber: body.contact.houseNumber ?? null,
          postcode: body.postcode.letters ? `${body.postcode.pc4} ${body.postcode.letters}` : body.postcode.pc4,
          city: body.contact.city ?? null,
          dateOfBirth: body.contact.dateOfBirth ?? null,
          updatedAt: now,
        },
      );
      await history(tx, principal, id, 'created', ['status', 'accountManagerId', 'postcode4']);
      await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: id, operation: 'upsert' });
      return view(tx, principal, id);
    },

    async update(tx: Executor, principal: Principal, id: string, body: UpdateCandidateBody): Promise<CandidateView> {
      await requireCandidate(tx, principal, id, true);
      if (body.accountManagerId) await requireAccountManager(tx, principal, body.accountManagerId);
      const values = {
        status: body.status,
        accountManagerId: body.accountManagerId,
        ...(body.postcode ? await home(tx, body.postcode) : {}),
        updatedAt: clock.now(),
      };
      await candidateRepository(tx).update({ tenantId: principal.tenantId, id, values });
      const fields = Object.keys(body).map((key) => (key === 'postcode' ? 'postcode4' : key));
      await history(tx, principal, id, body.status ? 'status' : 'update', fields);
      await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: id, operation: 'upsert' });
      return view(tx, principal, id);
    },

    async getContact(principal: Principal, id: string): Promise<ContactView> {
      await requireCandidate(db, principal, id);
      const contact = await candidateRepository(db).contact({ tenantId: principal.tenantId, candidateId: id });
      return toContactView(contact!);
    },

    async updateContact(tx: Executor, principal: Principal, id: string, body: UpdateContactBody): Promise<ContactView> {
      await requireCandidate(tx, principal, id, true);
      const row = await candidateRepository(tx).updateContact({ tenantId: principal.tenantId, candidateId: id, values: { ...body, updatedAt: clock.now() } });
      await history(tx, principal, id, 'contact', Object.keys(body));
      // Staff search finds people by name: the index follows (contact data otherwise stays out of it).
      if (body.givenName !== undefined || body.familyName !== undefined) {
        await enqueueOutbox(tx, { tenantId: principal.tenantId, topic: 'search.candidate', entityId: id, operation: 'upsert' });
      }
      return toContactView(row!);
    },

    /** Stores the answers as given, derives the profile, assessments and barriers, all in one transaction. */
    async submitIntake(tx: Executor, principal: Principal, id: string, body: SubmitIntakeBody) {
      const candidate = await requireAssignedForWrite(tx, principal, await requireCandidate(tx, principal, id, true));
      const repository = candidateRepository(tx);
      const now = clock.now();
      const intakeId = newId(now.getTime());
      await repository.insertIntake({
        tenantId: principal.tenantId,
        id: intakeId,
        candidateId: candidate.id,
        questionnaireVersion: body.questionnaireVersion,
        answers: body.answers as unknown as Record<string, unknown>,
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
      await history(tx, principal, candidate.id, 'intake', ['profile', 'assessments', 'barriers'], `Intake (vragenlijst ${body.questionnaireVersion})`);
      await touched(tx, principal, candidate.id);
      return { intakeId, profile: await this.getProfile(tx, principal, candidate.id) };
    },

    async listIntakes(principal: Principal, id: string) {
      await requireCandidate(db, principal, id);
      const rows = await candidateRepository(db).intakes({ tenantId: principal.tenantId, candidateId: id });
      return rows.map(({ intake, submitterName }) => ({
        id: intake.id,
        questionnaireVersion: intake.questionnaireVersion as 'v1' | 'v2',
        submittedAt: intake.submittedAt.toISOString(),
        submittedBy: { id: intake.submittedBy, name: submitterName },
      }));
    },

    /** An intake as given. The barrier answers only for those who may see them, and that read is logged. */
    async getIntake(tx: Executor, principal: Principal, id: string, intakeId: string) {
      const candidate = await requireCandidate(tx, principal, id);
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

    /** The profile, with completeness. Barriers only for the assigned account manager and admins (logged). */
    async getProfile(tx: Executor, principal: Principal, id: string, lang: 'nl' | 'en' = 'nl'): Promise<ProfileView> {
      const candidate = await requireCandidate(tx, principal, id);
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
    },

    async updateProfile(tx: Executor, principal: Principal, id: string, body: UpdateProfileBody, lang: 'nl' | 'en' = 'nl') {
      await requireAssignedForWrite(tx, principal, await requireCandidate(tx, principal, id, true));
      const { availability, ...rest } = body;
      await candidateRepository(tx).updateProfile({
        tenantId: principal.tenantId,
        candidateId: id,
        values: { ...rest, ...(availability ? { availability: availability as WeekGrid } : {}), updatedAt: clock.now(), updatedBy: principal.userId },
      });
      await history(tx, principal, id, 'profile', Object.keys(body));
      await touched(tx, principal, id);
      return this.getProfile(tx, principal, id, lang);
    },

    async addAssessment(tx: Executor, principal: Principal, id: string, body: { kind: 'motivation' | 'potential'; score: number; evidence: string }) {
      await requireCandidate(tx, principal, id, true);
      const now = clock.now();
      const assessmentId = newId(now.getTime());
      await candidateRepository(tx).insertAssessment({ tenantId: principal.tenantId, id: assessmentId, candidateId: id, ...body, assessedBy: principal.userId, assessedAt: now });
      await history(tx, principal, id, 'assessment', [body.kind], `${body.kind === 'motivation' ? 'Motivatie' : 'Leervermogen'}: ${body.score} van 5`);
      await touched(tx, principal, id);
      const rows = await candidateRepository(tx).assessments({ tenantId: principal.tenantId, candidateId: id });
      return toAssessmentView(rows.find((row) => row.assessment.id === assessmentId)!);
    },

    async listBarriers(tx: Executor, principal: Principal, id: string): Promise<BarrierView[]> {
      const candidate = await requireCandidate(tx, principal, id);
      if (!maySeeSpecialCategory(principal, candidate)) throw new ProblemError(candidateProblems.not_assigned);
      await audit(tx, clock, { principal, action: 'special_category.read', subjectType: 'candidate', subjectId: id, details: { fields: ['barriers'] } });
      return (await candidateRepository(tx).barriers({ tenantId: principal.tenantId, candidateId: id })).map(toBarrierView);
    },

    /** Changes a barrier, e.g. marks its action done ("fiets geregeld"). */
    async updateBarrier(tx: Executor, principal: Principal, id: string, barrierId: string, body: UpdateBarrierBody): Promise<BarrierView> {
      const candidate = await requireCandidate(tx, principal, id, true);
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
      await audit(tx, clock, { principal, action: 'special_category.write', subjectType: 'candidate', subjectId: id, details: { barrierId, fields: Object.keys(body) } });
      await history(tx, principal, id, actionStatus === 'done' && barrier.actionStatus !== 'done' ? 'barrier_action_done' : 'barrier', Object.keys(body).map((key) => `barrier.${key}`));
      await touched(tx, principal, id);
      return toBarrierView(updated);
    },

    async listConsents(principal: Principal, id: string, lang: 'nl' | 'en'): Promise<ConsentView[]> {
      await requireCandidate(db, principal, id);
      const now = clock.now();
      return (await candidateRepository(db).consents({ tenantId: principal.tenantId, candidateId: id })).map((row) => toConsentView(row, now, lang));
    },

    async giveConsent(tx: Executor, principal: Principal, id: string, body: { purpose: ConsentPurpose; textVersion: string; expiresAt?: string | undefined }, lang: 'nl' | 'en') {
      await requireCandidate(tx, principal, id, true);
      const current = CONSENT_TEXTS[body.purpose].version;
      if (body.textVersion !== current) throw new ProblemError(candidateProblems.consent_text_outdated, { values: { current } });
      const repository = candidateRepository(tx);
      const now = clock.now();
      const active = await repository.activeConsent({ tenantId: principal.tenantId, candidateId: id, purpose: body.purpose });
      if (active && (active.expiresAt === null || active.expiresAt > now)) throw new ProblemError(candidateProblems.consent_already_given);
      if (active) await repository.withdrawConsent({ tenantId: principal.tenantId, candidateId: id, id: active.id, at: now, by: principal.userId });
      const row = await repository.insertConsent({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        candidateId: id,
        purpose: body.purpose,
        textVersion: body.textVersion,
        givenAt: now,
        recordedBy: principal.userId,
        expiresAt: body.expiresAt ? new Date(body.expiresAt) : new Date(now.getTime() + CONSENT_VALIDITY_DAYS * 86_400_000),
      });
      await history(tx, principal, id, 'consent', [`consent.${body.purpose}`], `Toestemming gegeven (tekst ${body.textVersion})`);
      return toConsentView(row, now, lang);
    },

    /** Withdraws a consent; it takes effect at once (shortlists check it before every share). */
    async withdrawConsent(tx: Executor, principal: Principal, id: string, consentId: string, lang: 'nl' | 'en') {
      await requireCandidate(tx, principal, id, true);
      const repository = candidateRepository(tx);
      const existing = await repository.findConsent({ tenantId: principal.tenantId, candidateId: id, id: consentId });
      if (!existing) throw new ProblemError(candidateProblems.consent_not_found);
      if (existing.withdrawnAt) throw new ProblemError(candidateProblems.consent_already_withdrawn);
      const now = clock.now();
      const row = await repository.withdrawConsent({ tenantId: principal.tenantId, candidateId: id, id: consentId, at: now, by: principal.userId });
      await history(tx, principal, id, 'consent', [`consent.${existing.purpose}`], 'Toestemming ingetrokken');
      await touched(tx, principal, id);
      return { consent: toConsentView(row!, now, lang), purpose: existing.purpose as ConsentPurpose };
    },

    /**
     * The person withdraws a consent on their own page (issue 17): as effective as staff doing it
     * (REQUIREMENTS P3: the database takes them off open shortlists); the history says who did it.
     */
    async withdrawOwnConsent(tx: Executor, { tenantId, candidateId }: { tenantId: string; candidateId: string }, consentId: string, lang: 'nl' | 'en') {
      const repository = candidateRepository(tx);
      if (!(await repository.find({ tenantId, id: candidateId, forUpdate: true }))) throw new ProblemError(candidateProblems.not_found);
      const existing = await repository.findConsent({ tenantId, candidateId, id: consentId });
      if (!existing) throw new ProblemError(candidateProblems.consent_not_found);
      if (existing.withdrawnAt) throw new ProblemError(candidateProblems.consent_already_withdrawn);
      const now = clock.now();
      const row = await repository.withdrawConsent({ tenantId, candidateId, id: consentId, at: now, by: null });
      await repository.addHistory({ tenantId, id: newId(now.getTime()), candidateId, at: now, actorUserId: null, change: 'consent', fields: [`consent.${existing.purpose}`], summary: 'Toestemming ingetrokken door de persoon zelf' });
      await repository.update({ tenantId, id: candidateId, values: { updatedAt: now } });
      await enqueueOutbox(tx, { tenantId, topic: 'search.candidate', entityId: candidateId, operation: 'upsert' });
      return { consent: toConsentView(row!, now, lang), purpose: existing.purpose as ConsentPurpose };
    },

    /** The person's own consents, for their own page. */
    async ownConsents({ tenantId, candidateId }: { tenantId: string; candidateId: string }, lang: 'nl' | 'en') {
      const now = clock.now();
      return (await candidateRepository(db).consents({ tenantId, candidateId })).map((row) => toConsentView(row, now, lang));
    },

    async history(principal: Principal, id: string) {
      await requireCandidate(db, principal, id);
      const rows = await candidateRepository(db).history({ tenantId: principal.tenantId, candidateId: id });
      return rows.map(({ entry, actorName }) => ({
        id: entry.id,
        at: entry.at.toISOString(),
        actor: entry.actorUserId && actorName ? { id: entry.actorUserId, name: actorName } : null,
        change: entry.change,
        fields: entry.fields,
        summary: entry.summary,
      }));
    },
  };
}
