/**
 * Checked reading of the fields of a parsed report or journal (shardReport.ts, calibrationJournal.ts): each
 * helper returns the value on success and throws a MalformedInputError naming the field path (e.g.
 * `shard.json:jobs[2].runs`) otherwise.
 */
import type { RateReport } from '../check/index.js';
import { MalformedInputError } from '../errors.js';
import { REPLAY_PATH, REPLAY_PATH_EXPECTED } from './verdictReport.js';

/** A JSON object (not null, not an array). @throws MalformedInputError naming `field`. */
export function record(field: string, v: unknown): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new MalformedInputError(field, 'an object', v);
  return v as Record<string, unknown>;
}
/** A JSON array. @throws MalformedInputError naming `field`. */
export function array(field: string, v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new MalformedInputError(field, 'an array', v);
  return v;
}
/** A string. @throws MalformedInputError naming `field`. */
export function text_(field: string, v: unknown): string {
  if (typeof v !== 'string') throw new MalformedInputError(field, 'a string', v);
  return v;
}
/** true or false. @throws MalformedInputError naming `field`. */
export function bool(field: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new MalformedInputError(field, 'true or false', v);
  return v;
}
/** A number (NaN and ±Infinity included: lossless JSON keeps them). @throws MalformedInputError naming `field`. */
export function number(field: string, v: unknown): number {
  if (typeof v !== 'number') throw new MalformedInputError(field, 'a number', v);
  return v;
}
/** A safe integer ≥ min. @throws MalformedInputError naming `field`. */
export function integer(field: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new MalformedInputError(field, `an integer ≥ ${min}`, v);
  return v;
}
/** One of the `allowed` strings. @throws MalformedInputError naming `field` and listing them. */
export function member<T extends string>(field: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) throw new MalformedInputError(field, `one of ${allowed.join(', ')}`, v);
  return v as T;
}
/** Named figures: an object of numbers, named as keys may be (`key`). @throws MalformedInputError naming `field` or `field.<name>`. */
export function figures(field: string, v: unknown): Record<string, number> {
  const o = record(field, v);
  for (const [k, x] of Object.entries(o)) {
    key(`${field}.${k}`, k);
    number(`${field}.${k}`, x);
  }
  return o as Record<string, number>;
}

/**
 * A name used as an object key by the code that reads the report (a figure's name, an undecided reason): a
 * one-line text (`label`) that is not a property of every object (`constructor`, `__proto__`, `toString`, …),
 * which a lookup or a count keyed by it would read instead of the report's value.
 * @throws MalformedInputError naming `field`
 */
export function key(field: string, name: string): string {
  label(field, name);
  if (name === '__proto__' || name in Object.prototype) throw new MalformedInputError(field, 'a name that is not a property of every object', name);
  return name;
}

/** An integer in [min, max]. @throws MalformedInputError naming `field`. */
export function bounded(field: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) throw new MalformedInputError(field, `an integer in [${min}, ${max}]`, v);
  return v;
}

/** A fast-check replay path (integers joined by ":"), as `check --path` takes: it is printed in replay commands. */
export function replayPath(field: string, v: unknown): string {
  const path = text_(field, v);
  if (!REPLAY_PATH.test(path)) throw new MalformedInputError(field, REPLAY_PATH_EXPECTED, path);
  return path;
}

/**
 * A JSON value nested at most `maxDepth` arrays or objects deep (a counterexample: a small record), so that
 * writing it again (JSON.stringify, recursive) cannot run out of stack.
 * @throws MalformedInputError naming `field`
 */
export function shallow(field: string, v: unknown, maxDepth: number): unknown {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length > 0) {
    const [x, depth] = stack.pop() as [unknown, number];
    if (x === null || typeof x !== 'object') continue;
    if (depth >= maxDepth) throw new MalformedInputError(field, `a value nested at most ${maxDepth} deep`, 'a deeper value');
    for (const y of Object.values(x)) stack.push([y, depth + 1]);
  }
  return v;
}
/**
 * Text to be shown on one line of a plot or table: a string without control characters or line separators
 * (a plot's renderer would otherwise parse it, or a terminal obey it).
 * @throws MalformedInputError naming `field`
 */
export function label(field: string, v: unknown): string {
  const t = text_(field, v);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(t)) throw new MalformedInputError(field, 'a one-line text without control characters', t);
  return t;
}

/**
 * An optional rate report, as `{ rate }` or `{}` when absent, checked in every field it is drawn and printed
 * with: the quantity and size symbol as one-line texts, numbers where numbers are plotted, the rungs as
 * objects of three numbers, and no other fields (a copy is kept, in the order a check report writes them, so
 * nothing unchecked reaches the plot).
 * @throws MalformedInputError naming the field
 */
export function rate(field: string, v: unknown): { rate?: RateReport } {
  if (v === undefined) return {};
  const r = record(field, v);
  const fit = record(`${field}.fit`, r.fit);
  return {
    rate: {
      quantity: label(`${field}.quantity`, r.quantity),
      size: label(`${field}.size`, r.size),
      claimed: number(`${field}.claimed`, r.claimed),
      band: number(`${field}.band`, r.band),
      fit: {
        exponent: number(`${field}.fit.exponent`, fit.exponent), lo: number(`${field}.fit.lo`, fit.lo), hi: number(`${field}.fit.hi`, fit.hi),
        level: number(`${field}.fit.level`, fit.level), prefactor: number(`${field}.fit.prefactor`, fit.prefactor),
        standardError: number(`${field}.fit.standardError`, fit.standardError), method: label(`${field}.fit.method`, fit.method),
      },
      points: array(`${field}.points`, r.points).map((p, k) => {
        const o = record(`${field}.points[${k}]`, p);
        return { n: number(`${field}.points[${k}].n`, o.n), e: number(`${field}.points[${k}].e`, o.e), floor: number(`${field}.points[${k}].floor`, o.floor) };
      }),
      used: array(`${field}.used`, r.used).map((n, k) => number(`${field}.used[${k}]`, n)),
      referenceError: number(`${field}.referenceError`, r.referenceError),
    },
  };
}
