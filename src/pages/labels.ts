/* Words and dates that every page area (werkplek, werkgever, mijn) writes the same way. */

import { joinList } from '../matching/matcher.messages.js';

/** The label of a code, or the code in words when a table does not know it. */
export const label = (labels: Record<string, string>, code: string) => labels[code] ?? code.replace(/_/g, ' ');

/** How well someone can do something (a competence's level, 1–4), in words. */
export const LEVEL_LABELS: Record<number, string> = { 1: 'beginner', 2: 'redelijk', 3: 'goed', 4: 'heel goed' };

/** Who someone is in Kansrijk (a page role), one and many. */
export const ROLE_LABELS: Record<string, string> = {
  account_manager: 'klantmanager',
  employer_relations: 'werkgeversdienstverlener',
  admin: 'beheerder',
  employer: 'werkgever',
  jobseeker: 'werkzoekende',
};
const ROLE_PLURALS: Record<string, string> = {
  account_manager: 'klantmanagers',
  employer_relations: 'werkgeversdienstverleners',
  admin: 'beheerders',
  employer: 'werkgevers',
  jobseeker: 'werkzoekenden',
};

/** Why a signed-in person may not open a page: who it is for, and who they are. */
export function roleRefusal(allowed: readonly string[], role: string): string {
  return `Deze pagina is alleen voor ${joinList(
    allowed.map((one) => label(ROLE_PLURALS, one)),
    'nl',
  )}. U bent ingelogd als ${label(ROLE_LABELS, role)}.`;
}

/** How someone travels, as a noun (mobility modes). */
export const TRAVEL_MODE_LABELS: Record<string, string> = {
  walk: 'lopen',
  bike: 'fiets',
  ebike: 'e-bike',
  moped: 'scooter',
  public_transport: 'openbaar vervoer',
  car: 'auto',
};

const DAY_FORMAT = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

/** A day (2026-12-03) or an instant as people write it, in Dutch time: "3 december 2026"; '' for none. */
export function dutchDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  if (value instanceof Date) return DAY_FORMAT.format(value);
  // A calendar day is that day wherever it is read: noon UTC is that day in Dutch time too.
  return DAY_FORMAT.format(/^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value));
}

/** The full stop after a name that ends a sentence: none when it has one already ("B.V.", not "B.V.."). */
export function fullStopAfter(text: string): string {
  return /[.!?]\s*$/.test(text) ? '' : '.';
}

/** A name at the end of a sentence, with its full stop (see fullStopAfter). */
export function endOfSentence(text: string): string {
  return `${text.trimEnd()}${fullStopAfter(text)}`;
}
