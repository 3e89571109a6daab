// A CSV text as the evaluation protocol reads it (shared/data/EVALUATION.md): every cell stays text and
// nothing is normalised, so `Select`, `unknown` or `999` remain ordinary values for the models to learn.
import { parse } from 'csv-parse/sync'
import { DomainError } from '../errors.ts'

/** A header and its rows; every row has one cell per header column, a missing cell is ''. */
export type CsvTable = { header: string[]; rows: string[][] }

const BOM = '\uFEFF'

/**
 * Reads CSV text (RFC 4180 quoting, UTF-8 BOM dropped, blank lines skipped).
 * The delimiter is `;` when the header line has more `;` than `,`, as spreadsheets in
 * comma-decimal locales export it.
 *
 * @example readCsvTable('id;name\n1;"a;b"\n') // { header: ['id', 'name'], rows: [['1', 'a;b']] }
 */
export function readCsvTable(text: string): CsvTable {
  const body = text.startsWith(BOM) ? text.slice(1) : text
  const records = parse(body, {
    delimiter: delimiterOf(body),
    skip_empty_lines: true,
    // Short rows are padded below and long rows trimmed: a ragged export should not lose the file.
    relax_column_count: true,
  }) as string[][]
  const [header = [], ...rest] = records
  const rows = rest.map((record) => header.map((_, column) => record[column] ?? ''))
  return { header, rows }
}

/**
 * The text of a CSV file's bytes, which must be UTF-8: a spreadsheet's Latin-1 or Windows-1252 export
 * read as UTF-8 would turn every "ä" into a replacement character, and the model would learn from that.
 */
export function decodeCsvBytes(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    // The line of the first byte that is not UTF-8, as the replacement character shows it when read anyway.
    const lossy = new TextDecoder('utf-8').decode(bytes)
    const line = lossy.slice(0, lossy.indexOf('\uFFFD')).split('\n').length
    throw new DomainError(
      'PREDICTION_INPUT_INVALID',
      `The file is not UTF-8 (line ${line}): save it as UTF-8 (in Excel: "CSV UTF-8").`,
      { encoding: 'not UTF-8', line },
    )
  }
}

function delimiterOf(body: string): ';' | ',' {
  const end = body.search(/\r?\n/)
  const headerLine = end === -1 ? body : body.slice(0, end)
  const count = (char: string) => headerLine.split(char).length - 1
  return count(';') > count(',') ? ';' : ','
}
