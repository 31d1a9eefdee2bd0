import type { Db, Executor } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import { isStaff } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import type { Clock } from '../clock.js';
import { ProblemError } from '../http/problems.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import type { Lang } from '../schemas/messages.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import { vacancyRepository } from '../vacancies/vacancies.repository.js';
import { shortlistProblems } from './shortlists.errors.js';
import { shortlistRepository, type EntryRow } from './shortlists.repository.js';
import type { EmployerShortlistView, ListShortlistsQuery, StaffEntryView, StaffShortlistView } from './shortlists.schemas.js';
import {
  toEmployerEntryView,
  toEmployerShortlistView,
  toStaffEntryView,
  toStaffShortlistView,
  toSummary,
  type ShortlistWithContext,
} from './shortlists.views.js';

/*
 * Reading shortlists, and the loaders every other part starts from: a shortlist or entry that the
 * caller may not see is not found (404), a closed one cannot change.
 */

export type ShortlistDeps = { db: Db; clock: Clock };

export async function loadShortlist({
  executor,
  principal,
  id,
  forUpdate = false,
}: {
  executor: Executor;
  principal: Principal;
  id: string;
  forUpdate?: boolean;
}): Promise<ShortlistWithContext> {
  const row = await shortlistRepository(executor).find({ scope: scopeOf(principal), id, forUpdate });
  if (!row) throw new ProblemError(shortlistProblems.not_found);
  return row;
}

/** Loads a shortlist to change it: locked, and not closed. */
export async function loadShortlistForChange(executor: Executor, principal: Principal, id: string): Promise<ShortlistWithContext> {
  const row = await loadShortlist({ executor, principal, id, forUpdate: true });
  if (row.shortlist.status === 'closed') throw new ProblemError(shortlistProblems.closed);
  return row;
}

/** The entry of a candidate on a shortlist, locked for a change. */
export async function requireEntry({
  executor,
  principal,
  shortlistId,
  candidateId,
}: {
  executor: Executor;
  principal: Principal;
  shortlistId: string;
  candidateId: string;
}): Promise<EntryRow> {
  const entry = await shortlistRepository(executor).findEntry({ tenantId: principal.tenantId, shortlistId, candidateId, forUpdate: true });
  if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
  return entry;
}

export type VacancyContext = NonNullable<Awaited<ReturnType<ReturnType<typeof shortlistRepository>['vacancyContext']>>>;

/** The shortlist's vacancy with what instruments and travel are judged on. */
export async function loadVacancyContext(executor: Executor, tenantId: string, vacancyId: string): Promise<VacancyContext> {
  const context = await shortlistRepository(executor).vacancyContext({ tenantId, id: vacancyId });
  if (!context) throw new ProblemError(vacancyProblems.not_found);
  return context;
}

/** The entries as staff see them (one candidate's with `candidateId`), with the latest feedback on each. */
export async function staffEntries({
  executor,
  clock,
  tenantId,
  shortlistId,
  lang,
  candidateId,
}: {
  executor: Executor;
  clock: Clock;
  tenantId: string;
  shortlistId: string;
  lang: Lang;
  candidateId?: string;
}): Promise<StaffEntryView[]> {
  const repository = shortlistRepository(executor);
  const settings = await loadTenantSettings(executor, tenantId);
  const rows = await repository.staffEntries({ tenantId, shortlistId, candidateId, now: clock.now() });
  const feedback = await repository.latestFeedback({ tenantId, entryIds: rows.map((row) => row.entry.id) });
  const byEntry = new Map(feedback.map((row) => [row.feedback.shortlistCandidateId, row]));
  return rows.map((row) => toStaffEntryView({ row, feedback: byEntry.get(row.entry.id), lang, settings }));
}

export async function staffEntry({
  executor,
  clock,
  principal,
  shortlistId,
  candidateId,
  lang,
}: {
  executor: Executor;
  clock: Clock;
  principal: Principal;
  shortlistId: string;
  candidateId: string;
  lang: Lang;
}): Promise<StaffEntryView> {
  const [entry] = await staffEntries({ executor, clock, tenantId: principal.tenantId, shortlistId, lang, candidateId });
  if (!entry) throw new ProblemError(shortlistProblems.entry_not_found);
  return entry;
}

/** The curation view of a shortlist (re-read), as staff see it after a change. */
export async function staffShortlistView({
  executor,
  clock,
  principal,
  id,
  lang,
}: {
  executor: Executor;
  clock: Clock;
  principal: Principal;
  id: string;
  lang: Lang;
}): Promise<StaffShortlistView> {
  const row = await loadShortlist({ executor, principal, id });
  return toStaffShortlistView(row, await staffEntries({ executor, clock, tenantId: principal.tenantId, shortlistId: id, lang }));
}

/** The employer's view (REQUIREMENTS A3): the frozen, allow-listed snapshots, plus identity only with consent. */
async function employerShortlistView({
  executor,
  clock,
  principal,
  row,
  lang,
}: {
  executor: Executor;
  clock: Clock;
  principal: Principal;
  row: ShortlistWithContext;
  lang: Lang;
}): Promise<EmployerShortlistView> {
  const repository = shortlistRepository(executor);
  const settings = await loadTenantSettings(executor, principal.tenantId);
  const rows = await repository.employerEntries({ tenantId: principal.tenantId, shortlistId: row.shortlist.id, now: clock.now() });
  const feedback = await repository.latestFeedback({ tenantId: principal.tenantId, entryIds: rows.map((entryRow) => entryRow.entry.id) });
  const byEntry = new Map(feedback.map((feedbackRow) => [feedbackRow.feedback.shortlistCandidateId, feedbackRow.feedback]));
  return toEmployerShortlistView(
    row,
    rows.map((entryRow) => toEmployerEntryView({ row: entryRow, answer: byEntry.get(entryRow.entry.id), lang, settings })),
  );
}

/** Reading: lists, one shortlist (staff or employer view), its entries. */
export function createShortlistReads({ db, clock }: ShortlistDeps) {
  async function list(principal: Principal, query: ListShortlistsQuery) {
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
  }

  return {
    list,

    async listForVacancy(principal: Principal, vacancyId: string, query: Omit<ListShortlistsQuery, 'vacancyId'>) {
      if (!(await vacancyRepository(db).find({ scope: scopeOf(principal), id: vacancyId }))) throw new ProblemError(vacancyProblems.not_found);
      return list(principal, { ...query, vacancyId });
    },

    /** Which of the employer's vacancies have a shortlist being prepared (ids only: no names, no counts of people). */
    async vacanciesPreparing(principal: Principal, employerId: string): Promise<string[]> {
      const own = scopeOf(principal).employerId;
      if (own && own !== employerId) return [];
      return shortlistRepository(db).vacanciesPreparing({ tenantId: principal.tenantId, employerId });
    },

    /** Staff get the curation view; an employer user the minimised view of a shortlist sent to it. */
    async get(principal: Principal, id: string, lang: Lang): Promise<StaffShortlistView | EmployerShortlistView> {
      const row = await loadShortlist({ executor: db, principal, id });
      if (!isStaff(principal)) return employerShortlistView({ executor: db, clock, principal, row, lang });
      return toStaffShortlistView(row, await staffEntries({ executor: db, clock, tenantId: principal.tenantId, shortlistId: id, lang }));
    },

    async listEntries(principal: Principal, id: string, lang: Lang): Promise<StaffEntryView[]> {
      await loadShortlist({ executor: db, principal, id });
      return staffEntries({ executor: db, clock, tenantId: principal.tenantId, shortlistId: id, lang });
    },
  };
}
