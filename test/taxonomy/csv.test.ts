import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import t from 'tap';
import { CsvError, parseCsv, readCsvFile } from '../../src/taxonomy/csv.js';

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function parse(text: string, size = text.length || 1): Promise<string[][]> {
  const records: string[][] = [];
  for await (const record of parseCsv(chunksOf(text, size))) records.push(record);
  return records;
}

const ESCO_LIKE =
  '\uFEFFconceptType,conceptUri,preferredLabel,altLabels,description\r\n' +
  'Occupation,http://x/1,heftruckchauffeur,"vorkheftruckbestuurder\nreachtruckchauffeur","Rijdt met een ""heftruck"", laadt en lost."\r\n' +
  'Occupation,http://x/2,kok,,\r\n' +
  '\r\n' +
  'Occupation,http://x/3,"glazenwasser",ramenwasser,laatste regel zonder einde';

const EXPECTED = [
  ['conceptType', 'conceptUri', 'preferredLabel', 'altLabels', 'description'],
  ['Occupation', 'http://x/1', 'heftruckchauffeur', 'vorkheftruckbestuurder\nreachtruckchauffeur', 'Rijdt met een "heftruck", laadt en lost.'],
  ['Occupation', 'http://x/2', 'kok', '', ''],
  ['Occupation', 'http://x/3', 'glazenwasser', 'ramenwasser', 'laatste regel zonder einde'],
];

t.test('RFC 4180: quoted newlines, doubled quotes, CRLF, a BOM, blank lines, no final newline', async (t) => {
  t.same(await parse(ESCO_LIKE), EXPECTED);
});

t.test('the same records whatever the chunk boundaries', async (t) => {
  for (const size of [1, 2, 3, 7, 64]) t.same(await parse(ESCO_LIKE, size), EXPECTED, `chunks of ${size}`);
});

t.test('edge cases', async (t) => {
  t.same(await parse('a,b,\n'), [['a', 'b', '']], 'a trailing empty field');
  t.same(await parse('"",""\n'), [['', '']], 'empty quoted fields');
  t.same(await parse('a\rb\n'), [['a'], ['b']], 'a lone CR ends a record');
  t.same(await parse(''), []);
  await t.rejects(parse('a,"not closed\n'), CsvError, 'an unclosed quote is an error, not a silent merge');
});

t.test('files are read into objects keyed by the header', async (t) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'kansrijk-csv-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'occupations_nl.csv');
  await writeFile(file, ESCO_LIKE);
  const rows: Array<Record<string, string>> = [];
  for await (const row of readCsvFile(file)) rows.push(row);
  t.equal(rows.length, 3);
  t.same(rows[0], {
    conceptType: 'Occupation',
    conceptUri: 'http://x/1',
    preferredLabel: 'heftruckchauffeur',
    altLabels: 'vorkheftruckbestuurder\nreachtruckchauffeur',
    description: 'Rijdt met een "heftruck", laadt en lost.',
  });
});
