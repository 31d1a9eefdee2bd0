import type { DayPart, Weekday } from '../schemas/schedule.js';
import { DAY_PARTS, WEEKDAYS } from '../schemas/schedule.js';
import { dayPartList, EVIDENCE_LABELS, weekdayList } from '../werkgever/werkgever.labels.js';

/*
 * The demo's pitches (issue 15.6), written from the person's own profile as a klantmanager would:
 * what they did and can (with how the Werkplein knows it), what the intake saw about learning and
 * motivation when it speaks for them, and a start plan whose hours are the person's hours plan (now,
 * the steps of the ramp-up, the target) with the days and shifts they can work. Never barriers,
 * health, debts, benefits or care at home: those stay with the Werkplein (REQUIREMENTS P9). Pure.
 */

export type PitchPerson = {
  hoursNow: number | null;
  hoursTarget: number | null;
  rampUpPlan: number[] | null;
  availability: Partial<Record<Weekday, DayPart[]>> | null;
  competencies: Array<{ label: string; level: number; evidence: string }>;
  experience: Array<{ kind: string; title: string; months?: number | undefined }>;
  certificates: string[];
  motivation: { score: number; evidence: string } | null;
  potential: { score: number; evidence: string } | null;
};

export type PitchVacancy = { hoursMin: number; hoursMax: number; rampUpFromHours: number | null };
export type Pitch = { strengths: string; support: string; startPlan: string };

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const and = (items: string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items.at(-1)}`);
const duration = (months: number) => (months < 12 ? `${months} maanden` : months < 24 ? 'ruim een jaar' : `${Math.floor(months / 12)} jaar`);

/** The steps of the person's hours plan: now, the ramp-up steps, the target; ascending, no repeats. */
export function hoursSteps(person: Pick<PitchPerson, 'hoursNow' | 'hoursTarget' | 'rampUpPlan'>): number[] {
  if (person.hoursNow === null) return [];
  const plan = person.rampUpPlan && person.rampUpPlan.length > 1 ? person.rampUpPlan : [person.hoursNow];
  const steps = [person.hoursNow, ...plan, ...(person.hoursTarget !== null ? [person.hoursTarget] : [])];
  return [...new Set(steps)].filter((hours) => hours >= person.hoursNow!).sort((a, b) => a - b);
}

function hoursText(person: PitchPerson, vacancy: PitchVacancy): string {
  const steps = hoursSteps(person);
  if (steps.length === 0) return 'Het aantal uren bespreekt het Werkplein graag met u.';
  const [first, ...later] = steps as [number, ...number[]];
  let text =
    later.length === 0
      ? `Kan ${first} uur per week werken.`
      : `Begint met ${first} uur per week en bouwt dat op: ${later.map((hours, index) => `${index === 0 ? 'eerst naar' : 'daarna'} ${hours} uur`).join(', ')}.`;
  const last = steps.at(-1)!;
  if (first < vacancy.hoursMin && vacancy.rampUpFromHours !== null && first >= vacancy.rampUpFromHours)
    text += ' Dat past bij uw mogelijkheid om met minder uren te beginnen.';
  else if (last < vacancy.hoursMin) text += ' Dat is minder dan de vacature vraagt: bespreek gerust met ons of dat kan.';
  return text;
}

function availabilityText(availability: PitchPerson['availability']): string {
  if (!availability) return '';
  // Group weekdays that have the same day parts: "maandag t/m vrijdag: vroege dienst en dagdienst".
  const groups = new Map<string, Weekday[]>();
  for (const day of WEEKDAYS) {
    const parts = DAY_PARTS.filter((part) => availability[day]?.includes(part));
    if (parts.length === 0) continue;
    const key = parts.join(',');
    groups.set(key, [...(groups.get(key) ?? []), day]);
  }
  if (groups.size === 0) return '';
  const lines = [...groups.entries()].map(([key, days]) => `${weekdayList(days)} (${dayPartList(key.split(',') as DayPart[])})`);
  return ` Kan werken op ${and(lines)}.`;
}

/** The pitch of one person for one vacancy. `position` (0, 1, 2 …) varies the wording of the support line on a list. */
export function demoPitch(person: PitchPerson, vacancy: PitchVacancy, position: number): Pitch {
  const parts: string[] = [];
  const work = person.experience.filter((item) => item.kind === 'paid' || item.kind === 'volunteer').sort((a, b) => (b.months ?? 0) - (a.months ?? 0))[0];
  if (work)
    parts.push(
      `${work.kind === 'volunteer' ? 'Vrijwilligerswerk' : 'Werkervaring'}: ${lower(work.title.replace(': ', ', '))}${work.months ? ` (${duration(work.months)})` : ''}.`,
    );
  const strong = [...person.competencies].sort((a, b) => b.level - a.level || a.label.localeCompare(b.label)).slice(0, 2);
  if (strong.length > 0) parts.push(`Goed in: ${and(strong.map((item) => `${item.label} (${EVIDENCE_LABELS[item.evidence] ?? 'volgens het Werkplein'})`))}.`);
  if (person.certificates.length > 0) parts.push(`Certificaten: ${person.certificates.join(', ')}.`);
  if (person.potential && person.potential.score >= 3) parts.push(sentence(person.potential.evidence));
  if (person.motivation && person.motivation.score >= 4) parts.push(sentence(person.motivation.evidence));
  if (parts.length === 0) parts.push('Wil graag beginnen en leert het werk op de werkvloer.');

  const support =
    person.potential && person.potential.score <= 2
      ? 'Leert het best met voorbeelden en in een eigen tempo. Een vaste collega de eerste weken helpt om goed mee te draaien.'
      : [
          'Een vaste collega de eerste weken helpt om snel mee te draaien.',
          'Een korte inwerkperiode met uitleg op de werkvloer is genoeg.',
          'Het Werkplein blijft de eerste maanden in contact met u en met de kandidaat.',
        ][position % 3]!;

  return { strengths: parts.join(' '), support, startPlan: `${hoursText(person, vacancy)}${availabilityText(person.availability)}` };
}
