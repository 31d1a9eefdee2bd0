import type { Lang } from '../schemas/messages.js';
import type { CalculationResult, MonthResult, Remedy } from './rekentool.types.js';
import type { RuleSet } from './rekentool.rules.js';

/*
 * What people read of a calculation: three sentences of conclusion, the assumptions, and what the
 * calculation leaves out. Dutch at B1 level by default (short sentences, everyday words, the one
 * legal word "inkomstenvrijlating" explained where it first appears); English on request.
 */

type Partial = Omit<CalculationResult, 'conclusion' | 'assumptions' | 'notIncluded'>;

export function euro(amount: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(amount).replace(/\u00a0/g, ' ');
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}`.replace('.', ',');
const percentEn = (share: number) => `${Math.round(share * 1000) / 10}`;

/** "januari 2027" / "January 2027" for a YYYY-MM month. */
export function monthName(month: string, lang: Lang): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, number - 1, 1)),
  );
}

/** "1 juli 2026" / "1 July 2026" for a YYYY-MM-DD date. */
export function dayName(date: string, lang: Lang): string {
  const [year, month, day] = date.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}

function remedyClause(remedy: Remedy | undefined, lang: Lang): string {
  if (!remedy) return lang === 'nl' ? 'bespreek met uw klantmanager wat kan helpen' : 'ask your account manager what could help';
  switch (remedy.kind) {
    case 'more_hours':
      return lang === 'nl' ? `met ${remedy.hoursPerWeek} uur per week is dat niet zo` : `with ${remedy.hoursPerWeek} hours a week that is not the case`;
    case 'higher_wage':
      return lang === 'nl'
        ? `met een uurloon van ${euro(remedy.hourlyWage, lang)} is dat niet zo`
        : `with an hourly wage of ${euro(remedy.hourlyWage, lang)} that is not the case`;
    case 'work_costs_paid':
      return lang === 'nl'
        ? 'als de werkgever de kosten van het werk vergoedt, is dat niet zo'
        : 'if the employer pays the costs of working, that is not the case';
    case 'not_reachable':
      return lang === 'nl' ? 'bespreek met uw klantmanager welke regeling kan helpen' : 'ask your account manager which scheme could help';
  }
}

/** Exactly three sentences: what you have with and without the work, the difference, and the months to watch. */
export function conclusionFor(result: Partial, lang: Lang): [string, string, string] {
  const { totals, months, povertyTrap } = result;
  const spend = totals.incomeWithWork - totals.workCosts;
  const noWork = months.every((month) => month.grossWage === 0);
  const allowanceMonths = months.filter((month) => month.allowanceMonth !== null);
  const first =
    lang === 'nl'
      ? `Met dit werk heeft u in 12 maanden samen ${euro(spend, lang)} te besteden${totals.workCosts > 0 ? ' na de kosten van het werk' : ''}, met alleen bijstand ${euro(totals.incomeWithoutWork, lang)}.`
      : `With this work you have ${euro(spend, lang)} to spend over 12 months${totals.workCosts > 0 ? ' after the costs of working' : ''}, on assistance alone ${euro(totals.incomeWithoutWork, lang)}.`;

  let second: string;
  if (noWork) {
    second =
      lang === 'nl'
        ? 'Zonder gewerkte uren is er geen loon, dus uw bijstand blijft even hoog.'
        : 'Without hours worked there is no wage, so your assistance stays the same.';
  } else if (totals.difference > 0) {
    second =
      allowanceMonths.length > 0
        ? lang === 'nl'
          ? `Werken levert u ${euro(totals.difference, lang)} meer op, vooral in ${allowanceMonths.length === 1 ? 'de maand' : `de ${allowanceMonths.length} maanden`} dat u een deel van uw loon extra mag houden (de inkomstenvrijlating).`
          : `Working gives you ${euro(totals.difference, lang)} more, mostly in ${allowanceMonths.length === 1 ? 'the month' : `the ${allowanceMonths.length} months`} in which you keep part of your wage on top (the income allowance).`
        : lang === 'nl'
          ? `Werken levert u ${euro(totals.difference, lang)} meer op.`
          : `Working gives you ${euro(totals.difference, lang)} more.`;
  } else if (totals.difference === 0) {
    second =
      lang === 'nl'
        ? 'Werken levert u in geld niets extra op, omdat de bijstand uw loon aanvult tot hetzelfde bedrag.'
        : 'Working gives you no extra money, because assistance tops your wage up to the same amount.';
  } else {
    second =
      lang === 'nl'
        ? `Werken kost u ${euro(-totals.difference, lang)}, omdat de kosten van het werk hoger zijn dan wat u extra krijgt.`
        : `Working costs you ${euro(-totals.difference, lang)}, because the costs of working are higher than what you gain.`;
  }

  let third: string;
  const bijstandEnds = months.find((month) => month.flags.includes('bijstand_ends'));
  const allowanceEnds = months.find((month) => month.flags.includes('allowance_last_month'));
  if (povertyTrap.months.length > 0) {
    const count = povertyTrap.months.length;
    const from = monthName(povertyTrap.months[0]!, lang);
    third =
      lang === 'nl'
        ? `Let op: in ${count} ${count === 1 ? 'maand' : 'maanden'} vanaf ${from} heeft u minder geld dan met alleen bijstand; ${remedyClause(povertyTrap.remedies[0], lang)}.`
        : `Note: in ${count} ${count === 1 ? 'month' : 'months'} from ${from} you have less money than on assistance alone; ${remedyClause(povertyTrap.remedies[0], lang)}.`;
  } else if (bijstandEnds) {
    third =
      lang === 'nl'
        ? `Vanaf ${monthName(bijstandEnds.month, lang)} heeft u geen bijstand meer nodig, en in geen enkele maand heeft u minder dan met alleen bijstand.`
        : `From ${monthName(bijstandEnds.month, lang)} you no longer need assistance, and in no month do you have less than on assistance alone.`;
  } else if (allowanceEnds) {
    third =
      lang === 'nl'
        ? `Na ${monthName(allowanceEnds.month, lang)} stopt de inkomstenvrijlating, maar u heeft nooit minder dan met alleen bijstand.`
        : `After ${monthName(allowanceEnds.month, lang)} the income allowance stops, but you never have less than on assistance alone.`;
  } else {
    third =
      lang === 'nl' ? 'In geen enkele maand heeft u minder geld dan met alleen bijstand.' : 'In no month do you have less money than on assistance alone.';
  }
  return [first, second, third];
}

function outdatedMonths(months: MonthResult[]): MonthResult[] {
  return months.filter((month) => month.flags.includes('rules_outdated'));
}

/** The assumptions and simplifications, with the figures used (issue 17: "document simplifications"). */
export function assumptionsFor(result: Partial, rules: RuleSet, lang: Lang): string[] {
  const { offer, household, months } = result;
  const allowance = rules.incomeAllowance;
  const outdated = outdatedMonths(months);
  const nl = lang === 'nl';
  const list: string[] = [];
  list.push(
    offer.hourlyWage === null
      ? nl
        ? `We rekenen met het wettelijk minimumloon voor 21 jaar en ouder (${euro(rules.minimumWage.hourly, lang)} bruto per uur), omdat het aanbod geen uurloon noemt.`
        : `We use the statutory minimum wage for 21 and older (${euro(rules.minimumWage.hourly, lang)} gross per hour), because the offer names no hourly wage.`
      : nl
        ? `We rekenen met een bruto uurloon van ${euro(offer.hourlyWage, lang)}.`
        : `We use a gross hourly wage of ${euro(offer.hourlyWage, lang)}.`,
  );
  list.push(
    nl
      ? 'Een maand heeft 52/12 weken. In de eerste maand tellen alleen de dagen vanaf de startdatum, in de laatste maand van een contract alleen de dagen tot het einde.'
      : 'A month has 52/12 weeks. The first month counts only the days from the start date, the last month of a contract only the days up to its end.',
  );
  list.push(
    nl
      ? `Vakantiegeld (${percent(rules.minimumWage.holidayPayShare)} % van het loon) en het vakantiegeld in de bijstand (${percent(rules.bijstand.holidayAllowanceShare)} %) rekenen we per maand mee. In het echt krijgt u het meestal één keer per jaar, in mei of juni.`
      : `Holiday pay (${percentEn(rules.minimumWage.holidayPayShare)} % of the wage) and the holiday allowance in assistance (${percentEn(rules.bijstand.holidayAllowanceShare)} %) are counted per month. In reality they are usually paid once a year, in May or June.`,
  );
  list.push(
    nl
      ? `Loonheffing: we rekenen alsof u het loon van die maand het hele jaar verdient (zoals de loonstrook doet), en de werkgever past de algemene heffingskorting en de arbeidskorting van ${rules.payrollTax.year} toe. Na afloop van het jaar kan de belasting iets anders uitvallen. Geen pensioenpremie.`
      : `Payroll tax: we tax each month as if that month's wage were earned all year (as the payslip does), with the employer applying the general and labour tax credits of ${rules.payrollTax.year}. The final tax for the year can differ a little. No pension contribution.`,
  );
  list.push(
    household.ageGroup === '27_to_pension_age'
      ? nl
        ? `Inkomstenvrijlating: ${percent(allowance.share)} % van uw nettoloon, ten hoogste ${euro(allowance.monthlyCap, lang)} per maand, in de eerste ${allowance.months} maanden dat u werkt en nog bijstand krijgt. We nemen aan dat de gemeente vindt dat dit werk u helpt aan het werk te komen.`
        : `Income allowance: ${percentEn(allowance.share)} % of your net wage, at most ${euro(allowance.monthlyCap, lang)} a month, in the first ${allowance.months} months in which you work and still receive assistance. We assume the municipality agrees that this work helps you into work.`
      : nl
        ? `U bent jonger dan ${allowance.minimumAge} jaar. Dan geldt de inkomstenvrijlating niet: elke euro loon gaat van de bijstand af.`
        : `You are younger than ${allowance.minimumAge}. The income allowance does not apply then: every euro of wage is taken off the assistance.`,
  );
  if (offer.incomeAllowanceMonthsUsed > 0) {
    list.push(
      nl
        ? `U had al ${offer.incomeAllowanceMonthsUsed} maanden inkomstenvrijlating. Die tellen mee.`
        : `You already had ${offer.incomeAllowanceMonthsUsed} months of income allowance. They count.`,
    );
  }
  if (household.costSharers > 0) {
    list.push(
      nl
        ? `U woont met ${household.costSharers} ${household.costSharers === 1 ? 'ander' : 'anderen'} van ${rules.bijstand.costSharing.minimumAge} jaar of ouder. Daarom geldt de kostendelersnorm.`
        : `You share your home with ${household.costSharers} other ${household.costSharers === 1 ? 'person' : 'people'} aged ${rules.bijstand.costSharing.minimumAge} or older. The cost-sharers' norm applies.`,
    );
  }
  if (household.situation === 'partners') {
    list.push(
      nl
        ? `Het inkomen van uw partner (${euro(household.partnerNetMonthlyIncome, lang)} netto per maand) gaat ook van de bijstand af. We nemen aan dat het gelijk blijft.`
        : `Your partner's income (${euro(household.partnerNetMonthlyIncome, lang)} net a month) also counts against the assistance. We assume it stays the same.`,
    );
  }
  if (offer.contractMonths !== null) {
    list.push(
      nl
        ? `Het contract duurt ${offer.contractMonths} maanden. Daarna rekenen we weer met volledige bijstand.`
        : `The contract lasts ${offer.contractMonths} months. After that we count full assistance again.`,
    );
  }
  if (offer.monthlyWorkCosts > 0) {
    list.push(
      nl
        ? `Kosten van het werk die u zelf betaalt: ${euro(offer.monthlyWorkCosts, lang)} per maand dat u werkt.`
        : `Costs of working that you pay yourself: ${euro(offer.monthlyWorkCosts, lang)} per month worked.`,
    );
  }
  list.push(
    nl
      ? 'We rekenen niet met vermogen, schulden of een verlaging van de bijstand.'
      : 'We do not take savings, debts or a reduction of assistance into account.',
  );
  list.push(nl ? 'Alle bedragen ronden we per maand af op hele centen.' : 'All amounts are rounded to whole cents per month.');
  if (outdated.length > 0) {
    const from = monthName(outdated[0]!.month, lang);
    const to = monthName(outdated[outdated.length - 1]!.month, lang);
    list.push(
      nl
        ? `Voor ${from} tot en met ${to} staan nog geen nieuwere bedragen in Kansrijk. We rekenen dan met de bedragen die gelden vanaf ${dayName(rules.validFrom, lang)}. De echte bedragen kunnen iets hoger zijn.`
        : `For ${from} to ${to} Kansrijk has no newer figures yet. We use the figures in force from ${dayName(rules.validFrom, lang)}. The real amounts may be a little higher.`,
    );
  }
  return list;
}

