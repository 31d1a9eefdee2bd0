import { z } from 'zod';
import { addRuleIssue } from './messages.js';

/** Ids are UUIDs (version 7, time-ordered). */
export const idSchema = z.uuid().describe('Identifier (UUID)');
export const idParamsSchema = z.strictObject({ id: idSchema });

/** Short single-line text, trimmed. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
/** Longer free text (descriptions, pitches), trimmed. */
export const longText = (max = 5000) => z.string().trim().min(1).max(max);

/** A calendar date, YYYY-MM-DD. */
export const dateSchema = z.iso.date().describe('Calendar date, YYYY-MM-DD');

/** Where taxonomy concepts live: ESCO's own URIs, or the project's small demo taxonomy (its own namespace). */
export const ESCO_BASE = 'http://data.europa.eu/esco/';
export const DEMO_TAXONOMY_BASE = 'https://taxonomy.kansrijk.example/';
const conceptUri = (kind: 'occupation' | 'skill') =>
  new RegExp(`^(http://data\\.europa\\.eu/esco|https://taxonomy\\.kansrijk\\.example)/${kind}/[0-9a-f-]{36}$`);

/** Occupation concept URI: ESCO's (http://data.europa.eu/esco/occupation/…) or the demo taxonomy's. */
export const escoOccupationUri = z
  .string()
  .max(200)
  .regex(conceptUri('occupation'), 'an ESCO occupation URI')
  .describe('Occupation concept URI (ESCO, or the demo taxonomy when ESCO is not imported)');
/** Skill concept URI: ESCO's or the demo taxonomy's. */
export const escoSkillUri = z
  .string()
  .max(200)
  .regex(conceptUri('skill'), 'an ESCO skill URI')
  .describe('Skill concept URI (ESCO, or the demo taxonomy when ESCO is not imported)');

/**
 * A competence in the person's (or employer's) own words is linked to a concept by staff: they
 * confirm a suggested concept (skillUri) or keep the words without one (keptFree). The words stay.
 */
export const keptFreeSchema = z
  .boolean()
  .optional()
  .describe('Staff looked at the suggested concepts and kept the words without one (no more suggestions); ignored when skillUri is set');

/** Hours per week, as a range. */
export const hoursRangeSchema = z
  .strictObject({
    min: z.int().min(1).max(48).describe('Fewest hours per week'),
    max: z.int().min(1).max(48).describe('Most hours per week'),
  })
  .superRefine((hours, ctx) => {
    if (hours.min > hours.max) addRuleIssue(ctx, ['min'], 'hours.min_above_max');
  });

/** Dutch postcode: PC4 ("5038") or PC6 ("5038 AB", "5038AB"). */
export const postcodeSchema = z
  .string()
  .trim()
  .max(8)
  .transform((value, ctx) => {
    const match = /^([1-9][0-9]{3})\s?([A-Za-z]{2})?$/.exec(value);
    if (!match || (match[2] && /^(SA|SD|SS)$/i.test(match[2]))) {
      addRuleIssue(ctx, [], 'postcode.invalid');
      return z.NEVER;
    }
    return { pc4: match[1]!, letters: match[2]?.toUpperCase() ?? null };
  })
  .describe('Dutch postcode: 4 digits, optionally followed by 2 letters');

export const limitSchema = z.coerce.number().int().min(1).max(100).default(25).describe('Page size, 1–100 (default 25)');
export const cursorSchema = z.string().max(200).optional().describe('Opaque cursor: the nextCursor of the previous page');

/** A page of items with the cursor of the next page (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Cursor of the next page; null on the last') });
