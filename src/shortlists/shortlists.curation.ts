import type { Executor } from '../../db/client.js';
import type { InstrumentOffer } from '../../db/schema/index.js';
import type { Principal } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import type { Clock } from '../clock.js';
import { commonProblems, ProblemError } from '../http/problems.js';
import { newId } from '../ids.js';
import { amsterdamDate } from '../placements/calendar.js';
import type { Lang } from '../schemas/messages.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import type { TenantSettings } from '../settings/settings.schemas.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import { vacancyRepository } from '../vacancies/vacancies.repository.js';
import { audit } from '../audit/audit.js';
import { eligibleInstruments, NO_ELIGIBILITY_FACTS, readEntryInstruments, type EligibilityFacts, type EntryInstruments } from './instruments.js';
import { pitchWarnings } from './protected-grounds.js';
import { shortlistProblems } from './shortlists.errors.js';
import {
  loadShortlistForChange,
  loadVacancyContext,
  requireEntry,
  staffEntry,
  staffShortlistView,
  type ShortlistDeps,
  type VacancyContext,
} from './shortlists.reads.js';
import { shortlistRepository, type EntryRow } from './shortlists.repository.js';
import type {
  AddEntryBody,
  CreateShortlistBody,
  PitchOverrideBody,
  StaffEntryView,
  StaffShortlistView,
  UpdateEntryBody,
  UpdateShortlistBody,
} from './shortlists.schemas.js';

/*
 * Curation: staff make a shortlist for a vacancy, put people on it (by hand or from a ranking run),
 * write the pitch, state the facts that make employer instruments apply, and approve each entry.
 */

/*
 * The `instruments` column is jsonb. It holds the staff-stated eligibility facts together with the
 * offers computed from them (see instruments.ts); db/schema types it as the offers alone.
 */
export const storeInstruments = (value: EntryInstruments) => value as unknown as InstrumentOffer[];

/**
 * The pitch warnings that still stand in the way (issue 11.10): words in the text for the employer
 * that point at health, debts, benefits or other private matters, unless an admin recorded an
 * override for this very text (a text change clears the override). Non-empty: no approval, no send.
 */
export function unresolvedPitchWarnings(entry: Pick<EntryRow, 'pitchStrengths' | 'pitchSupport' | 'pitchStartPlan' | 'pitchOverrideAt'>): string[] {
  if (entry.pitchOverrideAt !== null) return [];
  return pitchWarnings([entry.pitchStrengths, entry.pitchSupport, entry.pitchStartPlan]);
}

/** An override's reason is at least this long: a word or two is no reason. */
export const PITCH_OVERRIDE_REASON_MIN = 10;

/** What a change of the pitch text resets: the approval and any override covered the old text. */
const PITCH_RESET = { approvedBy: null, approvedAt: null, pitchOverrideBy: null, pitchOverrideAt: null, pitchOverrideReason: null } as const;

/** The day instruments are judged on: the vacancy's start date, but never a day in the past. */
export function instrumentStartDate(context: VacancyContext, now: Date): string {
  const today = amsterdamDate(now);
  const planned = context.vacancy.startDate;
  return planned && planned > today ? planned : today;
}

/** The employer instruments that apply to this person on this vacancy, given the stated facts. */
async function offersFor({
  executor,
  clock,
  tenantId,
  candidateId,
  context,
  eligibility,
  settings,
}: {
  executor: Executor;
  clock: Clock;
  tenantId: string;
  candidateId: string;
  context: VacancyContext;
  eligibility: EligibilityFacts;
  settings: TenantSettings;
}) {
  const facts = await shortlistRepository(executor).candidateFacts({ tenantId, candidateId });
  return eligibleInstruments({
    settings,
    eligibility,
    supportOffered: context.vacancy.supportOffered,
    dateOfBirth: facts?.dateOfBirth ?? null,
    startDate: instrumentStartDate(context, clock.now()),
  });
}

