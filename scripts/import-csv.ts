import { readFile } from 'node:fs/promises';
import { createCsvImport, IMPORT_KINDS, ImportSetupError, type ImportReport } from '../src/imports/csv-import.service.js';
import type { ImportKind } from '../src/imports/csv-import.repository.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const usage = `CSV-import uit het zaaksysteem van een gemeente (zie docs/csv-import.md).

  npm run import:csv -- --kind employers|vacancies|candidates --file <bestand.csv> --tenant <slug> --as <e-mail> [--dry-run]

      --kind      wat er in het bestand staat: werkgevers, vacatures of kandidaten
                  (volgorde: eerst werkgevers, dan vacatures; kandidaten los daarvan)
      --tenant    het Werkplein (slug, zie npm run tenant:list)
      --as        e-mailadres van wie importeert; komt zo in de audit-log
                  (werkgevers en vacatures: employer_relations of admin; kandidaten: account_manager of admin)
      --dry-run   alles controleren en per rij melden wat er mis is, zonder iets op te slaan

Alles of niets: heeft één rij een fout, dan wordt niets uit het bestand opgeslagen.
Exit-code: 0 gelukt (of proefrun zonder fouten), 1 fouten in rijen, 2 bestand of opdracht klopt niet.`;

const KIND_WORDS: Record<ImportKind, { one: string; many: string }> = {
  employers: { one: 'werkgever', many: 'werkgevers' },
  vacancies: { one: 'vacature', many: 'vacatures' },
  candidates: { one: 'kandidaat', many: 'kandidaten' },
};

const args = parseArgs();
const text = (name: string) => {
  const value = args.get(name);
  return typeof value === 'string' ? value : undefined;
};
if (args.has('help')) fail(usage);
const kind = text('kind');
const file = text('file');
const tenant = text('tenant');
const actor = text('as');
if (!kind || !file || !tenant || !actor || !(IMPORT_KINDS as readonly string[]).includes(kind)) fail(usage);
const dryRun = args.has('dry-run');

// Arguments and the file are checked before any server is started or connected.
let content: string;
try {
  content = await readFile(file, 'utf8');
} catch (error) {
  fail(`Het bestand ${file} kan niet worden gelezen: ${(error as Error).message}`);
}
if (content.includes('\uFFFD')) {
  fail(`Het bestand ${file} is geen UTF-8 (er staan tekens in die niet te lezen zijn). Sla het op als "CSV UTF-8" en probeer het opnieuw.`);
}

function printReport(report: ImportReport) {
  const words = KIND_WORDS[report.kind];
  const out: string[] = [];
  for (const notice of report.notices) out.push(`Let op: ${notice}`);
  for (const problem of report.problems) {
    const where = problem.line === problem.row ? `Rij ${problem.row}` : `Rij ${problem.row} (regel ${problem.line} in het bestand)`;
    out.push(`${where}${problem.column ? `, kolom ${problem.column}` : ''}: ${problem.message}`);
  }
  const { created, updated, unchanged } = report.counts;
  const tally = `${created} nieuw, ${updated} bijgewerkt, ${unchanged} ongewijzigd`;
  if (report.problems.length > 0) {
    const rows = new Set(report.problems.map((problem) => problem.row)).size;
    out.push(
      `${rows} van de ${report.rows} rijen ${rows === 1 ? 'heeft' : 'hebben'} een fout. Er is niets opgeslagen. Verbeter de rijen en importeer het bestand opnieuw.`,
    );
  } else if (report.dryRun) {
    out.push(`Proefrun: alle ${report.rows} rijen zijn goed (${tally}). Er is niets opgeslagen; importeer zonder --dry-run om ze op te slaan.`);
  } else {
    out.push(`Klaar: ${report.rows} ${report.rows === 1 ? words.one : words.many} verwerkt (${tally}).`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

const progress = (() => {
  let lastShown = -1;
  return (done: number, total: number) => {
    const percentage = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${done} van ${total} rijen verwerkt (${percentage}%)`);
      if (done === total) process.stderr.write('\n');
    } else if (percentage >= lastShown + 10 || done === total) {
      lastShown = percentage - (percentage % 10);
      process.stderr.write(`${done} van ${total} rijen verwerkt (${percentage}%)\n`);
    }
  };
})();

try {
  const report = await withRuntime(({ deps, services }) =>
    createCsvImport({ db: deps.db, services }).run({
      tenantSlug: tenant,
      actorEmail: actor,
      kind: kind as ImportKind,
      text: content,
      dryRun,
      onProgress: progress,
    }),
  );
  printReport(report);
  process.exitCode = report.problems.length > 0 ? 1 : 0;
} catch (error) {
  if (error instanceof ImportSetupError) fail(error.message);
  throw error;
}
