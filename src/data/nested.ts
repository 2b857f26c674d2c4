/**
 * Exact JSON writing of numbers and reshaping of flat parameter arrays into the nesting of the JSON
 * interchange format (theta[l][m][j], see json.ts).
 */
import { NonFiniteError, ShapeMismatchError } from '../errors.js';

/**
 * A finite double as JSON text that JSON.parse reads back bit-identically: ECMAScript's shortest
 * round-trip decimal (as JSON.stringify writes it), except −0, written "-0" (JSON.stringify gives "0").
 * @throws NonFiniteError naming `field` for NaN or ±Infinity (JSON has no literal for them).
 * @example formatNumber(-0) // → "-0";  formatNumber(0.1) // → "0.1"
 */
export function formatNumber(v: number, field = 'value'): string {
  if (!Number.isFinite(v)) throw new NonFiniteError(field, 'a finite number (JSON has no NaN or Infinity)', v);
  return Object.is(v, -0) ? '-0' : String(v);
}

/**
 * JSON.stringify without whitespace, but with numbers through `formatNumber` (so −0 survives) and typed
 * arrays written as arrays. `undefined` is written as null.
 * @throws NonFiniteError naming the path below `field` (e.g. `grad[1][0][2]`) of the first NaN or ±Infinity.
 * @example stringifyExact({ g: [[-0, 1e-320]] }) // → '{"g":[[-0,1e-320]]}'
 */
export function stringifyExact(value: unknown, field = 'value'): string {
  if (typeof value === 'number') return formatNumber(value, field);
  if (Array.isArray(value) || value instanceof Float64Array) {
    return `[${Array.from(value as ArrayLike<unknown>, (v, i) => stringifyExact(v, `${field}[${i}]`)).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const parts = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}:${stringifyExact(v, `${field}.${k}`)}`);
    return `{${parts.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Reshapes a flat row-major array into nested number arrays of the given shape (the last index fastest).
 * @param flat Float64Array of length Π shape.
 * @throws ShapeMismatchError naming `flat` when its length is not the product of `shape`.
 * @example nestLike(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3]) // → [[1, 2, 3], [4, 5, 6]]
 */
export function nestLike(flat: Float64Array, shape: readonly number[]): unknown[] {
  const size = shape.reduce((a, b) => a * b, 1);
  if (flat.length !== size) throw new ShapeMismatchError('flat', `length ${shape.join('·')} = ${size}`, flat);
  const build = (dim: number, offset: number): unknown[] => {
    const n = shape[dim];
    if (dim === shape.length - 1) return Array.from(flat.subarray(offset, offset + n));
    const stride = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: n }, (_, i) => build(dim + 1, offset + i * stride));
  };
  return shape.length === 0 ? [] : build(0, 0);
}

/**
 * A flat gradient (or parameter) array of layout (L, M, 2d+1) as nested arrays like `theta` in a model
 * file: result[l][m] = [∂u_1..∂u_d, ∂w_1..∂w_d, ∂b].
 * @param flat Float64Array of length L·M·(2d+1), row-major (L, M, 2d+1).
 * @throws ShapeMismatchError naming `flat` when the length is not L·M·(2d+1).
 * @example gradToNested(new Float64Array(2 * 1 * 3), 2, 1, 1) // → [[[0, 0, 0]], [[0, 0, 0]]]
 */
export function gradToNested(flat: Float64Array, L: number, M: number, d: number): number[][][] {
  return nestLike(flat, [L, M, 2 * d + 1]) as number[][][];
}
