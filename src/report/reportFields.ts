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
 * An optional rate report, as `{ rate }` or `{}` when absent. It is kept as written (plotted and printed as is);
 * the fields a verdict compares are checked.
 * @throws MalformedInputError naming `field.claimed` or `field.fit.exponent`
 */
export function rate(field: string, v: unknown): { rate?: RateReport } {
  if (v === undefined) return {};
  const r = record(field, v);
  number(`${field}.claimed`, r.claimed);
  number(`${field}.fit.exponent`, record(`${field}.fit`, r.fit).exponent);
  return { rate: r as unknown as RateReport };
}
