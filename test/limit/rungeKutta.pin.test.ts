/**
 * Pins src/limit/rungeKutta.ts: the RK4 and Euler tableaux entry by entry, one step of rungeKuttaStep against
 * steps worked by hand (stage times, stage states, weights), and every refusal of checkTableau with its message.
 *
 * Oracles and tolerances:
 * - z' = z with h = ±1/2 from z = 1: every stage state (1.25, 1.3125, 1.65625; 0.75, 0.8125, 0.59375) is a
 *   short binary fraction, so the stages are exact and the step is the Taylor polynomial R(h) = 1 + h + h²/2 +
 *   h³/6 + h⁴/24 up to the rounding of the b-weighted sum: 4 operations with 1/6 and 1/3 rounded, |result| < 2,
 *   hence 4ε absolute.
 * - z' = 4t³ (no z): RK4 is Simpson's rule, exact for cubics, so the step is (t+h)⁴ − t⁴ = 0.3125 up to 4ε.
 * - a full lower-triangular 3-stage tableau (Kutta's third-order method, a₃₁ = −1 ≠ 0) on a nonlinear field,
 *   against its stages written out: the same operations in another association, a few ε relative on values of
 *   size ≤ 2, hence 1e-14 absolute. A wrong weight or stage coefficient moves the step by ≥ 1e-3.
 */
import { describe, expect, it } from 'vitest';
import { EULER, RK4, type ButcherTableau, checkTableau, rungeKuttaStep } from '../../src/limit/rungeKutta.js';
import type { VectorField } from '../../src/limit/depthField.js';

const EPS = Number.EPSILON;

/** The field F(t, z)_j = f(t, z_j), recording (t, stage state) of every evaluation. */
function recording(f: (t: number, z: number) => number): { field: VectorField; calls: { t: number; y: number[] }[] } {
  const calls: { t: number; y: number[] }[] = [];
  const field: VectorField = (t, z, out) => {
    calls.push({ t, y: Array.from(z) });
    for (let j = 0; j < z.length; j++) out[j] = f(t, z[j]);
  };
  return { field, calls };
}

describe('the tableaux', () => {
  it('RK4 is the classic tableau and Euler the one-stage one', () => {
    expect(RK4.order).toBe(4);
    expect(RK4.name).toBe('classic RK4');
    expect(RK4.a).toEqual([[0, 0, 0, 0], [0.5, 0, 0, 0], [0, 0.5, 0, 0], [0, 0, 1, 0]]);
    expect(RK4.b).toEqual([1 / 6, 1 / 3, 1 / 3, 1 / 6]);
    expect(RK4.c).toEqual([0, 0.5, 0.5, 1]);
    expect(EULER).toEqual({ name: 'forward Euler', order: 1, a: [[0]], b: [1], c: [0] });
  });
});

describe('rungeKuttaStep, worked by hand', () => {
  it('RK4 on z′ = z, h = 1/2: stage times t, t+h/2, t+h/2, t+h, stage states exact, z ← R(h)', () => {
    const { field, calls } = recording((_t, z) => z);
    const z = Float64Array.of(1, 2);
    rungeKuttaStep(RK4, field, 0.25, z, 0.5);
    expect(calls.map((c) => c.t)).toEqual([0.25, 0.5, 0.5, 0.75]);
    expect(calls.map((c) => c.y)).toEqual([[1, 2], [1.25, 2.5], [1.3125, 2.625], [1.65625, 3.3125]]);
    const R = 1 + 0.5 + 0.125 + 1 / 48 + 1 / 384;
    expect(Math.abs(z[0] - R)).toBeLessThanOrEqual(4 * EPS);
    expect(Math.abs(z[1] - 2 * R)).toBeLessThanOrEqual(8 * EPS);
  });

  it('RK4 backward (h = −1/2, as the adjoint uses it): times t, t−h/2, t−h/2, t−h and z ← R(−1/2)', () => {
    const { field, calls } = recording((_t, z) => z);
    const z = Float64Array.of(1);
    rungeKuttaStep(RK4, field, 1, z, -0.5);
    expect(calls.map((c) => c.t)).toEqual([1, 0.75, 0.75, 0.5]);
    expect(calls.map((c) => c.y[0])).toEqual([1, 0.75, 0.8125, 0.59375]);
    expect(Math.abs(z[0] - (1 - 0.5 + 0.125 - 1 / 48 + 1 / 384))).toBeLessThanOrEqual(4 * EPS);
  });

  it('RK4 on z′ = 4t³ is Simpson’s rule: z ← z + (t+h)⁴ − t⁴ exactly (to 4ε)', () => {
    const z = Float64Array.of(3);
    rungeKuttaStep(RK4, (t, _z, out) => { out[0] = 4 * t ** 3; }, 0.25, z, 0.5);
    expect(Math.abs(z[0] - 3.3125)).toBeLessThanOrEqual(4 * 4 * EPS);
  });

  it('Euler: one evaluation at (t, z), z ← z + h F(t, z)', () => {
    const { field, calls } = recording((t, z) => t * z + 1);
    const z = Float64Array.of(2, -4);
    rungeKuttaStep(EULER, field, 0.5, z, 0.25);
    expect(calls).toEqual([{ t: 0.5, y: [2, -4] }]);
    expect(Array.from(z)).toEqual([2 + 0.25 * 2, -4 + 0.25 * -1]);
  });

  it('a full lower-triangular tableau (Kutta 3) uses every a_iq, q < i, and every weight', () => {
    const kutta3 = checkTableau({ name: 'Kutta 3', order: 3, a: [[0, 0, 0], [0.5, 0, 0], [-1, 2, 0]], b: [1 / 6, 2 / 3, 1 / 6], c: [0, 0.5, 1] });
    const f = (t: number, z: number) => Math.sin(t) - z * z;
    const [t, h, z0] = [0.3, 0.4, 0.7];
    const k1 = f(t, z0);
    const k2 = f(t + h / 2, z0 + (h / 2) * k1);
    const k3 = f(t + h, z0 - h * k1 + 2 * h * k2);
    const want = z0 + h * (k1 / 6 + (2 * k2) / 3 + k3 / 6);
    const z = Float64Array.of(z0);
    rungeKuttaStep(kutta3, (tt, zz, out) => { out[0] = f(tt, zz[0]); }, t, z, h);
    expect(Math.abs(z[0] - want)).toBeLessThanOrEqual(1e-14);
    // The stage states and the result differ from their neighbours (dropping a term is visible).
    expect(Math.abs(want - (z0 + h * k1))).toBeGreaterThan(1e-3);
  });

  it('the step is in place and reads z once per stage (no aliasing of stages into z)', () => {
    const z = Float64Array.of(1);
    const seen: number[] = [];
    rungeKuttaStep(RK4, (_t, y, out) => { seen.push(z[0]); out[0] = y[0]; }, 0, z, 0.5);
    expect(seen).toEqual([1, 1, 1, 1]);
  });
});

