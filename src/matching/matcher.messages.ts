import type { DayPart, Weekday } from '../schemas/schedule.js';
import type { EvidenceKind, Factor, Lang, TravelMode } from './matcher.types.js';
import type { WeightProblem } from './weights.js';

/*
 * Every sentence the matcher writes, in plain Dutch (B1) and in English. They speak about the work,
 * the journey, hours, shifts and assessments only: never about health or other life-domain details;
 * an open condition is named by its agreed action text and nothing else.
 */

type Texts<Args extends unknown[]> = Record<Lang, (...args: Args) => string>;

const MODE_WITH: Record<TravelMode, Record<Lang, string>> = {
  walk: { nl: 'lopend', en: 'on foot' },
  bike: { nl: 'met de fiets', en: 'by bike' },
  ebike: { nl: 'met de e-bike', en: 'by e-bike' },
  moped: { nl: 'met de scooter', en: 'by moped' },
  public_transport: { nl: 'met het openbaar vervoer', en: 'by public transport' },
  car: { nl: 'met de auto', en: 'by car' },
};

const MODE_NOUN: Record<TravelMode, Record<Lang, string>> = {
  walk: { nl: 'lopen', en: 'walking' },
  bike: { nl: 'de fiets', en: 'the bike' },
  ebike: { nl: 'de e-bike', en: 'the e-bike' },
  moped: { nl: 'de scooter', en: 'the moped' },
  public_transport: { nl: 'het openbaar vervoer', en: 'public transport' },
  car: { nl: 'de auto', en: 'the car' },
};

const DAY_PART_NAME: Record<DayPart, Record<Lang, string>> = {
  early: { nl: 'vroege dienst', en: 'early shift' },
  day: { nl: 'dagdienst', en: 'day shift' },
  late: { nl: 'late dienst', en: 'late shift' },
  night: { nl: 'nachtdienst', en: 'night shift' },
};

const WEEKDAY_NAME: Record<Weekday, Record<Lang, string>> = {
  mon: { nl: 'maandag', en: 'Monday' },
  tue: { nl: 'dinsdag', en: 'Tuesday' },
  wed: { nl: 'woensdag', en: 'Wednesday' },
  thu: { nl: 'donderdag', en: 'Thursday' },
  fri: { nl: 'vrijdag', en: 'Friday' },
  sat: { nl: 'zaterdag', en: 'Saturday' },
  sun: { nl: 'zondag', en: 'Sunday' },
};

/** The employer sectors in words people read (the codes are English: never shown as such). */
const SECTOR_NAME: Record<string, Record<Lang, string>> = {
  logistics: { nl: 'logistiek', en: 'logistics' },
  production: { nl: 'productie', en: 'production' },
  cleaning: { nl: 'schoonmaak', en: 'cleaning' },
  hospitality: { nl: 'horeca', en: 'hospitality' },
  care: { nl: 'zorg', en: 'care' },
  retail: { nl: 'detailhandel', en: 'retail' },
  green_maintenance: { nl: 'groenonderhoud', en: 'green maintenance' },
  construction: { nl: 'bouw', en: 'construction' },
  other: { nl: 'overige', en: 'other' },
};

/** A sector code in words; an unknown code is shown as given (a tenant's own sector). */
export function sectorName(sector: string, lang: Lang): string {
  return SECTOR_NAME[sector]?.[lang] ?? sector;
}

