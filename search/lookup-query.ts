import { buildCompoundVocabulary, normaliseText, splitCompound, tokenise, type CompoundVocabulary } from './dutch-text.js';

/*
 * What a typed job title means to the occupation look-up. People write titles as they appear in
 * vacancies: "Reachtruckchauffeur | Vianen", "Senior PHP developer (32 uur)", "Isolatie Monteur
 * FORTIS". Meilisearch drops words it cannot match from the end (or by frequency), so a company
 * name or a place at the end, or "senior" at the start, decides what is found. This module decides
 * per query which words carry the meaning and hands Meilisearch only those:
 *   - qualifiers of the vacancy, not of the occupation (seniority, hours, contract, "m/v"), go;
 *   - words that no occupation label uses in any form (company names, places) go, unless they
 *     are one typo away from a word that labels do use (Meilisearch corrects that typo itself);
 *   - a compound of known parts is searched as its parts and itself (heftruckchauffeur →
 *     heftruck chauffeur heftruckchauffeur), and a compound whose first part is unknown falls back
 *     to its longest known ending, the head noun (<rare>schilder → schilder);
 *   - curated Dutch synonyms bring job-ad words to ESCO's words (CE → vrachtwagenchauffeur).
 * Pure functions, no I/O.
 */

/**
 * Words of vacancy titles that say something about the vacancy, not about the occupation:
 * seniority, contract, hours, language, location of work, gender markers. Dutch and English, as
 * Dutch vacancies are written.
 */
export const VACANCY_QUALIFIERS: ReadonlySet<string> = new Set([
  // seniority and role in the team
  'senior',
  'junior',
  'medior',
  'sr',
  'jr',
  'ervaren',
  'startend',
  'starter',
  'allround',
  'zelfstandig',
  'zelfstandige',
  'zelfstandig',
  'werkend',
  'meewerkend',
  'hoofd',
  'principal',
  'principle',
  'intermediate',
  'associate',
  'staff',
  'interim',
  // contract and hours
  'zzp',
  'zzper',
  'freelance',
  'freelancer',
  'fulltime',
  'parttime',
  'full',
  'part',
  'time',
  'fte',
  'uur',
  'uren',
  'per',
  'week',
  'bijbaan',
  'vakantiewerk',
  'vakantiekracht',
  'weekendkracht',
  'oproepkracht',
  'oproep',
  'oproepbasis',
  'basis',
  'flex',
  'tijdelijk',
  'vast',
  'contract',
  'dagdienst',
  'nachtdienst',
  'ploegendienst',
  'ploegen',
  'avonden',
  'weekend',
  'werkstudent',
  'stage',
  'stagiair',
  'stagiaire',
  'afstudeerstage',
  'trainee',
  'traineeship',
  'leerling',
  'bbl',
  'bol',
  // place of work and language
  'remote',
  'hybride',
  'hybrid',
  'onsite',
  'on',
  'site',
  'regio',
  'buitenland',
  'nederland',
  'nl',
  'dutch',
  'speaking',
  'speaker',
  'nederlandstalig',
  'nederlands',
  'sprekend',
  'english',
  'engelstalig',
  'relocation',
  'relocate',
  'paid',
  // pay and gender markers, filler
  'salaris',
  'bonus',
  'startbonus',
  'ote',
  'tot',
  'm',
  'v',
  'x',
  'f',
  'd',
  'w',
  'mv',
  'mvx',
  'mfd',
  'ga',
  'aan',
  'de',
  'slag',
  'als',
  'zoekt',
  'gezocht',
  'vacature',
  'job',
  'jobs',
  'met',
  'voor',
  'in',
  'bij',
  'van',
  'en',
  'of',
  'the',
  'a',
  'an',
  'for',
  'at',
  'to',
  'with',
  'and',
  'or',
  'new',
  'nieuw',
  'incl',
  'lead',
  'group',
  'global',
  'international',
  'europe',
  'european',
  'intern',
  'founding',
]);

/**
 * Curated Dutch words that mean the same as another word, in everyday language and in ESCO's: the
 * look-up goes from the first to the second; staff search goes both ways (search.synonyms below).
 */
