import type { DayPart, Weekday } from '../schemas/schedule.js';

/* Dutch words (B1, spoken to the person: "u") for the codes the jobseeker's own pages show. */

export const DAY_PART_LABELS: Record<DayPart, string> = {
  early: 'vroeg (ongeveer 6 tot 14 uur)',
  day: 'overdag (ongeveer 8.30 tot 17 uur)',
  late: 'laat (ongeveer 14 tot 22 uur)',
  night: 'nacht (ongeveer 22 tot 6 uur)',
};
export const DAY_PART_SHORT: Record<DayPart, string> = { early: 'vroeg', day: 'overdag', late: 'laat', night: 'nacht' };

export const WEEKDAY_LABELS: Record<Weekday, string> = {
  mon: 'maandag',
  tue: 'dinsdag',
  wed: 'woensdag',
  thu: 'donderdag',
  fri: 'vrijdag',
  sat: 'zaterdag',
  sun: 'zondag',
};

/** Where the Werkplein knows a competence from. */
export const EVIDENCE_LABELS: Record<string, string> = {
  self_reported: 'dit vertelde u zelf',
  observed: 'dit zag het Werkplein',
  work_experience: 'uit uw werk',
  volunteer_work: 'uit uw vrijwilligerswerk',
  certificate: 'u hebt er een certificaat voor',
};

export { LEVEL_LABELS } from '../pages/labels.js';

export const EXPERIENCE_LABELS: Record<string, string> = {
  paid: 'betaald werk',
  volunteer: 'vrijwilligerswerk',
  informal: 'hulp aan anderen',
  care: 'mantelzorg',
};

export const SECTOR_LABELS: Record<string, string> = {
  logistics: 'logistiek (magazijn, transport)',
  production: 'productie en fabriek',
  cleaning: 'schoonmaak',
  hospitality: 'horeca',
  care: 'zorg',
  retail: 'winkel',
  green_maintenance: 'groen (tuinen, parken)',
  construction: 'bouw',
  other: 'iets anders',
};

/** Who does an agreed action. */
export const OWNER_LABELS: Record<string, string> = { candidate: 'u zelf', account_manager: 'uw klantmanager', partner: 'een andere organisatie' };

/** The life area an agreed action is about, in neutral words. */
export const DOMAIN_LABELS: Record<string, string> = {
  health: 'gezondheid',
  finances: 'geld',
  childcare: 'kinderopvang',
  housing: 'wonen',
  language: 'taal',
  digital_skills: 'computer en internet',
  mobility: 'vervoer',
  care_duties: 'zorg voor anderen',
};

export const PROPOSAL_STATUS_LABELS: Record<string, string> = { pending: 'wacht op uw klantmanager', accepted: 'aangepast', rejected: 'niet aangepast' };

export { dutchDate, label, TRAVEL_MODE_LABELS as TRAVEL_LABELS } from '../pages/labels.js';
