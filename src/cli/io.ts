/**
 * File input and output for the command: reading with errors that name the flag, writing atomically (a
 * temporary file renamed into place, so a failed run never leaves a partial file).
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, realpathSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { InvalidArgumentError, MalformedInputError } from '../errors.js';

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

/** Symbolic links followed before giving up, as Linux's MAXSYMLINKS. */
const MAX_LINKS = 40;

/**
 * The file an output path names: `path` itself, or the end of its chain of symbolic links, which may not exist
 * yet (a dangling link names the file to create). Writing there, not at `path`, keeps the link a link: the
 * atomic write renames a temporary file onto its target, which would otherwise replace the link itself.
 * @throws MalformedInputError naming `flag` for a cycle of links.
 */
export function outputTarget(flag: string, path: string): string {
  let p = path;
  for (let hops = 0; hops <= MAX_LINKS; hops++) {
    if (!isLink(p)) return p;
    // The link's text is read from its real directory, and `..` in it is resolved by the system (realpath), not
    // cancelled on the text: `dir/../x` where dir is itself a link names a file under the link's target's parent.
    const to = readlinkSync(p);
    const full = isAbsolute(to) ? to : `${realDirectory(dirname(p))}/${to}`;
    p = `${realDirectory(dirname(full))}/${basename(full)}`;
  }
  throw new MalformedInputError(flag, `a writable regular file path (ELOOP: more than ${MAX_LINKS} symbolic links)`, path);
}

/**
 * Writes `text` to `path` atomically, creating the parent directory; through a symbolic link, to its target.
 * @throws MalformedInputError naming `flag` when the directory cannot be created or the file not written.
 */
export function writeTextFileAtomic(flag: string, given: string, text: string): void {
  const path = outputTarget(flag, given);
  if (existsSync(path) && !statSync(path).isFile()) {
    throw new MalformedInputError(flag, 'a regular file path (not a device, FIFO or directory)', given);
  }
  try {
    makeDirectory(dirname(path));
    writeFileAtomic.sync(path, text);
  } catch (err) {
    const reason = err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unwritable';
    throw new MalformedInputError(flag, `a writable file path (${reason})`, given);
  }
}

/**
 * Checks, before any work is done, that `given` (through its symbolic links, outputTarget) can be an output
 * file: absent or a regular file (never a directory, device or FIFO: the atomic write would replace it), in a
 * directory that exists or can be created
 * and whose nearest existing ancestor directory accepts a new file (probed by writing and removing an empty
 * file there; missing directories are created only when the file is written).
 * @throws MalformedInputError naming `flag`.
 */
export function checkOutputPath(flag: string, given: string): void {
  const fail = (reason: string) => new MalformedInputError(flag, `a writable regular file path (${reason})`, given);
  if (given === '') throw fail('empty');
  const path = outputTarget(flag, given);
  if (existsSync(path)) {
    const st = statSync(path);
    if (st.isDirectory()) throw fail('EISDIR');
    if (!st.isFile()) throw fail('not a regular file');
  }
  // Walk up to the nearest entry that exists as a name (lstat): a dangling symlink stops the walk, and fails.
  const present = (p: string) => existsSync(p) || isLink(p);
  let ancestor = dirname(path);
  while (!present(ancestor) && dirname(ancestor) !== ancestor) ancestor = dirname(ancestor);
  if (!existsSync(ancestor)) throw fail('ENOENT');
  if (!statSync(ancestor).isDirectory()) throw fail('ENOTDIR');
  // Probe the nearest existing directory with an empty file (removed at once): nothing is left behind.
  const probe = join(ancestor, `.${basename(path)}.resnet-mf-probe-${process.pid}`);
  try {
    writeFileSync(probe, '', { flag: 'wx' });
    unlinkSync(probe);
  } catch (err) {
    throw fail(err instanceof Error && 'code' in err ? String((err as NodeJS.ErrnoException).code) : 'unwritable');
  }
}

/** The directory with every link and `..` resolved by the system, or as given when it does not exist (yet). */
function realDirectory(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return dir;
  }
}

function isLink(p: string): boolean {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * mkdir -p, one level at a time (exported for files written other than atomically, such as an append-only journal). Not mkdirSync(dir, { recursive: true }): on Node 20 that loops forever when
 * a parent exists but refuses children with ENOENT (any path under /proc).
 */
export function makeDirectory(dir: string): void {
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

/**
 * The absolute path an output (or an input) `given` names once every symbolic link is followed: the file's own
 * link (outputTarget) and every link among its existing ancestor directories (realpath), so that two spellings
 * of one file compare equal.
 * @throws MalformedInputError naming `flag` (a symbolic-link loop)
 */
export function canonicalOutput(flag: string, given: string): string {
  const target = resolve(outputTarget(flag, given));
  const rest: string[] = [basename(target)];
  let dir = dirname(target);
  while (!existsSync(dir) && dir !== dirname(dir)) {
    rest.unshift(basename(dir));
    dir = dirname(dir);
  }
  return join(realDirectory(dir), ...rest);
}

/**
 * Checks that no output of a command is another output or one of its inputs, nor a directory on the path of
 * another (one flag would need it as a file, the other as a directory), after symbolic links (canonicalOutput);
 * so that no output silently replaces another output or an input (e.g. `--junit` given the `--out` path, or a
 * shard report that `report merge` reads).
 * @param outputs [flag, path] pairs, in the order the flags are reported
 * @param inputs [flag, path] pairs of the files the command reads
 * @throws InvalidArgumentError naming the output flag of the first pair that clashes
 */
export function checkDistinctOutputs(outputs: readonly [string, string][], inputs: readonly [string, string][] = []): void {
  const seen = new Map<string, string>();
  for (const [flag, given] of inputs) seen.set(canonicalOutput(flag, given), flag);
  for (const [flag, given] of outputs) {
    const target = canonicalOutput(flag, given);
    const same = seen.get(target);
    if (same !== undefined) throw new InvalidArgumentError(flag, `a file other than ${same}'s`, given);
    for (const [path, other] of seen) {
      if (target.startsWith(`${path}${sep}`) || path.startsWith(`${target}${sep}`)) {
        throw new InvalidArgumentError(flag, `a path that neither contains nor lies inside ${other}'s`, given);
      }
    }
    seen.set(target, flag);
  }
}

/** The [flag, path] pairs of those path-valued flags among `names` that were given, each as `--<name>`. */
export function givenPaths<K extends string>(flags: Partial<Record<K, string>>, names: readonly K[]): [string, string][] {
  return names.flatMap((k) => {
    const path = flags[k];
    return path === undefined ? [] : [[`--${k}`, path] as [string, string]];
  });
}

/**
 * Every check a command's outputs get before any work: each can be written (checkOutputPath, in the order
 * given), and none is another or an input (checkDistinctOutputs).
 * @throws MalformedInputError or InvalidArgumentError naming the first flag at fault
 */
export function checkOutputs(outputs: readonly [string, string][], inputs: readonly [string, string][] = []): void {
  for (const [flag, path] of outputs) checkOutputPath(flag, path);
  checkDistinctOutputs(outputs, inputs);
}

/** Writes rendered files [flag, path, text] in order, each atomically (writeTextFileAtomic). */
export function writeTextFilesAtomic(files: readonly [string, string, string][]): void {
  for (const [flag, path, text] of files) writeTextFileAtomic(flag, path, text);
}
