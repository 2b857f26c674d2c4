/**
 * An append-only line file whose every line is on disk once `append` returns (written, then fsync'd): the
 * journals of `resnet-mf calibrate` and `resnet-mf power` (src/report/calibrationJournal.ts, powerJournal.ts),
 * which must survive Ctrl-C and a kill. One run at a time writes a journal: `openJournal` takes a lock (the
 * directory `<journal>.lock`, proper-lockfile) before reading it and the writer gives it back on close, so a
 * second run of the same command refuses to start instead of interleaving its lines with the first's. The holder
 * names itself in `<journal>.owner` and checks that name before every append.
 */
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { MalformedInputError } from '../errors.js';
import { makeDirectory } from './io.js';

/**
 * A lock not refreshed for this long is taken to belong to a run that was killed (SIGKILL or a crash of the machine;
 * Ctrl-C, SIGTERM and errors give the lock back). A live run refreshes it every JOURNAL_LOCK_UPDATE_MS, late only
 * while its event loop is busy: a scenario computed inline (--workers 1) blocks it for seconds to minutes, far less.
 */
export const JOURNAL_LOCK_STALE_MS = 10 * 60 * 1000;
/** How often a live run refreshes its lock. */
export const JOURNAL_LOCK_UPDATE_MS = 5000;

/**
 * Takes the lock of the journal at `path`, reads it with `read`, and opens it for appending where `resume` says.
 * The lock is held until the writer is closed (or given back at once if reading or opening throws); a lock held by
 * another run is waited for about 2 s (two runs started together), then refused.
 * @param flag the flag to name in errors, e.g. '--out (its journal)'
 * @throws MalformedInputError naming `flag` when another run holds the journal, or it cannot be created or written;
 *   whatever `read` throws (a journal of other settings, a malformed line)
 */
export async function openJournal<T>(path: string, flag: string, read: () => T, resume: (contents: T) => { keepBytes: number; prefix: string }): Promise<{ contents: T; writer: JournalWriter }> {
  let release: () => void;
  // Set when proper-lockfile finds the lock taken over or removed: the writer then refuses to append (it would
  // interleave its lines with the new owner's) and does not remove the new owner's lock.
  let lost: Error | null = null;
  let checkOwner: () => Error | null = () => lost;
  try {
    makeDirectory(dirname(path));
    await lockfile.lock(path, {
      realpath: false,
      stale: JOURNAL_LOCK_STALE_MS,
      update: JOURNAL_LOCK_UPDATE_MS,
      // Two runs started together: the one that reads first and stops (other settings, bad input) gives the lock
      // back within milliseconds; wait that long, not for a run that computes.
      retries: { retries: 8, minTimeout: 50, maxTimeout: 400 },
      onCompromised: (err) => {
        lost = err;
      },
    });
    // Who holds the lock, checked before every append: proper-lockfile notices a takeover only at its next refresh
    // (every JOURNAL_LOCK_UPDATE_MS), and a run can append many lines in that time. The owner file is not inside
    // the lock directory (proper-lockfile removes that directory with rmdir, which needs it empty).
    const token = `${process.pid} ${randomUUID()}`;
    writeFileSync(ownerPath(path), token);
    const owned = (): boolean => {
      try {
        return readFileSync(ownerPath(path), 'utf8') === token;
      } catch {
        return false;
      }
    };
    checkOwner = () => lost ?? (owned() ? null : new Error(`${ownerPath(path)} names another run`));
    // Given back synchronously: the lock directory is gone before the command prints its last line and exits;
    // a lock another run has taken over is left to it.
    release = () => {
      if (lost || !owned()) return;
      rmSync(ownerPath(path), { force: true });
      try {
        lockfile.unlockSync(path, { realpath: false });
      } catch {
        // removed meanwhile
      }
    };
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : '';
    if (code === 'ELOCKED') {
      throw new MalformedInputError(flag, `a journal that no other run is writing (another run holds ${path}.lock: wait for it to end, or remove that directory if no run is alive; a killed run's lock goes stale ${JOURNAL_LOCK_STALE_MS / 60_000} min after it was last refreshed)`, path);
    }
    throw new MalformedInputError(flag, `a journal whose lock can be taken (${code || (err instanceof Error ? err.message : String(err))})`, path);
  }
  try {
    const contents = read();
    const { keepBytes, prefix } = resume(contents);
    return { contents, writer: new JournalWriter(path, keepBytes, prefix, flag, release, checkOwner) };
  } catch (err) {
    release();
    throw err;
  }
}

/** The file naming the run that holds the lock of the journal at `path`: `<journal>.owner`. */
export function ownerPath(path: string): string {
  return `${path}.owner`;
}

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
    private release: (() => void) | null = null,
    private readonly lockLost: () => Error | null = () => null,
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
    const lost = this.lockLost();
    if (lost) {
      throw new MalformedInputError(this.flag, `a journal this run still holds (its lock ${this.path}.lock was taken over or removed: ${lost.message}; this run stops writing; check that no other run is using --out, then run the command again)`, this.path);
    }
    try {
      writeSync(this.fd, text);
      fsyncSync(this.fd);
    } catch (err) {
      throw this.failure(err);
    }
  }

  /** Closes the file and gives back its lock, if it holds one (appending after close is a bug of the caller). */
  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    const release = this.release;
    this.release = null;
    release?.();
  }

  private failure(err: unknown): MalformedInputError {
    const reason = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unwritable';
    return new MalformedInputError(this.flag, `a writable journal file (${reason})`, this.path);
  }
}
