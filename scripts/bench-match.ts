/*
 * Benchmark of the matcher: `npm run bench:match [-- --sizes 10000,100000 --runs 60 --k 25]`.
 *
 * In process, per population size and scenario: the columnar ranker (compile the vacancy, rank the
 * top k, explain those k with the reference matcher) against the naive baseline measured in the same
 * run (every candidate through matchCandidate, then a full sort). Scenarios:
 *   realistic   order pickers, early shift required (no public transport), real travel limits;
 *   permissive  no required shifts or credentials and unlimited travel: every candidate passes the
 *               hard constraints, the ranker's worst case;
 *   distinct    as permissive, but every home a point of its own instead of a PC4 centre.
 * Then, end to end (scripts/bench-match-api.ts): GET /v1/vacancies/:id/matches on the real app and
 * an embedded PostgreSQL over --api-size candidates (default 100000; 0 skips it), run stored.
 */
import { cpus, loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import { compareMatches, matchCandidate } from '../src/matching/matcher.js';
import type { MatchCandidate, MatchResult, MatchVacancy } from '../src/matching/matcher.types.js';
import { columnsByteSize, compileCandidates, compileVacancy, patchCandidates, rankCandidatesForVacancy, rankTopK } from '../src/matching/ranker.js';
import { generateCandidates, permissiveVacancy, realisticVacancy, syntheticSkillGraph, withUnlimitedTravel } from '../bench/synthetic.js';
import { DEFAULT_WEIGHTS, MATCHER_VERSION } from '../src/matching/weights.js';
import { benchMatchApi, formatApiBench } from './bench-match-api.js';

export { generateCandidates, permissiveVacancy, realisticVacancy } from '../bench/synthetic.js';

export type BenchRow = {
  scenario: string;
  size: number;
  eligible: number;
  compileMs: number;
  columnsMb: number;
  /** Process memory after the columnar rankings, before the naive baseline. */
  rssMb: number;
  heapMb: number;
  rankP50: number;
  rankP95: number;
  /** Rankings at a place not ranked before, so that no journeys are kept (scratch.travelMemo). */
  newPlaceP50: number;
  newPlaceP95: number;
  explainedP50: number;
  explainedP95: number;
  /** Heap allocated per ranking, and per ranking with its explanations (allocatedKb). */
  rankKb: number;
  explainedKb: number;
  candidatesPerSecond: number;
  naiveP50: number;
  naiveRuns: number;
  speedUp: number;
  sameTopK: boolean;
  /** Patch one changed candidate into the columns and rank (median of 9), minus rank p50 (issue 13.10). */
  changeExtraMs: number;
};

export type BenchReport = { rows: BenchRow[]; peakRssMb: number; peakHeapMb: number };

const MB = 1024 * 1024;

/*
 * A full garbage collection before each timed phase, so that one phase's garbage (the naive
 * baseline leaves 100k results behind) is not collected during the next phase's measurements.
 * The npm script runs plain tsx, hence the flag set at run time.
 */
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

/**
 * The collection, then the phase's own work untimed for at least 5 runs and 200 ms: V8 finishes a
 * full collection of this heap (about 1.4 GB at 100k) in the background, and the first rankings
 * after it took 6–22 ms instead of ~2 (issue 13.11: that was the "distinct" p95 over 10 ms).
 */
function collectAndSettle(work: () => void): void {
  collectGarbage();
  const from = performance.now();
  for (let run = 0; run < 5 || performance.now() - from < 200; run++) work();
}

/**
 * Bytes allocated per run of `work`, in KB: the growth of the heap over a few runs right after a
 * full collection, while no collection frees anything in between (heap use never drops; otherwise
 * measured again). Garbage is what makes the minor collections that the API's p95 pays for (issue
 * 13.11): a boxed number per candidate was 0.5 MB per ranking at 100k.
 */
function allocatedKb(work: () => void, runs = 4): number {
  for (let attempt = 0; attempt < 5; attempt++) {
    collectGarbage();
    const used = [process.memoryUsage().heapUsed];
    for (let run = 0; run < runs; run++) {
      work();
      used.push(process.memoryUsage().heapUsed);
    }
    if (used.every((value, at) => at === 0 || value >= used[at - 1]!)) return (used[runs]! - used[0]!) / runs / 1024;
  }
  return Number.NaN;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function timeRuns(runs: number, work: () => void): number[] {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

function naiveRanking(vacancy: MatchVacancy, candidates: readonly MatchCandidate[], k: number): MatchResult[] {
  const results = candidates.map((candidate) => matchCandidate(vacancy, candidate, { weights: DEFAULT_WEIGHTS, skills: syntheticSkillGraph }));
  return results
    .filter((result) => result.eligible)
    .sort(compareMatches)
    .slice(0, k);
}

/** Runs the in-process benchmark and returns its figures. */
export function benchInProcess({ sizes, runs, k, log = () => {} }: { sizes: number[]; runs: number; k: number; log?: (line: string) => void }): BenchReport {
  const rows: BenchRow[] = [];
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  };

  for (const size of sizes) {
    log(`generating ${size} candidates …`);
    const population = generateCandidates({ size, seed: 42 });
    // Built one at a time, so that a finished scenario's data can be collected.
    const scenarios: Array<{ scenario: string; vacancy: MatchVacancy; candidates: () => MatchCandidate[] }> = [
      { scenario: 'realistic', vacancy: realisticVacancy(), candidates: () => population },
      { scenario: 'permissive', vacancy: permissiveVacancy(), candidates: () => withUnlimitedTravel(population) },
      {
        scenario: 'distinct',
        vacancy: permissiveVacancy(),
        candidates: () => withUnlimitedTravel(generateCandidates({ size, seed: 42, homes: 'distinct' })),
      },
    ];
    for (const { scenario, vacancy, candidates: build } of scenarios) {
      const candidates = build();
      log(`${scenario} ${size}: compiling …`);
      const compileStart = performance.now();
      const columns = compileCandidates(candidates);
      const compileMs = performance.now() - compileStart;
      sample();

      const rankOnce = () => rankTopK(compileVacancy(vacancy, syntheticSkillGraph, columns.intern), columns, DEFAULT_WEIGHTS, k);
      const explainOnce = () => rankCandidatesForVacancy({ vacancy, candidates, columns, weights: DEFAULT_WEIGHTS, skills: syntheticSkillGraph, k });
      // Warm-up: let the JIT settle before measuring.
      timeRuns(10, rankOnce);
      timeRuns(5, explainOnce);
      log(`${scenario} ${size}: ranking ${runs}× …`);
      collectAndSettle(rankOnce);
      const rankTimes = timeRuns(runs, rankOnce);
      // The same vacancy moved a few metres each run: a place whose journeys the columns do not hold.
      let moves = 0;
      const rankAtNewPlace = () => {
        moves += 1;
        const moved = { ...vacancy, location: { latitude: vacancy.location.latitude + moves * 1e-5, longitude: vacancy.location.longitude } };
        rankTopK(compileVacancy(moved, syntheticSkillGraph, columns.intern), columns, DEFAULT_WEIGHTS, k);
      };
      collectAndSettle(rankAtNewPlace);
      const newPlaceTimes = timeRuns(runs, rankAtNewPlace);
      collectAndSettle(explainOnce);
      const explainedTimes = timeRuns(runs, explainOnce);
      sample();
      const rankKb = allocatedKb(rankOnce);
      const explainedKb = allocatedKb(explainOnce);
      const memory = process.memoryUsage();

      const naiveRuns = size >= 50_000 ? 3 : 10;
      log(`${scenario} ${size}: naive baseline ${naiveRuns}× …`);
      let naiveTop: MatchResult[] = [];
      collectGarbage();
      const naiveTimes = timeRuns(naiveRuns, () => {
        naiveTop = naiveRanking(vacancy, candidates, k);
      });
      sample();

      const ranked = explainOnce();
      const sameTopK =
        ranked.results.length === naiveTop.length &&
        ranked.results.every((result, index) => result.candidateId === naiveTop[index]!.candidateId && result.total === naiveTop[index]!.total);
      // Issue 13.10: one profile changes, then the next ranking. Patched in place (on a copy of the
      // slot list, so the candidates above stay as they were).
      const slots = [...candidates];
      const changeTimes = timeRuns(9, () => {
        const slot = Math.floor(Math.random() * slots.length);
        const changed = { ...slots[slot]!, hours: { ...slots[slot]!.hours, now: slots[slot]!.hours.now + 1 } };
        patchCandidates(columns, slots, { upserts: [changed], removals: [] });
        rankOnce();
      });
      const explainedP50 = percentile(explainedTimes, 50);
      rows.push({
        scenario,
        size,
        eligible: ranked.eligible,
        compileMs,
        columnsMb: columnsByteSize(columns) / MB,
        rssMb: memory.rss / MB,
        heapMb: memory.heapUsed / MB,
        rankP50: percentile(rankTimes, 50),
        rankP95: percentile(rankTimes, 95),
        newPlaceP50: percentile(newPlaceTimes, 50),
        newPlaceP95: percentile(newPlaceTimes, 95),
        explainedP50,
        explainedP95: percentile(explainedTimes, 95),
        rankKb,
        explainedKb,
        candidatesPerSecond: size / (explainedP50 / 1000),
        naiveP50: percentile(naiveTimes, 50),
        naiveRuns,
        speedUp: percentile(naiveTimes, 50) / explainedP50,
        sameTopK,
        changeExtraMs: percentile(changeTimes, 50) - percentile(rankTimes, 50),
      });
    }
  }
  return { rows, peakRssMb: peakRss / MB, peakHeapMb: peakHeap / MB };
}

function formatTable(rows: BenchRow[]): string {
  const header = [
    'scenario',
    'candidates',
    'eligible',
    'compile ms',
    'columns MB',
    'rss/heap MB',
    'rank p50',
    'rank p95',
    'new place p50/p95',
    '+explain p50',
    '+explain p95',
    'alloc KB rank/+explain',
    'cand/s',
    'naive p50',
    'speed-up',
    'same top-k',
    '1 change +ms',
  ];
  const body = rows.map((row) => [
    row.scenario,
    String(row.size),
    String(row.eligible),
    row.compileMs.toFixed(0),
    row.columnsMb.toFixed(1),
    `${row.rssMb.toFixed(0)}/${row.heapMb.toFixed(0)}`,
    `${row.rankP50.toFixed(2)} ms`,
    `${row.rankP95.toFixed(2)} ms`,
    `${row.newPlaceP50.toFixed(2)}/${row.newPlaceP95.toFixed(2)} ms`,
    `${row.explainedP50.toFixed(2)} ms`,
    `${row.explainedP95.toFixed(2)} ms`,
    `${row.rankKb.toFixed(0)}/${row.explainedKb.toFixed(0)}`,
    `${(row.candidatesPerSecond / 1e6).toFixed(1)} M`,
    `${row.naiveP50.toFixed(0)} ms (${row.naiveRuns}×)`,
    `${row.speedUp.toFixed(0)}×`,
    row.sameTopK ? 'yes' : 'NO',
    `${row.changeExtraMs.toFixed(1)} ms`,
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((line) => line[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...body.map(line)].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '10000,100000' },
      runs: { type: 'string', default: '60' },
      k: { type: 'string', default: '25' },
      'api-size': { type: 'string', default: '100000' },
      'api-requests': { type: 'string', default: '200' },
    },
  });
  const sizes = values.sizes.split(',').map((size) => Number.parseInt(size.trim(), 10));
  const runs = Number.parseInt(values.runs, 10);
  const k = Number.parseInt(values.k, 10);
  const apiSize = Number.parseInt(values['api-size'], 10);
  const apiRequests = Number.parseInt(values['api-requests'], 10);
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0) || !(runs >= 1) || !(k >= 1) || !(apiSize >= 0) || !(apiRequests >= 1)) {
    process.stderr.write('usage: npm run bench:match -- [--sizes 10000,100000] [--runs 60] [--k 25] [--api-size 100000 (0: skip)] [--api-requests 200]\n');
    process.exit(2);
  }
  const loadBefore = loadavg()[0]!;
  const report = benchInProcess({ sizes, runs, k, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(
    [
      `Kansrijk matcher ${MATCHER_VERSION}: top-${k}, ${runs} rankings per row, Node ${process.version}, ` +
        `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadBefore.toFixed(1)} before / ${loadavg()[0]!.toFixed(1)} after`,
      'rank = compile vacancy + columnar top-k, the same vacancy each run (its journeys kept after the first);',
      'new place = the same, the vacancy a few metres further each run (every journey computed); +explain = rank plus matchCandidate explanations of the top-k;',
      'naive = matchCandidate for every candidate + full sort; speed-up = naive p50 / +explain p50;',
      'rss/heap = process memory after the columnar rankings (all candidates held as objects too);',
      'alloc KB = heap allocated per ranking and per ranking with its explanations (the garbage that makes minor collections);',
      '1 change +ms = first ranking after one profile change, patched into the columns, minus rank p50 (median of 9; before: a full compile, see compile ms).',
      '',
      formatTable(report.rows),
      '',
      `peak memory of the whole run, naive baseline included: rss ${report.peakRssMb.toFixed(0)} MB, heap used ${report.peakHeapMb.toFixed(0)} MB`,
      '',
    ].join('\n'),
  );
  if (apiSize > 0) {
    // The in-process rows' populations (over a GB at 100k) are garbage now: collected here, not
    // during the end-to-end measurements.
    collectGarbage();
    const api = await benchMatchApi({ size: apiSize, requests: apiRequests, log: (line) => process.stderr.write(`${line}\n`) });
    process.stdout.write(`${formatApiBench(api)}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
