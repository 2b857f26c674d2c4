/**
 * Solving dz/dt = F(t, z) on [0, 1] with a fixed number of steps, or refining until two solutions agree.
 */
import { MachineryFailure, REFERENCE_NOT_CONVERGED } from '../errors.js';
import { integerInRange, positiveNumber } from '../validate.js';
import type { VectorField } from './depthField.js';
import { type ButcherTableau, RK4, rungeKuttaStep } from './rungeKutta.js';

/** z(1) from z(0) = z0 with n equal steps of the tableau. @returns a new array, length d */
export function solveFixed(field: VectorField, z0: Float64Array, n: number, tableau: ButcherTableau = RK4): Float64Array {
  const z = Float64Array.from(z0);
  const h = 1 / n;
  for (let q = 0; q < n; q++) rungeKuttaStep(tableau, field, q * h, z, h);
  return z;
}

export interface RefinedSolution {
  z: Float64Array;
  /** Steps of the returned solution. */
  steps: number;
  /** max_j |z_2n − z_n| / (2^p − 1): the Richardson estimate of the returned solution's error. */
  errorEstimate: number;
}

/**
 * z(1) with the step count doubled from n0 until the Richardson error estimate max_j|z_2n − z_n|/(2^p − 1)
 * is at most `tol` (absolute). Returns the finer solution.
 * @throws InvalidArgumentError (NonFiniteError) naming `tol` (not > 0), `n0` (not an integer in [1, maxSteps]) or
 *   `maxSteps` (not an integer ≥ 2); MachineryFailure (REFERENCE_NOT_CONVERGED) when the finer solution has maxSteps or more steps and its estimate is still above tol (the
 *   estimate is in the message; the last solve may have used up to 2·maxSteps − 2 steps)
 */
export function solveToTolerance(
  field: VectorField,
  z0: Float64Array,
  opts: { tol: number; n0?: number; maxSteps?: number; tableau?: ButcherTableau },
): RefinedSolution {
  const tableau = opts.tableau ?? RK4;
  const tol = positiveNumber('tol', opts.tol);
  const maxSteps = integerInRange('maxSteps', opts.maxSteps ?? 1 << 16, 2, 1 << 30);
  let n = integerInRange('n0', opts.n0 ?? 8, 1, maxSteps);
  let coarse = solveFixed(field, z0, n, tableau);
  for (;;) {
    const fine = solveFixed(field, z0, 2 * n, tableau);
    let diff = 0;
    for (let j = 0; j < z0.length; j++) diff = Math.max(diff, Math.abs(fine[j] - coarse[j]));
    const errorEstimate = diff / (2 ** tableau.order - 1);
    if (errorEstimate <= tol) return { z: fine, steps: 2 * n, errorEstimate };
    if (2 * n >= maxSteps) throw new MachineryFailure(REFERENCE_NOT_CONVERGED, `${tableau.name}: error estimate ${errorEstimate} > ${tol} at ${2 * n} steps`);
    [coarse, n] = [fine, 2 * n];
  }
}
