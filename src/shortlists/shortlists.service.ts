import { pgErrorOf, type Db, type Executor } from '../../db/client.js';
import type { InstrumentOffer } from '../../db/schema/index.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { isStaff } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import type { Clock } from '../clock.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import type { Lang } from '../schemas/messages.js';
import { ProblemError, type FieldError } from '../http/problems.js';
import { amsterdamDate } from '../placements/calendar.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import type { TenantSettings } from '../settings/settings.schemas.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import { vacancyRepository } from '../vacancies/vacancies.repository.js';
import { buildEmployerView, readEmployerView } from './employer-view.js';
import { eligibleInstruments, localiseOffers, NO_ELIGIBILITY_FACTS, readEntryInstruments, type EligibilityFacts, type EntryInstruments } from './instruments.js';
import { checkProtectedGrounds, groundsOfTerms, pitchWarnings } from './protected-grounds.js';
import { feedbackProblems, shortlistProblems } from './shortlists.errors.js';
import { shortlistRepository, type EntryRow, type FeedbackRow, type ShortlistRow } from './shortlists.repository.js';
import type {
  AddEntryBody,
  CreateShortlistBody,
  EmployerEntryView,
  EmployerShortlistView,
  FeedbackBody,
  FeedbackDecision,
  FeedbackReasonCode,
  FeedbackReceipt,
  FlaggedFeedbackView,
  ListShortlistsQuery,
  RemovalReason,
  ShortlistSummary,
  StaffEntryView,
  StaffShortlistView,
  UpdateEntryBody,
  UpdateShortlistBody,
} from './shortlists.schemas.js';
import { travelToVacancy } from './travel.js';

type Repository = ReturnType<typeof shortlistRepository>;
type ShortlistWithContext = NonNullable<Awaited<ReturnType<Repository['find']>>>;
type VacancyContext = NonNullable<Awaited<ReturnType<Repository['vacancyContext']>>>;
type StaffEntryRow = Awaited<ReturnType<Repository['staffEntries']>>[number];
type LatestFeedback = { feedback: FeedbackRow; giverName: string };

/*
 * The `instruments` column is jsonb. It holds the staff-stated eligibility facts together with the
 * offers computed from them (see instruments.ts); db/schema types it as the offers alone.
 */
const storeInstruments = (value: EntryInstruments) => value as unknown as InstrumentOffer[];

const SHARE_BLOCKING_CONSTRAINTS = new Set(['shortlist_candidates_shared_needs_consent', 'shortlist_candidates_shared_needs_approval']);

const READINESS_TEXT: Record<'not_approved' | 'no_consent' | 'not_active', Record<Lang, (reference: string) => string>> = {
  not_approved: {
    nl: (reference) => `${reference}: nog niet goedgekeurd door een medewerker.`,
    en: (reference) => `${reference}: not yet approved by a staff member.`,
  },
  no_consent: {
    nl: (reference) => `${reference}: geen geldige toestemming om te delen met werkgevers.`,
    en: (reference) => `${reference}: no valid consent to share with employers.`,
  },
  not_active: {
    nl: (reference) => `${reference}: heeft niet meer de status "active".`,
    en: (reference) => `${reference}: no longer has status "active".`,
  },
};

function toFeedbackView(row: LatestFeedback) {
  return {
    id: row.feedback.id,
    decision: row.feedback.decision as FeedbackDecision,
    reasonCode: row.feedback.reasonCode as FeedbackReasonCode | null,
    reasonText: row.feedback.reasonText,
    protectedGroundFlag: row.feedback.protectedGroundFlag,
    flaggedTerms: row.feedback.flaggedTerms,
    grounds: groundsOfTerms(row.feedback.flaggedTerms),
    givenBy: { id: row.feedback.givenBy, name: row.giverName },
    givenAt: row.feedback.givenAt.toISOString(),
  };
}

