import t from 'tap';
import { compareMatches, matchCandidate } from '../../src/matching/matcher.js';
import type { MatchCandidate, MatchVacancy, MatchWeights } from '../../src/matching/matcher.types.js';
import { columnsByteSize, compileCandidates, compileVacancy, rankCandidatesForVacancy, rankTopK, scoreAll } from '../../src/matching/ranker.js';
import { generateCandidates, generateVacancies, permissiveVacancy, realisticVacancy, syntheticSkillGraph, withUnlimitedTravel } from '../../bench/synthetic.js';
import { DEFAULT_WEIGHTS } from '../../src/matching/weights.js';
import { buildCandidate, buildVacancy } from './builders.js';

const skills = syntheticSkillGraph;

/** The reference ranking: every candidate through matchCandidate, eligible ones, full sort. */
function referenceRanking(vacancy: MatchVacancy, candidates: readonly MatchCandidate[], weights: MatchWeights) {
  return candidates
    .map((candidate) => matchCandidate(vacancy, candidate, { weights, skills }))
    .filter((result) => result.eligible)
    .sort(compareMatches);
}

t.test('the ranker gives exactly the reference totals, eligibility and order', async (t) => {
  const vacancies = [realisticVacancy(), permissiveVacancy(), ...generateVacancies({ count: 30, seed: 103 })];
  const otherWeights: MatchWeights = { ...DEFAULT_WEIGHTS, competencies: 0.2, motivation: 0.15, education: 0.1 };
  const runs = [
    { name: 'PC4 homes', candidates: generateCandidates({ size: 3000, seed: 101 }), vacancies, weightSets: [DEFAULT_WEIGHTS] },
    {
      name: 'PC4 homes, other weights',
      candidates: generateCandidates({ size: 2000, seed: 104 }),
      vacancies: vacancies.slice(0, 8),
      weightSets: [otherWeights],
    },
    {
      name: 'distinct homes',
      candidates: generateCandidates({ size: 1000, seed: 102, homes: 'distinct' }),
      vacancies: vacancies.slice(0, 12),
      weightSets: [DEFAULT_WEIGHTS],
    },
  ];

  for (const { name, candidates, vacancies, weightSets } of runs) {
    const columns = compileCandidates(candidates);
    let compared = 0;
    let excluded = 0;
    let mismatches = 0;
    for (const vacancy of vacancies) {
      for (const weights of weightSets) {
        const compiled = compileVacancy(vacancy, skills, columns.intern);
        const all = scoreAll(compiled, columns, weights);
        const reference = candidates.map((candidate) => matchCandidate(vacancy, candidate, { weights, skills }));
        reference.forEach((result, i) => {
          compared += 1;
          if (!result.eligible) excluded += 1;
          if (result.total !== all.totals[i] || (result.eligible ? 1 : 0) !== all.eligible[i]) {
            mismatches += 1;
            if (mismatches <= 5)
              t.fail(`${name} ${vacancy.id} ${result.candidateId}: reference ${result.total}/${result.eligible}, ranker ${all.totals[i]}/${all.eligible[i]}`);
          }
        });

        const expected = reference.filter((result) => result.eligible).sort(compareMatches);
        const top = rankTopK(compiled, columns, weights, 40);
        t.same(
          top.items.map((item) => [item.candidateId, item.total]),
          expected.slice(0, 40).map((result) => [result.candidateId, result.total]),
          `${name} ${vacancy.id}: top 40 in the same order`,
        );
        t.equal(top.eligible, expected.length, `${name} ${vacancy.id}: eligible count`);
        t.equal(top.excluded, candidates.length - expected.length, `${name} ${vacancy.id}: excluded count`);
      }
    }
    t.equal(mismatches, 0, `${name}: ${compared} totals equal`);
    t.ok(excluded > compared / 10 && excluded < compared, `${name}: excluded ones are compared too (${excluded})`);
  }
});

t.test('paging with an offset continues the same order', async (t) => {
  const candidates = generateCandidates({ size: 2000, seed: 7 });
  const columns = compileCandidates(candidates);
  const vacancy = realisticVacancy();
  const compiled = compileVacancy(vacancy, skills, columns.intern);
  const expected = referenceRanking(vacancy, candidates, DEFAULT_WEIGHTS).map((result) => result.candidateId);
  const pages = [0, 25, 50].flatMap((offset) => rankTopK(compiled, columns, DEFAULT_WEIGHTS, 25, offset).items.map((item) => item.candidateId));
  t.same(pages, expected.slice(0, 75));
  t.same(rankTopK(compiled, columns, DEFAULT_WEIGHTS, 0).items, []);
  const beyond = rankTopK(compiled, columns, DEFAULT_WEIGHTS, 10, expected.length - 3);
  t.equal(beyond.items.length, 3, 'the last page is short');
});

