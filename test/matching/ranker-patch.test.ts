import fc from 'fast-check';
import t from 'tap';
import type { MatchCandidate } from '../../src/matching/matcher.types.js';
import {
  compileCandidates,
  compileVacancy,
  listExcluded,
  patchCandidates,
  rankOf,
  rankTopK,
  scoreAll,
  TRAVEL_MEMO_SIZE,
  type CandidateColumns,
} from '../../src/matching/ranker.js';
import { DEFAULT_WEIGHTS } from '../../src/matching/weights.js';
import { candidate, skills, vacancy, weights } from './arbitraries.js';
import { buildCandidate, buildVacancy } from './builders.js';

/*
 * Issue 13.10: a profile change patches the compiled columns in place (patchCandidates) instead of
 * compiling the whole population again. After any sequence of inserts, updates and removals, the
 * patched columns must rank exactly like a fresh compile of the same candidates: the same totals
 * and eligibility per person, the same top k (ties by id), the same excluded list and places.
 */

const ID_SPACE = 14;
const idOf = (n: number) => `c${String(n).padStart(2, '0')}`;

type Step = { kind: 'upsert'; person: MatchCandidate } | { kind: 'remove'; id: string };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 0, max: ID_SPACE - 1 }).chain((n) => candidate(idOf(n)).map((person): Step => ({ kind: 'upsert', person }))) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: ID_SPACE - 1 }).map((n): Step => ({ kind: 'remove', id: idOf(n) })) },
);
const initial = fc
  .uniqueArray(fc.integer({ min: 0, max: ID_SPACE - 1 }), { maxLength: ID_SPACE })
  .chain((ns) => fc.tuple(...ns.map((n) => candidate(idOf(n)))));
// Steps are applied in batches (one patch each), as a refresh after several changes does.
const batches = fc.array(fc.array(step, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

/** What a ranking shows, keyed by candidate id so that slot order does not matter. */
function outcome(
  columns: CandidateColumns,
  list: readonly MatchCandidate[],
  wanted: Parameters<typeof compileVacancy>[0],
  weighting: Parameters<typeof rankTopK>[2],
) {
  const compiled = compileVacancy(wanted, skills, columns.intern);
  const all = scoreAll(compiled, columns, weighting);
  const byId = [...list.keys()].map((slot) => `${columns.ids[slot]}=${all.eligible[slot] ? all.totals[slot] : 'x'}`).sort();
  const top = rankTopK(compiled, columns, weighting, 6, 1);
  const excluded = listExcluded(compiled, columns, 5, 1);
  const places = [...list.keys()].map((slot) => `${columns.ids[slot]}:${rankOf(compiled, columns, weighting, slot).rank}`).sort();
  return {
    byId: byId.join(' '),
    top: `${top.items.map((item) => `${item.candidateId}:${item.total}`).join(' ')} | ${top.eligible}/${top.excluded}`,
    excluded: `${excluded.items.map((item) => `${item.candidateId}:${item.reasons}`).join(' ')} | ${excluded.excluded} ${JSON.stringify(excluded.byReason)}`,
    places: places.join(' '),
  };
}

t.test('patched columns rank exactly like a fresh compile after inserts, updates and removals', async (t) => {
  let removalsSeen = 0;
  let insertsSeen = 0;
  let updatesSeen = 0;
  fc.assert(
    fc.property(initial, batches, vacancy, weights, (start, steps, wanted, weighting) => {
      const slots = [...start];
      const columns = compileCandidates(slots);
      const expected = new Map(start.map((person) => [person.id, person]));
      for (const batch of steps) {
        // Within a batch the last word per id counts, as a refresh reads each changed row once.
        const last = new Map<string, Step>();
        for (const one of batch) last.set(one.kind === 'upsert' ? one.person.id : one.id, one);
        const upserts: MatchCandidate[] = [];
        const removals: string[] = [];
        for (const [id, one] of last) {
          if (one.kind === 'upsert') {
            if (expected.has(id)) updatesSeen += 1;
            else insertsSeen += 1;
            upserts.push(one.person);
            expected.set(id, one.person);
          } else {
            if (expected.has(id)) removalsSeen += 1;
            removals.push(id);
            expected.delete(id);
          }
        }
        patchCandidates(columns, slots, { upserts, removals });

        if (columns.count !== expected.size || slots.length !== expected.size) throw new Error(`count ${columns.count}, expected ${expected.size}`);
        slots.forEach((person, slot) => {
          if (columns.ids[slot] !== person.id || columns.slotById.get(person.id) !== slot || expected.get(person.id) !== person) {
            throw new Error(`slot ${slot} holds ${columns.ids[slot]} / ${person.id}`);
          }
        });
        const fresh = [...expected.values()];
        const got = outcome(columns, slots, wanted, weighting);
        const want = outcome(compileCandidates(fresh), fresh, wanted, weighting);
        for (const part of ['byId', 'top', 'excluded', 'places'] as const) {
          if (got[part] !== want[part]) throw new Error(`${part}: patched ${got[part]} ≠ fresh ${want[part]}`);
        }
      }
    }),
    { numRuns: 600, seed: 20261206 },
  );
  t.ok(insertsSeen > 100 && updatesSeen > 100 && removalsSeen > 100, `inserts ${insertsSeen}, updates ${updatesSeen}, removals ${removalsSeen}`);
});

t.test('appending past the reserved room grows every column', async (t) => {
  const sample = fc.sample(candidate('x'), { numRuns: 60, seed: 7 });
  const slots = [{ ...sample[0]!, id: 'a000' }];
  const columns = compileCandidates(slots);
  const room = columns.idRank.length;
  const added = sample.slice(1).map((person, n) => ({ ...person, id: `b${String(59 - n).padStart(3, '0')}` }));
  for (const person of added) patchCandidates(columns, slots, { upserts: [person], removals: [] });
  t.ok(columns.idRank.length > room, 'columns grew');
  const wanted = fc.sample(vacancy, { numRuns: 1, seed: 3 })[0]!;
  const weighting = fc.sample(weights, { numRuns: 1, seed: 3 })[0]!;
  const fresh = [...slots];
  t.same(outcome(columns, slots, wanted, weighting), outcome(compileCandidates(fresh), fresh, wanted, weighting));
  t.equal(columns.ids[columns.idOrder[0]!], 'a000', 'the id order holds appended ids in place');
});

t.test('journeys kept per place: rankings of many vacancies in turn, across patches, equal fresh columns', async (t) => {
  let hits = 0;
  let evictions = 0;
  fc.assert(
    fc.property(
      initial,
      fc.array(vacancy, { minLength: TRAVEL_MEMO_SIZE + 2, maxLength: TRAVEL_MEMO_SIZE + 4 }),
      fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: candidate(idOf(0)) })), {
        minLength: 10,
        maxLength: 40,
      }),
      weights,
      (start, places, turns, weighting) => {
        const slots = [...start];
        const columns = compileCandidates(slots);
        for (const [pick, change] of turns) {
          // Now and then a person changes (a new home may grow the profile table), then a vacancy is ranked.
          if (change !== null) patchCandidates(columns, slots, { upserts: [{ ...change, id: idOf(pick % ID_SPACE) }], removals: [] });
          const wanted = places[pick % places.length]!;
          const kept = columns.scratch.travelMemo.map((entry) => entry.travel);
          const keysBefore = columns.scratch.travelMemo.map((entry) => entry.key);
          const got = outcome(columns, slots, wanted, weighting);
          if (kept.includes(columns.scratch.travelByProfile)) hits += 1;
          const keysAfter = new Set(columns.scratch.travelMemo.map((entry) => entry.key));
          if (keysBefore.length === TRAVEL_MEMO_SIZE && keysBefore.some((key) => !keysAfter.has(key))) evictions += 1;
          const fresh = [...slots];
          const want = outcome(compileCandidates(fresh), fresh, wanted, weighting);
          for (const part of ['byId', 'top', 'excluded', 'places'] as const) {
            if (got[part] !== want[part]) throw new Error(`${part}: memo ${got[part]} ≠ fresh ${want[part]}`);
          }
          if (columns.scratch.travelMemo.length > TRAVEL_MEMO_SIZE) throw new Error(`memo holds ${columns.scratch.travelMemo.length} places`);
        }
      },
    ),
    { numRuns: 300, seed: 20261207 },
  );
  t.ok(hits > 1000 && evictions > 20, `memo hits ${hits}, evictions ${evictions}`);
});

