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

/** The table for a terminal, without colours; `colWidths` wraps the cells' words to those widths. */
export function textTable({ head, rows }: TableRows, colWidths?: number[]): string {
  const table = new Table({ head, style: { head: [], border: [] }, ...(colWidths ? { wordWrap: true, colWidths } : {}) });
  table.push(...rows);
  return table.toString();
}
