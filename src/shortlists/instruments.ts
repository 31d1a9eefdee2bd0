import type { InstrumentOffer } from '../../db/schema/shortlists.js';
import type { Lang } from '../schemas/messages.js';
import { INSTRUMENT_CODES, type InstrumentCode, type TenantSettings } from '../settings/settings.schemas.js';

/*
 * Employer instruments for one candidate–vacancy pair, from rules the tenant configures. Pure: the
 * caller passes the facts in. The LIV (lage-inkomensvoordeel) is abolished since 1 January 2025 and
 * is never offered, whatever the configuration says: only the codes below exist here.
 *
 * Two facts are not in any table and must not be guessed (a barrier is not a disability): whether
 * the person is in the doelgroepregister, and whether a reduced wage value (loonwaarde) has been
 * established. Staff state them per shortlist entry; they are kept with the entry's instruments.
 */

/** Facts staff state for an entry, as established outside Kansrijk (UWV register, loonwaardemeting). */
export type EligibilityFacts = {
  /** The person is registered in UWV's doelgroepregister (banenafspraak). */
  doelgroepregister: boolean;
  /** A reduced wage value (loonwaarde below the minimum wage) has been established. */
  reducedWageValue: boolean;
};

export const NO_ELIGIBILITY_FACTS: EligibilityFacts = { doelgroepregister: false, reducedWageValue: false };

export type InstrumentInput = {
  settings: Pick<TenantSettings, 'instruments'>;
  eligibility: EligibilityFacts;
  /** What the vacancy offers (vacancies.support_offered). */
  supportOffered: readonly string[];
  /** Date of birth from the contact record: read for the LKV 56+ only, never for ranking or the employer. */
  dateOfBirth: string | null;
  /** The intended start date (YYYY-MM-DD): the vacancy's, or the day of the calculation when it has none. */
  startDate: string;
  lang?: Lang;
};

const LKV_OLDER_WORKER_AGE = 56;

