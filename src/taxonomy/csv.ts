import { createReadStream } from 'node:fs';

/*
 * A small streaming CSV parser (RFC 4180): fields separated by commas, records by CRLF or LF,
 * fields in double quotes may hold commas, quotes ("") and newlines, as ESCO's alternative labels
 * do. Hand-written because the format is small and a dependency would add more than it saves.
 */

export class CsvError extends Error {
  constructor(
    message: string,
    readonly record: number,
  ) {
    super(`${message} (record ${record})`);
    this.name = 'CsvError';
  }
}

type Parsed = { fields: string[]; next: number } | undefined;

const DELIMITER = /[,\r\n]/g;

/**
 * Reads one record from `text` at `start`. Undefined when the record may go on in the next chunk;
 * with `final` the text is all there is.
 */
function parseRecord(text: string, start: number, final: boolean, recordNumber: number): Parsed {
  const fields: string[] = [];
  let pos = start;
  for (;;) {
    let value: string;
    if (text.charCodeAt(pos) === 34 /* " */) {
      value = '';
      let from = pos + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) {
          if (final) throw new CsvError('A quoted field is not closed', recordNumber);
          return undefined;
        }
        value += text.slice(from, quote);
        if (quote + 1 >= text.length && !final) return undefined; // could be the first of ""
        if (text.charCodeAt(quote + 1) === 34) {
          value += '"';
          from = quote + 2;
          continue;
        }
        pos = quote + 1;
        break;
      }
      // Anything between the closing quote and the delimiter is kept, as lenient readers do.
      DELIMITER.lastIndex = pos;
      const after = DELIMITER.exec(text);
      const end = after ? after.index : text.length;
      if (!after && !final) return undefined;
      value += text.slice(pos, end);
      pos = end;
    } else {
      DELIMITER.lastIndex = pos;
      const after = DELIMITER.exec(text);
      if (!after && !final) return undefined;
      const end = after ? after.index : text.length;
      value = text.slice(pos, end);
      pos = end;
    }
    fields.push(value);
    if (pos >= text.length) return { fields, next: pos };
    const delimiter = text.charCodeAt(pos);
    if (delimiter === 44 /* , */) {
      pos += 1;
      if (pos >= text.length && !final) return undefined;
      continue;
    }
    if (delimiter === 13 /* \r */) {
      if (pos + 1 >= text.length && !final) return undefined;
      return { fields, next: text.charCodeAt(pos + 1) === 10 ? pos + 2 : pos + 1 };
    }
    return { fields, next: pos + 1 }; // \n
  }
}

/** Parses CSV text arriving in chunks into records (arrays of fields); blank lines are skipped. */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<string[]> {
  let buffer = '';
  let first = true;
  let recordNumber = 0;
  const drain = function* (final: boolean) {
    let pos = 0;
    while (pos < buffer.length) {
      const parsed = parseRecord(buffer, pos, final, recordNumber + 1);
      if (!parsed) break;
      pos = parsed.next;
      if (parsed.fields.length === 1 && parsed.fields[0] === '') continue;
      recordNumber += 1;
      yield parsed.fields;
    }
    buffer = buffer.slice(pos);
  };
  for await (const chunk of chunks) {
    buffer += first ? chunk.replace(/^\uFEFF/, '') : chunk;
    first = false;
    yield* drain(false);
  }
  yield* drain(true);
}

/** Reads a CSV file with a header row into objects keyed by the header's column names. */
export async function* readCsvFile(file: string): AsyncGenerator<Record<string, string>> {
  let header: string[] | undefined;
  for await (const fields of parseCsv(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }))) {
    if (!header) {
      header = fields.map((name) => name.trim());
      continue;
    }
    const row: Record<string, string> = {};
    for (let i = 0; i < header.length; i += 1) row[header[i]!] = fields[i] ?? '';
    yield row;
  }
}
