/**
 * File input and output for the command: reading with errors that name the flag, writing atomically (a
 * temporary file renamed into place, so a failed run never leaves a partial file).
 */
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
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

/**
 * Writes `text` to `path` atomically, creating the parent directory.
 * @throws MalformedInputError naming `flag` when the directory cannot be created or the file not written.
 */
export function writeTextFileAtomic(flag: string, path: string, text: string): void {
  try {
    makeDirectory(dirname(path));
    writeFileAtomic.sync(path, text);
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unwritable';
    throw new MalformedInputError(flag, `a writable file path (${reason})`, path);
  }
}

/**
 * Checks, before any work is done, that `path` can be an output file: not an existing directory, and its
 * nearest existing ancestor is a directory. With `create`, also creates its directory (so that every
 * failure to create it is reported up front; for `check`, which always writes its report).
 * @throws MalformedInputError naming `flag`.
 */
export function checkOutputPath(flag: string, path: string, create = false): void {
  const fail = (reason: string) => new MalformedInputError(flag, `a writable file path (${reason})`, path);
  if (existsSync(path) && statSync(path).isDirectory()) throw fail('EISDIR');
  let ancestor = dirname(path);
  while (!existsSync(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (existsSync(ancestor) && !statSync(ancestor).isDirectory()) throw fail('ENOTDIR');
  if (!create) return;
  try {
    makeDirectory(dirname(path));
  } catch (err) {
    throw fail(err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unwritable');
  }
}

/**
 * mkdir -p, one level at a time. Not mkdirSync(dir, { recursive: true }): on Node 20 that loops forever when
 * a parent exists but refuses children with ENOENT (any path under /proc).
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if (!((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(d).isDirectory())) throw err;
    }
  }
}
