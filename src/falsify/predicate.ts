/**
 * The second way to state a bound: a JavaScript module (`falsify --predicate file.mjs`).
 *
 * The module exports
 *   - `bound(q)`: required, synchronous; `q` holds the measured quantities (quantities.ts, a frozen object
 *     { L, M, d, N, s, dt, eps, eta, E, E0, E_ref, err_depth, err_width, grad_norm, displacement }); it returns
 *     the margin (a number: ≥ 0 holds, < 0 or NaN violated; the targeted search climbs on it) or a boolean
 *     (true holds: margin 1; false violated: margin −1; the search then has no slope to follow);
 *   - `source`: optional string naming the bound in reports and in the counterexample store (default
 *     `predicate <absolute path>`);
 *   - `names`: optional array of the quantity names it reads (default all; fewer names can spare the costly
 *     ones: E_ref and err_width train two networks of width 8M, err_depth solves an ODE).
 * A TypeScript user compiles the module first (`npx tsc bound.ts --module nodenext --target es2022`) and
 * passes the .js file; `import type { Quantities } from 'resnet-mf'` types `q`.
 *
 * A predicate module is the user's own code, run with the user's rights: it is not sandboxed (use --bound
 * for untrusted text). Each call is stopped after PREDICATE_TIME_LIMIT_MS (an infinite loop is an error, not
 * a hang).
 *
 * @example // conjecture.mjs
 *   export const source = 'loss never increases';
 *   export const names = ['E', 'E0'];
 *   export function bound(q) { return q.E0 - q.E; }
 */
import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InvalidArgumentError, MalformedInputError } from '../errors.js';
import type { Bound } from './bound.js';
import { runWithTimeLimit, TimeLimitError } from './hardenedMath.js';
import { QUANTITY_NAMES, type Quantities, type QuantityName } from './quantities.js';

/** Time limit of one call of a predicate's bound(q), in ms. */
export const PREDICATE_TIME_LIMIT_MS = 5000;

const EXTENSIONS = ['.js', '.mjs', '.cjs'];

/**
 * Loads a predicate module and returns it as a Bound; calls bound(q) once on probe quantities (every name 1)
 * so that a broken module fails here rather than in the middle of a search.
 * @param field the flag named in errors.
 * @throws MalformedInputError naming `field` (missing or unreadable file, not .js/.mjs/.cjs, the module does
 *   not load: syntax error, failing import); InvalidArgumentError naming `field` (no function `bound`, bad
 *   `source` or `names`, the probe call throws, returns something else than a number or boolean, or exceeds
 *   PREDICATE_TIME_LIMIT_MS).
 */
export async function loadPredicateBound(modulePath: string, field = '--predicate'): Promise<Bound> {
  const path = resolve(modulePath);
  if (!existsSync(path) || !statSync(path).isFile()) throw new MalformedInputError(field, 'an existing JavaScript module file', modulePath);
  if (extname(path) === '.ts' || extname(path) === '.mts') {
    throw new MalformedInputError(field, 'a compiled JavaScript module (.js, .mjs, .cjs): compile the TypeScript first with tsc', modulePath);
  }
  if (!EXTENSIONS.includes(extname(path))) throw new MalformedInputError(field, `a JavaScript module file (${EXTENSIONS.join(', ')})`, modulePath);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (err) {
    throw new MalformedInputError(field, `a module that loads (${firstLine(err)})`, modulePath);
  }
  const fn = typeof mod.bound === 'function' ? mod.bound : (mod.default as Record<string, unknown> | undefined)?.bound;
  if (typeof fn !== 'function') throw new InvalidArgumentError(field, 'a module exporting a function bound(q) (named export `bound`)', modulePath);
  const source = mod.source === undefined ? `predicate ${path}` : mod.source;
  if (typeof source !== 'string' || source.length === 0 || source.length > 1000) {
    throw new InvalidArgumentError(`${field} (its export source)`, 'a string of 1 to 1000 characters', source);
  }
  const names = mod.names === undefined ? [...QUANTITY_NAMES] : checkNames(`${field} (its export names)`, mod.names);
  const margin = (q: Quantities): number => {
    const frozen = Object.freeze({ ...q });
    let value: unknown;
    try {
      value = runWithTimeLimit(() => (fn as (q: Quantities) => unknown)(frozen), PREDICATE_TIME_LIMIT_MS);
    } catch (err) {
      if (err instanceof TimeLimitError) {
        throw new InvalidArgumentError(field, `a function bound(q) that returns within ${PREDICATE_TIME_LIMIT_MS} ms`, modulePath);
      }
      throw new InvalidArgumentError(field, `a function bound(q) that does not throw (it threw: ${firstLine(err)})`, modulePath);
    }
    if (typeof value === 'boolean') return value ? 1 : -1;
    if (typeof value === 'number') return value;
    const what = value instanceof Promise ? 'a Promise: bound must be synchronous' : `${typeof value}`;
    throw new InvalidArgumentError(field, `a function bound(q) returning a number (margin) or a boolean (holds), not ${what}`, modulePath);
  };
  margin(Object.fromEntries(QUANTITY_NAMES.map((name) => [name, 1])) as Quantities);
  return Object.freeze({ source, names: Object.freeze(names), margin });
}

function checkNames(field: string, value: unknown): QuantityName[] {
  if (!Array.isArray(value) || value.length === 0) throw new InvalidArgumentError(field, `a non-empty array of names among ${QUANTITY_NAMES.join(', ')}`, value);
  for (const name of value) {
    if (!(QUANTITY_NAMES as readonly unknown[]).includes(name)) throw new InvalidArgumentError(field, `names among ${QUANTITY_NAMES.join(', ')}`, name);
  }
  return QUANTITY_NAMES.filter((name) => value.includes(name));
}

/** The first line of what was thrown, at most 200 characters; never throws (a thrown value's toString may). */
function firstLine(err: unknown): string {
  let text: string;
  try {
    text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  } catch {
    text = `a value that cannot be printed (${Object.prototype.toString.call(err)})`;
  }
  return String(text).split('\n')[0].slice(0, 200);
}
