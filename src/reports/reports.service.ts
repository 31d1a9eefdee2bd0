import { weightsWhatIf } from './weights-what-if.js';
import type { WhatIfBody, WhatIfView } from './weights-what-if.schemas.js';
import type { Db } from '../../db/client.js';
import { audit } from '../audit/audit.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import type { Lang } from '../schemas/messages.js';
import { ProblemError } from '../http/problems.js';
import { addMonths, amsterdamDate } from '../placements/calendar.js';
import { ruledSavingsOf } from '../placements/savings.rules.js';
import { loadTenantSettings } from '../settings/settings.service.js';
import { computeFairness, TOP_K, type FairnessFigures } from './fairness.js';
import { computeImpact, type Grouping, type ImpactFigures } from './impact.js';
import { reportProblems } from './reports.errors.js';
import { reportRepository } from './reports.repository.js';

/** Longest period a report covers. */
const MAX_YEARS = 10;

/** The period asked for, or the last twelve months (from the first of the month, eleven months ago, to today). */
export function reportPeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date): { from: string; to: string } {
  const to = query.to ?? amsterdamDate(now);
  const from = query.from ?? `${addMonths(to, -11).slice(0, 7)}-01`;
  if (from > to || addMonths(from, MAX_YEARS * 12) < to) throw new ProblemError(reportProblems.invalid_period, { values: { years: MAX_YEARS } });
  return { from, to };
}

/** The fairness (F6) and impact reports, for admins. */
export function createReportService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** What other weights would have done to the stored runs of the last months (issue 16.5): read-only, audited. */
    weightsWhatIf: ({ principal, body, lang }: { principal: Principal; body: WhatIfBody; lang: Lang }): Promise<WhatIfView> =>
      weightsWhatIf({ db, clock, principal, body, lang }),
    /** Selection rates per audit group and stage. Reading it is audited: it is built from special-category data. */
    async fairness(
      principal: Principal,
      query: { from?: string | undefined; to?: string | undefined },
      lang: Lang,
    ): Promise<FairnessFigures & { from: string; to: string }> {
      const period = reportPeriod(query, clock.now());
      return db.transaction(async (tx) => {
        const subjects = await reportRepository(tx).fairnessSubjects({ tenantId: principal.tenantId, ...period, topK: TOP_K });
        await audit(tx, clock, {
          principal,
          action: 'report.fairness',
          subjectType: 'tenant',
          subjectId: principal.tenantId,
          details: { ...period, people: subjects.length },
        });
        return { ...period, ...computeFairness(subjects, { lang }) };
      });
    },

    /** Placements, people still in work, drop-out reasons and estimated savings. */
    async impact(principal: Principal, query: { from?: string | undefined; to?: string | undefined; groupBy: Grouping }, lang: Lang): Promise<ImpactFigures> {
      const period = reportPeriod(query, clock.now());
      const repository = reportRepository(db);
      const settings = await loadTenantSettings(db, principal.tenantId);
      const data = await repository.impactData({ tenantId: principal.tenantId, ...period });
      const ruled = await ruledSavingsOf({ executor: db, tenantId: principal.tenantId, placements: data.placements, lang });
      return computeImpact({
        ...data,
        ruledSavings: new Map([...ruled].map(([id, savings]) => [id, savings.totals])),
        ...period,
        groupBy: query.groupBy,
        today: amsterdamDate(clock.now()),
        benefitMonthlyAmount: settings.benefitMonthlyAmount,
        erasedPlacements: await repository.erasedPlacements(principal.tenantId),
        lang,
      });
    },
  };
}
