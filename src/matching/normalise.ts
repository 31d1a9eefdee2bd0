/*
 * Text normalisation shared by the reference matcher and the columnar ranker, so that both compare
 * labels, certificates, sectors and title words in exactly the same way.
 */

/*
 * Labels repeat endlessly (the same few hundred skills, sectors and certificates), and Unicode
 * normalisation is the reference matcher's most expensive step: remember recent results. Bounded, so
 * a long-running process cannot grow it without limit; the result never depends on the cache.
 */
const NORMALISED_CACHE_LIMIT = 20_000;

/**
 * `compute(key)`, remembered in `cache` (emptied when it is full). `compute` is a module-level
 * function, not a closure: these run for every comparison an explanation makes.
 */
function remembered<T>(cache: Map<string, T>, key: string, compute: (key: string) => T): T {
  let result = cache.get(key);
  if (result === undefined) {
    result = compute(key);
    if (cache.size >= NORMALISED_CACHE_LIMIT) cache.clear();
    cache.set(key, result);
  }
  return result;
}

const normalised = new Map<string, string>();
const normalise = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Lower-case, accents stripped, whitespace collapsed: "  VCA  Basis " and "vca basis" compare equal. */
export function normaliseText(text: string): string {
  return remembered(normalised, text, normalise);
}

/** The words of a text of three letters or more, normalised, without the stop words, each once (read-only: shared). */
function distinctWords(text: string, stopWords: ReadonlySet<string>, wordOf: (word: string) => string = (word) => word): readonly string[] {
  const words = normaliseText(text)
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length >= 3 && !stopWords.has(word))
    .map(wordOf);
  return Object.freeze([...new Set(words)]);
}

/*
 * Words that appear in many vacancy titles and wishes without saying what the work is; an overlap on
 * "medewerker" alone would make every wish match every title.
 */
const TITLE_STOP_WORDS = new Set([
  'medewerker',
  'medewerkers',
  'allround',
  'junior',
  'senior',
  'ervaren',
  'fulltime',
  'parttime',
  'met',
  'voor',
  'van',
  'het',
  'een',
  'der',
  'den',
  'and',
  'the',
]);

const titleWordLists = new Map<string, readonly string[]>();

/**
 * The distinctive words of a job title or a title wish (three letters or more, stop words left out),
 * each once. Remembered like normaliseText (every explanation asks for the vacancy's title and the
 * person's wishes); the array is shared, hence read-only.
 */
export function titleWords(title: string): readonly string[] {
  return remembered(titleWordLists, title, readTitleWords);
}
const readTitleWords = (title: string) => distinctWords(title, TITLE_STOP_WORDS);

/** Driving licence categories the matcher knows (the Dutch categories). */
export const LICENCE_CATEGORIES = ['AM', 'A', 'B', 'BE', 'C1', 'C', 'CE', 'D1', 'D', 'T'] as const;

/*
 * A higher category includes lower ones by law (CE needs C, which needs B; B includes AM in the
 * Netherlands). Profiles often record only the highest category, and excluding a CE driver from a
 * job that asks for B would be a wrong exclusion.
 */
const LICENCE_INCLUDES: Record<string, string[]> = {
  A: ['AM'],
  B: ['AM'],
  BE: ['B'],
  C1: ['B'],
  C: ['C1', 'B'],
  CE: ['C', 'BE'],
  D1: ['B'],
  D: ['D1', 'B'],
};

/** Normalises a licence category ("ce", " C E") to its canonical form ("CE"). */
export function normaliseLicence(category: string): string {
  return category.replace(/\s+/g, '').toUpperCase();
}

/** The categories a set of held licences covers, including those implied by law; unknown categories are ignored. */
export function coveredLicences(held: readonly string[]): Set<string> {
  const covered = new Set<string>();
  const visit = (category: string) => {
    if (covered.has(category) || !(LICENCE_CATEGORIES as readonly string[]).includes(category)) return;
    covered.add(category);
    for (const implied of LICENCE_INCLUDES[category] ?? []) visit(implied);
  };
  for (const category of held) visit(normaliseLicence(category));
  return covered;
}

/*
 * Words that say how or that something is done, not what: "heftruck rijden" and "bus rijden" share
 * no skill. Left out before competency words are compared.
 */
const COMPETENCY_STOP_WORDS = new Set([
  'met',
  'van',
  'de',
  'het',
  'een',
  'en',
  'in',
  'op',
  'voor',
  'aan',
  'te',
  'bij',
  'naar',
  'om',
  'of',
  'door',
  'als',
  'uit',
  'zelf',
  'eigen',
  'kunnen',
  'werken',
  'werk',
  'maken',
  'doen',
  'omgaan',
  'gebruiken',
  'houden',
  'zijn',
  'hebben',
  'goed',
  'veilig',
  'rijden',
  'besturen',
  'bedienen',
  'uitvoeren',
  'zorgen',
  'nemen',
  'geven',
  'volgens',
  'verschillende',
  'soorten',
  'andere',
  'eenvoudig',
  'eenvoudige',
]);

/**
 * A simple Dutch stem: plural and infinitive endings off (-en, -s, -er of a doer), a doubled final
 * consonant undone. Enough for "orders" ~ "order", "orderpicker" ~ "orderpicken", "zetten" ~ "zet".
 */
function stem(word: string): string {
  let result = word;
  if (result.length > 5 && result.endsWith('en')) result = result.slice(0, -2);
  else if (result.length > 5 && result.endsWith('er')) result = result.slice(0, -2);
  else if (result.length > 4 && result.endsWith('s')) result = result.slice(0, -1);
  if (result.length > 3 && /([bdfgklmnprst])\1$/.test(result)) result = result.slice(0, -1);
  return result;
}

const stemmed = new Map<string, readonly string[]>();

/**
 * The content stems of a competency label: normalised, stop words left out, stemmed, each once.
 * Remembered like normaliseText (an explanation asks for the same labels again and again); the
 * array is shared, hence read-only.
 */
export function competencyStems(label: string): readonly string[] {
  return remembered(stemmed, label, readStems);
}
const readStems = (label: string) => distinctWords(label, COMPETENCY_STOP_WORDS, stem);

/** Minimum length of a stem that may match as the head or tail of a compound. */
const MIN_COMPOUND_PART = 4;

/**
 * Two stems say the same thing: equal, or one is the head or tail of the other as a compound
 * ("heftruck" in "vorkheftruck", "order" in "orderpick").
 */
export function stemsMeet(a: string, b: string): boolean {
  if (a === b) return true;
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  return short.length >= MIN_COMPOUND_PART && (long.startsWith(short) || long.endsWith(short));
}

/**
 * Whether some stem of one label meets some stem of the other. Plain loops: it runs for every pair
 * of competences an explanation compares, and closures here were garbage on every call.
 */
export function wordsMeet(wanted: readonly string[], have: readonly string[]): boolean {
  for (const a of wanted) for (const b of have) if (stemsMeet(a, b)) return true;
  return false;
}
