import type { Executor } from '../../db/client.js';
import { rekentoolRepository } from '../rekentool/rekentool.repository.js';
import { buildRuleTimeline, toHousehold, vacancyHoursPlan } from '../rekentool/rekentool.service.js';
import type { Lang } from '../schemas/messages.js';
import { estimateSavingsByMonth, type InstrumentCost, type RuledSavings } from './savings.js';

/** How many months each step of a ramp-up lasts in the estimate (the rekentool's default). */
const RAMP_UP_STEP_MONTHS = 2;

/** What the estimate needs of a placement. */
export type PlacementForSavings = {
  id: string;
  candidateId: string;
  vacancyId: string;
  startDate: string;
  hoursPerWeek: number;
  contractMonths: number | null;
  endedOn: string | null;
  instrumentsUsed: readonly InstrumentCost[];
};

/**
 * The savings of placements month by month by the tenant's benefit rules (issue 16.6), through the
 * rekentool: the household the account manager recorded, the rule sets in force, and the hours as
 * they build up (the person's ramp-up plan within the vacancy's ramp-up and the placement's hours).
 * Placements without a recorded household, or without rules for their first month, are left out:
 * for them the average estimate stands alone. One source for the placement page and the impact report.
 */
export async function ruledSavingsOf({
  executor,
  tenantId,
  placements,
  lang,
}: {
  executor: Executor;
  tenantId: string;
  placements: readonly PlacementForSavings[];
  lang: Lang;
}): Promise<Map<string, RuledSavings>> {
  const found = new Map<string, RuledSavings>();
  if (placements.length === 0) return found;
  const rekentool = rekentoolRepository(executor);
  const timeline = buildRuleTimeline(await rekentool.listRuleSets(tenantId));
  for (const placement of placements) {
    const household = await rekentool.findHousehold(tenantId, placement.candidateId);
    if (!household) continue;
    const firstMonth = `${placement.startDate.slice(0, 7)}-01`;
    if (!timeline.rulesFor(firstMonth)) continue;
    const vacancy = await rekentool.findVacancyOffer(tenantId, placement.vacancyId);
    const rampUp = vacancy?.rampUpFromHours ?? null;
    const { plan, source } = vacancyHoursPlan(
      {
        hoursMin: placement.hoursPerWeek,
        hoursMax: placement.hoursPerWeek,
        rampUpFromHours: rampUp === null ? null : Math.min(rampUp, placement.hoursPerWeek),
      },
      rampUp === null ? [] : await rekentool.findRampUpPlan(tenantId, placement.candidateId),
      RAMP_UP_STEP_MONTHS,
    );
    found.set(
      placement.id,
      estimateSavingsByMonth({
        household: toHousehold(household),
        startDate: placement.startDate,
        contractMonths: placement.contractMonths,
        endedOn: placement.endedOn,
        hoursPlan: plan,
        hoursPlanSource: rampUp === null ? 'placement' : source,
        instruments: placement.instrumentsUsed,
        // Later months fall in the same or a later period than the first, which has rules.
        rulesFor: (month) => timeline.rulesFor(month) ?? timeline.rulesFor(firstMonth)!,
        lang,
      }),
    );
  }
  return found;
}
