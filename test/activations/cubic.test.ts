import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cubic, makeActivation, type Activation } from '../../src/activations/index.js';
import { anyFinite, centralDifference, checkPoint, GRID, moderate, type ActivationCase } from './contract.js';
import { D, nextDown, nextUp, U, type Dec } from './ulp.js';
import type { Reference } from './references.js';

/**
 * Reference on the exact input: σ = (3r − r³)/3 and 1 − r² at 50 digits (r³ rounded relative 1e−50: harmless
 * even next to the zeros, where |σ| ≥ 1e−17·|r|), σ'' = −2r exactly (800 digits hold every double).
 */
const EXACT = Decimal.clone({ precision: 800 });
const reference: Reference = [
  (x: Dec) => x.times(3).minus(x.pow(3)).div(3),
  (x: Dec) => new D(1).minus(x.pow(2)),
  (x: Dec) => new EXACT(x).times(-2) as Dec,
];

/** Bounds from src/activations/cubic.ts: σ ≤ 4u, σ' ≤ 2u, σ'' exact; k u < k ulps. σ''' = −2, σ'''' = 0. */
const cubicCase: ActivationCase = { activation: cubic, reference, ulps: [4, 2, 0], d3: 2, d4: 0, referenceLimit: 1e100 };
const rel = [8 * U, 4 * U, 0];
/** The doubles next to the zeros ±√3 of σ and ±1 of σ'. */
const nearZeros = fc.tuple(fc.constantFrom(Math.sqrt(3), -Math.sqrt(3), 1, -1), fc.integer({ min: -64, max: 64 }))
  .map(([p, k]) => { let r = p; for (let i = 0; i < Math.abs(k); i++) r = k > 0 ? nextUp(r) : nextDown(r); return r; });

describe('cubic: σ(r) = r − r³/3 in float64', () => {
  it('is within [4, 2, 0] ulps of the 50-digit reference on the grid, near its zeros and at moderate r', () => {
    const finiteGrid = GRID.filter((r) => Math.abs(r) <= 1e100);
    expect(finiteGrid.flatMap((r) => checkPoint(cubicCase, r))).toEqual([]);
    fc.assert(fc.property(fc.oneof(moderate, nearZeros), (r) => {
      expect(checkPoint(cubicCase, r)).toEqual([]);
    }), { seed: 4242, numRuns: 600 });
  });

  it('is never NaN on any finite double; it overflows to ±∞ only where the true value does', () => {
    fc.assert(fc.property(anyFinite, (r) => {
      for (const v of [cubic.sigma(r), cubic.dsigma(r), cubic.d2sigma(r)]) expect(Number.isNaN(v)).toBe(false);
    }), { seed: 4243, numRuns: 2000 });
    // |σ(r)| ≈ |r|³/3 reaches the double range at (3·MAX)^{1/3} ≈ 8.14e102; r³ alone overflows at 5.64e102
    expect(cubic.sigma(6e102)).toBe(-(6e102 * (6e102 * (6e102 / 3))));
    expect(Number.isFinite(cubic.sigma(8.1e102))).toBe(true);
    expect(cubic.sigma(8.2e102)).toBe(-Infinity);
    expect(cubic.sigma(-1e300)).toBe(Infinity);
    expect(cubic.dsigma(1.3e154)).toBeLessThan(-1e308);
    expect(cubic.dsigma(-1.4e154)).toBe(-Infinity);
    expect([cubic.d2sigma(Number.MAX_VALUE), cubic.d2sigma(-Number.MAX_VALUE)]).toEqual([-Infinity, Infinity]);
  });

  it("σ' and σ'' match central differences within the derived tolerance", () => {
    fc.assert(fc.property(moderate, (r0) => {
      const first = centralDifference(cubic.sigma, cubic.dsigma, r0, 2, rel[0], rel[1]);
      expect(first.gap).toBeLessThanOrEqual(first.tol);
      const second = centralDifference(cubic.dsigma, cubic.d2sigma, r0, 0, rel[1], rel[2]);
      expect(second.gap).toBeLessThanOrEqual(second.tol);
    }), { seed: 4244, numRuns: 500 });
  });

  it('has exact small values, the declared suprema and round-trips through JSON', () => {
    expect([cubic.sigma(3), cubic.sigma(0.5), cubic.dsigma(1), cubic.d2sigma(-2)]).toEqual([-6, 0.5 - 0.125 / 3, 0, 4]);
    expect([cubic.supAbsSigma, cubic.supAbsDsigma, cubic.supAbsD2sigma]).toEqual([Infinity, Infinity, Infinity]);
    expect(cubic.twiceContinuouslyDifferentiable).toBe(true);
    expect(makeActivation({ name: 'cubic' })).toBe(cubic);
    expect(() => makeActivation({ name: 'cubic', delta: 1 })).toThrow(/^activation\.delta=/);
  });

  it('negative control: the textbook r − r·r·r/3 is rejected near √3 by the same check', () => {
    const naive: Activation = { ...cubic, sigma: (r) => r - (r * r * r) / 3 };
    const r = nextUp(Math.sqrt(3));
    expect(checkPoint({ ...cubicCase, activation: naive }, r, 'negative control').length).toBeGreaterThan(0);
  });
});
