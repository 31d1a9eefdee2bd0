import type { Db, Executor } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import { isStaff } from '../auth/roles.js';
import { scopeOf } from '../auth/scope.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import { recordHistory } from '../candidates/candidates.access.js';
import { candidateRepository } from '../candidates/candidates.repository.js';
import type { createCandidateService } from '../candidates/candidates.service.js';
import type { Clock } from '../clock.js';
import { afterIdFrom, pageCursor } from '../http/responses.js';
import { newId } from '../ids.js';
import type { Lang } from '../schemas/messages.js';
import { ProblemError } from '../http/problems.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { shortlistRepository } from '../shortlists/shortlists.repository.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import { vacancyRepository } from '../vacancies/vacancies.repository.js';
import { amsterdamDate, followUpDueDates, followUpOpensOn } from './calendar.js';
import { audit } from '../audit/audit.js';
import { DROPOUT_REASON_LABELS } from './placements.labels.js';
import { placementProblems } from './placements.errors.js';
import { placementRepository } from './placements.repository.js';
import type {
  CheckInView,
  CreatePlacementBody,
  EmployerMoment,
  EmployerPlacementView,
  FollowUpOutcome,
  FollowUpView,
  ListPlacementsQuery,
  PlacementSummary,
  RecordCheckInBody,
  RecordFollowUpBody,
  StaffPlacementView,
} from './placements.schemas.js';
import { benefitMonthsAvoided, estimateSavings } from './savings.js';
import { ruledSavingsOf } from './savings.rules.js';
import { toCheckInView, toFollowUpEntryView, toFollowUpView } from './placements.views.js';

type PlacementWithContext = NonNullable<Awaited<ReturnType<ReturnType<typeof placementRepository>['find']>>>;

/**
 * A hire as its employer sees it (issue 15.5): the work agreed, the name only with the person's
 * consent, the follow-up moments with the employer's own check-ins; no outcomes, notes or savings.
 */
export type EmployerHire = {
  id: string;
  vacancy: { id: string; title: string };
  name: string | null;
  startDate: string;
  hoursPerWeek: number;
  contractType: StaffPlacementView['contractType'];
  status: StaffPlacementView['status'];
  endedOn: string | null;
  moments: EmployerMoment[];
};

/** Outcomes after which the person no longer works in this placement. */
const ENDING_OUTCOMES: ReadonlySet<FollowUpOutcome> = new Set(['dropped_out', 'working_elsewhere']);