function toStaffEntry(row: StaffEntryRow, feedback: LatestFeedback | undefined, lang: Lang, settings: TenantSettings): StaffEntryView {
  const { entry } = row;
  const instruments = readEntryInstruments(entry.instruments);
  return {
    id: entry.id,
    candidateId: entry.candidateId,
    reference: row.reference,
    name: `${row.givenName} ${row.familyName}`,
    candidateStatus: row.candidateStatus as StaffEntryView['candidateStatus'],
    position: entry.position,
    source: entry.source as StaffEntryView['source'],
    matchRunId: entry.matchRunId,
    matchTotal: entry.matchTotal,
    pitch: { strengths: entry.pitchStrengths, support: entry.pitchSupport, startPlan: entry.pitchStartPlan },
    pitchWarnings: pitchWarnings([entry.pitchStrengths, entry.pitchSupport, entry.pitchStartPlan]),
    eligibility: instruments.eligibility,
    instruments: localiseOffers(instruments.offers, lang, settings),
    approval: entry.approvedAt && entry.approvedBy ? { by: { id: entry.approvedBy, name: row.approverName ?? '' }, at: entry.approvedAt.toISOString() } : null,
    sharedAt: entry.sharedAt?.toISOString() ?? null,
    consents: { shareWithEmployers: Boolean(row.shareConsent), discloseIdentity: Boolean(row.identityConsent) },
    removed: entry.removedAt && entry.removedReason ? { at: entry.removedAt.toISOString(), reason: entry.removedReason as RemovalReason } : null,
    feedback: feedback ? toFeedbackView(feedback) : null,
    createdAt: entry.createdAt.toISOString(),
    updatedAt: entry.updatedAt.toISOString(),
  };
}

function toSummary(row: { shortlist: ShortlistRow; vacancyTitle: string; candidates: number }): ShortlistSummary {
  return {
    id: row.shortlist.id,
    vacancy: { id: row.shortlist.vacancyId, title: row.vacancyTitle },
    status: row.shortlist.status as ShortlistSummary['status'],
    sentAt: row.shortlist.sentAt?.toISOString() ?? null,
    candidates: row.candidates,
  };
}

