import { sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import { candidateRepository } from '../candidates/candidates.repository.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import type { Lang } from '../schemas/messages.js';
import { ProblemError } from '../http/problems.js';
import { placementProblems } from '../placements/placements.errors.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import { calculateIncome, monthStart, type Household, type HoursStep } from './rekentool.calculate.js';
import { DEFAULT_VERSIONED_RULE_SETS } from './rekentool.defaults.js';
import { rekentoolProblems } from './rekentool.errors.js';
import { rekentoolRepository, type HouseholdRow, type RuleSetRow } from './rekentool.repository.js';
import { ruleSetProblems, ruleSetSchema, type VersionedRuleSet } from './rekentool.rules.js';
import type {
  CalculationQuery,
  CalculationView,
  CreateRuleSetBody,
  HouseholdView,
  PutHouseholdBody,
  RuleSetView,
  HoursPlanSource,
} from './rekentool.schemas.js';
import { toHouseholdView, toRuleSetView } from './rekentool.views.js';

/** The rules of a tenant over time: for any month, the version in force on its first day. */
export type RuleTimeline = {
  /** Newest version of each period, oldest period first (stored versions replace the built-in defaults). */
  periods: VersionedRuleSet[];
  /** The set in force on a month's first day (YYYY-MM-01), or null before the first period. */
  rulesFor: (monthStart: string) => VersionedRuleSet | null;
};

function toVersioned(row: RuleSetRow): VersionedRuleSet {
  return { id: row.id, version: row.version, rules: ruleSetSchema.parse(row.rules) };
}

/**
 * Builds a tenant's timeline from its stored versions and the published defaults. Pure over its
 * input, so that the savings estimate (issue 16) can reuse it with rows it read itself.
 */
export function buildRuleTimeline(rows: readonly RuleSetRow[]): RuleTimeline {
  const byPeriod = new Map<string, VersionedRuleSet>();
  for (const builtin of DEFAULT_VERSIONED_RULE_SETS) byPeriod.set(builtin.rules.validFrom, builtin);
  for (const row of rows) {
    const current = byPeriod.get(row.validFrom);
    if (!current || current.version < row.version) byPeriod.set(row.validFrom, toVersioned(row));
  }
  const periods = [...byPeriod.values()].sort((a, b) => a.rules.validFrom.localeCompare(b.rules.validFrom));
  return {
    periods,
    rulesFor: (month) => {
      let found: VersionedRuleSet | null = null;
      for (const period of periods) if (period.rules.validFrom <= month) found = period;
      return found;
    },
  };
}

/** A stored household as the calculation reads it. */
export function toHousehold(row: HouseholdRow): Household {
  const { updatedAt: _updatedAt, ...household } = toHouseholdView(row);
  return household;
}

/** Steps of `stepMonths` months each: 8,16,24 → month 1: 8, month 3: 16, month 5: 24 (with 2-month steps). */
function stepsOf(hours: readonly number[], stepMonths: number): HoursStep[] {
  return hours.map((hoursPerWeek, index) => ({ fromMonth: 1 + index * stepMonths, hoursPerWeek }));
}

/**
 * A vacancy's default hours: with a ramp-up start, the person's own ramp-up plan kept within what
 * the vacancy allows (from its ramp-up hours up to its maximum, ending at least at its minimum);
 * without a plan, the ramp-up hours then the minimum; without a ramp-up start, the minimum.
 */
export function vacancyHoursPlan(
  vacancy: { hoursMin: number; hoursMax: number; rampUpFromHours: number | null },
  rampUpPlan: readonly number[],
  stepMonths: number,
): { plan: HoursStep[]; source: HoursPlanSource } {
  if (vacancy.rampUpFromHours === null) return { plan: [{ fromMonth: 1, hoursPerWeek: vacancy.hoursMin }], source: 'vacancy' };
  const from = vacancy.rampUpFromHours;
  const wanted = rampUpPlan.length > 0 ? rampUpPlan.map((hours) => Math.min(Math.max(hours, from), vacancy.hoursMax)) : [from];
  const steps = wanted.filter((hours, index) => index === 0 || hours !== wanted[index - 1]);
  if (steps[steps.length - 1]! < vacancy.hoursMin) steps.push(vacancy.hoursMin);
  return { plan: stepsOf(steps, stepMonths), source: rampUpPlan.length > 0 ? 'candidate_and_vacancy' : 'vacancy' };
}

function queryHoursPlan(query: CalculationQuery): HoursStep[] | null {
  if (query.hoursPlan !== undefined) return stepsOf(query.hoursPlan.split(',').map(Number), query.stepMonths);
  if (query.hoursPerWeek !== undefined) return [{ fromMonth: 1, hoursPerWeek: query.hoursPerWeek }];
  return null;
}

/** Who asks for a calculation: staff (their user id), or the person on their own page (null). */
export type Actor = { tenantId: string; userId: string | null };

export function createRekentoolService({ db, clock }: { db: Db; clock: Clock }) {
  const repository = rekentoolRepository(db);

  async function ruleTimeline(tenantId: string, executor: Executor = db): Promise<RuleTimeline> {
    return buildRuleTimeline(await rekentoolRepository(executor).listRuleSets(tenantId));
  }

  async function requireCandidate(executor: Executor, principal: Actor, candidateId: string) {
    const candidate = await candidateRepository(executor).find({ tenantId: principal.tenantId, id: candidateId });
    if (!candidate) throw new ProblemError(candidateProblems.not_found);
    return candidate;
  }

  /** Shared by both offer kinds: the household, the rules, the pure calculation, and one audit row naming the rules used. */
  async function calculate({
    principal,
    candidateId,
    offer,
    query,
    lang,
  }: {
    principal: Actor;
    candidateId: string;
    offer: {
      kind: 'vacancy' | 'placement';
      id: string;
      title: string;
      employerName: string;
      startDate: string;
      hoursPlan: HoursStep[];
      hoursPlanSource: HoursPlanSource;
      contractMonths: number | null;
    };
    query: CalculationQuery;
    lang: Lang;
  }): Promise<CalculationView> {
    const household = await repository.findHousehold(principal.tenantId, candidateId);
    if (!household) throw new ProblemError(rekentoolProblems.household_missing);
    const timeline = await ruleTimeline(principal.tenantId);
    const firstMonth = monthStart(offer.startDate, 0);
    if (!timeline.rulesFor(firstMonth)) throw new ProblemError(rekentoolProblems.no_rules, { values: { month: firstMonth.slice(0, 7) } });
    const result = calculateIncome({
      household: toHousehold(household),
      offer: {
        startDate: offer.startDate,
        hoursPlan: offer.hoursPlan,
        hourlyWage: query.hourlyWage ?? null,
        contractMonths: offer.contractMonths,
        monthlyWorkCosts: query.monthlyWorkCosts,
      },
      rulesFor: (month) => timeline.rulesFor(month)!,
      incomeAllowanceMonthsUsed: query.allowanceMonthsUsed,
      lang,
    });
    const calculatedAt = clock.now();
    // The calculation records which rule versions it used (issue 17, point 2): in the answer and in the audit log.
    await db.transaction((tx) =>
      audit(tx, clock, {
        principal,
        action: 'rekentool.calculate',
        subjectType: 'candidate',
        subjectId: candidateId,
        details: {
          offer: { kind: offer.kind, id: offer.id },
          rulesVersions: result.rulesVersions.map(({ id, version, validFrom }) => ({ id, version, validFrom })),
        },
      }),
    );
    const sources = new Map(timeline.periods.map((period) => [period.id, period.rules]));
    return {
      candidateId,
      calculatedAt: calculatedAt.toISOString(),
      offer: { ...result.offer, kind: offer.kind, id: offer.id, title: offer.title, employerName: offer.employerName, hoursPlanSource: offer.hoursPlanSource },
      household: result.household,
      months: result.months,
      totals: result.totals,
      povertyTrap: result.povertyTrap,
      conclusion: result.conclusion,
      assumptions: result.assumptions,
      notIncluded: result.notIncluded,
      rulesVersions: result.rulesVersions.map((used) => {
        const rules = sources.get(used.id)!;
        return {
          ...used,
          sources: [
            rules.bijstand.source,
            rules.bijstand.costSharing.source,
            rules.incomeAllowance.source,
            rules.minimumWage.source,
            ...rules.payrollTax.sources,
          ],
        };
      }),
    };
  }

  /** The first day of next month (Europe/Amsterdam is at most two hours off UTC; the month is what counts). */
  const nextMonthStart = () => monthStart(clock.now().toISOString().slice(0, 10), 1);

  return {
    ruleTimeline,

    async listRuleSets(principal: Principal, { validFrom }: { validFrom?: string | undefined }) {
      const rows = await repository.listRuleSets(principal.tenantId);
      const timeline = buildRuleTimeline(rows);
      const periods = timeline.periods
        .filter((period) => validFrom === undefined || period.rules.validFrom === validFrom)
        .map((current) => {
          const stored = rows.filter((row) => row.validFrom === current.rules.validFrom).map((row) => toRuleSetView(toVersioned(row), row));
          const builtin = DEFAULT_VERSIONED_RULE_SETS.find((set) => set.rules.validFrom === current.rules.validFrom);
          const history = [...stored.reverse(), ...(builtin ? [toRuleSetView(builtin)] : [])];
          return { validFrom: current.rules.validFrom, current: history[0]!, history };
        });
      return { periods };
    },

    /** Admins save new figures for a period: a new version, audited; older versions stay as they were. */
    async createRuleSet(tx: Executor, principal: Principal, body: CreateRuleSetBody): Promise<RuleSetView> {
      const problems = ruleSetProblems(body.rules);
      if (problems.length > 0) {
        throw new ProblemError(rekentoolProblems.rules_invalid, {
          errors: problems.map((problem) => {
            const [pointer, detail] = problem.split(': ');
            return { pointer: `/rules${pointer}`, detail: detail ?? problem };
          }),
        });
      }
      // One writer per tenant at a time, so that versions count up without gaps or clashes.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`income_rule_sets:${principal.tenantId}`}))`);
      const writer = rekentoolRepository(tx);
      const version = (await writer.latestVersion(principal.tenantId, body.rules.validFrom)) + 1;
      const now = clock.now();
      const row = await writer.insertRuleSet({
        tenantId: principal.tenantId,
        id: newId(now.getTime()),
        validFrom: body.rules.validFrom,
        version,
        rules: body.rules,
        reason: body.reason,
        createdBy: principal.userId,
        createdAt: now,
      });
      await audit(tx, clock, {
        principal,
        action: 'rekentool.rules_change',
        subjectType: 'income_rule_set',
        subjectId: row.id,
        reason: body.reason,
        details: { validFrom: body.rules.validFrom, version },
      });
      return toRuleSetView({ id: row.id, version, rules: body.rules }, { ...row, createdByName: null });
    },

    async getHousehold(principal: Principal, candidateId: string): Promise<HouseholdView> {
      await requireCandidate(db, principal, candidateId);
      const row = await repository.findHousehold(principal.tenantId, candidateId);
      if (!row) throw new ProblemError(rekentoolProblems.household_not_found);
      return toHouseholdView(row);
    },

    /** Records the household situation; the audit row names the fields, not their values. */
    async putHousehold({
      tx,
      principal,
      candidateId,
      body,
    }: {
      tx: Executor;
      principal: Principal;
      candidateId: string;
      body: PutHouseholdBody;
    }): Promise<HouseholdView> {
      await requireCandidate(tx, principal, candidateId);
      const row = await rekentoolRepository(tx).upsertHousehold({
        tenantId: principal.tenantId,
        candidateId,
        situation: body.situation,
        costSharers: body.costSharers,
        ageGroup: body.ageGroup,
        partnerNetMonthlyIncomeCents: Math.round(body.partnerNetMonthlyIncome * 100),
        updatedAt: clock.now(),
        updatedBy: principal.userId,
      });
      await audit(tx, clock, {
        principal,
        action: 'rekentool.household_change',
        subjectType: 'candidate',
        subjectId: candidateId,
        details: { fields: Object.keys(body) },
      });
      return toHouseholdView(row);
    },

    async deleteHousehold(tx: Executor, principal: Principal, candidateId: string): Promise<void> {
      await requireCandidate(tx, principal, candidateId);
      const deleted = await rekentoolRepository(tx).deleteHousehold(principal.tenantId, candidateId);
      if (!deleted) throw new ProblemError(rekentoolProblems.household_not_found);
      await audit(tx, clock, { principal, action: 'rekentool.household_change', subjectType: 'candidate', subjectId: candidateId, details: { deleted: true } });
    },

    async calculateForVacancy(
      principal: Actor,
      { candidateId, vacancyId, query, lang }: { candidateId: string; vacancyId: string; query: CalculationQuery; lang: Lang },
    ) {
      await requireCandidate(db, principal, candidateId);
      const vacancy = await repository.findVacancyOffer(principal.tenantId, vacancyId);
      if (!vacancy) throw new ProblemError(vacancyProblems.not_found);
      const fromQuery = queryHoursPlan(query);
      const base = fromQuery ? null : vacancyHoursPlan(vacancy, await repository.findRampUpPlan(principal.tenantId, candidateId), query.stepMonths);
      return calculate({
        principal,
        candidateId,
        offer: {
          kind: 'vacancy',
          id: vacancy.id,
          title: vacancy.title,
          employerName: vacancy.employerName,
          startDate: query.startDate ?? vacancy.startDate ?? nextMonthStart(),
          hoursPlan: fromQuery ?? base!.plan,
          hoursPlanSource: fromQuery ? 'query' : base!.source,
          contractMonths: query.contractMonths ?? null,
        },
        query,
        lang,
      });
    },

    async calculateForPlacement(principal: Principal, { placementId, query, lang }: { placementId: string; query: CalculationQuery; lang: Lang }) {
      const placement = await repository.findPlacementOffer(principal.tenantId, placementId);
      if (!placement) throw new ProblemError(placementProblems.not_found);
      const fromQuery = queryHoursPlan(query);
      return calculate({
        principal,
        candidateId: placement.candidateId,
        offer: {
          kind: 'placement',
          id: placement.id,
          title: placement.title,
          employerName: placement.employerName,
          startDate: query.startDate ?? placement.startDate,
          hoursPlan: fromQuery ?? [{ fromMonth: 1, hoursPerWeek: placement.hoursPerWeek }],
          hoursPlanSource: fromQuery ? 'query' : 'placement',
          contractMonths: query.contractMonths ?? placement.contractMonths,
        },
        query,
        lang,
      });
    },
  };
}

export type RekentoolService = ReturnType<typeof createRekentoolService>;
