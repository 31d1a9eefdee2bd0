import type { HouseholdRow, RuleSetRow } from './rekentool.repository.js';
import type { VersionedRuleSet } from './rekentool.rules.js';
import type { HouseholdView, RuleSetView } from './rekentool.schemas.js';

/* Presenters: stored rows → the shapes of the API. No I/O. */

export function toHouseholdView(row: HouseholdRow): HouseholdView {
  return {
    situation: row.situation as HouseholdView['situation'],
    costSharers: row.costSharers,
    ageGroup: row.ageGroup as HouseholdView['ageGroup'],
    partnerNetMonthlyIncome: row.partnerNetMonthlyIncomeCents / 100,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function toRuleSetView(versioned: VersionedRuleSet, row?: RuleSetRow): RuleSetView {
  return {
    id: versioned.id,
    validFrom: versioned.rules.validFrom,
    version: versioned.version,
    rules: versioned.rules,
    reason: row?.reason ?? null,
    createdBy: row ? { id: row.createdBy, name: row.createdByName } : null,
    createdAt: row?.createdAt.toISOString() ?? null,
  };
}