export const DUTCH_SYNONYM_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['sjouwer', 'verhuizer'],
  ['poetsen', 'schoonmaken'],
  ['poetser', 'schoonmaker'],
  ['poetshulp', 'schoonmaker'],
  ['baliemedewerker', 'receptionist'],
  ['loods', 'magazijn'],
  ['loodsmedewerker', 'magazijnmedewerker'],
  ['vakkenvuller', 'schappenvuller'],
  ['caissiere', 'kassier'],
  ['programmeur', 'ontwikkelaar'],
  ['developer', 'ontwikkelaar'],
  ['ontwikkelaar', 'developer'],
  ['tandartsassistente', 'tandartsassistent'],
  ['monteur', 'installateur'],
  ['installateur', 'monteur'],
  ['steward', 'stewardess'],
];

/**
 * Curated Dutch synonyms: words of job ads → words of ESCO's Dutch and English labels. Only where
 * the ad word and ESCO's word never meet otherwise; a tenant adds its own (see LookupVocabulary).
 * The hints here go one way only: a licence class names a vehicle, but "vrachtwagenchauffeur" does
 * not mean "trekker" (a tractor too).
 */
export const LOOKUP_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // driving licence classes name the vehicle
  c: ['vrachtwagenchauffeur'],
  ce: ['vrachtwagenchauffeur'],
  c1e: ['vrachtwagenchauffeur'],
  lzv: ['vrachtwagenchauffeur'],
  oplegger: ['vrachtwagenchauffeur'],
  trekker: ['vrachtwagenchauffeur'],
  bakwagen: ['vrachtwagenchauffeur'],
  kipper: ['vrachtwagenchauffeur'],
  adr: ['gevaarlijke', 'stoffen'],
  // everyday words for ESCO's words
  afwasser: ['keuken'],
  afwas: ['keuken'],
  bediening: ['ober', 'serveerster'],
  logistiek: ['magazijn'],
  ...Object.fromEntries(DUTCH_SYNONYM_PAIRS.map(([word, synonym]) => [word, [synonym]])),
};

/**
 * The curated synonyms as Meilisearch synonyms for staff search, both ways and closed over shared
 * words (poetser ↔ schoonmaker ↔ poetshulp), merged into `base` (the taxonomy's, already both ways).
 * Staff type "poetsen" for people whose profile says "schoonmaken", and the other way round.
 */
export function withCuratedSynonyms(base: Readonly<Record<string, readonly string[]>>): Record<string, string[]> {
  const groups = new Map<string, Set<string>>();
  for (const [a, b] of DUTCH_SYNONYM_PAIRS) {
    const group = new Set([a, b, ...(groups.get(a) ?? []), ...(groups.get(b) ?? [])]);
    for (const word of group) groups.set(word, group);
  }
  const merged: Record<string, string[]> = Object.fromEntries(Object.entries(base).map(([word, others]) => [word, [...others]]));
  for (const [word, group] of groups) {
    merged[word] = [...new Set([...(merged[word] ?? []), ...[...group].filter((other) => other !== word)])];
  }
  return merged;
}

/** The words the look-up knows: every word of every occupation label (Dutch and English), and compound parts. */
export type LookupVocabulary = {
  compounds: CompoundVocabulary;
  /** Every word of every label, normalised. */
  known: ReadonlySet<string>;
  /** In how many labels each word occurs (a word in hundreds of labels, like "medewerker", says little). */
  frequency: ReadonlyMap<string, number>;
  /** Known words of five letters or more by each of their one-letter deletions: to recognise a typo. */
  deletions: ReadonlyMap<string, number>;
  synonyms: Readonly<Record<string, readonly string[]>>;
};

function oneDeletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Builds the look-up vocabulary from the labels of the occupations (all languages) and the Dutch
 * labels that compounds are split into; `synonyms` are added to the curated ones (a tenant's own).
 */
export function buildLookupVocabulary({
  labels,
  compoundLabels,
  synonyms = {},
}: {
  labels: Iterable<string>;
  compoundLabels: Iterable<string>;
  synonyms?: Readonly<Record<string, readonly string[]>>;
}): LookupVocabulary {
  const known = new Set<string>();
  const frequency = new Map<string, number>();
  for (const label of labels) {
    for (const word of new Set(tokenise(label))) {
      known.add(word);
      frequency.set(word, (frequency.get(word) ?? 0) + 1);
    }
  }
  const merged: Record<string, readonly string[]> = { ...LOOKUP_SYNONYMS };
  for (const [word, expansion] of Object.entries(synonyms)) merged[normaliseText(word)] = expansion.map(normaliseText);
  for (const expansion of Object.values(merged)) for (const word of expansion) known.add(word);
  const compounds = buildCompoundVocabulary(compoundLabels);
  const deletions = new Map<string, number>();
  for (const word of known) {
    if (word.length < 5) continue;
    for (const deleted of oneDeletions(word)) deletions.set(deleted, (deletions.get(deleted) ?? 0) + 1);
  }
  return { compounds, known, frequency, deletions, synonyms: merged };
}

/** A head noun this common ("medewerker", "monteur") names no occupation on its own. */
const GENERIC_HEAD_LABELS = 100;

/**
 * The parts of a compound in the order they should be kept: the head noun (the last part of a
 * Dutch compound) first, so that "patiëntenvoorlichter" looks for a voorlichter and not for any
 * patiënten-job, unless the head is generic: "reachtruckmedewerker" looks for reachtruck first.
 */
function compoundOrder(parts: readonly string[], vocabulary: LookupVocabulary): string[] {
  const head = parts.at(-1)!;
  const modifiers = parts.slice(0, -1);
  return (vocabulary.frequency.get(head) ?? 0) >= GENERIC_HEAD_LABELS ? [...modifiers, head] : [head, ...modifiers];
}

/** True when `word` is one insertion, deletion or substitution away from a known word of five letters or more. */
function nearKnown(word: string, vocabulary: LookupVocabulary): boolean {
  if (word.length < 5) return false;
  if (vocabulary.deletions.has(word)) return true; // one letter too few
  return oneDeletions(word).some((deleted) => vocabulary.known.has(deleted) || vocabulary.deletions.has(deleted));
}

/** The longest ending of a word that is a known word of four letters or more, after a first part of three or more. */
export function knownHead(word: string, vocabulary: LookupVocabulary): string | null {
  for (let start = 3; start <= word.length - 4; start += 1) {
    const ending = word.slice(start);
    if (vocabulary.known.has(ending) && vocabulary.compounds.words.has(ending)) return ending;
  }
  return null;
}

export type LookupQuery = {
  /** The words to search for, in order; empty when the query had none (list everything). */
  text: string;
  /** The meaningful words before expansion, for tests and explanations. */
  kept: string[];
  /** Words left out, and why. */
  dropped: Array<{ word: string; reason: 'qualifier' | 'unknown' }>;
};

/** Meilisearch reads the first ten words of a query. */
const MAX_WORDS = 10;

/**
 * Turns a typed job title into the words that carry its meaning (see the module comment), most
 * important first: Meilisearch drops words from the end when nothing matches them all, so the
 * typed words that labels use come first, then the heads and parts of unknown compounds, then
 * synonyms. A last word that is complete is followed by a space: Meilisearch then matches it as a
 * word, not as the start of a longer one (".NET" is not "netwerk").
 */
export function analyseLookupQuery(query: string, vocabulary: LookupVocabulary): LookupQuery {
  const words = tokenise(query);
  const kept: string[] = [];
  const dropped: LookupQuery['dropped'] = [];
  const primary: string[] = [];
  const secondary: string[] = [];
  for (const word of words) {
    if (VACANCY_QUALIFIERS.has(word) || /^\p{N}+$/u.test(word)) {
      dropped.push({ word, reason: 'qualifier' });
      continue;
    }
    const synonyms = vocabulary.synonyms[word];
    if (synonyms) secondary.push(...synonyms);
    // One letter is an initial or a licence class, never an occupation word ("E-installaties").
    if (word.length === 1) {
      if (!synonyms) dropped.push({ word, reason: 'qualifier' });
      continue;
    }
    if (vocabulary.known.has(word)) {
      kept.push(word);
      primary.push(word);
      continue;
    }
    const parts = splitCompound(word, vocabulary.compounds);
    if (parts.length > 0) {
      kept.push(word);
      primary.push(...compoundOrder(parts, vocabulary));
      continue;
    }
    const head = knownHead(word, vocabulary);
    if (head) {
      kept.push(word);
      primary.push(head);
      continue;
    }
    if (synonyms) {
      kept.push(word);
      continue;
    }
    if (nearKnown(word, vocabulary)) {
      kept.push(word);
      primary.push(word);
      continue;
    }
    dropped.push({ word, reason: 'unknown' });
  }
  const ordered = [...new Set([...primary, ...secondary])].slice(0, MAX_WORDS);
  // Nothing known at all: search what was typed, Meilisearch may still find something.
  if (ordered.length === 0) return { text: words.slice(0, MAX_WORDS).join(' '), kept: [], dropped };
  const complete = vocabulary.known.has(ordered.at(-1)!);
  return { text: `${ordered.join(' ')}${complete ? ' ' : ''}`, kept, dropped };
}
