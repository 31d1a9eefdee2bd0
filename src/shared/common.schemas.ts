import { z } from 'zod';
import { addRuleIssue } from '../lib/messages.js';

/** Ids are UUIDs (version 7, time-ordered). */
export const idSchema = z.uuid().describe('Identifier (UUID)');
export const idParamsSchema = z.strictObject({ id: idSchema });

/** Short single-line text, trimmed. */
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
/** Longer free text (descriptions, pitches), trimmed. */
export const longText = (max = 5000) => z.string().trim().min(1).max(max);

/** A calendar date, YYYY-MM-DD. */
export const dateSchema = z.iso.date().describe('Calendar date, YYYY-MM-DD');

/** ESCO occupation concept URI, e.g. http://data.europa.eu/esco/occupation/…; shared by all languages. */
export const escoOccupationUri = z
  .string()
  .max(200)
  .regex(/^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/, 'an ESCO occupation URI')
  .describe('ESCO occupation concept URI');
/** ESCO skill concept URI. */
export const escoSkillUri = z
  .string()
  .max(200)
  .regex(/^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/, 'an ESCO skill URI')
  .describe('ESCO skill concept URI');

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

export const limitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(25)
  .describe('Page size, 1–100 (default 25)');
export const cursorSchema = z
  .string()
  .max(200)
  .optional()
  .describe('Opaque cursor: the nextCursor of the previous page');

/** A page of items with the cursor of the next page (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Cursor of the next page; null on the last') });
