/**
 * The counterexample store: a directory (default `.resnet-mf/counterexamples/` in the project) holding one
 * JSON file per violation found, written atomically (write-file-atomic: a temporary file renamed into place)
 * as soon as the violation is found, before shrinking starts, and again, same file, once it is shrunk. The
 * next run replays the stored scenarios of its bound first; `resnet-mf falsify --replay` re-checks them all.
 *
 * File `<bound hash>-<scenario hash>.json` (10 hex digits of SHA-256 each, so a scenario found twice is one
 * file), format `resnet-mf/counterexample@1`:
 *   { format, bound: { kind: "expression" | "predicate" | "conjecture", source, module? (absolute path of a
 *     predicate), id? (conjecture) }, phase: "found" | "shrunk", margin, scenario (scenarioSpace.ts),
 *     quantities (quantities.ts), seed, path? (fast-check replay path), strategy?, evaluations?,
 *     version: { resnetMf, node }, storedAt (ISO 8601) }.
 * JSON has no NaN or infinities: such numbers are written as the strings "NaN", "Infinity", "-Infinity".
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import writeFileAtomic from 'write-file-atomic';
import { refuseDuplicateKeys, withoutByteOrderMark } from '../data/jsonFields.js';
import { InvalidArgumentError, MalformedInputError } from '../errors.js';
import { integerInRange, oneOf } from '../validate.js';
import { QUANTITY_NAMES, type Quantities } from './quantities.js';
import { checkScenario, type FalsifyScenario } from './scenarioSpace.js';
import type { ViolationRecord } from './search.js';

export const COUNTEREXAMPLE_FORMAT = 'resnet-mf/counterexample@1';
export const DEFAULT_STORE_DIR = join('.resnet-mf', 'counterexamples');

/** How a stored violation's bound is rebuilt on replay. */
export type BoundRef =
  | { kind: 'expression'; source: string }
  | { kind: 'predicate'; source: string; module: string }
  | { kind: 'conjecture'; source: string; id: string };

/** A violation as the search reports it (margin < 0 or NaN). */
export interface FoundViolation {
  phase: 'found' | 'shrunk';
  scenario: FalsifyScenario;
  quantities: Quantities;
  margin: number;
  /** The fast-check seed of the run. */
  seed: number;
  /** The fast-check replay path of the shrunk counterexample, when it has one. */
  path?: string;
  strategy?: string;
  /** Model evaluations spent until this violation. */
  evaluations?: number;
}

/** A violation read back from the store. */
export interface StoredViolation extends FoundViolation {
  /** The file it was read from. */
  file: string;
  bound: BoundRef;
  version: { resnetMf: string; node: string };
  storedAt: string;
}

/**
 * Writes `v` to the store `dir` (created when missing) atomically and returns the file's path. The same bound
 * and scenario always map to the same file, so storing the shrunk violation after the found one overwrites it
 * when shrinking did not change the scenario.
 * @throws MalformedInputError naming `--store` when the directory cannot be created or the file not written.
 */
export function storeViolation(dir: string, bound: BoundRef, v: FoundViolation): string {
  // keys sorted: a scenario read back from a file (other key order) is the same file
  const file = join(dir, `${hash(bound.source)}-${hash(JSON.stringify(v.scenario, Object.keys(v.scenario).sort()))}.json`);
  const record = {
    format: COUNTEREXAMPLE_FORMAT,
    bound,
    phase: v.phase,
    margin: encode(v.margin),
    scenario: v.scenario,
    quantities: Object.fromEntries(QUANTITY_NAMES.map((name) => [name, encode(v.quantities[name])])),
    seed: v.seed,
    ...(v.path !== undefined ? { path: v.path } : {}),
    ...(v.strategy !== undefined ? { strategy: v.strategy } : {}),
    ...(v.evaluations !== undefined ? { evaluations: v.evaluations } : {}),
    version: { resnetMf: PACKAGE_VERSION, node: process.version },
    storedAt: new Date().toISOString(),
  };
  try {
    makeDirectory(dir);
    writeFileAtomic.sync(file, `${JSON.stringify(record, null, 2)}\n`);
  } catch (err) {
    throw new MalformedInputError('--store', `a writable directory (${(err as NodeJS.ErrnoException).code ?? 'unwritable'})`, dir);
  }
  return file;
}

/**
 * The `onViolation` hook of search.ts's falsify that writes each violation it reports to the store `dir`:
 * the first one (stage 'first', before shrinking starts) as phase 'found', the minimal one as 'shrunk'.
 * @param onStored called after each write, with the file written (the command prints it).
 * @throws as storeViolation.
 */
export function storeHook(dir: string, bound: BoundRef, onStored?: (file: string, v: ViolationRecord) => void): (v: ViolationRecord) => void {
  return (v) => {
    const { stage, scenario, quantities, margin, seed, strategy, evaluations } = v;
    const file = storeViolation(dir, bound, { phase: stage === 'first' ? 'found' : 'shrunk', scenario, quantities, margin, seed, strategy, evaluations });
    onStored?.(file, v);
  };
}

