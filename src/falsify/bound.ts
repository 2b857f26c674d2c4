/**
 * A conjectured bound over the measured quantities (quantities.ts), and its violation margin.
 *
 * Syntax (docs/falsify.md): a mathjs comparison such as `err_depth <= 2/L^2`, `E <= E0`, chains
 * `0 <= E <= E0`, and comparisons joined by `and`, `or`, `not`: `s < 1 or err_width <= 2/sqrt(M)`.
 *
 * Margin (≥ 0 ⇔ the bound holds; < 0 or NaN ⇔ violated, the margin of the search is "bound minus measured"):
 * - `a <= b`: b − a;  `a >= b`: a − b;  `a == b`: −|a − b|;
 * - strict `a < b`: b − a when a < b, else min(b − a, −Number.MIN_VALUE) (equality is violated by the
 *   smallest negative margin, −5e−324); `a > b`, `a != b` (margin |a − b|) alike;
 * - chain `a <= b < c` = (a <= b) and (b < c);
 * - `P and Q`: min of the margins; `P or Q`: max; `not P`: −margin (0 ↦ −5e−324, as a strict comparison);
 * - NaN: a comparison with a NaN side has margin NaN (violated, reported as NaN). `and` with a NaN part is
 *   NaN; `or` holds when another part holds (its margin is the largest holding margin), else NaN; `not NaN`
 *   is NaN. ±Infinity follows float64: `E <= E0` with E = +Infinity is −Infinity (violated), Infinity − Infinity
 *   is NaN (violated).
 * The difference of two floats is zero only when they are equal, and rounding never changes its sign, so the
 * sign of a margin is exact even when its size is rounded.
 *
 * Evaluation work is bounded by construction: the tree has at most MAX_BOUND_NODES (400) nodes (the text at
 * most MAX_BOUND_LENGTH characters), every node is one float64 operation or one call of a closed-form
 * function of ALLOWED_FUNCTIONS on at most 64 arguments, no node loops or recurses on a value, so one margin
 * costs at most ~400 typed-function dispatches (measured well under 1 ms). On top of that proof, compileBound
 * trial-evaluates the margin on probe quantities under a time limit (BOUND_TIME_LIMIT_MS), so an escape from
 * the proof would be stopped, not hang.
 */
import type { MathNode } from 'mathjs';
import { InvalidArgumentError } from '../errors.js';
import { validateBoundTree } from './boundTree.js';
import { CONSTANTS, hardenedParse, runWithTimeLimit, TimeLimitError } from './hardenedMath.js';
import { QUANTITY_NAMES, type Quantities, type QuantityName } from './quantities.js';

/** A bound: its text, the quantities it reads, and its margin (≥ 0 ⇔ holds; < 0 or NaN ⇔ violated). */
export interface Bound {
  readonly source: string;
  readonly names: readonly QuantityName[];
  margin(q: Quantities): number;
}

/** Longest accepted bound expression, in characters. */
export const MAX_BOUND_LENGTH = 1000;
/** Time limit of the trial evaluation at compile time, in ms. */
export const BOUND_TIME_LIMIT_MS = 1000;
/** Deepest bracket nesting accepted before parsing (the parser recurses on brackets). */
const MAX_BRACKETS = 64;

type Scope = Map<string, number>;
type MarginFn = (scope: Scope) => number;

/** Whether a margin says "holds": ≥ 0, and not NaN. */
export function holds(margin: number): boolean {
  return margin >= 0;
}

/**
 * Compiles a bound expression in the hardened mathjs instance (hardenedMath.ts) after the whitelist check of
 * boundTree.ts, then trial-evaluates it under a time limit. Nothing the user wrote runs before the check.
 * @param field the flag named in errors.
 * @example compileBound('err_depth <= 2/L^2').margin({ ...q, err_depth: 0.1, L: 4 }) // 0.125 − 0.1 = 0.025
 * @throws InvalidArgumentError naming `field`: not a string, empty, longer than MAX_BOUND_LENGTH, nested too
 *   deep, syntax error, a construct outside the whitelist (with the construct named), an unknown name (with
 *   the known names listed), not a comparison at the top, a non-finite constant part (9^9^9^9), or a trial
 *   evaluation that fails or exceeds BOUND_TIME_LIMIT_MS.
 */
