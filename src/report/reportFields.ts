/**
 * Checked reading of the fields of a parsed report or journal (shardReport.ts, calibrationJournal.ts): each
 * helper returns the value on success and throws a MalformedInputError naming the field path (e.g.
 * `shard.json:jobs[2].runs`) otherwise.
 */
import type { RateReport } from '../../properties/index.js';
import { MalformedInputError } from '../errors.js';

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
/** Named figures: an object of numbers. @throws MalformedInputError naming `field` or `field.<name>`. */
export function figures(field: string, v: unknown): Record<string, number> {
  const o = record(field, v);
  for (const [k, x] of Object.entries(o)) number(`${field}.${k}`, x);
  return o as Record<string, number>;
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
