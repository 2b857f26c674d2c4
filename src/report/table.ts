/**
 * A table as data, rendered for a terminal (cli-table3) or as HTML (htmlReport.ts): the verdict, audit and
 * estimate tables are built once as rows and shown both ways.
 */
import Table from 'cli-table3';

/** A table: its header and rows of cell texts (a cell may hold line breaks). */
export interface TableRows {
  head: string[];
  rows: string[][];
}

/**
 * The table for a terminal, without colours; `colWidths` wraps the cells' words to those widths. Control
 * characters in a cell (text from a report file) are shown as U+FFFD, never sent to the terminal.
 */
export function textTable({ head, rows }: TableRows, colWidths?: number[]): string {
  const table = new Table({ head, style: { head: [], border: [] }, ...(colWidths ? { wordWrap: true, colWidths } : {}) });
  table.push(...rows.map((row) => row.map(printable)));
  return table.toString();
}

/** A (name, value) pair, or none when the value is absent: for the optional entries of a list of properties. */
export function optional(name: string, value: string | null | undefined): [string, string][] {
  return value === null || value === undefined ? [] : [[name, value]];
}

/** The first line of `text` (up to its first line break of any kind). */
export function firstLine(text: string): string {
  return text.split(/\r\n|[\n\r\u2028\u2029]/, 1)[0];
}

/**
 * `text` with its control characters other than line feed and tab (ESC of a terminal escape sequence, BEL, CR,
 * DEL, C1) replaced by U+FFFD: text from a report file, as printed in a terminal table or a CI annotation.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}
