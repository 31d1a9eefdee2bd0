import fc from 'fast-check';
import t from 'tap';
import { compareMatches, matchCandidate } from '../../src/matching/matcher.js';
import { compileCandidates, compileVacancy, EXCLUDED_BY, listExcluded, rankOf, rankTopK, scoreAll } from '../../src/matching/ranker.js';
import { candidate, skills, vacancy, weights } from './arbitraries.js';

/*
 * The ranker against the reference on odd inputs that a synthetic population never produces:
 * fractional hours and assessments, label-only and empty labels, spelling variants, unknown licence
 * categories, shared and distinct homes, shifts around the public-transport limits, skewed weights.
 */

const population = fc.integer({ min: 1, max: 25 }).chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => candidate(`c${(i * 7) % 25}-${i}`))));

t.test('ranker totals, eligibility and order equal the reference on arbitrary inputs', async (t) => {
  let eligibleSeen = 0;
  let excludedSeen = 0;
  fc.assert(
    fc.property(population, vacancy, weights, (candidates, wanted, weighting) => {
      const columns = compileCandidates(candidates);
      const compiled = compileVacancy(wanted, skills, columns.intern);
      const all = scoreAll(compiled, columns, weighting);
      const reference = candidates.map((one) => matchCandidate(wanted, one, { weights: weighting, skills }));
      reference.forEach((result, i) => {
        if (result.total !== all.totals[i]) throw new Error(`${result.candidateId}: reference ${result.total}, ranker ${all.totals[i]}`);
        if ((result.eligible ? 1 : 0) !== all.eligible[i]) throw new Error(`${result.candidateId}: eligibility differs`);
        if (result.eligible) eligibleSeen += 1;
        else excludedSeen += 1;
      });
      const expected = reference.filter((result) => result.eligible).sort(compareMatches);
      const top = rankTopK(compiled, columns, weighting, 5, 2);
      const got = top.items.map((item) => `${item.candidateId}:${item.total}`).join(' ');
      const want = expected
        .slice(2, 7)
        .map((result) => `${result.candidateId}:${result.total}`)
        .join(' ');
      if (got !== want) throw new Error(`order: ${got} ≠ ${want}`);
      return top.eligible === expected.length;
    }),
    { numRuns: 1500, seed: 20260401 },
  );
  t.ok(eligibleSeen > 500, `eligible cases compared: ${eligibleSeen}`);
  t.ok(excludedSeen > 500, `excluded cases compared: ${excludedSeen}`);
});

t.test('the excluded list and one person’s place agree with the reference', async (t) => {
  let excludedSeen = 0;
  fc.assert(
    fc.property(population, vacancy, weights, (candidates, wanted, weighting) => {
      const columns = compileCandidates(candidates);
      const compiled = compileVacancy(wanted, skills, columns.intern);
      const reference = candidates.map((one) => matchCandidate(wanted, one, { weights: weighting, skills }));
      const listed = listExcluded(compiled, columns, 1000);
      const excluded = reference.filter((result) => !result.eligible);
      if (listed.excluded !== excluded.length) throw new Error(`excluded ${listed.excluded} ≠ ${excluded.length}`);
      for (const item of listed.items) {
        const codes = new Set(reference[item.index]!.exclusions.map((exclusion) => exclusion.code));
        const bits =
          (codes.has('credential_missing') ? EXCLUDED_BY.credential : 0) |
          (codes.has('day_part_unavailable') ? EXCLUDED_BY.dayPart : 0) |
          (codes.has('travel_too_far') ? EXCLUDED_BY.travel : 0);
        if (bits !== item.reasons) throw new Error(`${item.candidateId}: reasons ${item.reasons} ≠ ${bits}`);
        excludedSeen += 1;
      }
      const order = reference.filter((result) => result.eligible).sort(compareMatches);
      reference.forEach((result, index) => {
        const place = rankOf(compiled, columns, weighting, index);
        const expected = result.eligible ? order.indexOf(result) + 1 : null;
        if (place.rank !== expected) throw new Error(`${result.candidateId}: rank ${place.rank} ≠ ${expected}`);
      });
      return true;
    }),
    { numRuns: 400, seed: 20261205 },
  );
  t.ok(excludedSeen > 200, `excluded compared: ${excludedSeen}`);
});