/**
 * The violations stored in `dir` (none when it does not exist), those of `boundSource` only when given;
 * shrunk ones first, then by file name. Temporary files of an interrupted write are ignored.
 * @throws MalformedInputError naming the file (unreadable, not JSON, wrong format), InvalidArgumentError
 *   naming the file's field (a bad scenario, quantity, margin, seed…): a corrupt store stops the run.
 */
export function loadStore(dir: string, boundSource?: string): StoredViolation[] {
  if (!existsSync(dir)) return [];
  if (!statSync(dir).isDirectory()) throw new MalformedInputError('--store', 'a directory', dir);
  const files = readdirSync(dir).filter((name) => /^[0-9a-f]{10}-[0-9a-f]{10}\.json$/.test(name)).sort();
  const all = files.map((name) => parseRecord(join(dir, name)));
  const chosen = boundSource === undefined ? all : all.filter((v) => v.bound.source === boundSource);
  return [...chosen.filter((v) => v.phase === 'shrunk'), ...chosen.filter((v) => v.phase !== 'shrunk')];
}

/** One stored file, validated field by field. */
export function parseRecord(file: string): StoredViolation {
  let value: unknown;
  let json: string;
  try {
    json = withoutByteOrderMark(readFileSync(file, 'utf8'));
    value = JSON.parse(json);
  } catch (err) {
    throw new MalformedInputError(file, `a counterexample record, format ${COUNTEREXAMPLE_FORMAT} (fix or delete the file)`, `unreadable or not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  refuseDuplicateKeys(json, file);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedInputError(file, 'a JSON object (a counterexample record)', value);
  const o = value as Record<string, unknown>;
  if (o.format !== COUNTEREXAMPLE_FORMAT) throw new MalformedInputError(`${file}.format`, `"${COUNTEREXAMPLE_FORMAT}"`, o.format);
  const b = o.bound as Record<string, unknown> | null;
  if (typeof b !== 'object' || b === null) throw new InvalidArgumentError(`${file}.bound`, 'an object { kind, source }', b);
  const kind = oneOf(`${file}.bound.kind`, b.kind, ['expression', 'predicate', 'conjecture'] as const);
  const text = (field: string, v: unknown): string => {
    if (typeof v !== 'string' || v.length === 0) throw new InvalidArgumentError(`${file}.${field}`, 'a non-empty string', v);
    return v;
  };
  const source = text('bound.source', b.source);
  const bound: BoundRef = kind === 'expression' ? { kind, source }
    : kind === 'predicate' ? { kind, source, module: text('bound.module', b.module) } : { kind, source, id: text('bound.id', b.id) };
  const quantities = o.quantities as Record<string, unknown> | null;
  if (typeof quantities !== 'object' || quantities === null) throw new InvalidArgumentError(`${file}.quantities`, 'an object of numbers', quantities);
  const version = o.version as Record<string, unknown> | null;
  return {
    file,
    bound,
    phase: oneOf(`${file}.phase`, o.phase, ['found', 'shrunk'] as const),
    margin: decode(`${file}.margin`, o.margin),
    scenario: checkScenario(o.scenario, `${file}.scenario`),
    quantities: Object.fromEntries(QUANTITY_NAMES.map((name) => [name, decode(`${file}.quantities.${name}`, quantities[name])])) as Quantities,
    seed: integerInRange(`${file}.seed`, o.seed, 0, Number.MAX_SAFE_INTEGER),
    ...(o.path !== undefined ? { path: text('path', o.path) } : {}),
    ...(o.strategy !== undefined ? { strategy: text('strategy', o.strategy) } : {}),
    ...(o.evaluations !== undefined ? { evaluations: integerInRange(`${file}.evaluations`, o.evaluations, 0, Number.MAX_SAFE_INTEGER) } : {}),
    version: { resnetMf: String(version?.resnetMf ?? 'unknown'), node: String(version?.node ?? 'unknown') },
    storedAt: String(o.storedAt ?? ''),
  };
}

/** A number for JSON: NaN and ±Infinity as strings. */
export function encode(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}

function decode(field: string, v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN') return NaN;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  throw new InvalidArgumentError(field, 'a number (or "NaN", "Infinity", "-Infinity")', v);
}

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** mkdir -p one level at a time (mkdirSync recursive loops forever on Node 20 under /proc; see cli/io.ts). */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d) && dirname(d) !== d; d = dirname(d)) missing.push(d);
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d);
    } catch (err) {
      if (!((err as NodeJS.ErrnoException).code === 'EEXIST' && statSync(d).isDirectory())) throw err;
    }
  }
}

/** The version of resnet-mf, from the nearest package.json named resnet-mf above this file. */
const PACKAGE_VERSION = ((): string => {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++, d = dirname(d)) {
    try {
      const pkg = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'resnet-mf') return String(pkg.version);
    } catch {} // no package.json here: look one level up
  }
  return 'unknown';
})();