export function compileBound(expression: string, field = '--bound'): Bound {
  const fail: (expected: string) => never = (expected) => {
    throw new InvalidArgumentError(field, expected, expression);
  };
  if (typeof expression !== 'string') fail('a bound expression (a string)');
  if (expression.length > MAX_BOUND_LENGTH) fail(`at most ${MAX_BOUND_LENGTH} characters long (it has ${expression.length})`);
  if (expression.trim() === '') fail('a comparison such as "E <= E0" (it is empty)');
  let depth = 0;
  for (const ch of expression) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    if (depth > MAX_BRACKETS) fail(`nested at most ${MAX_BRACKETS} brackets deep`);
  }
  let tree: MathNode;
  try {
    tree = hardenedParse(expression);
  } catch (err) {
    if (err instanceof RangeError) fail('an expression nested less deeply (the parser ran out of stack)');
    return fail(`a valid mathjs expression (${err instanceof Error ? err.message : String(err)})`);
  }
  const names = validateBoundTree(tree, fail, (node) => node.compile().evaluate(new Map(Object.entries(CONSTANTS))));
  const marginOf = compileMargin(tree);
  const margin = (q: Quantities): number => {
    const scope: Scope = new Map(Object.entries(CONSTANTS));
    for (const name of names) scope.set(name, typeof q[name] === 'number' ? q[name] : NaN);
    return marginOf(scope);
  };
  for (const probe of PROBES) {
    try {
      runWithTimeLimit(() => margin(probe), BOUND_TIME_LIMIT_MS);
    } catch (err) {
      if (err instanceof TimeLimitError) fail(`an expression that evaluates within ${BOUND_TIME_LIMIT_MS} ms`);
      fail(`an expression that evaluates (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  return Object.freeze({ source: expression.trim(), names: Object.freeze(names), margin });
}

/** Probe quantities of the trial evaluation: every name 1, 0, huge, tiny, negative. */
const PROBES: Quantities[] = [1, 0, 1e300, 1e-300, -1].map(
  (v) => Object.fromEntries(QUANTITY_NAMES.map((name) => [name, v])) as Quantities,
);

/** Strict comparisons: a zero margin (equality) becomes the smallest negative number. */
function strict(m: number): number {
  return m === 0 ? -Number.MIN_VALUE : m;
}

const COMPARE: Readonly<Record<string, (a: number, b: number) => number>> = {
  smallerEq: (a, b) => b - a,
  largerEq: (a, b) => a - b,
  smaller: (a, b) => strict(b - a),
  larger: (a, b) => strict(a - b),
  equal: (a, b) => -Math.abs(a - b),
  unequal: (a, b) => strict(Math.abs(a - b)),
};

function and(margins: number[]): number {
  return margins.some(Number.isNaN) ? NaN : Math.min(...margins);
}

function or(margins: number[]): number {
  const known = margins.filter((m) => !Number.isNaN(m));
  const best = known.length > 0 ? Math.max(...known) : NaN;
  return best >= 0 || known.length === margins.length ? best : NaN;
}

function not(m: number): number {
  return m >= 0 ? -(m === 0 ? Number.MIN_VALUE : m) : -m;
}

/** The margin of a validated tree: logic in TypeScript, each side of a comparison compiled by mathjs. */
function compileMargin(node: MathNode): MarginFn {
  const n = node as MathNode & Record<string, unknown>;
  if (n.type === 'ParenthesisNode') return compileMargin(n.content as MathNode);
  if (n.type === 'RelationalNode') {
    const sides = (n.params as MathNode[]).map(compileSide);
    const ops = (n.conditionals as string[]).map((c) => COMPARE[c]);
    return (scope) => and(ops.map((op, i) => op(sides[i](scope), sides[i + 1](scope))));
  }
  const fn = n.fn as string;
  const args = n.args as MathNode[];
  if (fn === 'and' || fn === 'or') {
    const parts = args.map(compileMargin);
    const combine = fn === 'and' ? and : or;
    return (scope) => combine(parts.map((p) => p(scope)));
  }
  if (fn === 'not') {
    const inner = compileMargin(args[0]);
    return (scope) => not(inner(scope));
  }
  const [left, right] = args.map(compileSide);
  const op = COMPARE[fn];
  return (scope) => op(left(scope), right(scope));
}

/** One side of a comparison: arithmetic only (checked), evaluated to a float64 (anything else is NaN). */
function compileSide(node: MathNode): (scope: Scope) => number {
  const code = node.compile();
  return (scope) => {
    const v: unknown = code.evaluate(scope);
    return typeof v === 'number' ? v : NaN;
  };
}
