/**
 * An append-only line file whose every line is on disk once `append` returns (written, then fsync'd): the
 * journal of `resnet-mf calibrate` (src/report/calibrationJournal.ts), which must survive Ctrl-C and a kill.
 */
import { closeSync, existsSync, fsyncSync, openSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { MalformedInputError } from '../errors.js';
import { makeDirectory } from './io.js';

export class JournalWriter {
  private fd: number | null;

  /**
   * Opens `path` for appending after its first `keepBytes` bytes (anything after them, such as a line cut by a
   * kill, is removed), creating the file and its directory when missing; `prefix` (a header, or the newline a
   * kept last line lacked) is written and synced at once.
   * @param flag the flag to name in errors, e.g. '--out (its journal)'
   * @throws MalformedInputError naming `flag` when the file cannot be created or written
   */
  constructor(
    readonly path: string,
    keepBytes: number,
    prefix: string,
    private readonly flag: string,
  ) {
    try {
      makeDirectory(dirname(path));
      if (existsSync(path)) truncateSync(path, keepBytes);
      this.fd = openSync(path, 'a');
    } catch (err) {
      throw this.failure(err);
    }
    if (prefix !== '') this.append(prefix);
  }

  /**
   * Appends `text` (whole lines, each ending with a newline) and waits until it is on disk.
   * @throws MalformedInputError naming the flag when the write fails (disk full, file removed from under it)
   */
  append(text: string): void {
    if (this.fd === null) throw new Error(`journal ${this.path} is closed`);
    try {
      writeSync(this.fd, text);
      fsyncSync(this.fd);
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** Closes the file (appending after close is a bug of the caller). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private failure(err: unknown): MalformedInputError {
    const reason = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unwritable';
    return new MalformedInputError(this.flag, `a writable journal file (${reason})`, this.path);
  }
}
