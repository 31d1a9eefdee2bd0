/*
 * Imports ESCO (official CSV export) into the taxonomy tables and rebuilds the taxonomy search
 * indexes: `npm run taxonomy:import -- --dir ../shared/data/esco`. The folder may hold one
 * language or several in subfolders (nl/, en-v1.1.1/ ...). Safe to run again: it only writes
 * what changed. ESCO © European Union, reuse with attribution.
 */
import path from 'node:path';
import { readEscoFolder, writeEscoSet, type ImportProgress } from '../src/taxonomy/esco-import.js';
import { createServices } from '../src/services.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const args = parseArgs();
const dir = args.get('dir');
if (typeof dir !== 'string') fail('Usage: npm run taxonomy:import -- --dir ../shared/data/esco [--index-prefix <prefix>]');
const prefix = args.get('index-prefix');
const indexPrefix = typeof prefix === 'string' ? prefix : '';

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Progress: on a terminal one line per step, updated in place; elsewhere a line per report. */
let lastStep = '';
function report(progress: ImportProgress) {
  const [step, counted] =
    progress.stage === 'read'
      ? [`read ${path.relative(process.cwd(), progress.file)}`, `${progress.rows.toLocaleString('en')} rows`]
      : [
          progress.stage === 'write' ? `write ${progress.table}` : `index ${progress.index}`,
          `${progress.done.toLocaleString('en')}/${progress.total.toLocaleString('en')}`,
        ];
  if (process.stdout.isTTY) {
    process.stdout.write(`${step !== lastStep && lastStep !== '' ? '\n' : '\r\x1b[K'}  ${step}: ${counted}`);
  } else if (progress.stage === 'read' || progress.done === progress.total) {
    say(`  ${step}: ${counted}`);
  }
  lastStep = step;
}
/** Ends the in-place line of the last step. */
const endSteps = () => {
  if (process.stdout.isTTY && lastStep !== '') process.stdout.write('\n');
  lastStep = '';
};

say(`Reading ESCO from ${path.resolve(dir)} ...`);
const set = await readEscoFolder(dir, report).catch((error: unknown) => fail(`Cannot read ${dir}: ${error instanceof Error ? error.message : String(error)}`));
endSteps();
for (const line of set.skipped.slice(0, 10)) say(`  skipped: ${line}`);
say(
  `Read ${set.occupations.size.toLocaleString('en')} occupations, ${set.skills.size.toLocaleString('en')} skills, ` +
    `${set.iscoGroups.size} ISCO groups from ${set.files.length} files (${seconds()}).`,
);

await withRuntime(async ({ deps, logger }) => {
  say('Writing to the database ...');
  const summary = await writeEscoSet({
    db: deps.db,
    set,
    clock: deps.clock,
    onProgress: report,
  });
  endSteps();
  const links = (part: { read: number; written: number; removed: number } | null) =>
    part ? `${part.read.toLocaleString('en')} (${part.written.toLocaleString('en')} written, ${part.removed} removed)` : 'none in this export';
  say(`  occupations: ${summary.occupations.read.toLocaleString('en')} (${summary.occupations.written.toLocaleString('en')} written)`);
  say(
    `  skills: ${summary.skills.read.toLocaleString('en')} (${summary.skills.written.toLocaleString('en')} written; ` +
      `${summary.skills.withDutchLabel.toLocaleString('en')} with a Dutch label)`,
  );
  say(`  ISCO groups: ${summary.iscoGroups.read} (${summary.iscoGroups.written} written)`);
  say(`  occupation–skill relations: ${links(summary.occupationSkills)}`);
  say(`  skill–skill relations: ${links(summary.skillRelations)}`);
  if (summary.demoRemoved > 0) say(`  demo taxonomy: ${summary.demoRemoved} concepts removed (ESCO replaces them)`);
  say(`Database done (${seconds()}). Building the search indexes ...`);

  const { taxonomy } = createServices({ ...deps, searchPrefix: indexPrefix });
  const indexed = await taxonomy.reindex((index, done, total) => report({ stage: 'index', index, done, total }));
  endSteps();
  logger.info({ summary, indexed }, 'taxonomy imported');
  say(`Indexed ${indexed.occupations.toLocaleString('en')} occupations and ${indexed.skills.toLocaleString('en')} skills.`);
  say(`ESCO import finished in ${seconds()}. ESCO © European Union, reuse with attribution.`);
});
