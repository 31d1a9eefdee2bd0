import { sql } from 'drizzle-orm';
import t from 'tap';
import { demoPitch, hoursSteps, type PitchPerson } from '../../src/demo/demo-pitches.js';
import { createTestDatabase, demoSeed } from '../support/harness.js';

/*
 * Issue 15.6: the demo's pitches are written from each person's own data, as a klantmanager would.
 * Every hour in a pitch is a step of that person's hours plan (now, ramp-up, target), the plan
 * starts at the hours they can work now, and no two pitches on one shortlist are the same.
 */

/** The numbers of "… 16 uur …" in a text. */
const hoursIn = (text: string) => [...text.matchAll(/(\d+) uur/g)].map((match) => Number(match[1]));

t.test('a pitch follows the person’s hours plan, not the vacancy’s', async (t) => {
  const person: PitchPerson = {
    hoursNow: 8,
    hoursTarget: 24,
    rampUpPlan: [8, 16, 24],
    availability: { mon: ['day'], tue: ['day'], wed: ['day'], thu: ['day'], fri: ['day'] },
    competencies: [{ label: 'orders verzamelen', level: 3, evidence: 'observed' }],
    experience: [{ kind: 'paid', title: 'Magazijnmedewerker via uitzendbureau', months: 30 }],
    certificates: [],
    motivation: { score: 4, evidence: 'Zoekt zelf vacatures en vraagt door over het werk.' },
    potential: null,
  };
  const pitch = demoPitch(person, { hoursMin: 24, hoursMax: 40, rampUpFromHours: 8 }, 0);
  t.same(hoursIn(pitch.startPlan), [8, 16, 24], 'begins at 8, then 16, then 24: never the vacancy’s 40');
  t.match(
    pitch.startPlan,
    /^Begint met 8 uur per week en bouwt dat op: eerst naar 16 uur, daarna 24 uur\. Dat past bij uw mogelijkheid om met minder uren te beginnen\./,
  );
  t.match(pitch.startPlan, /Kan werken op maandag t\/m vrijdag \(dagdienst\)\./);
  t.match(
    pitch.strengths,
    /^Werkervaring: magazijnmedewerker via uitzendbureau \(2 jaar\)\. Goed in: orders verzamelen \(gezien door het Werkplein\)\. Zoekt zelf vacatures/,
  );
  t.same(
    hoursIn(demoPitch({ ...person, hoursNow: 32, hoursTarget: 32, rampUpPlan: [] }, { hoursMin: 24, hoursMax: 40, rampUpFromHours: null }, 0).startPlan),
    [32],
  );
  t.same(hoursSteps({ hoursNow: 12, hoursTarget: 20, rampUpPlan: null }), [12, 20], 'a target without steps');
  t.match(
    demoPitch({ ...person, hoursNow: 12, hoursTarget: 12, rampUpPlan: [] }, { hoursMin: 32, hoursMax: 38, rampUpFromHours: null }, 0).startPlan,
    /minder dan de vacature vraagt/,
  );
});

t.test('every pitch of the seeded demo agrees with the person, and no two on a shortlist are the same', async (t) => {
  const database = await createTestDatabase(t, { demo: true });
  const { tenantId } = await demoSeed();
  const entries = await database.db.execute<{
    shortlistId: string;
    reference: string;
    strengths: string | null;
    support: string | null;
    startPlan: string | null;
    hoursNow: number | null;
    hoursTarget: number | null;
    rampUpPlan: number[] | null;
  }>(sql`
    select sc.shortlist_id::text as "shortlistId", c.reference, sc.pitch_strengths as strengths, sc.pitch_support as support, sc.pitch_start_plan as "startPlan",
           p.hours_now as "hoursNow", p.hours_target as "hoursTarget", p.ramp_up_plan as "rampUpPlan"
      from shortlist_candidates sc
      join candidates c on c.tenant_id = sc.tenant_id and c.id = sc.candidate_id
      left join candidate_profiles p on p.tenant_id = sc.tenant_id and p.candidate_id = sc.candidate_id
     where sc.tenant_id = ${tenantId}`);
  t.ok(entries.rows.length >= 40, `${entries.rows.length} pitches`);
  const wrong: string[] = [];
  for (const entry of entries.rows) {
    const plan = hoursSteps(entry);
    const said = hoursIn(`${entry.strengths ?? ''} ${entry.support ?? ''} ${entry.startPlan ?? ''}`);
    if (!entry.startPlan) wrong.push(`${entry.reference}: no start plan`);
    else if (said.some((hours) => !plan.includes(hours)) || said[0] !== entry.hoursNow)
      wrong.push(`${entry.reference}: plan ${plan.join(' → ')}, pitch says "${entry.startPlan}"`);
  }
  t.same(wrong, [], 'every hour in a pitch is a step of the person’s own hours plan, starting at the hours they can work now');

  const byList = new Map<string, string[]>();
  for (const entry of entries.rows)
    byList.set(entry.shortlistId, [...(byList.get(entry.shortlistId) ?? []), JSON.stringify([entry.strengths, entry.support, entry.startPlan])]);
  const repeated = [...byList.entries()].filter(([, pitches]) => new Set(pitches).size < pitches.length).map(([id]) => id);
  t.same(repeated, [], 'no shortlist has two identical pitches');
  const strengths = [...byList.keys()].filter((id) => {
    const texts = entries.rows.filter((entry) => entry.shortlistId === id).map((entry) => entry.strengths);
    return new Set(texts).size < texts.length;
  });
  t.same(strengths, [], 'not even two identical descriptions of what people can');
});
