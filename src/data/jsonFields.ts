/**
 * Checked reading of parsed JSON values for the interchange format (json.ts): each helper returns the
 * value on success and throws an error from ../errors.ts naming the field path otherwise. They walk only
 * the depth they are asked for, so hostile nesting below it is a type error, not a deep recursion.
 */
import { MalformedInputError, ShapeMismatchError } from '../errors.js';
import { finiteNumber } from '../validate.js';

/**
 * JSON.parse with the failure turned into a MalformedInputError naming `source` and quoting JSON.parse's
 * message (which gives the position).
 * @throws MalformedInputError when `text` is not a string or not well-formed JSON.
 */
export function parseText(text: unknown, source: string): unknown {
  if (typeof text !== 'string') throw new MalformedInputError(source, 'JSON text (a string)', text);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new MalformedInputError(source, `well-formed JSON (${(e as Error).message})`, text);
  }
}

/**
 * Checks that `value` is a JSON object with the given format tag, all required keys and no other keys than
 * `format`, required and optional. The tag is checked first, so a wrong file type is reported as such.
 * Keys are only read, never assigned, so a `__proto__` key is reported as unknown and pollutes nothing.
 * @throws MalformedInputError naming `field`, `field.format`, `field.<unknown key>` or `field.<missing key>`.
 */
export function record(
  field: string,
  value: unknown,
  format: string,
  required: string[],
  optional: string[],
): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MalformedInputError(field, `a JSON object with "format": "${format}"`, value);
  }
  const o = value as Record<string, unknown>;
  const own = (k: string) => Object.prototype.hasOwnProperty.call(o, k);
  if (!own('format') || o.format !== format) {
    throw new MalformedInputError(`${field}.format`, `"${format}"`, own('format') ? o.format : undefined);
  }
  const allowed = ['format', ...required, ...optional];
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) {
      const expected = `absent (allowed keys: ${allowed.join(', ')})`;
      throw new MalformedInputError(`${field}.${k.slice(0, 40)}`, expected, o[k]);
    }
  }
  for (const k of required) {
    if (!own(k)) throw new MalformedInputError(`${field}.${k}`, 'present (a required key)', undefined);
  }
  return o;
}

/** An array of exactly `n` entries (`what` says which, in words). @throws ShapeMismatchError naming `field`. */
export function arrayOf(field: string, value: unknown, n: number, what: string): unknown[] {
  if (!Array.isArray(value) || value.length !== n) throw new ShapeMismatchError(field, what, value);
  return value;
}

/**
 * Copies an array of exactly `n` finite numbers into out[offset .. offset + n).
 * @throws ShapeMismatchError naming `field` (not an array, wrong length); InvalidArgumentError (not a
 *   number) or NonFiniteError (±Infinity, e.g. from 1e999) naming `field[j]`.
 */
export function numbers(
  field: string,
  value: unknown,
  n: number,
  what: string,
  out: Float64Array,
  offset: number,
): void {
  const a = arrayOf(field, value, n, what);
  for (let j = 0; j < n; j++) out[offset + j] = finiteNumber(`${field}[${j}]`, a[j]);
}
