import t from 'tap';
import { parseCsv, CsvSyntaxError } from '../../src/imports/csv.js';
import {
  columnOf,
  isNeverRead,
  looksLikeBsn,
  parseDate,
  parseDecimal,
  parseShifts,
  parseWeekdays,
  parseWholeNumber,
} from '../../src/imports/csv-import.columns.js';

/* Issue 19.4: reading CSV as case systems write it, and the cells' Dutch formats (no I/O). */

t.test('";" or ",", a byte-order mark, quoted fields with separators, line breaks and doubled quotes, CRLF and blank lines', async (t) => {
  const semicolons = parseCsv('\uFEFFnummer;naam;omschrijving\r\n1;"Jansen; Zn.";"regel 1\r\nregel 2 met ""quotes"""\r\n\r\n2;Pietersen;\r\n');
  t.equal(semicolons.delimiter, ';');
  t.same(semicolons.header, ['nummer', 'naam', 'omschrijving'], 'no BOM in the first header');
  t.same(semicolons.records, [
    { line: 2, cells: ['1', 'Jansen; Zn.', 'regel 1\r\nregel 2 met "quotes"'] },
    { line: 5, cells: ['2', 'Pietersen', ''] },
  ]);
  const commas = parseCsv('nummer,uren,plaats\n1,"24,5",Tilburg\n2,32,"Den Bosch"');
  t.equal(commas.delimiter, ',');
  t.same(
    commas.records.map((record) => record.cells),
    [
      ['1', '24,5', 'Tilburg'],
      ['2', '32', 'Den Bosch'],
    ],
  );
  t.throws(() => parseCsv('a;b\n1;"open'), CsvSyntaxError);
  t.throws(() => parseCsv(''), CsvSyntaxError);
  t.same(parseCsv('a;b\n;\n').records, [{ line: 2, cells: ['', ''] }], 'a row of empty fields is a row');
});

t.test('Dutch headers, numbers and dates', async (t) => {
  t.equal(columnOf('candidates', 'Cliëntnummer')?.name, 'klantnummer');
  t.equal(columnOf('employers', 'KvK-nummer')?.name, 'kvk_nummer');
  t.equal(columnOf('employers', 'BSN'), undefined);
  t.ok(isNeverRead(' Burgerservicenummer '));
  t.same(parseWholeNumber('32,0'), { ok: true, value: 32 });
  t.equal(parseWholeNumber('24,5').ok, false);
  t.equal(parseWholeNumber('1.000').ok, false, 'a thousands point is not a decimal');
  t.same(parseDecimal('51,5606'), { ok: true, value: 51.5606 });
  t.same(parseDate('1-3-2027'), { ok: true, value: '2027-03-01' });
  t.same(parseDate('2027-03-01'), { ok: true, value: '2027-03-01' });
  t.equal(parseDate('31-02-2027').ok, false);
  t.same(parseWeekdays('ma-vr'), { ok: true, value: ['mon', 'tue', 'wed', 'thu', 'fri'] });
  t.same(parseWeekdays('za|ma'), { ok: true, value: ['mon', 'sat'] });
  t.equal(parseWeekdays('vr-ma').ok, false);
  const shifts = parseShifts('vroeg | nacht', ['mon']);
  t.ok(shifts.ok && shifts.value.shifts.map((shift) => shift.dayPart).join() === 'early,night');
});

t.test('a number that passes the BSN eleven-test is recognised', async (t) => {
  t.ok(looksLikeBsn('123456782'));
  t.ok(looksLikeBsn('1234.56.782'));
  t.notOk(looksLikeBsn('123456789'));
  t.notOk(looksLikeBsn('K-123456782'));
  t.notOk(looksLikeBsn('000000000'));
});
