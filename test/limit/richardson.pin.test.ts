/**
 * Pins src/limit/richardson.ts on sequences with a known expansion q_L = q + C/L + D/L², all terms short binary
 * fractions so every operation is exact: R_L = 2 q_{2L} − q_L = q − D/(2L²) (the 1/L term removed, the 1/L²
 * term halved and negated), compared with toBe. A wrong coefficient or sign changes the result by ≥ 1/8.
 */
import { describe, expect, it } from 'vitest';
import { ShapeMismatchError } from '../../src/errors.js';
import { richardson, richardsonArray } from '../../src/limit/richardson.js';

/** q_L = q + C/L + D/L². */
const seq = (q: number, C: number, D: number) => (L: number) => q + C / L + D / (L * L);

describe('richardson (scalar)', () => {
  it('removes the 1/L term exactly: q + C/L gives q', () => {
    const s = seq(1, 2, 0);
    expect(richardson(s(4), s(8))).toBe(1);
    expect(richardson(s(1), s(2))).toBe(1);
  });

  it('leaves −D/(2L²) of a 1/L² term', () => {
    const s = seq(0.5, -3, 4);
    expect(richardson(s(2), s(4))).toBe(0.5 - 4 / 8);
  });

  it('is 2 q_{2L} − q_L, not symmetric in its arguments', () => {
    expect(richardson(3, 5)).toBe(7);
    expect(richardson(5, 3)).toBe(1);
  });
});

describe('richardsonArray', () => {
  it('extrapolates entry-wise into a new array of the same length', () => {
    const [a, b] = [seq(1, 2, 0), seq(-2, 0.5, 0)];
    const qL = Float64Array.of(a(4), b(4), 7);
    const q2L = Float64Array.of(a(8), b(8), 7);
    const out = richardsonArray(qL, q2L);
    expect(Array.from(out)).toEqual([1, -2, 7]);
    expect(out).not.toBe(qL);
    expect(out).not.toBe(q2L);
    expect(Array.from(qL)).toEqual([a(4), b(4), 7]);
    expect(Array.from(richardsonArray(Float64Array.of(3, 5), Float64Array.of(5, 3)))).toEqual([7, 1]);
    expect(richardsonArray(new Float64Array(0), new Float64Array(0)).length).toBe(0);
  });

  it('refuses arrays of different lengths with a ShapeMismatchError on q2L', () => {
    const call = () => richardsonArray(new Float64Array(2), new Float64Array(3));
    expect(call).toThrow(ShapeMismatchError);
    expect(call).toThrow('q2L=3 must be length 2 (as qL)');
    expect(() => richardsonArray(new Float64Array(3), new Float64Array(2))).toThrow('q2L=2 must be length 3 (as qL)');
  });
});