t.test('ties are broken by candidate id, whatever the input order', async (t) => {
  const ids = ['m', 'b', 'x', 'a', 'k'];
  const twins = ids.map((id) => buildCandidate({ id }));
  const vacancy = buildVacancy();
  for (const order of [twins, [...twins].reverse()]) {
    const columns = compileCandidates(order);
    const top = rankTopK(compileVacancy(vacancy, skills, columns.intern), columns, DEFAULT_WEIGHTS, 3);
    t.same(
      top.items.map((item) => item.candidateId),
      ['a', 'b', 'k'],
    );
  }
});

t.test('everyone passes a permissive vacancy when travel is unlimited', async (t) => {
  const candidates = withUnlimitedTravel(generateCandidates({ size: 1000, seed: 8 }));
  const columns = compileCandidates(candidates);
  const top = rankTopK(compileVacancy(permissiveVacancy(), skills, columns.intern), columns, DEFAULT_WEIGHTS, 25);
  t.equal(top.eligible, 1000);
  t.equal(top.excluded, 0);
  t.ok(columnsByteSize(columns) > 0);
});

t.test('a credential that nobody holds excludes everyone', async (t) => {
  const candidates = generateCandidates({ size: 300, seed: 9 });
  const columns = compileCandidates(candidates);
  for (const credential of [
    { type: 'certificate', name: 'Vliegbrevet' },
    { type: 'driving_licence', category: 'Z9' },
  ] as const) {
    const vacancy = buildVacancy({ requiredCredentials: [credential] });
    const top = rankTopK(compileVacancy(vacancy, skills, columns.intern), columns, DEFAULT_WEIGHTS, 10);
    t.same(top, { items: [], eligible: 0, excluded: 300 });
    t.equal(referenceRanking(vacancy, candidates, DEFAULT_WEIGHTS).length, 0);
  }
});

t.test('ranking and explaining gives the reference results for the top k', async (t) => {
  const candidates = generateCandidates({ size: 1500, seed: 10 });
  const columns = compileCandidates(candidates);
  const vacancy = realisticVacancy();
  for (const lang of ['nl', 'en'] as const) {
    const ranked = rankCandidatesForVacancy({ vacancy, candidates, columns, weights: DEFAULT_WEIGHTS, skills, lang, k: 10 });
    const expected = candidates
      .map((candidate) => matchCandidate(vacancy, candidate, { weights: DEFAULT_WEIGHTS, skills, lang }))
      .filter((result) => result.eligible)
      .sort(compareMatches);
    t.same(ranked.results, expected.slice(0, 10), `${lang}: full results`);
    t.equal(ranked.eligible, expected.length);
    t.equal(ranked.excluded, candidates.length - expected.length);
  }
});

t.test('identical inputs give identical rankings', async (t) => {
  const rank = () => {
    const candidates = generateCandidates({ size: 1000, seed: 12 });
    const columns = compileCandidates(candidates);
    return rankTopK(compileVacancy(realisticVacancy(), skills, columns.intern), columns, DEFAULT_WEIGHTS, 50);
  };
  t.same(rank(), rank());
});

t.test('F1: properties outside the contract do not change the ranking', async (t) => {
  const candidates = generateCandidates({ size: 800, seed: 13 });
  const decorate = (flip: boolean) =>
    candidates.map(
      (candidate, i) =>
        ({
          ...candidate,
          age: flip ? 20 + (i % 40) : 60 - (i % 40),
          gender: (i % 2 === 0) === flip ? 'f' : 'm',
          nationality: flip ? 'NL' : 'TR',
          postcode: flip ? '5038 AB' : '5011 XY',
          name: flip ? `Persoon ${i}` : `Iemand ${i}`,
        }) as MatchCandidate,
    );
  const results = [decorate(true), decorate(false), candidates].map((population) => {
    const columns = compileCandidates(population);
    const compiled = compileVacancy(realisticVacancy(), skills, columns.intern);
    return { all: scoreAll(compiled, columns, DEFAULT_WEIGHTS), top: rankTopK(compiled, columns, DEFAULT_WEIGHTS, 30) };
  });
  t.same(results[0], results[1]);
  t.same(results[0], results[2]);
});
