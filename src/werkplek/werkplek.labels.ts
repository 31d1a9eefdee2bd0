/** Dutch words for codes shown on werkplek pages (B1). */
export const FACTOR_LABELS: Record<string, string> = {
  competencies: 'Vaardigheden',
  motivation: 'Motivatie',
  potential: 'Leervermogen',
  shifts: 'Diensten',
  hours: 'Uren',
  travel: 'Reistijd',
  workWishes: 'Wensen',
  education: 'Opleiding',
};

export const DAY_PART_LABELS: Record<string, string> = { early: 'vroege dienst', day: 'dagdienst', late: 'late dienst', night: 'nachtdienst' };

export const MODE_LABELS: Record<string, string> = {
  walk: 'lopen',
  bike: 'fiets',
  ebike: 'e-bike',
  moped: 'scooter',
  public_transport: 'openbaar vervoer',
  car: 'auto',
};

export const STATUS_LABELS: Record<string, string> = {
  active: 'actief',
  paused: 'gepauzeerd',
  placed: 'geplaatst',
  participation_route: 'participatieroute',
  draft: 'concept',
  open: 'open',
  filled: 'vervuld',
  closed: 'gesloten',
  sent: 'verstuurd',
};

export const label = (labels: Record<string, string>, code: string) => labels[code] ?? code;
