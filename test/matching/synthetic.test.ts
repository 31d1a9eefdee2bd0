import t from 'tap';
import { haversineKm } from '../../src/matching/travel.js';
import { REGION_CENTRE, generateCandidates, generateVacancies, syntheticSkillGraph } from '../../bench/synthetic.js';
import { SKILL_BY_LABEL, SYNTHETIC_OCCUPATIONS, SYNTHETIC_SKILLS } from '../../bench/synthetic.vocabulary.js';

t.test('the same seed gives the same population, another seed another', async (t) => {
  // Compared as JSON: tap's structural diff is slow on thousands of nested values.
  const population = (seed: number) => JSON.stringify(generateCandidates({ size: 200, seed }));
  t.equal(population(5), population(5));
  t.not(population(5), population(6));
  t.equal(JSON.stringify(generateVacancies({ count: 10, seed: 1 })), JSON.stringify(generateVacancies({ count: 10, seed: 1 })));
});

t.test('the population has the documented shape', async (t) => {
  const candidates = generateCandidates({ size: 5000, seed: 3 });
  const share = (test: (candidate: (typeof candidates)[number]) => boolean) => candidates.filter(test).length / candidates.length;
  t.equal(new Set(candidates.map((candidate) => candidate.id)).size, 5000, 'unique ids');
  t.ok(
    candidates.every((candidate) => haversineKm(REGION_CENTRE, candidate.home) <= 25),
    'homes within 25 km of Tilburg',
  );
  const homes = new Set(candidates.map((candidate) => `${candidate.home.latitude},${candidate.home.longitude}`)).size;
  t.ok(homes > 50 && homes <= 110, `homes are PC4 centres (${homes})`);
  const between = (value: number, low: number, high: number, what: string) => t.ok(value >= low && value <= high, `${what}: ${value.toFixed(3)}`);
  between(
    share((candidate) => candidate.mobility.modes.includes('bike')),
    0.5,
    0.6,
    'bike',
  );
  between(
    share((candidate) => candidate.mobility.modes.includes('public_transport')),
    0.2,
    0.3,
    'public transport',
  );
  between(
    share((candidate) => candidate.mobility.modes.includes('car')),
    0.31,
    0.39,
    'car',
  );
  t.ok(
    candidates.every((candidate) => !candidate.mobility.modes.includes('car') || candidate.drivingLicences.includes('B')),
    'car only with licence B',
  );
  between(
    share((candidate) => candidate.motivation === null),
    0.12,
    0.18,
    'motivation not assessed',
  );
  between(
    share((candidate) => candidate.openConditions.length > 0),
    0.17,
    0.23,
    'open conditions',
  );
  t.ok(
    candidates.every((candidate) => candidate.hours.now <= candidate.hours.target && candidate.hours.now >= 8 && candidate.hours.target <= 40),
    'hours 8–40',
  );
  const distinctSkills = new Set(candidates.flatMap((candidate) => candidate.competencies.map((competency) => competency.label.toLowerCase())));
  t.ok(distinctSkills.size > 120, `skills drawn from the whole vocabulary (${distinctSkills.size})`);
});

t.test('the vocabulary is consistent', async (t) => {
  t.ok(SYNTHETIC_SKILLS.length >= 140 && SYNTHETIC_SKILLS.length <= 160, `${SYNTHETIC_SKILLS.length} skills`);
  t.equal(new Set(SYNTHETIC_SKILLS.map((skill) => skill.uri)).size, SYNTHETIC_SKILLS.length, 'unique URIs');
  for (const occupation of SYNTHETIC_OCCUPATIONS) {
    for (const label of occupation.skills) t.ok(SKILL_BY_LABEL.has(label), `${occupation.title}: ${label}`);
  }
  const some = SYNTHETIC_SKILLS[1]!;
  t.ok(syntheticSkillGraph.related(some.uri).length > 0, 'neighbours are related');
  t.same(syntheticSkillGraph.related('urn:unknown'), []);
});
