/**
 * The analytic mean-field reference of meanFieldGaussian.ts in decimal arithmetic at P significant digits:
 * the same field ū(t)/sqrt(1 + s_w(t)²|Z|² + s_b(t)²) and the same RK4 + step doubling + Richardson
 * extrapolation (meanFieldGaussianSolver.ts), run on src/numeric decimalBackend(P) (its own decimal.js clone;
 * the global Decimal is never configured). The law's doubles and x enter exactly through their binary
 * expansion (doubleToExactDecimalString, not rounded to P digits: a decimal.js value is exact until an
 * operation rounds it), so the decimal solution is that of the very ODE the float64 one approximates.
 *
 * Accuracy: arithmetic rounds at P digits (relative 5·10^{−P} per operation; decimal.js sqrt is correctly
 * rounded at the clone's precision), so with n RK4 steps the rounding error is below ~n·10^{−P+1}·|Z|; the
 * extrapolation stops when its estimate is ≤ tol. Choose tol ≥ 10^{−P+6} (n ≤ 10^4 steps) and well below
 * float64's u = 1.1·10^{−16}, e.g. P = 40, tol = 10^{−30}.
 */
import type { Decimal } from 'decimal.js';
import { doubleToExactDecimalString } from '../numeric/exactDouble.js';
import type { GaussianPathLaw } from '../init/gaussianPaths.js';
import { decimalBackend } from '../numeric/decimalBackend.js';
import { ShapeMismatchError } from '../errors.js';
import { gaussianMeanField } from './meanFieldGaussian.js';
import { extrapolatedRK4 } from './meanFieldGaussianSolver.js';

export interface DecimalMeanFieldSolution {
  /** Z_ρ(1; x) at P digits, length d. */
  z: Decimal[];
  /** The nearest doubles to z (round half to even). */
  nearest: Float64Array;
  /** The extrapolation's error estimate (absolute) plus the rounding allowance steps·10^{−P+1}·max(1, |Z|). */
  errorEstimate: number;
  steps: number;
  /** The plain RK4 solutions (as nearest doubles of their P-digit values) for n0·2^i steps, i = 0, 1, … */
  rk4: Float64Array[];
}

/**
 * Z_ρ(1; x) in decimal at P digits.
 * @param x input (doubles, entered exactly), length d
 * @param opts precision P in [1, 400] (default 40; below 20 digits the result is hardly better than float64), tol (absolute; default 10^{−P+10}), n0 (default 16), maxLevels (default 10)
 * @throws InvalidArgumentError for P out of range (from decimalBackend); ShapeMismatchError when x has length ≠ d
 * @example solveMeanFieldGaussianDecimal(law, Float64Array.of(0.5, -0.25), { precision: 40, tol: 1e-30 }).nearest
 */
export function solveMeanFieldGaussianDecimal(
  law: GaussianPathLaw,
  x: Float64Array,
  opts: { precision?: number; tol?: number; n0?: number; maxLevels?: number } = {},
): DecimalMeanFieldSolution {
  const P = opts.precision ?? 40;
  if (x.length !== law.d) throw new ShapeMismatchError('x', `length d = ${law.d}`, x);
  const B = decimalBackend(P);
  // The backend's field, except that a double enters with all its digits (≤ 767) instead of rounded to P.
  const Clone = B.field.zero.constructor as Decimal.Constructor;
  const S = { ...B.field, fromFloat64: (v: number) => new Clone(doubleToExactDecimalString(v)) };
  const F = gaussianMeanField(S, (v: Decimal) => v.sqrt(), law);
  const sol = extrapolatedRK4(S, F, Array.from(x, (v) => S.fromFloat64(v)), {
    tol: opts.tol ?? 10 ** (-P + 10),
    n0: opts.n0 ?? 16,
    maxLevels: opts.maxLevels ?? 10,
  });
  const nearest = Float64Array.from(sol.z, (v) => S.toFloat64(v));
  const zMax = Math.max(1, ...Array.from(nearest, Math.abs));
  return {
    z: sol.z,
    nearest,
    errorEstimate: sol.errorEstimate + sol.steps * 10 ** (-P + 1) * zMax,
    steps: sol.steps,
    rk4: sol.rk4.map((row) => Float64Array.from(row, (v) => S.toFloat64(v))),
  };
}