/** "a, b en c" / "a, b and c". */
export function joinList(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'nl' ? 'en' : 'and';
  return `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

/** First letter upper-case: improvement texts may start with a competency label. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An assessment score as people write it: "4", "3,5" in Dutch, "3.5" in English. */
function score(value: number, lang: Lang): string {
  const text = Number.isInteger(value) ? String(value) : value.toFixed(1);
  return lang === 'nl' ? text.replace('.', ',') : text;
}

function days(list: readonly Weekday[], lang: Lang): string {
  return joinList(
    list.map((day) => WEEKDAY_NAME[day][lang]),
    lang,
  );
}

export const exclusionText = {
  licence: {
    nl: (category: string) => `Rijbewijs ${category} ontbreekt. Dat is wettelijk verplicht voor dit werk.`,
    en: (category: string) => `Driving licence ${category} is missing. The law requires it for this work.`,
  } satisfies Texts<[string]>,
  certificate: {
    nl: (name: string) => `Certificaat ${name} ontbreekt. Dat is wettelijk verplicht voor dit werk.`,
    en: (name: string) => `Certificate ${name} is missing. The law requires it for this work.`,
  } satisfies Texts<[string]>,
  dayPart: {
    nl: (part: DayPart, list: Weekday[]) => `Niet beschikbaar voor de ${DAY_PART_NAME[part].nl} op ${days(list, 'nl')}.`,
    en: (part: DayPart, list: Weekday[]) => `Not available for the ${DAY_PART_NAME[part].en} on ${days(list, 'en')}.`,
  } satisfies Texts<[DayPart, Weekday[]]>,
  tooFar: {
    nl: (minutes: number, mode: TravelMode, max: number) =>
      `De reis duurt te lang: ${minutes} minuten ${MODE_WITH[mode].nl}. Afgesproken is maximaal ${max} minuten.`,
    en: (minutes: number, mode: TravelMode, max: number) =>
      `The journey takes too long: ${minutes} minutes ${MODE_WITH[mode].en}. The agreed maximum is ${max} minutes.`,
  } satisfies Texts<[number, TravelMode, number]>,
  noTransportAtHours: {
    nl: (part: DayPart) => `Geen vervoer om op tijd bij de ${DAY_PART_NAME[part].nl} te zijn: het openbaar vervoer rijdt dan niet.`,
    en: (part: DayPart) => `No transport to get to the ${DAY_PART_NAME[part].en} in time: public transport does not run then.`,
  } satisfies Texts<[DayPart]>,
  noTransport: {
    nl: () => 'Geen vervoer om bij de werkplek te komen.',
    en: () => 'No transport to get to the workplace.',
  } satisfies Texts<[]>,
};

const EVIDENCE_NAME: Record<EvidenceKind, Record<Lang, string>> = {
  self_reported: { nl: 'zelf opgegeven', en: 'self-reported' },
  observed: { nl: 'gezien door een medewerker', en: 'observed by staff' },
  work_experience: { nl: 'werkervaring', en: 'work experience' },
  volunteer_work: { nl: 'vrijwilligerswerk', en: 'volunteer work' },
  certificate: { nl: 'certificaat', en: 'certificate' },
};

export const reasonText = {
  pair: {
    nl: (have: string, evidence: EvidenceKind, wanted: string) => `Heeft '${have}' (${EVIDENCE_NAME[evidence].nl}); gevraagd: '${wanted}'`,
    en: (have: string, evidence: EvidenceKind, wanted: string) => `Has '${have}' (${EVIDENCE_NAME[evidence].en}); asked: '${wanted}'`,
  } satisfies Texts<[string, EvidenceKind, string]>,
  competenciesAllMust: {
    nl: (labels: string[]) => `Heeft alle vaardigheden die vanaf de eerste dag nodig zijn: ${joinList(labels, 'nl')}`,
    en: (labels: string[]) => `Has every skill needed from day one: ${joinList(labels, 'en')}`,
  } satisfies Texts<[string[]]>,
  competencies: {
    nl: (labels: string[]) => `Kan al: ${joinList(labels, 'nl')}`,
    en: (labels: string[]) => `Already able to: ${joinList(labels, 'en')}`,
  } satisfies Texts<[string[]]>,
  motivation: {
    nl: (value: number) => `${value >= 4.5 ? 'Zeer gemotiveerd' : 'Gemotiveerd'} (beoordeeld ${score(value, 'nl')} van 5)`,
    en: (value: number) => `${value >= 4.5 ? 'Highly motivated' : 'Motivated'} (assessed ${score(value, 'en')} out of 5)`,
  } satisfies Texts<[number]>,
  potential: {
    nl: (value: number) => `${value >= 4.5 ? 'Leert snel' : 'Leert goed'} (potentieel beoordeeld ${score(value, 'nl')} van 5)`,
    en: (value: number) => `${value >= 4.5 ? 'Learns quickly' : 'Learns well'} (potential assessed ${score(value, 'en')} out of 5)`,
  } satisfies Texts<[number]>,
  allShifts: {
    nl: () => 'Kan alle diensten werken',
    en: () => 'Can work all shifts',
  } satisfies Texts<[]>,
  mostShifts: {
    nl: (covered: number, total: number) => `Kan de meeste diensten werken (${covered} van ${total})`,
    en: (covered: number, total: number) => `Can work most shifts (${covered} of ${total})`,
  } satisfies Texts<[number, number]>,
  hoursFit: {
    nl: (hours: number) => `Wil ${hours} uur per week werken, en dat past`,
    en: (hours: number) => `Wants to work ${hours} hours a week, which fits`,
  } satisfies Texts<[number]>,
  hoursRampUp: {
    nl: (from: number, to: number) => `Kan starten met ${from} uur per week en opbouwen naar ${to} uur`,
    en: (from: number, to: number) => `Can start at ${from} hours a week and build up to ${to} hours`,
  } satisfies Texts<[number, number]>,
  travel: {
    nl: (minutes: number, mode: TravelMode) => `${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} ${MODE_WITH[mode].nl}`,
    en: (minutes: number, mode: TravelMode) => `${minutes} ${minutes === 1 ? 'minute' : 'minutes'} ${MODE_WITH[mode].en}`,
  } satisfies Texts<[number, TravelMode]>,
  wishOccupation: {
    nl: () => 'Wil graag dit werk doen',
    en: () => 'Wants to do this work',
  } satisfies Texts<[]>,
  wishSector: {
    nl: (sector: string) => `Wil graag werken in deze sector (${sectorName(sector, 'nl')})`,
    en: (sector: string) => `Wants to work in this sector (${sectorName(sector, 'en')})`,
  } satisfies Texts<[string]>,
  nearby: {
    nl: () => 'Woont vlakbij',
    en: () => 'Lives close by',
  } satisfies Texts<[]>,
  hoursBelowMinimum: {
    nl: (target: number, min: number) => `Wil hoogstens ${target} uur per week werken. Deze vacature vraagt minstens ${min} uur`,
    en: (target: number, min: number) => `Wants to work at most ${target} hours a week. This vacancy asks at least ${min} hours`,
  } satisfies Texts<[number, number]>,
  wishTitle: {
    nl: (wish: string) => `Past bij de werkwens "${wish}"`,
    en: (wish: string) => `Matches the work wish "${wish}"`,
  } satisfies Texts<[string]>,
};

/** What would make an excluded candidate fit: clauses joined into one sentence. */
export const fitText = {
  fitsIf: {
    nl: (clauses: string[]) => `Past als ${joinList(clauses, 'nl')}.`,
    en: (clauses: string[]) => `Would fit if ${joinList(clauses, 'en')}.`,
  } satisfies Texts<[string[]]>,
  dropShift: {
    nl: (part: DayPart, list: Weekday[]) => `de ${DAY_PART_NAME[part].nl} op ${days(list, 'nl')} kan vervallen`,
    en: (part: DayPart, list: Weekday[]) => `the ${DAY_PART_NAME[part].en} on ${days(list, 'en')} can be dropped`,
  } satisfies Texts<[DayPart, Weekday[]]>,
  longerJourney: {
    nl: (minutes: number, mode: TravelMode, max: number) =>
      `een reis van ${minutes} minuten ${MODE_WITH[mode].nl} kan (nu is maximaal ${max} minuten afgesproken)`,
    en: (minutes: number, mode: TravelMode, max: number) =>
      `a journey of ${minutes} minutes ${MODE_WITH[mode].en} is acceptable (the agreed maximum is now ${max} minutes)`,
  } satisfies Texts<[number, TravelMode, number]>,
  licence: {
    nl: (category: string) => `rijbewijs ${category} gehaald is`,
    en: (category: string) => `driving licence ${category} is obtained`,
  } satisfies Texts<[string]>,
  certificate: {
    nl: (name: string) => `certificaat ${name} gehaald is`,
    en: (name: string) => `the certificate ${name} is obtained`,
  } satisfies Texts<[string]>,
};

/** What a conditional match waits for when a legally required credential can be had before the start. */
export const conditionText = {
  licence: {
    nl: (category: string) => `Rijbewijs ${category} halen`,
    en: (category: string) => `Get driving licence ${category}`,
  } satisfies Texts<[string]>,
  certificate: {
    nl: (name: string) => (isVog(name) ? 'VOG aanvragen' : `Certificaat ${name} halen`),
    en: (name: string) => (isVog(name) ? 'Apply for a certificate of conduct (VOG)' : `Obtain the certificate ${name}`),
  } satisfies Texts<[string]>,
};

/** A Verklaring Omtrent het Gedrag, by its name or abbreviation. */
export function isVog(name: string): boolean {
  return /\bvog\b|verklaring omtrent het gedrag/i.test(name);
}

export const improvementText = {
  beforeStart: {
    nl: (action: string) => `${action} voor de startdatum (dat kan op tijd)`,
    en: (action: string) => `${action} before the start date (there is time for it)`,
  } satisfies Texts<[string]>,
  fewerHours: {
    nl: (target: number, min: number) => `Past alleen als de werkgever ${target} uur per week kan bieden in plaats van ${min}`,
    en: (target: number, min: number) => `Fits only if the employer can offer ${target} hours a week instead of ${min}`,
  } satisfies Texts<[number, number]>,
  getLicence: {
    nl: (category: string) => `Rijbewijs ${category} halen`,
    en: (category: string) => `Get driving licence ${category}`,
  } satisfies Texts<[string]>,
  getCertificate: {
    nl: (name: string) => `Certificaat ${name} halen`,
    en: (name: string) => `Obtain the certificate ${name}`,
  } satisfies Texts<[string]>,
  becomeAvailable: {
    nl: (part: DayPart) => `Beschikbaar worden voor de ${DAY_PART_NAME[part].nl}`,
    en: (part: DayPart) => `Become available for the ${DAY_PART_NAME[part].en}`,
  } satisfies Texts<[DayPart]>,
  fasterTransport: {
    nl: (max: number) => `Vervoer regelen waarmee de reis binnen ${max} minuten lukt`,
    en: (max: number) => `Arrange transport that makes the journey within ${max} minutes`,
  } satisfies Texts<[number]>,
  completeAction: {
    nl: (action: string) => `Afspraak afronden: ${action}`,
    en: (action: string) => `Complete the agreed action: ${action}`,
  } satisfies Texts<[string]>,
  pendingMode: {
    nl: (mode: TravelMode, minutes: number) => `Als ${MODE_NOUN[mode].nl} geregeld is, is de reistijd ${minutes} minuten`,
    en: (mode: TravelMode, minutes: number) => `Once ${MODE_NOUN[mode].en} is arranged, the journey takes ${minutes} minutes`,
  } satisfies Texts<[TravelMode, number]>,
  missingMust: {
    nl: (label: string) => sentence(`${label} laten zien of leren (nodig vanaf de eerste dag)`),
    en: (label: string) => `Show or learn: ${label} (needed from day one)`,
  } satisfies Texts<[string]>,
  missingShould: {
    nl: (label: string) => sentence(`${label} leren (telt mee als pluspunt)`),
    en: (label: string) => `Learn: ${label} (counts as a plus)`,
  } satisfies Texts<[string]>,
  missingTrainable: {
    nl: (label: string) => sentence(`${label} leren (kan op de werkvloer geleerd worden)`),
    en: (label: string) => `Learn: ${label} (can be learned on the job)`,
  } satisfies Texts<[string]>,
  onlyRelated: {
    nl: (label: string) => sentence(`${label} laten zien (heeft al een verwante vaardigheid)`),
    en: (label: string) => `Show: ${label} (already has a related skill)`,
  } satisfies Texts<[string]>,
  confirmSelfReported: {
    nl: (label: string) => sentence(`${label} laten bevestigen, bijvoorbeeld met een proefplaatsing (nu alleen zelf opgegeven)`),
    en: (label: string) => `Have ${label} confirmed, for example in a trial placement (now self-reported only)`,
  } satisfies Texts<[string]>,
  assessMotivation: {
    nl: () => 'Laat de motivatie beoordelen',
    en: () => 'Have motivation assessed',
  } satisfies Texts<[]>,
  assessPotential: {
    nl: () => 'Laat het potentieel beoordelen',
    en: () => 'Have potential assessed',
  } satisfies Texts<[]>,
  buildUpHours: {
    nl: (hours: number) => `Uren opbouwen naar ${hours} uur per week`,
    en: (hours: number) => `Build up to ${hours} hours a week`,
  } satisfies Texts<[number]>,
  moreShifts: {
    nl: (covered: number, total: number) => `Beschikbaar worden voor meer diensten (nu ${covered} van ${total})`,
    en: (covered: number, total: number) => `Become available for more shifts (now ${covered} of ${total})`,
  } satisfies Texts<[number, number]>,
};

/** The factors in words people read (the codes are English: never shown as such). */
export const FACTOR_NAME: Record<Factor, Record<Lang, string>> = {
  competencies: { nl: 'vaardigheden', en: 'competencies' },
  motivation: { nl: 'motivatie', en: 'motivation' },
  potential: { nl: 'potentieel', en: 'potential' },
  shifts: { nl: 'diensten', en: 'shifts' },
  hours: { nl: 'uren', en: 'hours' },
  travel: { nl: 'reistijd', en: 'travel time' },
  workWishes: { nl: 'werkwensen', en: 'work wishes' },
  education: { nl: 'opleiding', en: 'education' },
};

const factorName = (factor: string, lang: Lang) => FACTOR_NAME[factor as Factor]?.[lang] ?? factor;

/** A weights problem in words. */
export function weightProblemText(problem: WeightProblem, lang: Lang): string {
  switch (problem.code) {
    case 'not_a_weight':
      return lang === 'nl'
        ? `Geef voor ${factorName(problem.factor, lang)} een getal van 0 of meer.`
        : `Give ${factorName(problem.factor, lang)} a number of 0 or more.`;
    case 'unknown_factor':
      return lang === 'nl' ? `"${problem.factor}" is geen onderdeel van de berekening.` : `"${problem.factor}" is not a factor of the matcher.`;
    case 'sum_not_one': {
      const sum = lang === 'nl' ? String(problem.sum).replace('.', ',') : String(problem.sum);
      return lang === 'nl'
        ? `De gewichten tellen samen op tot ${sum}. Dat moet precies 1 zijn.`
        : `The weights add up to ${sum}. They must add up to exactly 1.`;
    }
  }
}

/** The warning when weights break the seeds' rule (motivation above competencies). */
export const seedsRuleWarning: Record<Lang, string> = {
  nl: 'Motivatie weegt nu niet zwaarder dan vaardigheden. Kansrijk gaat ervan uit dat 70 % kunnen en 100 % willen beter is dan andersom. Met deze gewichten kan iemand die minder kan maar veel meer wil, lager eindigen.',
  en: 'Motivation no longer weighs more than competencies. Kansrijk holds that 70 % able and 100 % willing beats the reverse. With these weights, someone less able but far more willing can end up lower.',
};