export function createShortlistCuration({ clock }: ShortlistDeps) {
  return {
    async create({
      tx,
      principal,
      vacancyId,
      body,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      vacancyId: string;
      body: CreateShortlistBody;
      lang: Lang;
    }): Promise<StaffShortlistView> {
      const vacancy = await vacancyRepository(tx).find({ scope: scopeOf(principal), id: vacancyId });
      if (!vacancy) throw new ProblemError(vacancyProblems.not_found);
      if (vacancy.status === 'filled' || vacancy.status === 'closed')
        throw new ProblemError(shortlistProblems.vacancy_closed, { values: { status: vacancy.status } });
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
      await audit(tx, clock, { principal, action: 'shortlist.change', subjectType: 'shortlist', subjectId: row.id, details: { change: 'create', vacancyId } });
      return staffShortlistView({ executor: tx, clock, principal, id: row.id, lang });
    },

    async update({
      tx,
      principal,
      id,
      body,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      body: UpdateShortlistBody;
      lang: Lang;
    }): Promise<StaffShortlistView> {
      await loadShortlistForChange(tx, principal, id);
      await shortlistRepository(tx).update({
        tenantId: principal.tenantId,
        id,
        values: { noteToEmployer: body.noteToEmployer, status: body.status, updatedAt: clock.now() },
      });
      await audit(tx, clock, {
        principal,
        action: 'shortlist.change',
        subjectType: 'shortlist',
        subjectId: id,
        details: { change: 'update', fields: Object.keys(body) },
      });
      return staffShortlistView({ executor: tx, clock, principal, id, lang });
    },

    /** Adds a candidate by hand or from a ranking run of this vacancy (keeping the run's total). */
    async addEntry({
      tx,
      principal,
      id,
      body,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      body: AddEntryBody;
      lang: Lang;
    }): Promise<StaffEntryView> {
      const { shortlist } = await loadShortlistForChange(tx, principal, id);
      const repository = shortlistRepository(tx);
      const context = await loadVacancyContext(tx, principal.tenantId, shortlist.vacancyId);
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
            ? (run.results as Array<(typeof run.results)[number] | null>).find((result) => result?.candidateId === body.candidateId)
            : undefined;
        if (!ranked) throw new ProblemError(shortlistProblems.match_run_mismatch);
        matchTotal = typeof ranked.total === 'number' ? ranked.total : null;
      }

      const settings = await loadTenantSettings(tx, principal.tenantId);
      const eligibility = body.eligibility ?? NO_ELIGIBILITY_FACTS;
      const offers = await offersFor({ executor: tx, clock, tenantId: principal.tenantId, candidateId: body.candidateId, context, eligibility, settings });
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
          values: { ...values, ...PITCH_RESET, sharedAt: null, employerView: null, identityDisclosed: false, removedAt: null, removedReason: null },
        });
      } else {
        await repository.insertEntry({
          tenantId: principal.tenantId,
          id: newId(now.getTime()),
          shortlistId: id,
          candidateId: body.candidateId,
          createdAt: now,
          ...values,
        });
      }
      await repository.update({ tenantId: principal.tenantId, id, values: { updatedAt: now } });
      await audit(tx, clock, {
        principal,
        action: 'shortlist.change',
        subjectType: 'shortlist',
        subjectId: id,
        details: { change: 'add', candidateId: body.candidateId },
      });
      return staffEntry({ executor: tx, clock, principal, shortlistId: id, candidateId: body.candidateId, lang });
    },

    async updateEntry({
      tx,
      principal,
      id,
      candidateId,
      body,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      candidateId: string;
      body: UpdateEntryBody;
      lang: Lang;
    }): Promise<StaffEntryView> {
      const { shortlist } = await loadShortlistForChange(tx, principal, id);
      const entry = await requireEntry({ executor: tx, principal, shortlistId: id, candidateId });
      if (entry.removedAt) throw new ProblemError(shortlistProblems.entry_removed);
      const changesContent = body.pitch !== undefined || body.eligibility !== undefined;
      // What the employer received is frozen; it cannot change underneath the approval.
      if (changesContent && entry.sharedAt) throw new ProblemError(shortlistProblems.entry_shared);
      const now = clock.now();
      let instruments: EntryInstruments | undefined;
      if (body.eligibility) {
        const eligibility = { ...readEntryInstruments(entry.instruments).eligibility, ...body.eligibility };
        const settings = await loadTenantSettings(tx, principal.tenantId);
        const context = await loadVacancyContext(tx, principal.tenantId, shortlist.vacancyId);
        instruments = {
          eligibility,
          offers: await offersFor({ executor: tx, clock, tenantId: principal.tenantId, candidateId, context, eligibility, settings }),
        };
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
          // An approval covers the content approved: new content needs a new approval (F3), and an
          // override of pitch warnings covered the old text only (issue 11.10).
          ...(changesContent ? { approvedBy: null, approvedAt: null } : {}),
          ...(body.pitch !== undefined ? PITCH_RESET : {}),
          updatedAt: now,
        },
      });
      await audit(tx, clock, {
        principal,
        action: 'shortlist.change',
        subjectType: 'shortlist',
        subjectId: id,
        details: { change: 'update_entry', candidateId, fields: Object.keys(body) },
      });
      return staffEntry({ executor: tx, clock, principal, shortlistId: id, candidateId, lang });
    },

    /** Takes a candidate off the list, with the reason; the employer no longer sees them. */
    async removeEntry({
      tx,
      principal,
      id,
      candidateId,
      reason,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      candidateId: string;
      reason: 'removed_by_staff' | 'candidate_unavailable';
      lang: Lang;
    }): Promise<StaffEntryView> {
      await loadShortlistForChange(tx, principal, id);
      const entry = await requireEntry({ executor: tx, principal, shortlistId: id, candidateId });
      if (!entry.removedAt) {
        const now = clock.now();
        await shortlistRepository(tx).updateEntry({
          tenantId: principal.tenantId,
          id: entry.id,
          values: { removedAt: now, removedReason: reason, employerView: null, updatedAt: now },
        });
      }
      // Audited also when it was off the list already: the person asked for it.
      await audit(tx, clock, {
        principal,
        action: 'shortlist.change',
        subjectType: 'shortlist',
        subjectId: id,
        details: { change: 'remove', candidateId, reason },
      });
      return staffEntry({ executor: tx, clock, principal, shortlistId: id, candidateId, lang });
    },

    /** Records the human approval (REQUIREMENTS F3): who, and when. */
    async approve({
      tx,
      principal,
      id,
      candidateId,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      candidateId: string;
      lang: Lang;
    }): Promise<StaffEntryView> {
      await loadShortlistForChange(tx, principal, id);
      const entry = await requireEntry({ executor: tx, principal, shortlistId: id, candidateId });
      if (entry.removedAt) throw new ProblemError(shortlistProblems.entry_removed);
      if (!entry.pitchStrengths) throw new ProblemError(shortlistProblems.pitch_missing);
      const warnings = unresolvedPitchWarnings(entry);
      if (warnings.length > 0) throw new ProblemError(shortlistProblems.pitch_warning, { values: { terms: warnings.join(', ') } });
      if (!entry.approvedAt) {
        const now = clock.now();
        await shortlistRepository(tx).updateEntry({
          tenantId: principal.tenantId,
          id: entry.id,
          values: { approvedBy: principal.userId, approvedAt: now, updatedAt: now },
        });
        await audit(tx, clock, { principal, action: 'shortlist.change', subjectType: 'shortlist', subjectId: id, details: { change: 'approve', candidateId } });
      }
      return staffEntry({ executor: tx, clock, principal, shortlistId: id, candidateId, lang });
    },

    /**
     * An admin decides that a pitch with warnings may go to the employer after all (issue 11.10):
     * the decision, who made it and why are kept on the entry (until the text changes) and in the
     * audit log. It lifts the block only; a person still approves.
     */
    async overridePitchWarnings({
      tx,
      principal,
      id,
      candidateId,
      body,
      lang,
    }: {
      tx: Executor;
      principal: Principal;
      id: string;
      candidateId: string;
      body: PitchOverrideBody;
      lang: Lang;
    }): Promise<StaffEntryView> {
      if (principal.role !== 'admin') throw new ProblemError(commonProblems.forbidden);
      await loadShortlistForChange(tx, principal, id);
      const entry = await requireEntry({ executor: tx, principal, shortlistId: id, candidateId });
      if (entry.removedAt) throw new ProblemError(shortlistProblems.entry_removed);
      if (entry.sharedAt) throw new ProblemError(shortlistProblems.entry_shared);
      const warnings = pitchWarnings([entry.pitchStrengths, entry.pitchSupport, entry.pitchStartPlan]);
      if (warnings.length === 0) throw new ProblemError(shortlistProblems.pitch_override_needless);
      // The API's schema asks the same; the page form reaches here with whatever was typed.
      if (body.reason.trim().length < PITCH_OVERRIDE_REASON_MIN) throw new ProblemError(shortlistProblems.pitch_override_reason);
      const now = clock.now();
      await shortlistRepository(tx).updateEntry({
        tenantId: principal.tenantId,
        id: entry.id,
        values: { pitchOverrideBy: principal.userId, pitchOverrideAt: now, pitchOverrideReason: body.reason.trim(), updatedAt: now },
      });
      await audit(tx, clock, {
        principal,
        action: 'shortlist.pitch_override',
        subjectType: 'shortlist_candidate',
        subjectId: entry.id,
        reason: body.reason,
        details: { shortlistId: id, candidateId, warnings },
      });
      return staffEntry({ executor: tx, clock, principal, shortlistId: id, candidateId, lang });
    },
  };
}
