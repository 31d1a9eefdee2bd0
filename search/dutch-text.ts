/*
 * Dutch text helpers for search. Meilisearch neither splits Dutch compounds ("chauffeur" does not
 * find "heftruckchauffeur") nor applies synonyms inside words, so the application does both: it
 * normalises text, splits compounds into parts it knows from a vocabulary (built from the labels
 * it indexes), indexes those parts as an extra field and expands queries the same way.
 * Pure functions, no I/O: the taxonomy, candidate and vacancy searches share them.
 */

/** Lower-case, without diacritics (é → e, ë → e), single spaces, trimmed. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a text, normalised; hyphens, slashes and punctuation separate words. */
export function tokenise(text: string): string[] {
  return normaliseText(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * Words that are never a part of a compound on their own: articles, prepositions and prefixes.
 * Without them "medewerker" would split into mede + werker and "voorman" into voor + man.
 */
const NOT_A_PART = new Set([
  'aan',
  'achter',
  'af',
  'bij',
  'de',
  'den',
  'der',
  'des',
  'die',
  'door',
  'een',
  'en',
  'het',
  'her',
  'in',
  'met',
  'mede',
  'na',
  'naar',
  'niet',
  'of',
  'om',
  'onder',
  'ont',
  'op',
  'over',
  'tot',
  'te',
  'ter',
  'toe',
  'uit',
  'van',
  'ver',
  'voor',
  'wel',
  'zelf',
  'ten',
  'oud',
  'and',
  'for',
  'the',
  'non',
  'pre',
  'sub',
]);

/**
 * Parts of work-related compounds that labels rarely use as a word of their own, so that
 * "heftruckchauffeur", "magazijnmedewerker" or "schoonmaakmedewerker" split even when the
 * taxonomy never writes "heftruck" or "schoonmaak" apart.
 */
export const DUTCH_COMPOUND_SEEDS: readonly string[] = [
  // heads (what someone is)
  'chauffeur',
  'bestuurder',
  'bestuurster',
  'medewerker',
  'medewerkster',
  'monteur',
  'schoonmaker',
  'verkoper',
  'verkoopster',
  'hulp',
  'assistent',
  'operator',
  'kok',
  'koerier',
  'bezorger',
  'sorteerder',
  'inpakker',
  'picker',
  'verzorgende',
  'begeleider',
  'kassier',
  'vuller',
  'hovenier',
  'kweker',
  'lasser',
  'inspecteur',
  'controleur',
  'leider',
  'leidster',
  'werker',
  'knecht',
  'helper',
  'bediener',
  'planner',
  'machinist',
  'schilder',
  'timmerman',
  'bakker',
  'slager',
  'kapper',
  'beveiliger',
  'conducteur',
  'steward',
  'ober',
  'serveerster',
  'receptionist',
  // modifiers (what the work is about)
  'heftruck',
  'vorkheftruck',
  'reachtruck',
  'vrachtwagen',
  'bestelwagen',
  'bus',
  'taxi',
  'tractor',
  'magazijn',
  'productie',
  'schoonmaak',
  'glazen',
  'ramen',
  'kantoor',
  'keuken',
  'afwas',
  'horeca',
  'zorg',
  'thuiszorg',
  'huishoud',
  'huishoudelijk',
  'pakket',
  'post',
  'order',
  'logistiek',
  'transport',
  'expeditie',
  'verkoop',
  'winkel',
  'kassa',
  'vakken',
  'groen',
  'tuin',
  'kwekerij',
  'machine',
  'metaal',
  'las',
  'kwaliteit',
  'inpak',
  'lijn',
  'ziekenhuis',
  'hotel',
  'kamer',
  'facilitair',
  'voedsel',
  'levensmiddelen',
  'bouw',
  'verhuis',
];

/** Words known to be whole Dutch words, for splitting compounds. */
export type CompoundVocabulary = {
  words: ReadonlySet<string>;
  /** Parts shorter than this are not split off (3: kok, bus). */
  minPartLength: number;
};

/**
 * Builds the vocabulary from labels (e.g. every Dutch occupation and skill label with its
 * alternatives): every word of three letters or more that is not a prefix or preposition,
 * plus the seeds above.
 */
export function buildCompoundVocabulary(
  labels: Iterable<string>,
  { seeds = DUTCH_COMPOUND_SEEDS, minPartLength = 3 }: { seeds?: readonly string[]; minPartLength?: number } = {},
): CompoundVocabulary {
  const words = new Set<string>();
  const add = (word: string) => {
    if (word.length >= minPartLength && !NOT_A_PART.has(word) && !/^\p{N}+$/u.test(word)) words.add(word);
  };
  for (const seed of seeds) add(normaliseText(seed));
  for (const label of labels) for (const word of tokenise(label)) add(word);
  return { words, minPartLength };
}

/** Dutch may link the parts of a compound with an -s- (bedrijf-s-leider, onderhoud-s-monteur). */
const LINKING_LETTERS: readonly string[] = ['s'];

/** Splits remembered per vocabulary; bounded, since query words come from users. */
const SPLIT_CACHE_LIMIT = 50_000;

const splitCache = new WeakMap<CompoundVocabulary, Map<string, string[]>>();

/**
 * Fewer parts first; between equals, the split whose shortest part is longest: heftruck + chauffeur
 * rather than hef + truckchauffeur (short parts are where false splits come from).
 */
function better(candidate: string[], choice: string[] | undefined): boolean {
  if (!choice) return true;
  if (candidate.length !== choice.length) return candidate.length < choice.length;
  const shortest = (parts: string[]) => Math.min(...parts.map((part) => part.length));
  return shortest(candidate) > shortest(choice);
}

/**
 * Splits one word into the fewest known parts (at least two), e.g. heftruckchauffeur →
 * [heftruck, chauffeur], bedrijfsleider → [bedrijf, leider]. A word that is no known compound
 * gives []. The last part is the head noun (Dutch compounds are right-headed).
 */
export function splitCompound(word: string, vocabulary: CompoundVocabulary): string[] {
  let cache = splitCache.get(vocabulary);
  if (!cache) {
    cache = new Map();
    splitCache.set(vocabulary, cache);
  }
  const cached = cache.get(word);
  if (cached) return cached;

  const { words, minPartLength } = vocabulary;
  const n = word.length;
  // Ways to go on after a part that ends at j: the next part, or a linking letter and then it.
  const restsAfter = (j: number, cover: Array<string[] | undefined>) => {
    const rests = [cover[j]];
    if (j < n - 1 && LINKING_LETTERS.includes(word[j]!)) rests.push(cover[j + 1]);
    return rests.filter((rest): rest is string[] => rest !== undefined && (rest.length > 0 || j === n));
  };
  // cover[i]: the fewest known parts that make up word[i..]; undefined when there are none.
  const cover = new Array<string[] | undefined>(n + 1);
  cover[n] = [];
  for (let i = n - minPartLength; i >= 0; i -= 1) {
    for (let j = i + minPartLength; j <= n; j += 1) {
      const part = word.slice(i, j);
      if (!words.has(part)) continue;
      for (const rest of restsAfter(j, cover)) {
        const candidate = [part, ...rest];
        if (better(candidate, cover[i])) cover[i] = candidate;
      }
    }
  }
  // The word itself may be in the vocabulary (it is a label word); still look for two or more parts.
  let result: string[] | undefined;
  for (let j = minPartLength; j <= n - minPartLength; j += 1) {
    const part = word.slice(0, j);
    if (!words.has(part)) continue;
    for (const rest of restsAfter(j, cover)) {
      if (rest.length === 0) continue;
      const candidate = [part, ...rest];
      if (better(candidate, result)) result = candidate;
    }
  }
  if (cache.size >= SPLIT_CACHE_LIMIT) cache.clear();
  cache.set(word, result ?? []);
  return result ?? [];
}

/**
 * Every compound part in a text, nested parts included (vorkheftruckbestuurder → vorkheftruck,
 * bestuurder, and vorkheftruck's own parts when known); unique, in order of appearance.
 */
export function compoundParts(text: string, vocabulary: CompoundVocabulary): string[] {
  const parts = new Set<string>();
  const visit = (word: string, depth: number) => {
    if (depth > 4) return;
    for (const part of splitCompound(word, vocabulary)) {
      if (parts.has(part)) continue;
      parts.add(part);
      visit(part, depth + 1);
    }
  };
  for (const word of tokenise(text)) visit(word, 0);
  return [...parts];
}

/**
 * A query, normalised, and the same query with its compounds replaced by their parts
 * ("reachtruckmedewerker" → "reachtruck medewerker"); `expanded` is null when nothing splits.
 */
export function expandQuery(query: string, vocabulary: CompoundVocabulary): { normalised: string; expanded: string | null } {
  const words = tokenise(query);
  let changed = false;
  const expandedWords = words.flatMap((word) => {
    const parts = splitCompound(word, vocabulary);
    if (parts.length === 0) return [word];
    changed = true;
    return parts;
  });
  return { normalised: words.join(' '), expanded: changed ? expandedWords.join(' ') : null };
}

/**
 * Meilisearch synonyms from groups of labels that name one concept (a preferred label and its
 * alternatives): every one-word label maps to the other one-word labels of its group.
 * Words that name more than one concept are left out, so that no query is steered to one of them;
 * groups are capped, so that a query never fans out to dozens of words.
 */
export function synonymsFromLabelGroups(groups: Iterable<readonly string[]>, { maxGroupSize = 12 }: { maxGroupSize?: number } = {}): Record<string, string[]> {
  const wordGroups: string[][] = [];
  const seen = new Map<string, number>();
  for (const labels of groups) {
    const words = [...new Set(labels.map(normaliseText).filter((label) => label.length > 0 && !/[^\p{L}\p{N}]/u.test(label)))];
    if (words.length < 2) continue;
    wordGroups.push(words.slice(0, maxGroupSize));
    for (const word of words) seen.set(word, (seen.get(word) ?? 0) + 1);
  }
  const synonyms: Record<string, string[]> = {};
  for (const words of wordGroups) {
    const unambiguous = words.filter((word) => seen.get(word) === 1);
    if (unambiguous.length < 2) continue;
    for (const word of unambiguous) synonyms[word] = unambiguous.filter((other) => other !== word);
  }
  return synonyms;
}
