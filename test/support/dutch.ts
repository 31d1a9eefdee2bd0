/*
 * Finds English in what should be Dutch (REQUIREMENTS U2): for the catalogues of texts
 * (test/platform/dutch-text.test.ts) and every page a browser test visits (expectAccessible).
 */

/*
 * Common English words that are not also Dutch words (so no "is", "in", "of", "was", "had", "want",
 * "over", "late", "as", "at", "die", "door", "week"), and English codes the API uses (sectors, day
 * parts, factors) that must be shown in Dutch words instead.
 */
const ENGLISH = new Set(
  `the and or not must should would could will shall with without for from this that these those which what when where who why how
   your you our their are been being has have does did done cannot please expected received invalid missing required unknown found
   error number string boolean array object value values field fields weights weight sum sums total shift shifts early night day
   logistics cleaning hospitality care retail production construction maintenance green other rotation system hours minutes walk
   bike car travel public candidate candidates vacancy vacancies employer employers run runs step steps key keys input too
   large small big only one two three first last new old yes then than also just more less least most every each all any some such
   same between after before within about into under out off it its be by to were able unable skill skills needs need learn level
   evidence assessed motivated potential certificate licence license driving request response none nothing null undefined true false
   competencies competency motivation education wishes wish`.split(/\s+/),
);

/** Words of a text, without the technical tokens people type as they are. */
export function words(text: string): string[] {
  const plain = text
    .replace(/"[^"]*"|'[^']*'|`[^`]*`/g, ' ') // quoted values and field names
    .replace(/\bnpm run \S+/g, ' ') // commands
    .replace(/\S*[./_<>@:]\S*/g, ' ') // paths, MIME types, headers with a colon, e-mail addresses
    .replace(/\S*\d\S*/g, ' ') // ids and references with digits in them (a UUID's "…c3be-…" is no word "be")
    .replace(/\b[A-Z][A-Za-z]*-[A-Za-z-]+\b/g, ' '); // header names such as Content-Type
  return plain
    .split(/[^\p{L}-]+/u) // a hyphenated compound (e-bike) is one word
    .map((word) => word.replace(/^-+|-+$/g, ''))
    .filter((word) => word.length > 1 && !/^[A-Z0-9]+$/.test(word) && !/[a-z][A-Z]/.test(word)) // acronyms, camelCase identifiers
    .map((word) => word.toLowerCase());
}

export function englishIn(text: string): string[] {
  return words(text).filter((word) => ENGLISH.has(word));
}
