/**
 * The analytic mean-field reference at initialisation (theory.md §4, last paragraph): for the Gaussian bump
 * σ(r) = exp(−r²/2) and the Gaussian path law of src/init/gaussianPaths.ts, the mean-field ODE (7)
 *
 *   dZ/dt = ∫ f(Z, θ) ρ_t(dθ) = ū(t) / sqrt(1 + s_w(t)² |Z|² + s_b(t)²),   Z(0) = x,   t in [0, 1],
 *
 * is one deterministic ODE in R^d, solved here by RK4 with step doubling and Richardson extrapolation
 * (meanFieldGaussianSolver.ts) to near machine precision in float64, and beyond it in decimal
 * (meanFieldGaussianDecimal.ts).
 *
 * Derivation (ours). Under ρ_t, u ~ N(ū(t), s_u(t)² I) is independent of (w, b), w ~ N(0, s_w(t)² I_d),
 * b ~ N(0, s_b(t)²) independent, with ū(t) = μ⁰_u + tμ¹_u, s_w(t)² = (s⁰_w)² + t²(s¹_w)², s_b(t)² = (s⁰_b)² + t²(s¹_b)².
 * For fixed z, r = wᵀz + b is a sum of independent centred Gaussians: r ~ N(0, v), v = s_w²|z|² + s_b². Then
 *
 *   E[e^{−r²/2}] = (2πv)^{−1/2} ∫ e^{−r²/(2v)} e^{−r²/2} dr = (2πv)^{−1/2} · sqrt(2π / (1/v + 1)) = (1 + v)^{−1/2}
 *
 * (a Gaussian integral; for v = 0 it is 1 = σ(0)), and by independence E[u σ(wᵀz + b)] = ū · E[σ(r)]. Hence
 * ∫ f dρ_t = ū(t)/sqrt(1 + s_w(t)²|z|² + s_b(t)²). s_u does not enter the mean field; it enters the finite-M
 * fluctuations. The right-hand side is analytic in (t, z) and bounded by |ū(t)|, so Z exists on [0, 1]
 * and the Richardson expansion of RK4 holds.
 */
import type { GaussianPathLaw } from '../init/gaussianPaths.js';
import { float64Backend } from '../numeric/float64Backend.js';
import type { ScalarField } from '../numeric/scalar.js';
import { ShapeMismatchError } from '../errors.js';
import { UNIT_ROUNDOFF } from '../numeric/float64.js';
import { type ExtrapolatedSolution, type ScalarVectorField, extrapolatedRK4 } from './meanFieldGaussianSolver.js';

/**
 * ∫ f(z, θ) ρ_t(dθ) = ū(t)/sqrt(1 + s_w(t)²|z|² + s_b(t)²) in float64, written into `out`.
 * @param t depth in [0, 1]
 * @param z state, length d; out: length d
 * @throws ShapeMismatchError when z or out has a length other than d
 */
export function meanFieldIntegral(law: GaussianPathLaw, t: number, z: Float64Array, out: Float64Array): Float64Array {
  const d = law.d;
  if (z.length !== d) throw new ShapeMismatchError('z', `length d = ${d}`, z);
  if (out.length !== d) throw new ShapeMismatchError('out', `length d = ${d}`, out);
  const F = gaussianMeanField(float64Backend.field, Math.sqrt, law);
  const v = F(t, Array.from(z));
  for (let j = 0; j < d; j++) out[j] = v[j];
  return out;
}

/**
 * The mean-field vector field in any number type: F(t, z) = ū(t)/sqrt(1 + s_w(t)²|z|² + s_b(t)²).
 * The law's doubles enter through S.fromFloat64 (exact for decimal with enough digits).
 * @param sqrt the square root in T, correctly rounded or within the backend's precision
 */
export function gaussianMeanField<T>(S: ScalarField<T>, sqrt: (x: T) => T, law: GaussianPathLaw): ScalarVectorField<T> {
  const d = law.d;
  const mu0 = Array.from(law.uMean0, (v) => S.fromFloat64(v));
  const mu1 = Array.from(law.uMean1, (v) => S.fromFloat64(v));
  const sq = (x: number): T => S.mul(S.fromFloat64(x), S.fromFloat64(x));
  const [w0, w1, b0, b1] = [sq(law.wStd0), sq(law.wStd1), sq(law.bStd0), sq(law.bStd1)];
  return (t, z) => {
    if (z.length !== d) throw new ShapeMismatchError('z', `length d = ${d}`, z);
    const t2 = S.mul(t, t);
    const sw2 = S.add(w0, S.mul(t2, w1));
    const sb2 = S.add(b0, S.mul(t2, b1));
    let z2 = S.zero;
    for (const v of z) z2 = S.add(z2, S.mul(v, v));
    const denom = sqrt(S.add(S.add(S.one, S.mul(sw2, z2)), sb2));
    return mu0.map((m, j) => S.div(S.add(m, S.mul(t, mu1[j])), denom));
  };
}

export interface MeanFieldSolution {
  /** Z_ρ(1; x), length d. */
  z: Float64Array;
  /** Estimated absolute error of z (max over components): the extrapolation estimate plus a rounding allowance. */
  errorEstimate: number;
  /** RK4 steps of the finest solution. */
  steps: number;
}

/**
 * Default float64 target: the extrapolation estimate falls to the rounding level of n RK4 steps, about
 * sqrt(n)·u·|Z| for random-walk rounding; 64u·max(1, |x| + 1) is reached with n ≤ 2^13 on the scenarios.
 */
function defaultTol(x: Float64Array): number {
  let n2 = 0;
  for (const v of x) n2 += v * v;
  return 64 * UNIT_ROUNDOFF * Math.max(1, Math.sqrt(n2) + 1);
}

/**
 * Z_ρ(1; x) in float64, extrapolated to near machine precision.
 * @param x input, length d
 * @param opts tol (absolute; default 64u·max(1, |x| + 1)), n0 (default 8), maxLevels (default 10)
 * @returns z with errorEstimate = the extrapolation estimate + 8u·max(1, |z|) (rounding of the last row)
 * @throws ShapeMismatchError when x has length ≠ d
 */
export function solveMeanFieldGaussian(
  law: GaussianPathLaw,
  x: Float64Array,
  opts: { tol?: number; n0?: number; maxLevels?: number } = {},
): MeanFieldSolution {
  const F = gaussianMeanField(float64Backend.field, Math.sqrt, law);
  const sol: ExtrapolatedSolution<number> = extrapolatedRK4(float64Backend.field, F, Array.from(x), {
    tol: opts.tol ?? defaultTol(x),
    n0: opts.n0 ?? 8,
    maxLevels: opts.maxLevels ?? 10,
  });
  const z = Float64Array.from(sol.z);
  const zMax = Math.max(1, ...Array.from(z, Math.abs));
  return { z, errorEstimate: sol.errorEstimate + 8 * UNIT_ROUNDOFF * zMax, steps: sol.steps };
}