/** Benefits and schemes the calculation does not model: named, never silently ignored (issue 17, point 2). */
export function notIncludedFor(lang: Lang): string[] {
  return lang === 'nl'
    ? [
        'Huurtoeslag en zorgtoeslag: die kunnen veranderen als u meer gaat verdienen.',
        'Kinderbijslag, kindgebonden budget en kinderopvangtoeslag.',
        'Regelingen van uw gemeente, zoals kwijtschelding van gemeentelijke belastingen, bijzondere bijstand, de individuele inkomenstoeslag, een collectieve zorgverzekering of een premie voor werken.',
        'De extra inkomstenvrijlating voor alleenstaande ouders met een kind tot 12 jaar, en de vrijlating bij een medische urenbeperking.',
        'Een reiskostenvergoeding of andere vergoedingen van de werkgever, en pensioenpremie.',
        'Belasting die u na het jaar terugkrijgt of moet bijbetalen.',
      ]
    : [
        'Rent benefit and health-care benefit: they can change when you earn more.',
        'Child benefit, the child-related budget and childcare benefit.',
        'Schemes of your municipality, such as remission of local taxes, special assistance, the individual income supplement, a collective health insurance or a bonus for working.',
        'The extra income allowance for single parents with a child under 12, and the allowance for a medical limit on hours.',
        'A travel allowance or other allowances from the employer, and pension contributions.',
        'Tax refunded or owed after the year ends.',
      ];
}
