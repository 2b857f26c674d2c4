/**
 * File input and output for the command: reading with errors that name the flag, writing atomically (a
 * temporary file renamed into place, so a failed run never leaves a partial file).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { MalformedInputError } from '../errors.js';

/**
 * The text of a file.
 * @throws MalformedInputError naming `flag` when the file cannot be read (missing, a directory, no permission).
 */
export function readTextFile(flag: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unreadable';
    throw new MalformedInputError(flag, `a readable file (${reason})`, path);
  }
}

/** Writes `text` to `path` atomically, creating the parent directory. */
export function writeTextFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic.sync(path, text);
}
