import type { Executor } from '../../db/client.js';
import { normaliseText } from '../../search/dutch-text.js';
import { withCuratedSynonyms } from '../../search/lookup-query.js';
import type { SearchContext } from '../../search/search-documents.js';
import { preferredLabel, taxonomySynonyms, taxonomyVocabulary } from '../../search/taxonomy-index.js';
import { pitchWarnings } from '../shortlists/protected-grounds.js';
import { taxonomyRepository } from '../taxonomy/taxonomy.repository.js';

/** How long a loaded context is used before it is reloaded (a taxonomy import may have run). */
const CONTEXT_TTL_MS = 10 * 60_000;

/** Builds the taxonomy's contribution to search documents and queries from Postgres. */
export async function loadSearchContext(db: Executor): Promise<SearchContext> {
  const repository = taxonomyRepository(db);
  const rows = await repository.occupationsForIndex();
  const vocabulary = taxonomyVocabulary(await repository.dutchLabels());
  const occupations = new Map(rows.map((row) => [row.uri, { label: preferredLabel(row).label, altLabels: row.altLabelsNl }]));
  const skills = new Map(
    (await repository.skillsForIndex()).flatMap((row) => (row.labelNl ? [[row.uri, { label: row.labelNl, altLabels: row.altLabelsNl }] as const] : [])),
  );
  return {
    vocabulary,
    occupations,
    skills,
    occupationByWord: occupationsByWord(rows),
    // The words that hold a pitch back (health, debts, benefits, protected grounds) keep an experience title out of the index.
    mayBePrivate: (text) => pitchWarnings([text]).length > 0,
    synonyms: withCuratedSynonyms(taxonomySynonyms(rows)),
  };
}

/** One-word Dutch labels (preferred and alternative) that name exactly one occupation. */
function occupationsByWord(rows: ReadonlyArray<{ uri: string; labelNl: string | null; altLabelsNl: readonly string[] }>): Map<string, string> {
  const byWord = new Map<string, string | null>();
  for (const row of rows) {
    for (const label of [row.labelNl ?? '', ...row.altLabelsNl]) {
      const word = normaliseText(label);
      if (word.length < 4 || /[^\p{L}]/u.test(word)) continue;
      byWord.set(word, byWord.has(word) && byWord.get(word) !== row.uri ? null : row.uri);
    }
  }
  return new Map([...byWord].filter((entry): entry is [string, string] => entry[1] !== null));
}

const cache = new WeakMap<object, { value: Promise<SearchContext>; loadedAt: number }>();

/**
 * The search context of a database, loaded once and then refreshed in the background when older
 * than ten minutes, so that neither a search nor a drain waits for a reload.
 */
export function cachedSearchContext(db: Executor, now: () => number = Date.now): Promise<SearchContext> {
  const entry = cache.get(db);
  const at = now();
  if (!entry) {
    const value = loadSearchContext(db);
    cache.set(db, { value, loadedAt: at });
    value.catch(() => cache.delete(db));
    return value;
  }
  if (at - entry.loadedAt > CONTEXT_TTL_MS) {
    entry.loadedAt = at;
    const reloaded = loadSearchContext(db);
    reloaded.then(
      () => cache.set(db, { value: reloaded, loadedAt: at }),
      () => undefined,
    );
  }
  return entry.value;
}
