/**
 * Pins src/limit/solve.ts: solveFixed's step count, step times and default tableau, and solveToTolerance's
 * stopping rule, returned fields, defaults (n0 = 8, maxSteps = 2^16, RK4) and its refusal message.
 *
 * Oracles:
 * - z' = 3t² (no z): RK4 (Simpson) is exact for it, so n steps give z0 + 1 (n ≥ 1) up to n·4ε; one step too many
 *   or too few, or a wrong step time, is off by ≥ 1/n³. Euler on z' = t gives Σ_q (q/n)/n = (n−1)/(2n).
 * - z' = z: n RK4 steps give R(1/n)^n exactly in real arithmetic, R(h) = 1 + h + h²/2 + h³/6 + h⁴/24 (Euler:
 *   (1 + 1/n)^n), so the Richardson estimate est(n) = |z_2n − z_n|/(2^p − 1) is known in closed form. Both sides
 *   round each of n steps (≈ 4ε relative each) on values ≤ e: |Δz| ≤ 2·4nε·e ≈ 1e-13 for n ≤ 64; est(n) ≥ 1e-9
 *   there, so est agrees to a relative 1e-3 (far below the factor 16 between consecutive estimates).
 */
import { describe, expect, it } from 'vitest';
import { EULER } from '../../src/limit/rungeKutta.js';
import { solveFixed, solveToTolerance } from '../../src/limit/solve.js';
import type { VectorField } from '../../src/limit/depthField.js';
import { MachineryFailure } from '../../src/errors.js';

const EPS = Number.EPSILON;
const cubicQuadrature: VectorField = (t, _z, out) => { out[0] = 3 * t * t; };
const growth: VectorField = (_t, z, out) => { for (let j = 0; j < z.length; j++) out[j] = z[j]; };
const R = (h: number) => 1 + h + h * h / 2 + h ** 3 / 6 + h ** 4 / 24;
const rk4Exp = (n: number) => R(1 / n) ** n;
const eulerExp = (n: number) => (1 + 1 / n) ** n;
const est = (zn: (n: number) => number, n: number, p: number) => Math.abs(zn(2 * n) - zn(n)) / (2 ** p - 1);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('solveFixed', () => {
  it('n RK4 steps of z′ = 3t² reach z0 + 1 exactly (to n·4ε), for n = 1, 2, 3, 7', () => {
    for (const n of [1, 2, 3, 7]) expect(Math.abs(solveFixed(cubicQuadrature, Float64Array.of(2), n)[0] - 3)).toBeLessThanOrEqual(n * 16 * EPS);
  });

  it('the default tableau is RK4 and the tableau argument is used: Euler on z′ = t gives (n−1)/(2n)', () => {
    const z = solveFixed((t, _z, out) => { out[0] = t; }, Float64Array.of(0), 4, EULER);
    expect(z[0]).toBe(3 / 8);
    expect(solveFixed((t, _z, out) => { out[0] = t; }, Float64Array.of(0), 4)[0]).toBe(0.5);
  });

  it('evaluates at the step times q/n and returns a new array, leaving z0 unchanged', () => {
    const times: number[] = [];
    const z0 = Float64Array.of(1);
    const z = solveFixed((t, _z, out) => { times.push(t); out[0] = 0; }, z0, 4, EULER);
    expect(times).toEqual([0, 0.25, 0.5, 0.75]);
    expect(z).not.toBe(z0);
    expect(z0[0]).toBe(1);
  });

  it('z′ = z: n steps give R(1/n)^n (relative n·8ε)', () => {
    for (const n of [1, 5, 16]) expect(rel(solveFixed(growth, Float64Array.of(1), n)[0], rk4Exp(n))).toBeLessThanOrEqual(n * 8 * EPS);
  });
});

describe('solveToTolerance', () => {
  it('stops at the first doubling whose estimate est(n) = |z_2n − z_n|/15 is ≤ tol and returns the finer solution', () => {
    // est(8) > est(16) > est(32) > est(64), each ≈ 16× the next. tol between est(32) and est(16) → 64 steps.
    const tol = Math.sqrt(est(rk4Exp, 16, 4) * est(rk4Exp, 32, 4));
    const sol = solveToTolerance(growth, Float64Array.of(1), { tol });
    expect(sol.steps).toBe(64);
    expect(rel(sol.errorEstimate, est(rk4Exp, 32, 4))).toBeLessThan(1e-3);
    expect(rel(sol.z[0], rk4Exp(64))).toBeLessThanOrEqual(64 * 8 * EPS);
    // tol exactly at the estimate is accepted (≤, not <).
    expect(solveToTolerance(growth, Float64Array.of(1), { tol: sol.errorEstimate }).steps).toBe(64);
  });

  it('default n0 = 8: a loose tolerance returns 16 steps; n0 is honoured', () => {
    expect(solveToTolerance(growth, Float64Array.of(1), { tol: 1 }).steps).toBe(16);
    const s = solveToTolerance(growth, Float64Array.of(1), { tol: 1, n0: 3 });
    expect(s.steps).toBe(6);
    expect(rel(s.errorEstimate, est(rk4Exp, 3, 4))).toBeLessThan(1e-3);
  });

  it('the tableau option sets both the steps and the 2^p − 1 divisor (Euler: divisor 1)', () => {
    const s = solveToTolerance(growth, Float64Array.of(1), { tol: 1, tableau: EULER, n0: 4 });
    expect(s.steps).toBe(8);
    expect(rel(s.errorEstimate, est(eulerExp, 4, 1))).toBeLessThan(1e-12);
    expect(rel(s.z[0], eulerExp(8))).toBeLessThan(1e-14);
  });

  it('the estimate is the max over coordinates, not one coordinate', () => {
    const s = solveToTolerance(growth, Float64Array.of(1, -3), { tol: 1 });
    expect(rel(s.errorEstimate, 3 * est(rk4Exp, 8, 4))).toBeLessThan(1e-3);
    const t = solveToTolerance(growth, Float64Array.of(-3, 1), { tol: 1 });
    expect(t.errorEstimate).toBe(s.errorEstimate);
  });

  it('throws when 2n reaches maxSteps first, naming the tableau, estimate, tol and steps', () => {
    // n = 8, 16 go on (16, 32 < 64); at n = 32, 2n = 64 ≥ maxSteps: refused with est(32) in the message.
    const call = () => solveToTolerance(growth, Float64Array.of(1), { tol: 1e-300, maxSteps: 64 });
    expect(call).toThrow(MachineryFailure);
    expect(call).toThrow(/^reference did not converge: classic RK4: error estimate \S+ > 1e-300 at 64 steps$/);
    let message = '';
    try { call(); } catch (e) { message = (e as Error).message; }
    expect(rel(Number(message.split(' ')[8]), est(rk4Exp, 32, 4))).toBeLessThan(1e-3);
    // A tolerance met exactly at 2n = maxSteps is returned, not refused (tolerance checked first).
    const tol = Math.sqrt(est(rk4Exp, 16, 4) * est(rk4Exp, 32, 4));
    expect(solveToTolerance(growth, Float64Array.of(1), { tol, maxSteps: 64 }).steps).toBe(64);
    expect(() => solveToTolerance(growth, Float64Array.of(1), { tol, maxSteps: 32 })).toThrow(/at 32 steps/);
  });

  it('default maxSteps = 2^16', () => {
    expect(() => solveToTolerance(growth, Float64Array.of(1), { tol: Number.MIN_VALUE })).toThrow(/at 65536 steps$/);
  });
});
