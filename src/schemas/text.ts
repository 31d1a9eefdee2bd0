/*
 * What text Kansrijk accepts anywhere in a request. PostgreSQL refuses U+0000 in text (a 500 when
 * it reached the database), and other control characters are invisible in every screen and mail
 * that shows them, so they are refused at the door: every string, in every schema, by the
 * validator (src/http/validation.ts). Newline and tab are text; a carriage return only as part of
 * a CRLF line break (browsers send textareas that way).
 */

/** A control character that is not text: C0 except tab and newline, a lone CR, DEL and C1. */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;

/** The same rule as a JSON Schema pattern for the API document: text without control characters. */
export const PLAIN_TEXT_PATTERN = '^(?:[^\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F]|\\r\\n)*$';

/** JSON pointers (as path arrays) to every string, or object key, in `value` with a control character. */
export function findControlCharacters(value: unknown, path: (string | number)[] = [], found: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value)) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => findControlCharacters(item, [...path, index], found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (CONTROL_CHARACTER.test(key)) found.push([...path, key]);
      else findControlCharacters(item, [...path, key], found);
    }
  }
  return found;
}
