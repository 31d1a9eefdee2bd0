import { SECTORS } from '../employers/employers.schemas.js';
import type { Lang } from '../schemas/messages.js';
import { FOLLOW_UP_MONTHS, type FollowUpMark } from '../placements/calendar.js';
import { DROPOUT_REASONS, type DropoutReason } from '../placements/placements.schemas.js';
import { computeLasting, dropoutLabel, type LastingFigures, type LastingInput, type PlacementMatch } from './lasting.js';
import { benefitMonthsAvoided, estimateSavings, FULL_TIME_HOURS, SAVINGS_HORIZON_MONTHS, type InstrumentCost } from '../placements/savings.js';

/*
 * What the work achieves (the impact report). Pure: placements and follow-ups in, figures out.
 *
 * Definitions:
 *   - a placement belongs to the period (month or quarter) in which it starts (start date), and to
 *     the sector of its employer;
 *   - still in work at 1, 3 and 6 months: from the follow-up outcome at that mark. "working",
 *     "working_fewer_hours" and "working_elsewhere" count as in work (the person is off benefit or
 *     nearly so), "dropped_out" as not. Someone who dropped out earlier counts as not in work at
 *     later marks unless a later follow-up says otherwise. Follow-ups not yet due are left out; due
 *     ones without an outcome are "unknown". The rate is over the known outcomes only;
 *   - drop-out reasons: the first drop-out recorded per placement;
 *   - estimated savings: the savings arithmetic of a placement (src/placements/savings.ts), summed;
 *   - what lasts: retention at 6 months by factor band, condition, instrument and drop-out reason,
 *     from the ranking run behind each placement (lasting.ts).
 * Erased people (on request or after retention) no longer count; the report says how many
 * placements were erased in total.
 */

export type ImpactPlacement = {
  id: string;
  startDate: string;
  hoursPerWeek: number;
  contractMonths: number | null;
  endedOn: string | null;
  instrumentsUsed: InstrumentCost[];
  sector: string;
};

export type ImpactFollowUp = { placementId: string; monthMark: number; dueOn: string; outcome: string | null; dropoutReason: string | null };

export type Grouping = 'month' | 'quarter';

export type Retention = { mark: FollowUpMark; inWork: number; notInWork: number; unknown: number; notYetDue: number; rate: number | null };

export type Savings = { avoidedBenefit: number; subsidyCosts: number; netSavings: number; currency: 'EUR' };

export type ImpactSlice = { key: string; label: string; placements: number; retention: Retention[]; savings: Savings };

export type ImpactFigures = {
  from: string;
  to: string;
  groupBy: Grouping;
  totals: ImpactSlice;
  byPeriod: ImpactSlice[];
  bySector: ImpactSlice[];
  dropoutReasons: Array<{ reason: DropoutReason; label: string; count: number }>;
  /** "Wat voorspelt een blijvende plaatsing?": retention at 6 months per group (issue 16.4). */
  lasting: LastingFigures;
  erasedPlacements: number;
  benefitMonthlyAmount: number;
  assumptions: string[];
  definitions: string[];
};

/** Follow-up outcomes that count as in work (the person is off benefit or nearly so). */
export const IN_WORK: ReadonlySet<string> = new Set(['working', 'working_fewer_hours', 'working_elsewhere']);

const SECTOR_LABELS: Record<string, Record<Lang, string>> = {
  logistics: { nl: 'Logistiek', en: 'Logistics' },
  production: { nl: 'Productie', en: 'Production' },
  cleaning: { nl: 'Schoonmaak', en: 'Cleaning' },
  hospitality: { nl: 'Horeca', en: 'Hospitality' },
  care: { nl: 'Zorg', en: 'Care' },
  retail: { nl: 'Detailhandel', en: 'Retail' },
  green_maintenance: { nl: 'Groenonderhoud', en: 'Green maintenance' },
  construction: { nl: 'Bouw', en: 'Construction' },
  other: { nl: 'Overig', en: 'Other' },
};

const MONTHS_NL = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function sectorLabel(sector: string, lang: Lang): string {
  return SECTOR_LABELS[sector]?.[lang] ?? sector;
}

