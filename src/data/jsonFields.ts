/**
 * Checked reading of parsed JSON values for the interchange format (json.ts): each helper returns the
 * value on success and throws an error from ../errors.ts naming the field path otherwise. They walk only
 * the depth they are asked for, so hostile nesting below it is a type error, not a deep recursion.
 */
import { MalformedInputError, ShapeMismatchError } from '../errors.js';
import { finiteNumber } from '../validate.js';

/** A UTF-8 byte-order mark, as readFileSync(…, 'utf8') leaves it: allowed before JSON text (RFC 8259 §8.1). */
const BYTE_ORDER_MARK = '\uFEFF';

/** `text` without a leading byte-order mark. */
export function withoutByteOrderMark(text: string): string {
  return text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
}

/** `.name` for an identifier key, `["a b"]` (escaped: no newline or control character reaches a message) otherwise. */
function keyAccess(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** A JSON path as the readers name fields: `a.b[2].c` (keys that are not identifiers are quoted: `a["x y"]`). */
function fieldPath(path: readonly (string | number)[]): string {
  return path
    .map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 && /^[A-Za-z_$][\w$]*$/.test(k) ? k : keyAccess(k)))
    .join('');
}

/**
 * Refuses an object that names a key twice, which JSON.parse accepts silently (the last value wins), so a file
 * edited by hand cannot carry a value its author did not mean. For well-formed JSON text only (run it after
 * JSON.parse). One pass with an explicit stack, no recursion: nesting as deep as JSON.parse accepts cannot overflow
 * the call stack (jsonc-parser's visitor, tried first, does at 100 000 levels).
 * @param separator between `source` and the path: '.' for the model and data files (`model.theta`), ':' for reports
 *   (`shard.json:jobs[2].runs`)
 * @throws MalformedInputError naming `source` and the duplicated key's path, e.g. `model.theta` or `data["x y"]`.
 */
export function refuseDuplicateKeys(text: string, source: string, separator: '.' | ':' = '.'): void {
  /** Open containers, outermost first: an object's keys so far and its current key, an array's current index. */
  const open: { keys: Set<string> | null; key: string; index: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '{' || c === '[') open.push({ keys: c === '{' ? new Set() : null, key: '', index: 0 });
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',' && open.length > 0 && open[open.length - 1]!.keys === null) open[open.length - 1]!.index++;
    else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = open[open.length - 1];
      let k = j + 1;
      while (k < text.length && ' \t\n\r'.includes(text[k]!)) k++;
      if (top?.keys && text[k] === ':') {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) {
          const at = fieldPath([...open.slice(0, -1).map((f) => (f.keys ? f.key : f.index)), key]);
          throw new MalformedInputError(`${source}${at.startsWith('[') && separator === '.' ? '' : separator}${at}`, 'given once in its object (JSON.parse would silently keep the last of the values)', 'a second value');
        }
        top.keys.add(key);
        top.key = key;
      }
      i = j;
    }
  }
}

/**
 * JSON.parse with the failure turned into a MalformedInputError naming `source` and quoting JSON.parse's
 * message (which gives the position). A leading byte-order mark is skipped; a duplicate key is refused.
 * @throws MalformedInputError when `text` is not a string, not well-formed JSON, or names a key twice in an object.
 */
export function parseText(text: unknown, source: string): unknown {
  if (typeof text !== 'string') throw new MalformedInputError(source, 'JSON text (a string)', text);
  const json = withoutByteOrderMark(text);
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (e) {
    throw new MalformedInputError(source, `well-formed JSON (${(e as Error).message})`, text);
  }
  refuseDuplicateKeys(json, source);
  return value;
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
      throw new MalformedInputError(`${field}${keyAccess(k.slice(0, 40))}`, expected, o[k]);
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

/**
 * A JSON.stringify replacer that writes ±Infinity and NaN as the strings "Infinity", "-Infinity" and "NaN"
 * (JSON has no such numbers; JSON.stringify alone would write null and lose them).
 */
export function nonFiniteAsString(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
}
