import type { Lang } from '../schemas/messages.js';
import { wholeMonthsBetween } from './calendar.js';

/*
 * What a placement saves, as an estimate with its assumptions said out loud. Pure arithmetic:
 *
 *   avoided benefit = benefit months avoided × monthly benefit × min(hours / 36, 1)
 *   subsidies       = Σ monthly amount × months (the instrument's own, or the months avoided) + one-off amounts
 *   net savings     = avoided benefit − subsidies
 *
 * The hours share is there because bijstand is reduced in proportion to earnings: a part-time job
 * saves part of the benefit. 36 hours counts as full time.
 */

export const FULL_TIME_HOURS = 36;
/** The estimate looks one year ahead at most. */
export const SAVINGS_HORIZON_MONTHS = 12;

export type InstrumentCost = { code: string; monthlyAmount?: number | undefined; months?: number | undefined; oneOffAmount?: number | undefined };

/** Months without benefit: the contract's length up to the horizon, or up to the end date once the placement has ended. */
export function benefitMonthsAvoided({ startDate, contractMonths, endedOn }: { startDate: string; contractMonths: number | null; endedOn: string | null }): number {
  const planned = Math.min(contractMonths ?? SAVINGS_HORIZON_MONTHS, SAVINGS_HORIZON_MONTHS);
  return endedOn ? Math.min(wholeMonthsBetween(startDate, endedOn), planned) : planned;
}

export type SavingsEstimate = {
  benefitMonthsAvoided: number;
  benefitMonthlyAmount: number;
  /** 0–1: the part of the benefit that stops, from the hours worked. */
  hoursShare: number;
  avoidedBenefit: number;
  subsidyCosts: number;
  netSavings: number;
  currency: 'EUR';
  assumptions: string[];
};

const cents = (value: number) => Math.round(value * 100) / 100;

function euro(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR' }).format(value);
}

/** The savings estimate of one placement, with the assumptions in plain language. */
export function estimateSavings(
  input: { benefitMonthlyAmount: number; hoursPerWeek: number; months: number; instruments: readonly InstrumentCost[]; ended: boolean },
  lang: Lang = 'nl',
): SavingsEstimate {
  const hoursShare = Math.min(Math.max(input.hoursPerWeek, 0) / FULL_TIME_HOURS, 1);
  const avoidedBenefit = cents(input.months * input.benefitMonthlyAmount * hoursShare);
  const subsidyCosts = cents(
    input.instruments.reduce((sum, instrument) => sum + (instrument.monthlyAmount ?? 0) * (instrument.months ?? input.months) + (instrument.oneOffAmount ?? 0), 0),
  );
  const percentage = Math.round(hoursShare * 100);
  const amount = euro(input.benefitMonthlyAmount, lang);
  const assumptions =
    lang === 'nl'
      ? [
          input.ended
            ? `We tellen ${input.months} maanden zonder bijstand: van de start tot het einde van de plaatsing.`
            : `We tellen ${input.months} maanden zonder bijstand: de duur van het contract, en nooit meer dan ${SAVINGS_HORIZON_MONTHS} maanden.`,
          `Een maand bijstand kost gemiddeld ${amount}. Dat bedrag staat in de instellingen van dit Werkplein.`,
          `De bijstand gaat omlaag naar wat iemand verdient. ${input.hoursPerWeek} uur per week van ${FULL_TIME_HOURS} uur is ${percentage}% (nooit meer dan 100%).`,
          'De kosten van regelingen gaan eraf: het bedrag per maand keer het aantal maanden, plus eenmalige bedragen.',
          'Dit is een schatting. Toeslagen, belastingen en de kosten van begeleiding zijn niet meegerekend.',
        ]
      : [
          input.ended
            ? `We count ${input.months} months without social assistance: from the start to the end of the placement.`
            : `We count ${input.months} months without social assistance: the contract's length, never more than ${SAVINGS_HORIZON_MONTHS} months.`,
          `A month of social assistance costs ${amount} on average. That amount is in this Werkplein's settings.`,
          `Social assistance is reduced in proportion to earnings. ${input.hoursPerWeek} hours a week out of ${FULL_TIME_HOURS} is ${percentage}% (never more than 100%).`,
          'The cost of instruments is subtracted: the monthly amount times the number of months, plus one-off amounts.',
          'This is an estimate. Allowances, taxes and the cost of support are not included.',
        ];
  return {
    benefitMonthsAvoided: input.months,
    benefitMonthlyAmount: input.benefitMonthlyAmount,
    hoursShare: Math.round(hoursShare * 10000) / 10000,
    avoidedBenefit,
    subsidyCosts,
    netSavings: cents(avoidedBenefit - subsidyCosts),
    currency: 'EUR',
    assumptions,
  };
}
