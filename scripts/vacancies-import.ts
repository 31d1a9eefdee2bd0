import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { ImportLineResult } from '../src/vacancies/vacancies.import.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const usage = `Vacatures inlezen uit schema.org JobPostings (één JSON-object per regel; .gz mag ook).

  npm run vacancies:import -- --file <bestand.jsonl[.gz]> --employer <werkgever-id>
                              [--tenant <slug>] [--dry-run] [--hours <min-max>] [--location <vestiging-id>]

  Elke vacature wordt een concept van de werkgever, met dezelfde controles als de API.
  --dry-run    alles controleren, niets opslaan
  --hours      uren per week voor vacatures zonder uren in workHours, bijvoorbeeld 24-32
  --location   vestiging voor vacatures waarvan de plaats bij geen vestiging past
  Een vacature die al eerder is ingelezen (zelfde identifier, url of inhoud) wordt overgeslagen.
  Afsluitcode 0: alles gelukt; 1: een of meer regels met fouten; 2: verkeerde opdracht.`;

const args = parseArgs();
const text = (name: string) => {
  const value = args.get(name);
  return typeof value === 'string' ? value : undefined;
};
if (args.has('help')) fail(usage);
const file = text('file');
const employerId = text('employer');
if (!file || !employerId) fail(usage);
if (!existsSync(file)) fail(`Het bestand ${file} bestaat niet.`);
if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(employerId)) fail('--employer moet het id van de werkgever zijn.');
const hoursArg = text('hours');
const hoursMatch = hoursArg ? /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(hoursArg) : null;
if (hoursArg && !hoursMatch) fail('--hours moet zoiets zijn als 24-32 of 36.');
const defaultHours = hoursMatch ? { min: Number(hoursMatch[1]), max: Number(hoursMatch[2] ?? hoursMatch[1]) } : undefined;
const dryRun = args.has('dry-run');

/** The file's lines, read from the first time they are asked for (readline drops lines nobody is reading yet). */
async function* readLines(path: string): AsyncGenerator<string> {
  const input = createReadStream(path);
  yield* createInterface({ input: path.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
}

function describe(result: ImportLineResult): string {
  if (result.outcome === 'error') return `regel ${result.line}: FOUT\n${result.errors.map((error) => `  - ${error}`).join('\n')}`;
  if (result.outcome === 'already_imported') return `regel ${result.line}: al eerder ingelezen (vacature ${result.vacancyId}), overgeslagen`;
  const head = `regel ${result.line}: ${dryRun ? 'kan worden ingelezen' : `ingelezen als concept ${result.vacancyId}`}: ${result.title}`;
  return result.notes.length > 0 ? `${head}\n${result.notes.map((note) => `  let op: ${note}`).join('\n')}` : head;
}

const summary = await withRuntime(async ({ services }) => {
  const target = await services.vacancyImport.target({ employerId, tenantSlug: text('tenant') });
  if (target === 'unknown') fail('Deze werkgever bestaat niet (kijk het id na, en --tenant als u die meegaf).');
  if (target === 'ambiguous') fail('Dit werkgever-id bestaat bij meer Werkpleinen: geef --tenant mee.');
  if (target === 'disabled') fail('Dit Werkplein staat uit (tenant:disable): er wordt niets ingelezen.');
  process.stdout.write(`${dryRun ? 'Proefrun voor' : 'Inlezen voor'} ${target.employerName} (${target.tenantSlug}) uit ${file}\n`);
  return services.vacancyImport.importLines({
    target,
    lines: readLines(file),
    dryRun,
    defaultHours,
    locationId: text('location'),
    onResult: (result) => process.stdout.write(`${describe(result)}\n`),
  });
});

process.stdout.write(
  `${summary.dryRun ? 'Proefrun klaar, er is niets opgeslagen' : 'Klaar'}: ${summary.lines} regels; ` +
    `${summary.imported} ${summary.dryRun ? 'kunnen worden ingelezen' : 'ingelezen als concept'}, ` +
    `${summary.alreadyImported} al eerder ingelezen, ${summary.errors} met fouten.\n`,
);
process.exitCode = summary.errors > 0 ? 1 : 0;
