/*
 * Reading CSV as municipal case systems write it (RFC 4180 and its Dutch habits): UTF-8, with or
 * without a byte-order mark; fields separated by ";" (the Dutch Excel default, since "," is the
 * decimal comma) or ","; fields in double quotes may hold the separator, line breaks and doubled
 * quotes (""); lines end in CRLF or LF. No I/O here.
 */

export type CsvRecord = {
  /** Line in the file where the record starts (the header is line 1), as a spreadsheet shows it. */
  line: number;
  cells: string[];
};

export type CsvFile = { delimiter: ';' | ','; header: string[]; records: CsvRecord[] };

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/** The separator of the header line: the one of ";" and "," that occurs more often outside quotes (";" on a tie). */
export function detectDelimiter(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ';') semicolons += 1;
    else if (!quoted && char === ',') commas += 1;
  }
  return commas > semicolons ? ',' : ';';
}

/** Parses a whole file; blank lines are skipped. Throws CsvSyntaxError on a quote left open or text after a closing quote. */
export function parseCsv(input: string): CsvFile {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const delimiter = detectDelimiter(text);
  const rows: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let start = 1;
  let quoted = false;
  let afterQuote = false;
  let cellStarted = false;
  const endRecord = () => {
    cells.push(cell);
    // A line with nothing on it is not a record.
    if (!(cells.length === 1 && cells[0] === '' && !cellStarted)) rows.push({ line: start, cells });
    cells = [];
    cell = '';
    afterQuote = false;
    cellStarted = false;
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
      continue;
    }
    if (char === delimiter) {
      cells.push(cell);
      cell = '';
      afterQuote = false;
      cellStarted = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      start = line;
    } else if (char === '"' && cell.trim() === '' && !afterQuote) {
      quoted = true;
      cell = '';
      cellStarted = true;
    } else if (afterQuote) {
      if (char !== ' ' && char !== '\t') throw new CsvSyntaxError(line, `Na een aanhalingsteken sluiten moet een ${delimiter} of een nieuwe regel komen.`);
    } else {
      cell += char;
      cellStarted = true;
    }
  }
  if (quoted) throw new CsvSyntaxError(start, 'Een aanhalingsteken (") wordt geopend maar niet gesloten.');
  if (cell !== '' || cells.length > 0 || cellStarted) endRecord();
  const [header, ...records] = rows;
  if (!header) throw new CsvSyntaxError(1, 'Het bestand is leeg: de eerste regel moet de kolomnamen hebben.');
  return { delimiter, header: header.cells, records };
}