/** Full years between a date of birth and a day, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** 2026-12-31 → 31-12-2026, as Dutch readers write dates. */
function dutchDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}-${m}-${y}`;
}

type Texts = { name: Record<Lang, string>; source: string; reason: Record<Lang, (v: { months: number; until: string }) => string> };

/*
 * Names, legal grounds and reasons. The reasons are meant for the employer as well: they say what
 * the instrument does, never the personal fact behind it (no age, no date of birth, no diagnosis),
 * and never that someone receives a benefit.
 */
const TEXTS: Record<InstrumentCode, Texts> = {
  loonkostensubsidie: {
    name: { nl: 'Loonkostensubsidie', en: 'Wage cost subsidy (loonkostensubsidie)' },
    source: 'Participatiewet, artikel 10d',
    reason: {
      nl: () => 'Er is een loonwaarde vastgesteld die lager is dan het minimumloon. U kunt subsidie krijgen voor het verschil tussen loonwaarde en loon.',
      en: () => 'A wage value below the minimum wage has been established. You can receive a subsidy for the difference between wage value and wage.',
    },
  },
  no_riskpolis: {
    name: { nl: 'No-riskpolis', en: 'No-risk policy (no-riskpolis)' },
    source: 'Ziektewet, artikel 29b',
    reason: {
      nl: () => 'Wordt de werknemer ziek, dan vergoedt UWV de loonkosten tijdens de ziekte. U loopt daardoor geen extra risico.',
      en: () => 'If the employee falls ill, UWV compensates the wage costs during the illness, so you carry no extra risk.',
    },
  },
  proefplaatsing: {
    name: { nl: 'Proefplaatsing', en: 'Trial placement (proefplaatsing)' },
    source: 'Participatiewet, met de re-integratieverordening van de gemeente',
    reason: {
      nl: (v) =>
        `U biedt een proefplaatsing aan. De kandidaat kan eerst hooguit ${v.months} maanden op proef meewerken, zonder loonkosten voor u. Gaat het goed, dan volgt een contract.`,
      en: (v) =>
        `You offer a trial placement. The candidate can first work on trial for at most ${v.months} months, without wage costs for you. If it goes well, a contract follows.`,
    },
  },
  jobcoach: {
    name: { nl: 'Jobcoach', en: 'Job coach' },
    source: 'Participatiewet (voorzieningen voor arbeidsinschakeling), met de re-integratieverordening van de gemeente',
    reason: {
      nl: () => 'Een jobcoach begeleidt de kandidaat en uw team bij de start, op de werkplek.',
      en: () => 'A job coach supports the candidate and your team at the start, at the workplace.',
    },
  },
  lkv_banenafspraak: {
    name: { nl: 'Loonkostenvoordeel banenafspraak', en: 'Wage cost benefit, jobs agreement (LKV banenafspraak)' },
    source: 'Wet tegemoetkomingen loondomein',
    reason: {
      nl: () => 'De kandidaat telt mee voor de banenafspraak. U krijgt een vast bedrag per verloond uur, tot drie jaar lang.',
      en: () => 'The candidate counts towards the jobs agreement. You receive a fixed amount per paid hour, for up to three years.',
    },
  },
  lkv_oudere_werknemer: {
    name: { nl: 'Loonkostenvoordeel oudere werknemer', en: 'Wage cost benefit, older employee (LKV oudere werknemer)' },
    source: 'Wet tegemoetkomingen loondomein',
    reason: {
      nl: (v) =>
        `De kandidaat voldoet aan de voorwaarden. Let op: deze regeling wordt afgebouwd. Het Werkplein biedt haar alleen aan bij een start tot en met ${v.until}.`,
      en: (v) => `The candidate meets the conditions. Note: this scheme is being phased out. The Werkplein offers it only for a start on or before ${v.until}.`,
    },
  },
};

/*
 * Instruments that disclose a protected fact by being offered (issue 11.11): the LKV oudere werknemer
 * says the person is 56 or older; the LKV banenafspraak and the no-riskpolis say the person is in the
 * doelgroepregister (or has a reduced wage value); the loonkostensubsidie says a wage value below the
 * minimum wage was established, i.e. an occupational disability. The employer sees them only while
 * the person's consent `share_instrument_eligibility` is active; the proefplaatsing and jobcoach come
 * from what the vacancy offers and say nothing about the person. Staff always see them, marked.
 */
export const DISCLOSING_INSTRUMENTS: ReadonlySet<string> = new Set<InstrumentCode>([
  'loonkostensubsidie',
  'no_riskpolis',
  'lkv_banenafspraak',
  'lkv_oudere_werknemer',
]);

/** Whether an offer discloses a protected fact about the person (see DISCLOSING_INSTRUMENTS). */
export function disclosesProtectedFact(code: string): boolean {
  return DISCLOSING_INSTRUMENTS.has(code);
}

/** The offers an employer may see: the disclosing ones only with the person's active consent for them. */
export function offersForEmployer<T extends { code: string }>(offers: readonly T[], instrumentConsent: boolean): T[] {
  return offers.filter((offer) => instrumentConsent || !disclosesProtectedFact(offer.code));
}

/** Whether each instrument applies, in the order of INSTRUMENT_CODES. */
function applies(code: InstrumentCode, input: InstrumentInput): boolean {
  const { eligibility, supportOffered } = input;
  switch (code) {
    case 'loonkostensubsidie':
      return eligibility.reducedWageValue;
    case 'no_riskpolis':
      return eligibility.doelgroepregister || eligibility.reducedWageValue;
    case 'proefplaatsing':
      return supportOffered.includes('trial_placement');
    case 'jobcoach':
      return supportOffered.includes('job_coach') || eligibility.doelgroepregister;
    case 'lkv_banenafspraak':
      return eligibility.doelgroepregister;
    case 'lkv_oudere_werknemer':
      // Being phased out: only for starts up to the configured end date.
      return (
        input.dateOfBirth !== null &&
        ageOn(input.dateOfBirth, input.startDate) >= LKV_OLDER_WORKER_AGE &&
        input.startDate <= input.settings.instruments.lkvOlderWorkerPhaseOutEnd
      );
  }
}

/** The instruments an employer can use for this candidate on this vacancy, each with reason and legal ground. */
export function eligibleInstruments(input: InstrumentInput): InstrumentOffer[] {
  const lang = input.lang ?? 'nl';
  // Only known codes count: anything else in the configuration (such as 'liv') is ignored.
  const enabled = new Set<string>(input.settings.instruments.enabled);
  const values = { months: input.settings.instruments.proefplaatsingMaxMonths, until: dutchDate(input.settings.instruments.lkvOlderWorkerPhaseOutEnd) };
  return INSTRUMENT_CODES.filter((code) => enabled.has(code) && applies(code, input)).map((code) => ({
    code,
    name: TEXTS[code].name[lang],
    reason: TEXTS[code].reason[lang](values),
    source: TEXTS[code].source,
  }));
}

/** What an entry's `instruments` column holds: the staff-stated facts and the offers computed from them. */
export type EntryInstruments = { eligibility: EligibilityFacts; offers: InstrumentOffer[] };

/** Reads the column leniently: a bare array (offers only) means no facts were stated. */
export function readEntryInstruments(stored: unknown): EntryInstruments {
  if (Array.isArray(stored)) return { eligibility: NO_ELIGIBILITY_FACTS, offers: stored as InstrumentOffer[] };
  if (stored && typeof stored === 'object') {
    const value = stored as Partial<EntryInstruments>;
    return {
      eligibility: {
        doelgroepregister: value.eligibility?.doelgroepregister === true,
        reducedWageValue: value.eligibility?.reducedWageValue === true,
      },
      offers: Array.isArray(value.offers) ? value.offers : [],
    };
  }
  return { eligibility: NO_ELIGIBILITY_FACTS, offers: [] };
}

/**
 * Offers are stored in Dutch, as sent. An English reader gets the same instruments in English,
 * rendered again from their codes; unknown codes are left as stored.
 */
export function localiseOffers(offers: readonly InstrumentOffer[], lang: Lang, settings: Pick<TenantSettings, 'instruments'>): InstrumentOffer[] {
  if (lang === 'nl') return offers.map((offer) => ({ code: offer.code, name: offer.name, reason: offer.reason, source: offer.source }));
  const values = { months: settings.instruments.proefplaatsingMaxMonths, until: dutchDate(settings.instruments.lkvOlderWorkerPhaseOutEnd) };
  return offers.map((offer) => {
    const texts = (TEXTS as Record<string, Texts | undefined>)[offer.code];
    return texts
      ? { code: offer.code, name: texts.name[lang], reason: texts.reason[lang](values), source: texts.source }
      : { code: offer.code, name: offer.name, reason: offer.reason, source: offer.source };
  });
}

/** An instrument's name in words people read (the code itself when unknown). */
export function instrumentName(code: string, lang: Lang): string {
  return TEXTS[code as InstrumentCode]?.name[lang] ?? code;
}