/** Placements: a hire that became work, followed up at 1, 3 and 6 months, with what it saves. */
export function createPlacementService({ db, clock, candidates }: { db: Db; clock: Clock; candidates: ReturnType<typeof createCandidateService> }) {
  async function load({
    executor,
    principal,
    id,
    forUpdate = false,
  }: {
    executor: Executor;
    principal: Principal;
    id: string;
    forUpdate?: boolean;
  }): Promise<PlacementWithContext> {
    const row = await placementRepository(executor).find({ scope: scopeOf(principal), id, forUpdate });
    if (!row) throw new ProblemError(placementProblems.not_found);
    return row;
  }

  async function followUps(executor: Executor, tenantId: string, placement: { id: string; startDate: string }): Promise<FollowUpView[]> {
    const today = amsterdamDate(clock.now());
    const repository = placementRepository(executor);
    const entries = (await repository.entries({ tenantId, placementId: placement.id })).map((row) => ({
      monthMark: row.entry.monthMark,
      view: toFollowUpEntryView(row),
    }));
    return (await repository.followUps({ tenantId, placementId: placement.id })).map((row) =>
      toFollowUpView(
        row,
        today,
        entries.filter((entry) => entry.monthMark === row.followUp.monthMark).map((entry) => entry.view),
        followUpOpensOn({ dueOn: row.followUp.dueOn, startDate: placement.startDate }),
      ),
    );
  }

  async function staffView({
    executor,
    principal,
    row,
    lang,
  }: {
    executor: Executor;
    principal: Principal;
    row: PlacementWithContext;
    lang: Lang;
  }): Promise<StaffPlacementView> {
    const { placement } = row;
    const settings = await loadTenantSettings(executor, principal.tenantId);
    const months = benefitMonthsAvoided({ startDate: placement.startDate, contractMonths: placement.contractMonths, endedOn: placement.endedOn });
    const average = estimateSavings(
      {
        benefitMonthlyAmount: settings.benefitMonthlyAmount,
        hoursPerWeek: placement.hoursPerWeek,
        months,
        instruments: placement.instrumentsUsed,
        ended: placement.endedOn !== null,
      },
      lang,
    );
    const ruled = (await ruledSavingsOf({ executor, tenantId: principal.tenantId, placements: [placement], lang })).get(placement.id) ?? null;
    return {
      view: 'staff',
      ...common(row),
      candidate: { id: placement.candidateId, reference: row.reference, name: `${row.givenName} ${row.familyName}` },
      shortlistId: row.shortlistId,
      endReason: placement.endReason,
      followUps: await followUps(executor, principal.tenantId, placement),
      checkIns: (await placementRepository(executor).checkIns({ tenantId: principal.tenantId, placementIds: [placement.id] })).map(toCheckInView),
      // With a recorded household the estimate follows the rules month by month; without, the average.
      savings: ruled
        ? {
            ...average,
            basis: 'rules' as const,
            benefitMonthsAvoided: ruled.months.filter((month) => month.avoidedBenefit > 0).length,
            avoidedBenefit: ruled.totals.avoidedBenefit,
            subsidyCosts: ruled.totals.subsidyCosts,
            netSavings: ruled.totals.netSavings,
            assumptions: ruled.assumptions.map((assumption) => assumption.text),
            byMonth: ruled,
          }
        : {
            ...average,
            basis: 'average' as const,
            assumptions: [
              ...average.assumptions,
              lang === 'nl'
                ? 'Het huishouden is nog niet vastgelegd (rekentool). Daarom rekenen we met een gemiddelde en niet per maand met de opbouw van uren en de inkomstenvrijlating.'
                : 'The household has not been recorded yet (rekentool). So this uses an average, not the month-by-month ramp-up of hours and the income allowance.',
            ],
            byMonth: null,
          },
      createdBy: placement.createdBy,
      createdAt: placement.createdAt.toISOString(),
      updatedAt: placement.updatedAt.toISOString(),
    };
  }

  function common(row: PlacementWithContext) {
    const { placement } = row;
    return {
      id: placement.id,
      vacancy: { id: placement.vacancyId, title: row.vacancyTitle },
      employer: { id: placement.employerId, name: row.employerName },
      startDate: placement.startDate,
      hoursPerWeek: placement.hoursPerWeek,
      contractType: placement.contractType as StaffPlacementView['contractType'],
      contractMonths: placement.contractMonths,
      instrumentsUsed: placement.instrumentsUsed.map(({ code, monthlyAmount, months, oneOffAmount }) => ({
        code,
        ...(monthlyAmount !== undefined ? { monthlyAmount } : {}),
        ...(months !== undefined ? { months } : {}),
        ...(oneOffAmount !== undefined ? { oneOffAmount } : {}),
      })),
      status: placement.status as StaffPlacementView['status'],
      endedOn: placement.endedOn,
    };
  }

  /**
   * Someone who dropped out is back in the caseload (issue 16.1): status active again, so they are
   * ranked and listed again and retention does not treat them as gone; the history says why. When
   * they still work in another placement, or were moved on already (paused, participation route),
   * only the history records the drop-out.
   */
  async function returnToCaseload({
    tx,
    principal,
    row,
    endedOn,
    reason,
  }: {
    tx: Executor;
    principal: Principal;
    row: PlacementWithContext;
    endedOn: string;
    reason: string;
  }) {
    const { placement } = row;
    const candidate = await candidateRepository(tx).find({ tenantId: principal.tenantId, id: placement.candidateId, forUpdate: true });
    const stillWorking = await placementRepository(tx).otherActive({
      tenantId: principal.tenantId,
      candidateId: placement.candidateId,
      exceptId: placement.id,
    });
    const returns = candidate?.status === 'placed' && !stillWorking;
    const summary =
      `Uitgevallen bij ${row.employerName} (${row.vacancyTitle}), laatste werkdag ${endedOn}. Reden: ${DROPOUT_REASON_LABELS[reason] ?? reason}.` +
      (returns ? ' Weer actief in de caseload.' : '');
    if (returns) {
      await candidates.update({ tx, principal, id: placement.candidateId, body: { status: 'active' }, history: { change: 'dropout', summary } });
    } else {
      await recordHistory({ tx, clock, principal, candidateId: placement.candidateId, change: 'dropout', fields: [], summary });
      await candidateRepository(tx).update({ tenantId: principal.tenantId, id: placement.candidateId, values: { updatedAt: clock.now() } });
    }
  }

  /** The employer's own hire: the work agreed; no name, follow-up reasons or savings (those are about the person's benefit). */
  function employerView(row: PlacementWithContext): EmployerPlacementView {
    return { view: 'employer', ...common(row), candidateId: row.placement.candidateId };
  }

  return {
    async list(principal: Principal, query: ListPlacementsQuery) {
      const rows = await placementRepository(db).list({
        scope: scopeOf(principal),
        candidateId: query.candidateId,
        vacancyId: query.vacancyId,
        status: query.status,
        beforeId: afterIdFrom(query.cursor),
        limit: query.limit + 1,
      });
      const page = pageCursor(
        rows.map((row) => ({ ...row, id: row.placement.id })),
        query.limit,
      );
      return {
        items: page.rows.map((row): PlacementSummary => ({
          id: row.placement.id,
          candidateId: row.placement.candidateId,
          vacancy: { id: row.placement.vacancyId, title: row.vacancyTitle },
          employer: { id: row.placement.employerId, name: row.employerName },
          startDate: row.placement.startDate,
          hoursPerWeek: row.placement.hoursPerWeek,
          contractType: row.placement.contractType as PlacementSummary['contractType'],
          status: row.placement.status as PlacementSummary['status'],
        })),
        nextCursor: page.nextCursor,
      };
    },

    async get(principal: Principal, id: string, lang: Lang): Promise<StaffPlacementView | EmployerPlacementView> {
      const row = await load({ executor: db, principal, id });
      return isStaff(principal) ? staffView({ executor: db, principal, row, lang }) : employerView(row);
    },

    /** Records a placement, schedules its follow-ups at 1, 3 and 6 months, and marks the candidate placed. */
    async create({ tx, principal, body, lang }: { tx: Executor; principal: Principal; body: CreatePlacementBody; lang: Lang }): Promise<StaffPlacementView> {
      const vacancy = await vacancyRepository(tx).find({ scope: scopeOf(principal), id: body.vacancyId });
      if (!vacancy) throw new ProblemError(vacancyProblems.not_found);
      const candidate = await candidateRepository(tx).find({ tenantId: principal.tenantId, id: body.candidateId, forUpdate: true });
      if (!candidate) throw new ProblemError(candidateProblems.not_found);
      if (candidate.status !== 'active') throw new ProblemError(placementProblems.candidate_not_active, { values: { status: candidate.status } });
      const repository = placementRepository(tx);
      if (await repository.activeFor({ tenantId: principal.tenantId, candidateId: body.candidateId, vacancyId: body.vacancyId })) {
        throw new ProblemError(placementProblems.already_placed);
      }

      let shortlistCandidateId: string | null = null;
      if (body.shortlistId) {
        const shortlists = shortlistRepository(tx);
        const shortlist = await shortlists.find({ scope: scopeOf(principal), id: body.shortlistId });
        const entry = shortlist
          ? await shortlists.findEntry({ tenantId: principal.tenantId, shortlistId: body.shortlistId, candidateId: body.candidateId })
          : undefined;
        if (!shortlist || shortlist.shortlist.vacancyId !== body.vacancyId || !entry?.sharedAt) throw new ProblemError(placementProblems.shortlist_mismatch);
        shortlistCandidateId = entry.id;
      }

      const now = clock.now();
      const id = newId(now.getTime());
      await repository.insert({
        tenantId: principal.tenantId,
        id,
        candidateId: body.candidateId,
        vacancyId: body.vacancyId,
        employerId: vacancy.employerId,
        shortlistCandidateId,
        startDate: body.startDate,
        hoursPerWeek: body.hoursPerWeek,
        contractType: body.contractType,
        contractMonths: body.contractMonths ?? null,
        instrumentsUsed: body.instrumentsUsed,
        status: 'active',
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      await repository.insertFollowUps(
        followUpDueDates(body.startDate).map(({ monthMark, dueOn }) => ({
          tenantId: principal.tenantId,
          id: newId(now.getTime()),
          placementId: id,
          monthMark,
          dueOn,
        })),
      );
      // Through the candidate service, so that the change is in the person's history and the search index.
      await candidates.update({ tx, principal, id: body.candidateId, body: { status: 'placed' } });
      await audit(tx, clock, {
        principal,
        action: 'placement.create',
        subjectType: 'placement',
        subjectId: id,
        details: { candidateId: body.candidateId, vacancyId: body.vacancyId, employerId: vacancy.employerId, shortlistId: body.shortlistId ?? null },
      });
      return staffView({ executor: tx, principal, row: await load({ executor: tx, principal, id }), lang });
    },

    async listFollowUps(principal: Principal, id: string): Promise<FollowUpView[]> {
      const { placement } = await load({ executor: db, principal, id });
      return followUps(db, principal.tenantId, placement);
    },

    /**
     * Records the outcome of a follow-up as a new entry in its history (issue 16.2): from a few days
     * before it is due, never before the start; once recorded, only a correction that names the
     * latest entry adds another. Leaving the job ends the placement; a drop-out returns the person.
     */
    async recordFollowUp({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: RecordFollowUpBody }): Promise<FollowUpView> {
      const row = await load({ executor: tx, principal, id, forUpdate: true });
      const { placement } = row;
      if ((body.outcome === 'dropped_out') !== (body.dropoutReason !== undefined)) throw new ProblemError(placementProblems.dropout_reason);
      const now = clock.now();
      const today = amsterdamDate(now);
      const repository = placementRepository(tx);
      const current = (await repository.followUps({ tenantId: principal.tenantId, placementId: id })).find(
        (candidate) => candidate.followUp.monthMark === body.monthMark,
      );
      if (!current) throw new ProblemError(placementProblems.not_found);
      const opensOn = followUpOpensOn({ dueOn: current.followUp.dueOn, startDate: placement.startDate });
      if (today < opensOn)
        throw new ProblemError(placementProblems.follow_up_not_open, { values: { monthMark: body.monthMark, opensOn, startDate: placement.startDate } });
      const latest = (await repository.entries({ tenantId: principal.tenantId, placementId: id }))
        .filter((entry) => entry.entry.monthMark === body.monthMark)
        .at(-1);
      if (latest && body.corrects === undefined) throw new ProblemError(placementProblems.follow_up_recorded);
      if (body.corrects !== undefined && body.corrects !== latest?.entry.id) throw new ProblemError(placementProblems.correction_stale);
      const endsNow = ENDING_OUTCOMES.has(body.outcome);
      if (placement.status === 'ended' && latest && ENDING_OUTCOMES.has(latest.entry.outcome as FollowUpOutcome) && !endsNow) {
        throw new ProblemError(placementProblems.correction_reopens);
      }
      const ends = endsNow && placement.status === 'active';
      const endedOn = body.endedOn ?? today;
      if (ends && endedOn < placement.startDate) throw new ProblemError(placementProblems.ended_before_start);

      const entryId = newId(now.getTime());
      await repository.insertEntry({
        tenantId: principal.tenantId,
        id: entryId,
        placementId: id,
        monthMark: body.monthMark,
        outcome: body.outcome,
        dropoutReason: body.dropoutReason ?? null,
        endedOn: endsNow ? endedOn : null,
        note: body.note ?? null,
        correctsId: body.corrects ?? null,
        recordedBy: principal.userId,
        recordedAt: now,
      });
      // The follow-up row carries the latest outcome (reminders, digests and reports read it).
      await repository.updateFollowUp({
        tenantId: principal.tenantId,
        placementId: id,
        monthMark: body.monthMark,
        values: { outcome: body.outcome, dropoutReason: body.dropoutReason ?? null, note: body.note ?? null, recordedBy: principal.userId, recordedAt: now },
      });
      await audit(tx, clock, {
        principal,
        action: 'placement.follow_up',
        subjectType: 'placement',
        subjectId: id,
        details: { entryId, monthMark: body.monthMark, outcome: body.outcome, corrects: body.corrects ?? null },
      });
      if (ends) {
        await repository.update({
          tenantId: principal.tenantId,
          id,
          values: { status: 'ended', endedOn, endReason: body.dropoutReason ?? body.outcome, updatedAt: now },
        });
      }
      if (ends && body.outcome === 'dropped_out') {
        await returnToCaseload({ tx, principal, row, endedOn, reason: body.dropoutReason! });
      } else {
        // A follow-up is activity on the person's record: retention (P7) counts from it, not from the placement.
        await candidateRepository(tx).update({ tenantId: principal.tenantId, id: placement.candidateId, values: { updatedAt: now } });
      }
      const recorded = (await followUps(tx, principal.tenantId, placement)).find((followUp) => followUp.monthMark === body.monthMark);
      return recorded!;
    },
    /** The employer's own hires, newest first, or one of them (`id`); another employer's is not there. */
    async employerHires(principal: Principal, { id, limit = 100 }: { id?: string; limit?: number } = {}): Promise<EmployerHire[]> {
      if (!principal.employerId) return [];
      const repository = placementRepository(db);
      const rows = await repository.employerHires({
        tenantId: principal.tenantId,
        employerId: principal.employerId,
        ...(id ? { id } : {}),
        now: clock.now(),
        limit,
      });
      const ids = rows.map((row) => row.placement.id);
      const [dates, checkIns] = await Promise.all([
        repository.followUpDates({ tenantId: principal.tenantId, placementIds: ids }),
        repository.checkIns({ tenantId: principal.tenantId, placementIds: ids }),
      ]);
      return rows.map(({ placement, vacancyTitle, givenName, familyName }) => ({
        id: placement.id,
        vacancy: { id: placement.vacancyId, title: vacancyTitle },
        name: givenName !== null && familyName !== null ? `${givenName} ${familyName}` : null,
        startDate: placement.startDate,
        hoursPerWeek: placement.hoursPerWeek,
        contractType: placement.contractType as EmployerHire['contractType'],
        status: placement.status as EmployerHire['status'],
        endedOn: placement.endedOn,
        moments: dates
          .filter((date) => date.placementId === placement.id)
          .map((date) => {
            const given = checkIns.find((checkIn) => checkIn.placementId === placement.id && checkIn.monthMark === date.monthMark);
            return {
              monthMark: date.monthMark,
              dueOn: date.dueOn,
              opensOn: followUpOpensOn({ dueOn: date.dueOn, startDate: placement.startDate }),
              checkIn: given ? toCheckInView(given) : null,
            };
          }),
      }));
    },

    /**
     * The employer's check-in on its own hire (issue 15.5): "gaat het goed?" and "is er iets nodig?"
     * at 1, 3 or 6 months, from the day the follow-up opens; one per moment. It reaches the person's
     * klantmanager through the inbox, derived from the row. Audited as the employer's write.
     */
    async recordCheckIn({ tx, principal, id, body }: { tx: Executor; principal: Principal; id: string; body: RecordCheckInBody }): Promise<CheckInView> {
      const { placement } = await load({ executor: tx, principal, id, forUpdate: true });
      if (placement.status !== 'active') throw new ProblemError(placementProblems.check_in_ended);
      const now = clock.now();
      const repository = placementRepository(tx);
      const moment = (await repository.followUpDates({ tenantId: principal.tenantId, placementIds: [id] })).find((date) => date.monthMark === body.monthMark);
      if (!moment) throw new ProblemError(placementProblems.not_found);
      const opensOn = followUpOpensOn({ dueOn: moment.dueOn, startDate: placement.startDate });
      if (amsterdamDate(now) < opensOn) throw new ProblemError(placementProblems.check_in_not_open, { values: { monthMark: body.monthMark, opensOn } });
      const row = await repository.insertCheckIn({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        placementId: id,
        monthMark: body.monthMark,
        goingWell: body.goingWell,
        needsSomething: body.needsSomething,
        note: body.note ?? null,
        givenBy: principal.userId,
        givenAt: now,
      });
      if (!row) throw new ProblemError(placementProblems.check_in_given, { values: { monthMark: body.monthMark } });
      await audit(tx, clock, {
        principal,
        action: 'placement.check_in',
        subjectType: 'placement',
        subjectId: id,
        details: { checkInId: row.id, monthMark: body.monthMark, goingWell: body.goingWell, needsSomething: body.needsSomething },
      });
      return toCheckInView(row);
    },
  };
}
