/**
 * Claim 6 (theory.md §6): the scaled gradient G_{l,m} = M L ∂E/∂θ_{l,m} of the discrete ResNet on linear depth
 * paths converges, as L → ∞, to the gradient of the first variation of the continuous-depth model,
 * ∇_θ δE/δρ(θ_m(t_l), t_l) = E_x[∂_θ f(z(t_l; x), θ_m(t_l))ᵀ p(t_l; x)] (theory.md eq. 10–11), at rate 1/L, hence
 * is bounded uniformly in L. Note: proofs-notes/scaled-gradient.md. Negative control: a planted missing 1/L.
 */
import { discretize, firstVariationGradient, solveContinuousDepth } from '../src/limit/index.js';
import { scaledGradient } from '../src/model/index.js';
import { type Subject, builtinSubject, subjectGradient } from '../src/subject/index.js';
import { gamma } from '../src/numeric/index.js';
import { type FlooredPoint, decidedLadder } from '../src/stats/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import {
  type DepthScenario,
  buildDepthScenario,
  EXTENDED_MAX_L,
  depthLadder,
  depthScenarios,
  describeDepthScenario,
  irisDepthExample,
  rateMeasurement,
  referenceTolerance,
} from './depthRate.js';
import { missingInvLSubject } from './plantedBugs.js';

/**
 * How much an error δ in z and p moves ∂_θ f(z, θ)ᵀ p: |∂/∂p| ≤ |σ| + |σ'||u||z|, |∂/∂z| ≤ |σ'||w||p| + |σ''||u||p||w||z|
 * + |σ'||u||p|; bounded by (1 + |θ|)²(1 + |z|)(1 + |p|)(1 + sup|σ'| + sup|σ''|) with |σ(r)| ≤ |σ(0)| + sup|σ'||r|
 * absorbed in the same product (k ≤ 11 coordinates, hence the factor 4 for the sums over j).
 */
function sensitivity(maxTheta: number, maxZ: number, maxP: number, ds: number, d2s: number): number {
  const act = 1 + (Number.isFinite(ds) ? ds : 1) + (Number.isFinite(d2s) ? d2s : 1);
  return 4 * (1 + maxTheta) ** 2 * (1 + maxZ) * (1 + maxP) * act;
}

/** The subject's ∂E/∂θ (capability gradient), scaled, on the discretised paths at each L, against ∇_θ δE/δρ of the continuous-depth model. */
function measure(s: DepthScenario, subject: Subject): Measurement {
  const { paths, data } = buildDepthScenario(s);
  const { d, M, activation } = paths;
  const k = 2 * d + 1;
  const ref = solveContinuousDepth(paths, data, { tol: referenceTolerance(s.kind) });
  const maxAbs = (a: Float64Array) => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const refSensitivity = (maxTheta: number) =>
    sensitivity(maxTheta, maxAbs(ref.z), maxAbs(ref.p), activation.supAbsDsigma, activation.supAbsD2sigma);
  let maxG = 0;
  let maxLimit = 0;
  const points: FlooredPoint[] = decidedLadder(depthLadder(s.maxL), EXTENDED_MAX_L, (L) => {
    const net = discretize(paths, L);
    const G = scaledGradient(subjectGradient(subject, net, data), M, L);
    let e = 0;
    for (let l = 0; l < L; l++) {
      const limit = firstVariationGradient(ref, l / L, net.theta.subarray(l * M * k, (l + 1) * M * k));
      for (let q = 0; q < M * k; q++) {
        const g = G[l * M * k + q];
        e = Math.max(e, Math.abs(g - limit[q]));
        maxG = Math.max(maxG, Math.abs(g));
        maxLimit = Math.max(maxLimit, Math.abs(limit[q]));
      }
    }
    // Floor: the reference error at the nodes, ×10 for the Hermite dense output between nodes (same order h^4),
    // through the sensitivity of ∂_θ fᵀp; plus the rounding of G (L layers of M-term sums, 4× margin).
    const floor = 10 * ref.errorEstimate * refSensitivity(maxAbs(net.theta)) + 8 * L * gamma(M + d + 2) * Math.max(1, maxG);
    return { n: L, e: Number.isNaN(e) ? Infinity : e, floor };
  });
  const first = points[0];
  const last = points[points.length - 1];
  const label = describeDepthScenario(s);
  // A sequence converging like C·L^p (p < 0) does not grow from the first rung to the last by more than what the
  // two rungs' floors (reference error and rounding, each an upper estimate of the error of e itself) allow;
  // growth beyond them, or a non-finite G, means no convergence whatever the fit says. A ladder sitting at its
  // floor passes this and is left undecided by the rate rule (fewer than 3 rungs above 100× floor).
  if (!(last.e - first.e <= first.floor + last.floor) || !Number.isFinite(maxG)) {
    return {
      ok: false,
      detail: `${label}: max|G − ∇δE/δρ| grows: ${first.e.toExponential(2)} at L = ${first.n}, ${last.e.toExponential(2)} at L = ${last.n} (floors ${first.floor.toExponential(1)}, ${last.floor.toExponential(1)}); max|G| = ${maxG.toExponential(2)}`,
      figures: { maxGOverLimit: maxG / maxLimit },
    };
  }
  const m = rateMeasurement(s, points, ref.errorEstimate, 'max_{l,m} |G_{l,m} − ∇_θ δE/δρ(θ_m(t_l), t_l)|');
  return { ...m, detail: `${m.detail}; max|G| / max|∇δE/δρ| = ${(maxG / maxLimit).toFixed(3)}`, figures: { ...m.figures, maxGOverLimit: maxG / maxLimit } };
}

export const scaledGradientClaim = defineClaim<DepthScenario, Subject>({
  id: 'scaled-gradient',
  catalogue: 6,
  title: 'G = M L ∂E/∂θ is bounded in L and converges to ∇_θ δE/δρ at rate 1/L',
  source: '[DCLW-b] eq. (10)–(11) and Lemma G.1 (the discrete adjoint is the Euler scheme of eq. 11); theory.md §1, §4, §6 item 6',
  assumptions: ['linear (Lipschitz) depth paths', 'σ smooth (C²)', 'same paths for every L; comparison at θ = θ_m(t_l), t = t_l'],
  tolerance:
    'e(L) = max_{l,m}|G_{l,m} − ∇_θ δE/δρ(θ_m(t_l), t_l)| must not grow from the first to the last rung by more than ' +
    'the two rungs\' floors, and its OLS ' +
    'log–log exponent over the 4 largest L with e ≥ 100× floor (reference error × sensitivity + rounding), 99% ' +
    't-interval, must meet [−1.1, −0.9] (as depth-rate); boundedness in L follows from convergence',
  budget: { quick: 10, ci: 16, full: 30 },
  statisticalDecisions: 0,
  scenarios: (profile) => depthScenarios(profile, 'linear'),
  examples: (profile) => [irisDepthExample(profile)],
  figures: {
    exponent: { worst: 'max', description: 'fitted exponent of e(L) (claimed −1)' },
    intervalWidth: { worst: 'max', description: 'width of the 99% interval of the exponent' },
    referenceError: { worst: 'max', description: 'RK4 step-doubling error estimate of z and p' },
    maxGOverLimit: { worst: 'max', description: 'max over the ladder of |G| / max |∇_θ δE/δρ| (bounded ⇒ near 1)' },
  },
  measure,
  needs: ['gradient'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: the layer map is divided by M only (missing 1/L: u scaled by L, plantedBugs.scaleU)',
    subject: missingInvLSubject,
  },
});