t.test('a place ranked again takes its journeys from the memo', async (t) => {
  const people = fc.sample(candidate('x'), { numRuns: 40, seed: 11 }).map((person, n) => ({ ...person, id: idOf(n) }));
  const columns = compileCandidates(people);
  const [first, second] = fc.sample(vacancy, { numRuns: 2, seed: 5 });
  const weighting = fc.sample(weights, { numRuns: 1, seed: 5 })[0]!;
  rankTopK(compileVacancy(first!, skills, columns.intern), columns, weighting, 5);
  const journeys = columns.scratch.travelByProfile;
  rankTopK(compileVacancy(second!, skills, columns.intern), columns, weighting, 5);
  t.not(columns.scratch.travelByProfile, journeys, 'another place has journeys of its own');
  rankTopK(compileVacancy(first!, skills, columns.intern), columns, weighting, 5);
  t.equal(columns.scratch.travelByProfile, journeys, 'the first place again: the kept journeys');
  t.equal(columns.scratch.travelMemo.length, 2);
});

t.test('a vacancy compiled again after a patch brought new words credits them (stem matches are kept per state of the intern table)', async (t) => {
  const wanted = buildVacancy({ competencies: [{ label: 'Heftruck rijden', importance: 'must' }] });
  const first = buildCandidate({ id: 'c01', competencies: [{ label: 'Schoonmaken', level: 3, evidence: 'work_experience' }] });
  const slots = [first];
  const columns = compileCandidates(slots);
  const before = rankTopK(compileVacancy(wanted, skills, columns.intern), columns, DEFAULT_WEIGHTS, 5);
  t.equal(before.items.length, 1);

  // A new person whose own words meet the wanted ones only as a compound ("vorkheftruck").
  const second = buildCandidate({ id: 'c02', competencies: [{ label: 'Vorkheftruck besturen', level: 3, evidence: 'work_experience' }] });
  patchCandidates(columns, slots, { upserts: [second], removals: [] });
  const after = rankTopK(compileVacancy(wanted, skills, columns.intern), columns, DEFAULT_WEIGHTS, 5);
  const fresh = rankTopK(compileVacancy(wanted, skills, compileCandidates([first, second]).intern), compileCandidates([first, second]), DEFAULT_WEIGHTS, 5);
  t.same(
    after.items.map((item) => [item.candidateId, item.total]),
    fresh.items.map((item) => [item.candidateId, item.total]),
    'the same as a fresh compile',
  );
  t.equal(after.items[0]?.candidateId, 'c02', 'the new words count: the forklift driver first');
  t.ok(after.items[0]!.total > after.items[1]!.total);
});
