import { CANDIDATE_HIGHLIGHTS, HIGHLIGHT_POST, HIGHLIGHT_PRE, VACANCY_HIGHLIGHTS } from './search.requests.js';
import type { CandidateHit, VacancyHit } from './search.schemas.js';

/* Presenters: search hits → the shapes of the API, with highlights escaped. No I/O. */

/** A search hit as Meilisearch returns it. */
export type Document = Record<string, unknown>;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const integer = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);
const iso = (value: unknown): string => new Date(typeof value === 'number' ? value : 0).toISOString();

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The matched values of each highlighted field, escaped, with <mark> around the matched words. */
function highlightsOf(hit: Document, fields: readonly string[]): Record<string, string[]> {
  const formatted = (hit._formatted ?? {}) as Document;
  const highlights: Record<string, string[]> = {};
  for (const field of fields) {
    const value = formatted[field];
    const values = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    const marked = values
      .map(String)
      .filter((item) => item.includes(HIGHLIGHT_PRE))
      .map((item) => escapeHtml(item).replaceAll(HIGHLIGHT_PRE, '<mark>').replaceAll(HIGHLIGHT_POST, '</mark>'));
    if (marked.length > 0) highlights[field] = marked;
  }
  return highlights;
}

export function toCandidateHit(hit: Document): CandidateHit {
  const accountManagerId = text(hit.accountManagerId);
  return {
    id: String(hit.id),
    reference: String(hit.reference),
    name: String(hit.name),
    status: hit.status as CandidateHit['status'],
    accountManager: accountManagerId ? { id: accountManagerId, name: text(hit.accountManagerName) ?? '' } : null,
    municipality: text(hit.municipality),
    wishTitles: strings(hit.wishTitles),
    wishOccupations: strings(hit.wishOccupations),
    wishSectors: strings(hit.wishSectors),
    competencies: strings(hit.competencies),
    experience: strings(hit.experience),
    volunteering: strings(hit.volunteering),
    dayParts: strings(hit.dayParts),
    nights: hit.nights === true,
    weekends: hit.weekends === true,
    hoursNow: integer(hit.hoursNow),
    hoursTarget: integer(hit.hoursTarget),
    mobilityModes: strings(hit.mobilityModes),
    drivingLicences: strings(hit.drivingLicences),
    certificates: strings(hit.certificates),
    updatedAt: iso(hit.updatedAt),
    highlights: highlightsOf(hit, CANDIDATE_HIGHLIGHTS),
  };
}

export function toVacancyHit(hit: Document): VacancyHit {
  return {
    id: String(hit.id),
    title: String(hit.title),
    occupation: text(hit.occupation),
    employer: { id: String(hit.employerId), name: String(hit.employerName) },
    sector: String(hit.sector),
    city: String(hit.city),
    municipality: text(hit.municipality),
    status: hit.status as VacancyHit['status'],
    dayParts: strings(hit.dayParts),
    nightWork: hit.nightWork === true,
    weekendWork: hit.weekendWork === true,
    hoursPerWeek: { min: integer(hit.hoursMin) ?? 0, max: integer(hit.hoursMax) ?? 0 },
    rampUpFromHours: integer(hit.rampUpFromHours),
    contractType: String(hit.contractType),
    positions: integer(hit.positions) ?? 1,
    startDate: text(hit.startDate),
    competencies: strings(hit.competencies),
    support: strings(hit.support),
    updatedAt: iso(hit.updatedAt),
    highlights: highlightsOf(hit, VACANCY_HIGHLIGHTS),
  };
}