/** Curated shortlists: staff curate, approve and send; the employer reads a minimised view and answers. */
export function createShortlistService({ db, clock }: { db: Db; clock: Clock }) {
  async function load(executor: Executor, principal: Principal, id: string, forUpdate = false): Promise<ShortlistWithContext> {
    const row = await shortlistRepository(executor).find({ scope: scopeOf(principal), id, forUpdate });
    if (!row) throw new ProblemError(shortlistProblems.not_found);
    return row;
  }

  /** Loads a shortlist to change it: locked, and not closed. */
  async function loadForChange(executor: Executor, principal: Principal, id: string): Promise<ShortlistWithContext> {
    const row = await load(executor, principal, id, true);
    if (row.shortlist.status === 'closed') throw new ProblemError(shortlistProblems.closed);
    return row;
  }

  async function requireEntry(executor: Executor, principal: Principal, shortlistId: string, candidateId: string): Promise<EntryRow> {
    const entry = await shortlistRepository(executor).findEntry({ tenantId: principal.tenantId, shortlistId, candidateId, forUpdate: true });
    if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
    return entry;
  }

  async function vacancyContext(executor: Executor, tenantId: string, vacancyId: string): Promise<VacancyContext> {
    const context = await shortlistRepository(executor).vacancyContext({ tenantId, id: vacancyId });
    if (!context) throw new ProblemError(vacancyProblems.not_found);
    return context;
  }

  /** The day instruments are judged on: the vacancy's start date, but never a day in the past. */
  function startDateOf(context: VacancyContext): string {
    const today = amsterdamDate(clock.now());
    const planned = context.vacancy.startDate;
    return planned && planned > today ? planned : today;
  }

  async function offersFor(executor: Executor, tenantId: string, candidateId: string, context: VacancyContext, eligibility: EligibilityFacts, settings: TenantSettings) {
    const facts = await shortlistRepository(executor).candidateFacts({ tenantId, candidateId });
    return eligibleInstruments({
      settings,
      eligibility,
      supportOffered: context.vacancy.supportOffered,
      dateOfBirth: facts?.dateOfBirth ?? null,
      startDate: startDateOf(context),
    });
  }

  async function staffEntries(executor: Executor, tenantId: string, shortlistId: string, lang: Lang, candidateId?: string): Promise<StaffEntryView[]> {
    const repository = shortlistRepository(executor);
    const settings = await loadTenantSettings(executor, tenantId);
    const rows = await repository.staffEntries({ tenantId, shortlistId, candidateId, now: clock.now() });
    const feedback = await repository.latestFeedback({ tenantId, entryIds: rows.map((row) => row.entry.id) });
    const byEntry = new Map(feedback.map((row) => [row.feedback.shortlistCandidateId, row]));
    return rows.map((row) => toStaffEntry(row, byEntry.get(row.entry.id), lang, settings));
  }

  async function staffEntry(executor: Executor, principal: Principal, shortlistId: string, candidateId: string, lang: Lang): Promise<StaffEntryView> {
    const [entry] = await staffEntries(executor, principal.tenantId, shortlistId, lang, candidateId);
    if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
    return entry;
  }

  async function staffView(executor: Executor, principal: Principal, row: ShortlistWithContext, lang: Lang): Promise<StaffShortlistView> {
    const { shortlist } = row;
    return {
      view: 'staff',
      id: shortlist.id,
      vacancy: { id: shortlist.vacancyId, title: row.vacancyTitle, status: row.vacancyStatus },
      employer: { id: shortlist.employerId, name: row.employerName },
      status: shortlist.status as StaffShortlistView['status'],
      noteToEmployer: shortlist.noteToEmployer,
      createdBy: shortlist.createdBy,
      createdAt: shortlist.createdAt.toISOString(),
      updatedAt: shortlist.updatedAt.toISOString(),
      sentAt: shortlist.sentAt?.toISOString() ?? null,
      sentBy: shortlist.sentBy,
      entries: await staffEntries(executor, principal.tenantId, shortlist.id, lang),
    };
  }

  /** The employer's view (REQUIREMENTS A3): the frozen, allow-listed snapshots, plus identity only with consent. */
  async function employerView(executor: Executor, principal: Principal, row: ShortlistWithContext, lang: Lang): Promise<EmployerShortlistView> {
    const repository = shortlistRepository(executor);
    const settings = await loadTenantSettings(executor, principal.tenantId);
    const rows = await repository.employerEntries({ tenantId: principal.tenantId, shortlistId: row.shortlist.id, now: clock.now() });
    const feedback = await repository.latestFeedback({ tenantId: principal.tenantId, entryIds: rows.map((entryRow) => entryRow.entry.id) });
    const byEntry = new Map(feedback.map((feedbackRow) => [feedbackRow.feedback.shortlistCandidateId, feedbackRow.feedback]));
    const entries = rows.map(({ entry, givenName, familyName, phone }): EmployerEntryView => {
      const snapshot = readEmployerView(entry.employerView ?? {});
      const answer = byEntry.get(entry.id);
      return {
        candidateId: entry.candidateId,
        position: entry.position,
        competencies: snapshot.competencies,
        availability: snapshot.availability,
        hours: snapshot.hours,
        travel: snapshot.travel as EmployerEntryView['travel'],
        pitch: snapshot.pitch,
        instruments: localiseOffers(snapshot.instruments, lang, settings),
        sharedAt: entry.sharedAt!.toISOString(),
        identity: givenName !== null && familyName !== null ? { name: `${givenName} ${familyName}`, phone } : null,
        feedback: answer
          ? {
              decision: answer.decision as FeedbackDecision,
              reasonCode: answer.reasonCode as FeedbackReasonCode | null,
              reasonText: answer.reasonText,
              givenAt: answer.givenAt.toISOString(),
            }
          : null,
      };
    });
    return {
      view: 'employer',
      id: row.shortlist.id,
      vacancy: { id: row.shortlist.vacancyId, title: row.vacancyTitle },
      noteToEmployer: row.shortlist.noteToEmployer,
      sentAt: row.shortlist.sentAt!.toISOString(),
      entries,
    };
  }

  return {
    async list(principal: Principal, query: ListShortlistsQuery) {
      const rows = await shortlistRepository(db).list({
        scope: scopeOf(principal),
        vacancyId: query.vacancyId,
        status: query.status,
        beforeId: afterIdFrom(query.cursor),
        limit: query.limit + 1,
        now: clock.now(),
      });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.shortlist.id })),
        query.limit,
      );
      return { items: page.rows.map(toSummary), nextCursor: page.nextCursor };
    },

    async listForVacancy(principal: Principal, vacancyId: string, query: Omit<ListShortlistsQuery, 'vacancyId'>) {
      if (!(await vacancyRepository(db).find({ scope: scopeOf(principal), id: vacancyId }))) throw new ProblemError(vacancyProblems.not_found);
      return this.list(principal, { ...query, vacancyId });
    },

    async create(tx: Executor, principal: Principal, vacancyId: string, body: CreateShortlistBody, lang: Lang): Promise<StaffShortlistView> {
      const vacancy = await vacancyRepository(tx).find({ scope: scopeOf(principal), id: vacancyId });
      if (!vacancy) throw new ProblemError(vacancyProblems.not_found);
      if (vacancy.status === 'filled' || vacancy.status === 'closed') throw new ProblemError(shortlistProblems.vacancy_closed, { values: { status: vacancy.status } });
      const now = clock.now();
      const row = await shortlistRepository(tx).insert({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        vacancyId,
        employerId: vacancy.employerId,
        status: 'draft',
        noteToEmployer: body.noteToEmployer ?? null,
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      return staffView(tx, principal, await load(tx, principal, row.id), lang);
    },

    /** Staff get the curation view; an employer user the minimised view of a shortlist sent to it. */
    async get(principal: Principal, id: string, lang: Lang): Promise<StaffShortlistView | EmployerShortlistView> {
      const row = await load(db, principal, id);
      return isStaff(principal) ? staffView(db, principal, row, lang) : employerView(db, principal, row, lang);
    },

    async update(tx: Executor, principal: Principal, id: string, body: UpdateShortlistBody, lang: Lang): Promise<StaffShortlistView> {
      await loadForChange(tx, principal, id);
      await shortlistRepository(tx).update({
        tenantId: principal.tenantId,
        id,
        values: { noteToEmployer: body.noteToEmployer, status: body.status, updatedAt: clock.now() },
      });
      return staffView(tx, principal, await load(tx, principal, id), lang);
    },

    async listEntries(principal: Principal, id: string, lang: Lang): Promise<StaffEntryView[]> {
      await load(db, principal, id);
      return staffEntries(db, principal.tenantId, id, lang);
    },

    /** Adds a candidate by hand or from a ranking run of this vacancy (keeping the run's total). */
    async addEntry(tx: Executor, principal: Principal, id: string, body: AddEntryBody, lang: Lang): Promise<StaffEntryView> {
      const { shortlist } = await loadForChange(tx, principal, id);
      const repository = shortlistRepository(tx);
      const context = await vacancyContext(tx, principal.tenantId, shortlist.vacancyId);
      const facts = await repository.candidateFacts({ tenantId: principal.tenantId, candidateId: body.candidateId });
      if (!facts) throw new ProblemError(candidateProblems.not_found);
      if (facts.candidate.status !== 'active') throw new ProblemError(shortlistProblems.candidate_not_active, { values: { status: facts.candidate.status } });
      const existing = await repository.findEntry({ tenantId: principal.tenantId, shortlistId: id, candidateId: body.candidateId, forUpdate: true });
      if (existing && existing.removedAt === null) throw new ProblemError(shortlistProblems.already_listed);

      let matchTotal: number | null = null;
      if (body.matchRunId) {
        const run = await repository.matchRun({ tenantId: principal.tenantId, id: body.matchRunId });
        const ranked =
          run && run.kind === 'vacancy' && run.subjectId === shortlist.vacancyId
            ? (run.results as Array<{ candidateId?: unknown; total?: unknown } | null>).find((result) => result?.candidateId === body.candidateId)
            : undefined;
        if (!ranked) throw new ProblemError(shortlistProblems.match_run_mismatch);
        matchTotal = typeof ranked.total === 'number' ? ranked.total : null;
      }

      const settings = await loadTenantSettings(tx, principal.tenantId);
      const eligibility = body.eligibility ?? NO_ELIGIBILITY_FACTS;
      const offers = await offersFor(tx, principal.tenantId, body.candidateId, context, eligibility, settings);
      const now = clock.now();
      const values = {
        position: body.position ?? (await repository.lastPosition({ tenantId: principal.tenantId, shortlistId: id })) + 1,
        source: body.matchRunId ? 'ranking' : 'manual',
        matchRunId: body.matchRunId ?? null,
        matchTotal,
        pitchStrengths: body.pitch?.strengths ?? null,
        pitchSupport: body.pitch?.support ?? null,
        pitchStartPlan: body.pitch?.startPlan ?? null,
        instruments: storeInstruments({ eligibility, offers }),
        updatedAt: now,
      };
      if (existing) {
        // Back on the list after a removal: a fresh start, so it needs a new approval and a new share.
        await repository.updateEntry({
          tenantId: principal.tenantId,
          id: existing.id,
          values: { ...values, approvedBy: null, approvedAt: null, sharedAt: null, employerView: null, identityDisclosed: false, removedAt: null, removedReason: null },
        });
      } else {
        await repository.insertEntry({ tenantId: principal.tenantId, id: newId(now.getTime()), shortlistId: id, candidateId: body.candidateId, createdAt: now, ...values });
      }
      await repository.update({ tenantId: principal.tenantId, id, values: { updatedAt: now } });
      return staffEntry(tx, principal, id, body.candidateId, lang);
    },

    async updateEntry(tx: Executor, principal: Principal, id: string, candidateId: string, body: UpdateEntryBody, lang: Lang): Promise<StaffEntryView> {
      const { shortlist } = await loadForChange(tx, principal, id);
      const entry = await requireEntry(tx, principal, id, candidateId);
      if (entry.removedAt) throw new ProblemError(shortlistProblems.entry_removed);
      const changesContent = body.pitch !== undefined || body.eligibility !== undefined;
      // What the employer received is frozen; it cannot change underneath the approval.
      if (changesContent && entry.sharedAt) throw new ProblemError(shortlistProblems.entry_shared);
      const now = clock.now();
      let instruments: EntryInstruments | undefined;
      if (body.eligibility) {
        const eligibility = { ...readEntryInstruments(entry.instruments).eligibility, ...body.eligibility };
        const settings = await loadTenantSettings(tx, principal.tenantId);
        const context = await vacancyContext(tx, principal.tenantId, shortlist.vacancyId);
        instruments = { eligibility, offers: await offersFor(tx, principal.tenantId, candidateId, context, eligibility, settings) };
      }
      await shortlistRepository(tx).updateEntry({
        tenantId: principal.tenantId,
        id: entry.id,
        values: {
          position: body.position,
          pitchStrengths: body.pitch?.strengths,
          pitchSupport: body.pitch?.support,
          pitchStartPlan: body.pitch?.startPlan,
          instruments: instruments ? storeInstruments(instruments) : undefined,
          // An approval covers the content approved: new content needs a new approval (F3).
          ...(changesContent ? { approvedBy: null, approvedAt: null } : {}),
          updatedAt: now,
        },
      });
      return staffEntry(tx, principal, id, candidateId, lang);
    },

    /** Takes a candidate off the list, with the reason; the employer no longer sees them. */
    async removeEntry(tx: Executor, principal: Principal, id: string, candidateId: string, reason: 'removed_by_staff' | 'candidate_unavailable', lang: Lang) {
      await loadForChange(tx, principal, id);
      const entry = await requireEntry(tx, principal, id, candidateId);
      if (!entry.removedAt) {
        const now = clock.now();
        await shortlistRepository(tx).updateEntry({
          tenantId: principal.tenantId,
          id: entry.id,
          values: { removedAt: now, removedReason: reason, employerView: null, updatedAt: now },
        });
      }
      return staffEntry(tx, principal, id, candidateId, lang);
    },

    /** Records the human approval (REQUIREMENTS F3): who, and when. */
    async approve(tx: Executor, principal: Principal, id: string, candidateId: string, lang: Lang): Promise<StaffEntryView> {
      await loadForChange(tx, principal, id);
      const entry = await requireEntry(tx, principal, id, candidateId);
      if (entry.removedAt) throw new ProblemError(shortlistProblems.entry_removed);
      if (!entry.pitchStrengths) throw new ProblemError(shortlistProblems.pitch_missing);
      if (!entry.approvedAt) {
        const now = clock.now();
        await shortlistRepository(tx).updateEntry({ tenantId: principal.tenantId, id: entry.id, values: { approvedBy: principal.userId, approvedAt: now, updatedAt: now } });
      }
      return staffEntry(tx, principal, id, candidateId, lang);
    },

    /**
     * Shares every approved entry not yet shared, in one transaction: checks approval and consent
     * (P3, F3; the database checks both again), freezes the employer view and the instruments, and
     * writes the audit row. Entries shared before stay as they were sent.
     */
    async send(tx: Executor, principal: Principal, id: string, lang: Lang): Promise<StaffShortlistView> {
      const { shortlist } = await loadForChange(tx, principal, id);
      const repository = shortlistRepository(tx);
      const context = await vacancyContext(tx, principal.tenantId, shortlist.vacancyId);
      if (context.vacancy.status === 'filled' || context.vacancy.status === 'closed') {
        throw new ProblemError(shortlistProblems.vacancy_closed, { values: { status: context.vacancy.status } });
      }
      const now = clock.now();
      const rows = await repository.staffEntries({ tenantId: principal.tenantId, shortlistId: id, now });
      const pending = rows.filter((row) => row.entry.removedAt === null && row.entry.sharedAt === null);
      if (pending.length === 0) throw new ProblemError(shortlistProblems.nothing_to_send);

      const errors: FieldError[] = [];
      for (const row of pending) {
        const pointer = `/entries/${row.entry.candidateId}`;
        if (!row.entry.approvedAt) errors.push({ pointer, detail: READINESS_TEXT.not_approved[lang](row.reference) });
        if (!row.shareConsent) errors.push({ pointer, detail: READINESS_TEXT.no_consent[lang](row.reference) });
        if (row.candidateStatus !== 'active') errors.push({ pointer, detail: READINESS_TEXT.not_active[lang](row.reference) });
      }
      if (errors.length > 0) {
        throw new ProblemError(shortlistProblems.not_ready, { values: { count: new Set(errors.map((error) => error.pointer)).size }, errors });
      }

      const settings = await loadTenantSettings(tx, principal.tenantId);
      const travelVacancy = {
        id: context.vacancy.id,
        title: context.vacancy.title,
        occupationUri: context.vacancy.occupationUri,
        sector: context.sector,
        location: { latitude: context.latitude, longitude: context.longitude },
        hoursMin: context.vacancy.hoursMin,
        hoursMax: context.vacancy.hoursMax,
        rampUpFromHours: context.vacancy.rampUpFromHours,
        shiftPattern: context.vacancy.shiftPattern,
        competencies: context.vacancy.competencies,
        requiredCredentials: context.vacancy.requiredCredentials,
      };
      for (const row of pending) {
        const { entry } = row;
        const facts = await repository.candidateFacts({ tenantId: principal.tenantId, candidateId: entry.candidateId });
        const profile = facts?.profile ?? null;
        const { eligibility } = readEntryInstruments(entry.instruments);
        const offers = eligibleInstruments({
          settings,
          eligibility,
          supportOffered: context.vacancy.supportOffered,
          dateOfBirth: facts?.dateOfBirth ?? null,
          startDate: startDateOf(context),
        });
        const home =
          facts?.candidate.homeLatitude != null && facts.candidate.homeLongitude != null
            ? { latitude: facts.candidate.homeLatitude, longitude: facts.candidate.homeLongitude }
            : null;
        const profileFields = {
          competencies: profile?.competencies ?? null,
          availability: profile?.availability ?? null,
          hoursNow: profile?.hoursNow ?? null,
          hoursTarget: profile?.hoursTarget ?? null,
          rampUpPlan: profile?.rampUpPlan ?? null,
        };
        const travel = travelToVacancy(travelVacancy, {
          id: entry.candidateId,
          home,
          profile: { ...profileFields, mobility: profile?.mobility ?? null, certificates: profile?.certificates ?? null },
        });
        const view = buildEmployerView({
          candidateId: entry.candidateId,
          profile: profileFields,
          travel,
          pitch: { strengths: entry.pitchStrengths, support: entry.pitchSupport, startPlan: entry.pitchStartPlan },
          instruments: offers,
        });
        try {
          await repository.updateEntry({
            tenantId: principal.tenantId,
            id: entry.id,
            values: {
              employerView: view,
              instruments: storeInstruments({ eligibility, offers }),
              sharedAt: now,
              identityDisclosed: Boolean(row.identityConsent),
              updatedAt: now,
            },
          });
        } catch (error) {
          // The database refused (consent withdrawn a moment ago, say): nothing of this send is kept.
          const constraint = pgErrorOf(error)?.constraint;
          if (!constraint || !SHARE_BLOCKING_CONSTRAINTS.has(constraint)) throw error;
          throw new ProblemError(shortlistProblems.not_ready, {
            values: { count: 1 },
            errors: [{ pointer: `/entries/${entry.candidateId}`, detail: READINESS_TEXT.no_consent[lang](row.reference) }],
            cause: error,
          });
        }
      }
      await repository.update({
        tenantId: principal.tenantId,
        id,
        values: { status: 'sent', sentAt: now, sentBy: principal.userId, updatedAt: now },
      });
      await audit(tx, clock, {
        principal,
        action: 'shortlist.send',
        subjectType: 'shortlist',
        subjectId: id,
        details: {
          vacancyId: shortlist.vacancyId,
          employerId: shortlist.employerId,
          entries: pending.map((row) => row.entry.id),
          candidates: pending.map((row) => row.entry.candidateId),
          resend: shortlist.sentAt !== null,
        },
      });
      return staffView(tx, principal, await load(tx, principal, id), lang);
    },

    /** The employer's answer per candidate (or staff recording it on the employer's behalf). */
    async giveFeedback(tx: Executor, principal: Principal, id: string, candidateId: string, body: FeedbackBody): Promise<FeedbackReceipt> {
      await load(tx, principal, id);
      const repository = shortlistRepository(tx);
      const now = clock.now();
      let entry: EntryRow | undefined;
      if (isStaff(principal)) {
        entry = await repository.findEntry({ tenantId: principal.tenantId, shortlistId: id, candidateId });
        if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
        if (entry.removedAt) throw new ProblemError(shortlistProblems.entry_removed);
        if (!entry.sharedAt) throw new ProblemError(feedbackProblems.not_shared);
      } else {
        // An employer can only answer about someone it can see.
        entry = await repository.findEmployerEntry({ tenantId: principal.tenantId, shortlistId: id, candidateId, now });
        if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
      }
      if ((body.decision === 'decline' && !body.reasonCode) || (body.reasonCode === 'other' && !body.reasonText)) {
        throw new ProblemError(feedbackProblems.reason_required);
      }
      const check = checkProtectedGrounds(body.reasonText);
      const row = await repository.insertFeedback({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        shortlistCandidateId: entry.id,
        decision: body.decision,
        reasonCode: body.reasonCode ?? null,
        reasonText: body.reasonText ?? null,
        protectedGroundFlag: check.flagged,
        flaggedTerms: check.terms,
        givenBy: principal.userId,
        givenAt: now,
      });
      return {
        id: row.id,
        candidateId,
        decision: body.decision,
        reasonCode: body.reasonCode ?? null,
        reasonText: row.reasonText,
        givenAt: row.givenAt.toISOString(),
      };
    },

    /** Feedback whose text points at a protected ground, newest first, for staff to follow up. */
    async listFlagged(principal: Principal, query: { limit: number; cursor?: string | undefined }) {
      const rows = await shortlistRepository(db).flaggedFeedback({ tenantId: principal.tenantId, beforeId: afterIdFrom(query.cursor), limit: query.limit + 1 });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.feedback.id })),
        query.limit,
      );
      return {
        items: page.rows.map(
          (row): FlaggedFeedbackView => ({
            id: row.feedback.id,
            shortlistId: row.shortlistId,
            vacancy: { id: row.vacancyId, title: row.vacancyTitle },
            employer: { id: row.employerId, name: row.employerName },
            candidate: { id: row.candidateId, reference: row.reference },
            decision: row.feedback.decision as FlaggedFeedbackView['decision'],
            reasonCode: row.feedback.reasonCode as FlaggedFeedbackView['reasonCode'],
            reasonText: row.feedback.reasonText,
            flaggedTerms: row.feedback.flaggedTerms,
            grounds: groundsOfTerms(row.feedback.flaggedTerms),
            givenBy: { id: row.feedback.givenBy, name: row.giverName },
            givenAt: row.feedback.givenAt.toISOString(),
          }),
        ),
        nextCursor: page.nextCursor,
      };
    },
  };
}
