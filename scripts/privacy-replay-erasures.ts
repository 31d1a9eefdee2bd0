/*
 * Cleans a (restored) database again of everyone in the erasure ledger: `npm run privacy:replay-erasures`.
 *   (no options)       replays the ledger in the database
 *   --export <file>    writes the ledger to a file (keep it apart from the database backups)
 *   --from <file>      replays the entries of such a file, adding those the ledger lacks
 *                      (a restored backup may be older than the newest erasures)
 *   --index-prefix <p> the search index prefix (default none)
 * Idempotent: a second run finds nothing left to remove.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readLedger, replayErasures } from '../src/privacy/erasure.js';
import { ledgerFromFile, ledgerToFile } from '../src/privacy/ledger-file.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const args = parseArgs();
const exportTo = args.get('export');
const from = args.get('from');
const prefix = args.get('index-prefix');
if (exportTo === true || from === true || prefix === true || (exportTo && from)) {
  fail('Usage: npm run privacy:replay-erasures -- [--export <file> | --from <file>] [--index-prefix <prefix>]');
}
const say = (line: string) => process.stdout.write(`${line}\n`);

await withRuntime(async ({ deps }) => {
  const { db, clock } = deps;
  if (exportTo) {
    const entries = await readLedger(db);
    await writeFile(exportTo, ledgerToFile(entries, clock.now()), { mode: 0o600 });
    say(`Wrote ${entries.length} ledger entries to ${exportTo}.`);
    return;
  }
  let entries;
  if (from) {
    try {
      entries = ledgerFromFile(await readFile(from, 'utf8'));
    } catch (error) {
      fail(`${from} is not an erasure ledger file: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const result = await replayErasures({ ...deps, searchPrefix: prefix ?? '', mailCopies: deps.mailer?.copies }, entries);
  say(
    `Ledger entries: ${result.entries}; added to the ledger: ${result.ledgerRowsAdded}; people erased again: ${result.peopleErasedAgain}; ` +
      `others with traces cleared: ${result.residuesCleared}; search index: ${result.searchIndex === 'removed' ? 'up to date' : 'deletions queued (search server unreachable)'}.`,
  );
});