/** The period key of a date: 2026-11, or 2026-Q4. */
export function periodKey(date: string, groupBy: Grouping): string {
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  return groupBy === 'month' ? `${year}-${String(month).padStart(2, '0')}` : `${year}-Q${Math.ceil(month / 3)}`;
}

function periodLabel(key: string, groupBy: Grouping, lang: Lang): string {
  const [year, part] = key.split('-') as [string, string];
  if (groupBy === 'quarter') return lang === 'nl' ? `${part.replace('Q', 'K')} ${year}` : `${part} ${year}`;
  return `${(lang === 'nl' ? MONTHS_NL : MONTHS_EN)[Number(part) - 1]} ${year}`;
}

/** Every period key from `from` to `to`, also those without placements. */
export function periodKeys(from: string, to: string, groupBy: Grouping): string[] {
  const keys: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const end = periodKey(to, groupBy);
  for (let guard = 0; guard < 1200; guard += 1) {
    const key = periodKey(`${year}-${String(month).padStart(2, '0')}-01`, groupBy);
    if (keys[keys.length - 1] !== key) keys.push(key);
    if (key === end) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return keys;
}

const cents = (value: number) => Math.round(value * 100) / 100;
const round = (value: number) => Math.round(value * 10000) / 10000;

/** Per placement: in work (true), not (false), unknown (null) or not yet due (undefined) at each mark. */
function statusAtMarks(followUps: readonly ImpactFollowUp[], today: string): Map<FollowUpMark, boolean | null | undefined> {
  const byMark = new Map(followUps.map((followUp) => [followUp.monthMark, followUp]));
  const status = new Map<FollowUpMark, boolean | null | undefined>();
  let droppedOut = false;
  for (const mark of FOLLOW_UP_MONTHS) {
    const followUp = byMark.get(mark);
    if (followUp?.outcome) {
      const inWork = IN_WORK.has(followUp.outcome);
      droppedOut = !inWork;
      status.set(mark, inWork);
    } else if (droppedOut) {
      status.set(mark, false);
    } else if (!followUp || followUp.dueOn > today) {
      status.set(mark, undefined);
    } else {
      status.set(mark, null);
    }
  }
  return status;
}

/** A placement's savings by the benefit rules, month by month summed (src/placements/savings.rules.ts). */
export type RuledTotals = { avoidedBenefit: number; subsidyCosts: number; netSavings: number };

function slice({
  key,
  label,
  placements,
  statuses,
  benefitMonthlyAmount,
  ruled,
}: {
  key: string;
  label: string;
  placements: readonly ImpactPlacement[];
  statuses: Map<string, Map<FollowUpMark, boolean | null | undefined>>;
  benefitMonthlyAmount: number;
  ruled: ReadonlyMap<string, RuledTotals>;
}): ImpactSlice {
  const retention: Retention[] = FOLLOW_UP_MONTHS.map((mark) => {
    const figure: Retention = { mark, inWork: 0, notInWork: 0, unknown: 0, notYetDue: 0, rate: null };
    for (const placement of placements) {
      const value = statuses.get(placement.id)?.get(mark);
      if (value === true) figure.inWork += 1;
      else if (value === false) figure.notInWork += 1;
      else if (value === null) figure.unknown += 1;
      else figure.notYetDue += 1;
    }
    const known = figure.inWork + figure.notInWork;
    figure.rate = known > 0 ? round(figure.inWork / known) : null;
    return figure;
  });
  const savings: Savings = { avoidedBenefit: 0, subsidyCosts: 0, netSavings: 0, currency: 'EUR' };
  for (const placement of placements) {
    // The same figures as each placement's own estimate: by the rules where the household is known, else the average.
    const estimate =
      ruled.get(placement.id) ??
      estimateSavings({
        benefitMonthlyAmount,
        hoursPerWeek: placement.hoursPerWeek,
        months: benefitMonthsAvoided({ startDate: placement.startDate, contractMonths: placement.contractMonths, endedOn: placement.endedOn }),
        instruments: placement.instrumentsUsed,
        ended: placement.endedOn !== null,
      });
    savings.avoidedBenefit = cents(savings.avoidedBenefit + estimate.avoidedBenefit);
    savings.subsidyCosts = cents(savings.subsidyCosts + estimate.subsidyCosts);
    savings.netSavings = cents(savings.netSavings + estimate.netSavings);
  }
  return { key, label, placements: placements.length, retention, savings };
}

export function impactAssumptions(benefitMonthlyAmount: number, lang: Lang): string[] {
  const amount = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(benefitMonthlyAmount);
  return lang === 'nl'
    ? [
        `Per plaatsing tellen we de maanden zonder bijstand: de duur van het contract, nooit meer dan ${SAVINGS_HORIZON_MONTHS} maanden. Is iemand gestopt, dan tot de einddatum.`,
        `Een maand bijstand kost gemiddeld ${amount}. Dat bedrag staat in de instellingen van dit Werkplein.`,
        `De bijstand gaat omlaag naar wat iemand verdient: we rekenen met de uren per week gedeeld door ${FULL_TIME_HOURS} (nooit meer dan 100%).`,
        'De kosten van regelingen (zoals loonkostensubsidie en jobcoach) gaan eraf.',
        'Dit is een schatting. Toeslagen, belastingen en de kosten van begeleiding zijn niet meegerekend.',
      ]
    : [
        `Per placement we count the months without social assistance: the contract's length, never more than ${SAVINGS_HORIZON_MONTHS} months; up to the end date when someone stopped.`,
        `A month of social assistance costs ${amount} on average. That amount is in this Werkplein's settings.`,
        `Social assistance is reduced in proportion to earnings: hours per week divided by ${FULL_TIME_HOURS} (never more than 100%).`,
        'The cost of instruments (such as wage cost subsidy and job coach) is subtracted.',
        'This is an estimate. Allowances, taxes and the cost of support are not included.',
      ];
}

export function impactDefinitions(lang: Lang): string[] {
  return lang === 'nl'
    ? [
        'Een plaatsing telt in de maand (of het kwartaal) waarin iemand begint, en bij de sector van de werkgever.',
        'Nog aan het werk na 1, 3 en 6 maanden: volgens de controle op dat moment. Werken, minder uren werken en ergens anders werken tellen als aan het werk.',
        'Wie eerder is gestopt, telt later als niet aan het werk, tenzij een latere controle iets anders zegt.',
        'Controles die nog niet aan de beurt zijn, tellen niet mee. Controles die wel aan de beurt zijn maar nog niet ingevuld, staan bij "onbekend". Het percentage gaat alleen over de bekende uitkomsten.',
        'Redenen van uitval: de eerste uitval per plaatsing.',
        'Wie verwijderd is (op verzoek of na de bewaartermijn), telt niet meer mee.',
      ]
    : [
        'A placement counts in the month (or quarter) in which the person starts, and in the sector of the employer.',
        'Still in work at 1, 3 and 6 months: per the follow-up at that mark. Working, working fewer hours and working elsewhere count as in work.',
        'Someone who dropped out earlier counts as not in work later, unless a later follow-up says otherwise.',
        'Follow-ups not yet due do not count. Due follow-ups without an outcome are "unknown". The rate is over known outcomes only.',
        'Drop-out reasons: the first drop-out per placement.',
        'People who were erased (on request or after the retention term) no longer count.',
      ];
}

/** Placements, people still in work, drop-out reasons and estimated savings, in total, per period and per sector. */
export function computeImpact(input: {
  placements: readonly ImpactPlacement[];
  followUps: readonly ImpactFollowUp[];
  from: string;
  to: string;
  groupBy: Grouping;
  /** Today in the Netherlands (YYYY-MM-DD): which follow-ups are due. */
  today: string;
  benefitMonthlyAmount: number;
  erasedPlacements?: number;
  /** The ranking run behind each placement (its shortlist entry's matchRunId), where on record. */
  matches?: readonly PlacementMatch[];
  /** Savings by the benefit rules, for placements whose household is recorded (issue 16.6). */
  ruledSavings?: ReadonlyMap<string, RuledTotals>;
  lang?: Lang;
}): ImpactFigures {
  const lang = input.lang ?? 'nl';
  const placements = input.placements.filter((placement) => placement.startDate >= input.from && placement.startDate <= input.to);
  const followUpsOf = new Map<string, ImpactFollowUp[]>();
  for (const followUp of input.followUps) followUpsOf.set(followUp.placementId, [...(followUpsOf.get(followUp.placementId) ?? []), followUp]);
  const statuses = new Map(placements.map((placement) => [placement.id, statusAtMarks(followUpsOf.get(placement.id) ?? [], input.today)]));
  const ruled = input.ruledSavings ?? new Map<string, RuledTotals>();
  const make = (key: string, label: string, subset: readonly ImpactPlacement[]) =>
    slice({ key, label, placements: subset, statuses, benefitMonthlyAmount: input.benefitMonthlyAmount, ruled });
  const byRules = placements.filter((placement) => ruled.has(placement.id)).length;

  const byPeriod = periodKeys(input.from, input.to, input.groupBy).map((key) =>
    make(
      key,
      periodLabel(key, input.groupBy, lang),
      placements.filter((placement) => periodKey(placement.startDate, input.groupBy) === key),
    ),
  );
  const sectors = [
    ...SECTORS,
    ...new Set(placements.map((placement) => placement.sector).filter((sector) => !(SECTORS as readonly string[]).includes(sector))),
  ];
  const bySector = sectors
    .map((sector) =>
      make(
        sector,
        sectorLabel(sector, lang),
        placements.filter((placement) => placement.sector === sector),
      ),
    )
    .filter((figure) => figure.placements > 0);

  const dropouts = new Map<DropoutReason, number>();
  const lastingInputs: LastingInput[] = [];
  for (const placement of placements) {
    const first = (followUpsOf.get(placement.id) ?? [])
      .filter((followUp) => followUp.outcome === 'dropped_out' && followUp.dropoutReason)
      .sort((a, b) => a.monthMark - b.monthMark)[0];
    if (first) dropouts.set(first.dropoutReason as DropoutReason, (dropouts.get(first.dropoutReason as DropoutReason) ?? 0) + 1);
    const at6 = statuses.get(placement.id)?.get(6);
    if (typeof at6 === 'boolean') {
      lastingInputs.push({
        placementId: placement.id,
        inWorkAt6: at6,
        instruments: [...new Set(placement.instrumentsUsed.map((instrument) => instrument.code))],
        dropoutReason: first && first.monthMark <= 6 ? (first.dropoutReason as DropoutReason) : null,
      });
    }
  }

  return {
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    totals: make('total', lang === 'nl' ? 'Totaal' : 'Total', placements),
    byPeriod,
    bySector,
    dropoutReasons: DROPOUT_REASONS.filter((reason) => dropouts.has(reason)).map((reason) => ({
      reason,
      label: dropoutLabel(reason, lang),
      count: dropouts.get(reason)!,
    })),
    lasting: computeLasting(lastingInputs, new Map((input.matches ?? []).map((match) => [match.placementId, match])), lang),
    erasedPlacements: input.erasedPlacements ?? 0,
    benefitMonthlyAmount: input.benefitMonthlyAmount,
    assumptions: [
      ...impactAssumptions(input.benefitMonthlyAmount, lang),
      ...(byRules > 0
        ? [
            lang === 'nl'
              ? `Voor ${byRules} van de ${placements.length} plaatsingen is het huishouden vastgelegd. Daarvoor rekenen we per maand met de regels van dit Werkplein: de opbouw van de uren, het netto loon en de inkomstenvrijlating (zoals de rekentool). Voor de andere met het gemiddelde hierboven.`
              : `For ${byRules} of the ${placements.length} placements the household is recorded. For those we count month by month by this Werkplein's rules: the hours as they build up, net wage and the income allowance (as the rekentool does). For the others, the average above.`,
          ]
        : []),
    ],
    definitions: impactDefinitions(lang),
  };
}
