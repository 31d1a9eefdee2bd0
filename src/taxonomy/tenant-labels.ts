import { tokenise } from '../../search/dutch-text.js';
import type { LabelLanguage } from '../../search/taxonomy-index.js';

/*
 * A tenant's own Dutch labels and synonyms for taxonomy concepts (issue 13.3), applied on top of
 * the shared taxonomy: the search indexes stay the same for every tenant, and this layer, read per
 * request from the tenant's own rows, adds what the tenant wrote. Pure functions, no I/O.
 */

/** One tenant's words for one concept, as stored. */
export type TenantConceptLabel = { conceptUri: string; label: string | null; synonyms: string[] };

/** Where the shown label comes from: the taxonomy (ESCO or the demo), or the tenant's own. */
export type LabelSource = 'taxonomy' | 'tenant';

/** Anything with a label to show: a search hit, a skill of an occupation. */
type Labelled = { uri: string; label: string; labelLanguage: LabelLanguage };

/**
 * The label to show to this tenant: its own Dutch label where it has one (then the label is Dutch),
 * else the taxonomy's (Dutch, or English marked as such).
 */
export function withTenantLabel<T extends Labelled>(concept: T, labels: ReadonlyMap<string, TenantConceptLabel>): T & { labelSource: LabelSource } {
  const own = labels.get(concept.uri)?.label;
  if (own) return { ...concept, label: own, labelLanguage: 'nl', labelSource: 'tenant' };
  return { ...concept, labelSource: 'taxonomy' };
}

/** The tenant's rows by concept URI. */
export function labelsByUri(rows: readonly TenantConceptLabel[]): Map<string, TenantConceptLabel> {
  return new Map(rows.map((row) => [row.conceptUri, row]));
}

/**
 * How well one of the tenant's words (its label or a synonym) fits a text: every word of the entry
 * in the text ("heftruck rijden" in "heftruck rijden bij de bouwmarkt"), best; or every word of the
 * text the start of a word of the entry (typing "heftr" finds "heftruck rijden"). 0: no fit.
 * Words are compared normalised (case, diacritics, punctuation), not stemmed.
 */
export function entryFit(entry: string, text: string): number {
  const entryWords = tokenise(entry);
  const textWords = tokenise(text);
  if (entryWords.length === 0 || textWords.length === 0) return 0;
  const inText = new Set(textWords);
  if (entryWords.every((word) => inText.has(word))) return 2 + entryWords.length;
  if (textWords.every((word) => entryWords.some((candidate) => candidate.startsWith(word)))) return 1;
  return 0;
}

/**
 * The concepts the tenant's own words find for a text, best first: per concept the best fit of its
 * label and synonyms; ties by URI so that the order is stable.
 */
export function conceptsForText(text: string, rows: readonly TenantConceptLabel[]): string[] {
  const scored: Array<{ uri: string; fit: number }> = [];
  for (const row of rows) {
    const fit = Math.max(0, ...[row.label ?? '', ...row.synonyms].map((entry) => entryFit(entry, text)));
    if (fit > 0) scored.push({ uri: row.conceptUri, fit });
  }
  return scored.sort((a, b) => b.fit - a.fit || a.uri.localeCompare(b.uri)).map((entry) => entry.uri);
}

/**
 * Tidies what a tenant sends: words trimmed to single spaces, synonyms once each (compared
 * normalised) and never the same as the label.
 */
export function tidyTenantWords(body: { label: string | null; synonyms: readonly string[] }): { label: string | null; synonyms: string[] } {
  const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();
  const label = body.label === null ? null : tidy(body.label);
  const seen = new Set(label ? [tokenise(label).join(' ')] : []);
  const synonyms: string[] = [];
  for (const synonym of body.synonyms.map(tidy)) {
    const key = tokenise(synonym).join(' ');
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    synonyms.push(synonym);
  }
  return { label: label && label.length > 0 ? label : null, synonyms };
}
