/**
 * The contract every activation must meet, as reusable vitest blocks (STYLE §10): totality on the finite
 * doubles, accuracy in ulps against a 50-digit reference, derivative consistency by central differences,
 * and the declared suprema. Each activation's test file calls `describeActivationContract` once.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Activation } from '../../src/activations/index.js';
import type { Reference } from './references.js';
import { U, isNormalValue, toDecimal, ulpError } from './ulp.js';

export const FUNCTIONS = ['sigma', 'dsigma', 'd2sigma'] as const;

/** The brief's grid: zero, tiny, moderate, exp's overflow edge (709.78), beyond, huge. */
export const GRID: readonly number[] = [0, 1e-300, 1e-16, 0.5, 1, 5, 20, 40, 300, 709, 710, 800, 1e5, 1e300]
  .flatMap((r) => (r === 0 ? [0] : [r, -r]));

/** sign × 10^uniform(−3, 3): the magnitudes a network actually feeds its activations. */
export const moderate = fc
  .tuple(fc.boolean(), fc.double({ min: -3, max: 3, noNaN: true }))
  .map(([negative, e]) => (negative ? -1 : 1) * 10 ** e);

/** Every finite double, including ±0, subnormals and ±1.8e308. */
export const anyFinite = fc.double({ noNaN: true, noDefaultInfinity: true });

export interface ActivationCase {
  readonly activation: Activation;
  readonly reference: Reference;
  /** Derived error bounds of σ, σ', σ'' in ulps (see each activation's docstring for the derivation). */
  readonly ulps: readonly [number, number, number];
  /** sup|σ'''| and sup|σ''''| on R: the truncation constants of the central differences. */
  readonly d3: number;
  readonly d4: number;
  /** The decimal reference is evaluated for |r| ≤ referenceLimit; beyond it only finiteness is asserted. */
  readonly referenceLimit?: number;
  /** Points where σ'' jumps (regularised ReLU): central differences across them are skipped. */
  readonly kinks?: readonly number[];
  /** Extra grid points (e.g. the kinks and their neighbours). */
  readonly extraGrid?: readonly number[];
}

/** Worst measured ulp errors (normal-range references), keyed `name.fn`; printed when ULP_REPORT is set. */
const WORST = new Map<string, { err: number; at: number }>();

/** Checks σ, σ', σ'' at r; returns the failures as readable strings (empty when all pass). */
export function checkPoint(c: ActivationCase, r: number, label: string = c.activation.name): string[] {
  const failures: string[] = [];
  const limit = c.referenceLimit ?? Infinity;
  FUNCTIONS.forEach((fn, i) => {
    const value = c.activation[fn](r);
    if (!Number.isFinite(value)) {
      failures.push(`${fn}(${r}) = ${value} is not finite`);
      return;
    }
    if (Math.abs(r) > limit) return;
    const ref = c.reference[i](toDecimal(r));
    const err = ulpError(value, ref);
    if (isNormalValue(ref)) {
      const key = `${label}.${fn}`;
      if (err > (WORST.get(key)?.err ?? -1)) WORST.set(key, { err, at: r });
    }
    if (err > c.ulps[i]) failures.push(`${fn}(${r}) = ${value}, reference ${ref}: ${err} ulps > ${c.ulps[i]}`);
  });
  return failures;
}

/**
 * |central difference of f − d| at r and its tolerance, with h the power of two ≥ ε^{1/3}·max(1, |r|)
 * and r snapped to the lattice hℤ so that r ± h are exact and the division by 2h is exact. The tolerance is
 * truncation m·h²/6 (m ≥ sup|f'''|) + rounding of f (relative ef) and of the subtraction, divided by 2h,
 * + the error of d (relative ed).
 */
export function centralDifference(
  f: (r: number) => number, d: (r: number) => number, r0: number, m: number, ef: number, ed: number,
): { r: number; h: number; gap: number; tol: number } {
  const h = 2 ** Math.ceil(Math.log2(Math.cbrt(2 ** -52) * Math.max(1, Math.abs(r0))));
  const r = Math.round(r0 / h) * h;
  const fp = f(r + h);
  const fm = f(r - h);
  const fd = (fp - fm) / (2 * h);
  const dr = d(r);
  const tol = (m * h * h) / 6 + ((ef + U) * (Math.abs(fp) + Math.abs(fm))) / (2 * h) + ed * Math.abs(dr);
  return { r, h, gap: Math.abs(fd - dr), tol };
}

export function describeActivationContract(label: string, c: ActivationCase): void {
  const a = c.activation;
  const rel = c.ulps.map((k) => 2 * k * U); // k ulps ⇒ relative error ≤ k·2⁻⁵²
  describe(`${label}: activation contract`, () => {
    it(`is finite and within [${c.ulps.join(', ')}] ulps on the grid`, () => {
      const failures = [...GRID, ...(c.extraGrid ?? [])].flatMap((r) => checkPoint(c, r, label));
      expect(failures).toEqual([]);
    });

    it('is finite and accurate on all finite doubles (fast-check)', () => {
      fc.assert(fc.property(anyFinite, (r) => {
          expect(checkPoint(c, r, label)).toEqual([]);
        }), { seed: 20240611, numRuns: 300 });
    });

    it('is finite and accurate at moderate magnitudes (fast-check)', () => {
      fc.assert(fc.property(moderate, (r) => {
          expect(checkPoint(c, r, label)).toEqual([]);
        }), { seed: 7, numRuns: 400 });
    });

    it("σ' and σ'' match central differences within the derived tolerance", () => {
      const straddles = (r: number, h: number): boolean => (c.kinks ?? []).some((k) => Math.abs(r - k) <= h);
      fc.assert(
        fc.property(moderate, (r0) => {
          const first = centralDifference(a.sigma, a.dsigma, r0, c.d3, rel[0], rel[1]);
          if (!straddles(first.r, first.h)) expect(first.gap).toBeLessThanOrEqual(first.tol);
          const second = centralDifference(a.dsigma, a.d2sigma, r0, c.d4, rel[1], rel[2]);
          if (!straddles(second.r, second.h)) expect(second.gap).toBeLessThanOrEqual(second.tol);
        }),
        { seed: 99, numRuns: 500 },
      );
    });

    it('respects and attains the declared suprema of |σ|, |σ′|, |σ″|', () => {
      const sups = [a.supAbsSigma, a.supAbsDsigma, a.supAbsD2sigma];
      const points = [...GRID, ...(c.extraGrid ?? [])];
      for (let i = -20000; i <= 20000; i++) points.push(i / 1000);
      FUNCTIONS.forEach((fn, i) => {
        const observed = Math.max(...points.map((r) => Math.abs(a[fn](r))));
        if (sups[i] === Infinity) return expect(observed).toBeGreaterThan(1e299);
        expect(observed).toBeLessThanOrEqual(sups[i] * (1 + rel[i] + 2 * U));
        // the grid step 1e−3 leaves at most sup·(1e−3)²·O(1) below a smooth maximum
        expect(observed).toBeGreaterThanOrEqual(sups[i] * (1 - 1e-5));
      });
    });
  });

  afterAll(() => {
    if (!process.env.ULP_REPORT) return;
    for (const fn of FUNCTIONS) {
      const w = WORST.get(`${label}.${fn}`);
      if (w) console.log(`${label} ${fn}: worst ${w.err.toFixed(3)} ulps at r = ${w.at}`);
    }
  });
}
