/**
 * Reading a journal of JSON lines (the calibrate and power journals): each complete line is parsed and handed on;
 * a last line without its newline that does not parse, which is what a kill during an append leaves, is dropped;
 * any other line that does not parse is refused with its number.
 */
import { refuseDuplicateKeys } from '../data/jsonFields.js';
import { MalformedInputError } from '../errors.js';

/** Where the valid part of a journal ends. */
export interface JournalExtent {
  /** Length in bytes of the valid part; an append starts there (the file is cut to it first). */
  validBytes: number;
  /** The valid part does not end with a newline: write one before appending. */
  needsNewline: boolean;
  /** The truncated final line that was dropped (1-based), or null. */
  droppedLine: number | null;
}

/**
 * Calls onLine(value, at, line) for each non-blank line of `text`, `at` = `source:N`.
 * @param parse the JSON parser (JSON.parse, or a lossless one)
 * @param what the journal's name for the error ('a calibrate journal')
 * @throws MalformedInputError naming `source:N` for a complete line that is not JSON or repeats a key; what onLine throws
 */
export function readJournalLines(text: string, source: string, what: string, parse: (line: string) => unknown, onLine: (value: unknown, at: string, line: string, n: number) => void): JournalExtent {
  const extent: JournalExtent = { validBytes: 0, needsNewline: false, droppedLine: null };
  let offset = 0;
  let bytes = 0; // byte length of text[0, offset)
  for (let n = 1; offset < text.length; n++) {
    const end = text.indexOf('\n', offset);
    const complete = end >= 0;
    const line = text.slice(offset, complete ? end : text.length);
    offset = complete ? end + 1 : text.length;
    bytes += Buffer.byteLength(line) + (complete ? 1 : 0);
    if (line.trim() !== '') {
      let raw: unknown;
      try {
        raw = parse(line);
      } catch {
        if (!complete) {
          extent.droppedLine = n; // cut by a kill during an append
          break;
        }
        throw new MalformedInputError(`${source}:${n}`, `a JSON line of ${what} (fix or delete the line, or give --fresh to start the journal again)`, line);
      }
      refuseDuplicateKeys(line, `${source}:${n}`, ':');
      onLine(raw, `${source}:${n}`, line, n);
    }
    extent.validBytes = bytes;
    extent.needsNewline = !complete;
  }
  return extent;
}
