/**
 * RK4 with step doubling and Richardson extrapolation, written once against the scalar interface
 * (src/numeric/scalar.ts) so that the same algorithm solves the analytic mean-field ODE in float64 and in
 * decimal at P digits (src/limit/meanFieldGaussian.ts, meanFieldGaussianDecimal.ts).
 *
 * Method: R_{i,0} = z_{n_i}(1), the classic RK4 solution with n_i = n0·2^i equal steps on [0, 1]. For a smooth
 * field the global error of a one-step method of order p has an asymptotic expansion
 * e(h) = e_p h^p + e_{p+1} h^{p+1} + … (Hairer, Nørsett, Wanner, *Solving ODEs I*, Thm II.8.1), so the
 * Richardson table
 *
 *   R_{i,j} = R_{i,j−1} + (R_{i,j−1} − R_{i−1,j−1}) / (2^{4+j−1} − 1),   j = 1..i,
 *
 * removes the terms h^4, …, h^{4+j−1}: R_{i,i} has error O(h_i^{4+i}). The error estimate of the returned
 * R_{i,i} is max_k |R_{i,i} − R_{i,i−1}| (the estimate of the less extrapolated entry, hence conservative).
 * Plain RK4 (no extrapolation) is the column j = 0; its measured order (4) is checked in
 * test/limit/meanFieldGaussian.test.ts. Of the variants (polynomial extrapolation in h, rational
 * extrapolation, Gragg's symmetric method with h² steps), polynomial extrapolation in h on RK4 is used
 * because RK4 is the project's declared base method and the expansion needs no symmetry.
 */
import type { ScalarField } from '../numeric/scalar.js';

/** dz/dt = F(t, z) in the number type T; returns a new array of length d. */
export type ScalarVectorField<T> = (t: T, z: readonly T[]) => T[];

export interface ExtrapolatedSolution<T> {
  /** z(1), the diagonal entry R_{i,i}, length d. */
  z: T[];
  /** max_k |R_{i,i} − R_{i,i−1}| converted to a double: the returned value's estimated error (absolute). */
  errorEstimate: number;
  /** Steps of the finest RK4 solution, n0·2^i. */
  steps: number;
  /** Every plain RK4 solution R_{i,0} computed (n0·2^i steps for row i). */
  rk4: T[][];
  /** The error estimate at every level i ≥ 1 (for reports: it falls until rounding takes over). */
  history: number[];
}

/** z(1) from z(0) = z0 with n classic RK4 steps of size h = 1/n, t_q = q/n; returns a new array. */
export function rk4Solve<T>(S: ScalarField<T>, F: ScalarVectorField<T>, z0: readonly T[], n: number): T[] {
  const nT = S.fromInteger(n);
  const h = S.div(S.one, nT);
  const half = S.div(h, S.fromInteger(2));
  const sixth = S.div(h, S.fromInteger(6));
  const two = S.fromInteger(2);
  const axpy = (z: readonly T[], a: T, k: readonly T[]): T[] => z.map((v, j) => S.add(v, S.mul(a, k[j])));
  let z = z0.slice();
  for (let q = 0; q < n; q++) {
    const t = S.div(S.fromInteger(q), nT);
    const tMid = S.div(S.add(S.fromInteger(2 * q), S.one), S.fromInteger(2 * n));
    const tEnd = S.div(S.fromInteger(q + 1), nT);
    const k1 = F(t, z);
    const k2 = F(tMid, axpy(z, half, k1));
    const k3 = F(tMid, axpy(z, half, k2));
    const k4 = F(tEnd, axpy(z, h, k3));
    z = z.map((v, j) => S.add(v, S.mul(sixth, S.add(S.add(k1[j], k4[j]), S.mul(two, S.add(k2[j], k3[j]))))));
  }
  return z;
}

/**
 * z(1) by RK4 with step doubling and Richardson extrapolation until the error estimate is ≤ tol.
 * @param z0 initial state, length d
 * @param opts tol (absolute, > 0), n0 steps of the first row (default 8), maxLevels rows after the first (default 10)
 * @returns the extrapolated solution; when maxLevels is reached first, the best diagonal entry with
 *   `errorEstimate` > tol (the caller decides: in float64 rounding may stop the estimate from falling)
 */
export function extrapolatedRK4<T>(
  S: ScalarField<T>,
  F: ScalarVectorField<T>,
  z0: readonly T[],
  opts: { tol: number; n0?: number; maxLevels?: number },
): ExtrapolatedSolution<T> {
  const n0 = opts.n0 ?? 8;
  const maxLevels = opts.maxLevels ?? 10;
  const rk4: T[][] = [rk4Solve(S, F, z0, n0)];
  let previousRow: T[][] = [rk4[0]];
  const history: number[] = [];
  let best: ExtrapolatedSolution<T> | undefined;
  for (let i = 1; i <= maxLevels; i++) {
    rk4.push(rk4Solve(S, F, z0, n0 * 2 ** i));
    const row: T[][] = [rk4[i]];
    for (let j = 1; j <= i; j++) {
      const factor = S.fromInteger(2 ** (4 + j - 1) - 1);
      row.push(row[j - 1].map((v, k) => S.add(v, S.div(S.sub(v, previousRow[j - 1][k]), factor))));
    }
    let errorEstimate = 0;
    for (let k = 0; k < z0.length; k++) errorEstimate = Math.max(errorEstimate, Math.abs(S.toFloat64(S.sub(row[i][k], row[i - 1][k]))));
    history.push(errorEstimate);
    if (!best || errorEstimate < best.errorEstimate) best = { z: row[i], errorEstimate, steps: n0 * 2 ** i, rk4, history };
    if (errorEstimate <= opts.tol) break;
    previousRow = row;
  }
  return best as ExtrapolatedSolution<T>;
}