describe('checkTableau refuses inconsistent tableaux, naming the defect', () => {
  const ok: ButcherTableau = { name: 'T', order: 2, a: [[0, 0], [0.5, 0]], b: [0, 1], c: [0, 0.5] };

  it('returns the tableau itself when consistent', () => {
    expect(checkTableau(ok)).toBe(ok);
  });

  it('sizes: A rows ≠ s, c length ≠ s, a row of length ≠ s', () => {
    expect(() => checkTableau({ ...ok, a: [[0, 0]] })).toThrow('T: A, b, c sizes differ');
    expect(() => checkTableau({ ...ok, c: [0, 0.5, 1] })).toThrow('T: A, b, c sizes differ');
    expect(() => checkTableau({ ...ok, a: [[0, 0], [0.5]], c: [0, 0.5] })).toThrow('T: A is not strictly lower triangular');
  });

  it('explicitness: a nonzero diagonal or upper entry is refused even when the row sums match c', () => {
    expect(() => checkTableau({ ...ok, a: [[0, 0], [0.25, 0.25]] })).toThrow('T: A is not strictly lower triangular');
    expect(() => checkTableau({ ...ok, a: [[0, 0.5], [0.5, 0]], c: [0.5, 0.5] })).toThrow('T: A is not strictly lower triangular');
    expect(() => checkTableau({ ...ok, a: [[0.5, 0], [0.5, 0]], c: [0.5, 0.5] })).toThrow('T: A is not strictly lower triangular');
  });

  it('row sums: row i must sum to c_i within 4ε (boundary accepted, 8ε above or below refused)', () => {
    expect(() => checkTableau({ ...ok, c: [0, 0.6] })).toThrow('T: row 1 of A does not sum to c_1');
    expect(() => checkTableau({ ...ok, c: [0.1, 0.5] })).toThrow('T: row 0 of A does not sum to c_0');
    expect(checkTableau({ ...ok, c: [0, 0.5 + 4 * EPS] }).c[1]).toBe(0.5 + 4 * EPS);
    expect(() => checkTableau({ ...ok, c: [0, 0.5 + 8 * EPS] })).toThrow(/row 1/);
    expect(() => checkTableau({ ...ok, c: [0, 0.5 - 8 * EPS] })).toThrow(/row 1/);
  });

  it('weights: Σb = 1 within 4ε (boundary accepted, 8ε above or below refused)', () => {
    expect(() => checkTableau({ ...ok, b: [0.5, 0.25] })).toThrow('T: weights do not sum to 1');
    expect(checkTableau({ ...ok, b: [4 * EPS, 1] }).b[0]).toBe(4 * EPS);
    expect(() => checkTableau({ ...ok, b: [8 * EPS, 1] })).toThrow('T: weights do not sum to 1');
    expect(() => checkTableau({ ...ok, b: [0.5, 0.5 - 8 * EPS] })).toThrow('T: weights do not sum to 1');
  });
});
