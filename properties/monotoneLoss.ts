/**
 * Claim 8 (theory.md §6): GD in training time decreases the loss for Δs below a threshold that does not shrink
 * with L or M. Stated and checked as the descent lemma in the mean-field geometry: with Λ a computable bound on
 * the curvature of E in ‖·‖* along the step (curvatureBound: built from sup|σ|, sup|σ'|, sup|σ''|, the data and
 * neuron averages and maxima of the parameters, never from L or M themselves), each step of Δs = 1/(2Λ₀) moves
 * E by −Δs‖G‖*² within ±(Λ/2)Δs²‖G‖*²: E never increases and decreases by at least half the first-order
 * prediction (Armijo with constant ½). Note: proofs-notes/monotone-loss.md.
 * Negative control: the learning rate h = (M L)² Δs.
 */
import {
  createWorkspace,
  dissipationRate,
  evaluate,
  gradientErrorBound,
  lipschitzConstant,
  meanFieldNorm,
  type Network,
} from '../src/model/index.js';
import type { Dataset } from '../src/data/dataset.js';
import { UNIT_ROUNDOFF, gamma } from '../src/numeric/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { lossWithBound } from './evaluations.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';
import { type Subject, builtinSubject } from '../src/subject/index.js';
import { doubledMLSubject } from './trainingRule.js';

/** Activations with sup|σ|, sup|σ'|, sup|σ''| finite (identity and softplus make the curvature depend on |θ| unboundedly). */
const BOUNDED = ['tanh', 'sigmoid', 'sin', 'gaussian'] as const;

/** GD steps per scenario. */
export const MONOTONE_STEPS = 10;
/**
 * Λ₀Δs at the first step: Δs = MONOTONE_STEP_FRACTION / Λ₀. ½ leaves a factor 2 before ΛΔs = 1 (below which
 * the Armijo condition with constant ½ is guaranteed) for the growth of Λ along the 10 steps, and makes the band
 * ±ΛΔs/2 = ±¼ of the first-order prediction narrow enough to reject a learning rate off by a factor 2 (see the note).
 */
export const MONOTONE_STEP_FRACTION = 0.5;
/** Steps with ΛΔs above this are not covered by the descent lemma (the sublevel argument needs ΛΔs ≤ 2). */
const MAX_COVERED = 2;

/** A bound on the curvature of E along one GD step, and its factors (for reporting). */
export interface CurvatureBound {
  /** Λ ≥ |D²E(Θ_t)[v, v]| / ‖v‖*² for every Θ_t on the step's segment with E(Θ_t) ≤ E(Θ) and every direction v. */
  Lambda: number;
  /** Bound on |Dz_l[v]| per unit ‖v‖* (first variation of every state). */
  D1: number;
  /** Bound on |D²z_L[v, v]| per unit ‖v‖*². */
  D2: number;
}

/**
 * Λ of the descent lemma in the geometry ⟨a, b⟩* = (1/(ML)) Σ_p a_p·b_p, for the segment Θ − t·Δs·G, t ∈ [0, 1],
 * G = M L ∇E (our derivation, proofs-notes/monotone-loss.md). With S_j = sup|σ^{(j)}|, per neuron p the bounds
 * ū_p = |u_p| + Δs|G_p|, w̄_p = |w_p| + Δs|G_p| hold on the whole segment, and with X = max|x_i|:
 *   Z = X + S₀ mean ū                               (forward bound on every |z_l|)
 *   D1 = e^{K̄} sqrt(mean c_p²),  K̄ = S₁ mean(ū w̄),  c_p² = S₀² + S₁² ū_p² (Z² + 1)
 *   D2 = e^{K̄} [S₂ D1² mean(ū w̄²) + 2 D1 sqrt(mean e_p²) + max_p q_p]
 *        e_p² = (S₁w̄)² + (S₂ūw̄Z + S₁ū)² + (S₂ūw̄)²,  q_p = S₁ sqrt(Z² + 1) + S₂ ū_p (Z² + 1)
 *   Λ  = |a|² D1² + |a| sqrt(2E) D2.
 * The residual term uses (1/N) Σ|r_i| ≤ sqrt(2E(Θ_t)) ≤ sqrt(2E(Θ)), valid while E does not rise above E(Θ) on
 * the segment, which the descent lemma itself guarantees for Δs·Λ ≤ 2 (continuity argument in the note).
 * Uniform in L and M at fixed neuron statistics: only means over neurons and max_p q_p (one neuron's own
 * curvature) enter.
 * @param theta, grad Float64Array of length L·M·(2d+1), layout (L, M, k); grad = ∇E (raw, not scaled)
 * @param E the loss at theta
 */
export function curvatureBound(net: Network, data: Dataset, theta: Float64Array, grad: Float64Array, dt: number, E: number): CurvatureBound {
  const { d, L, M, activation, readout } = net;
  const k = 2 * d + 1;
  const n = L * M;
  const S0 = activation.supAbsSigma;
  const S1 = activation.supAbsDsigma;
  const S2 = activation.supAbsD2sigma;
  const ub = new Float64Array(n);
  const wb = new Float64Array(n);
  let meanU = 0;
  let meanUW = 0;
  let meanUW2 = 0;
  for (let p = 0; p < n; p++) {
    let u2 = 0;
    let w2 = 0;
    let g2 = 0;
    for (let j = 0; j < d; j++) {
      u2 += theta[p * k + j] ** 2;
      w2 += theta[p * k + d + j] ** 2;
    }
    for (let j = 0; j < k; j++) g2 += grad[p * k + j] ** 2;
    const move = dt * n * Math.sqrt(g2);
    ub[p] = Math.sqrt(u2) + move;
    wb[p] = Math.sqrt(w2) + move;
    meanU += ub[p];
    meanUW += ub[p] * wb[p];
    meanUW2 += ub[p] * wb[p] * wb[p];
  }
  meanU /= n;
  meanUW /= n;
  meanUW2 /= n;
  let X = 0;
  for (let i = 0; i < data.N; i++) {
    let x2 = 0;
    for (let j = 0; j < d; j++) x2 += data.x[i * d + j] ** 2;
    X = Math.max(X, Math.sqrt(x2));
  }
  let a2 = 0;
  for (let j = 0; j < d; j++) a2 += readout[j] ** 2;
  const Z = X + S0 * meanU;
  const Z1 = Z * Z + 1;
  const growth = Math.exp(S1 * meanUW);
  let c2 = 0;
  let e2 = 0;
  let qMax = 0;
  for (let p = 0; p < n; p++) {
    c2 += S0 * S0 + S1 * S1 * ub[p] * ub[p] * Z1;
    const A = S1 * wb[p];
    const B = S2 * ub[p] * wb[p] * Z + S1 * ub[p];
    const C = S2 * ub[p] * wb[p];
    e2 += A * A + B * B + C * C;
    qMax = Math.max(qMax, S1 * Math.sqrt(Z1) + S2 * ub[p] * Z1);
  }
  const D1 = growth * Math.sqrt(c2 / n);
  const D2 = growth * (S2 * D1 * D1 * meanUW2 + 2 * D1 * Math.sqrt(e2 / n) + qMax);
  // 1 + 1e-12: the bound is evaluated in float64; a few roundings of relative size 2^-53 cannot exceed it.
  return { Lambda: (a2 * D1 * D1 + Math.sqrt(a2) * Math.sqrt(2 * E) * D2) * (1 + 1e-12), D1, D2 };
}

/** The step Δs with Λ(Δs)·Δs ≤ MONOTONE_STEP_FRACTION at Θ (Λ grows with Δs through the segment). */
export function derivedStep(net: Network, data: Dataset, grad: Float64Array, E: number): number {
  const first = MONOTONE_STEP_FRACTION / curvatureBound(net, data, net.theta, grad, 0, E).Lambda;
  // Λ(first) ≥ Λ(dt) for every dt ≤ first, so dt = fraction/Λ(first) ≤ first satisfies Λ(dt)·dt ≤ fraction.
  return MONOTONE_STEP_FRACTION / curvatureBound(net, data, net.theta, grad, first, E).Lambda;
}

/**
 * One scenario against a subject: K GD steps of the subject at the derived Δs (one request each, from the
 * previous step's θ), each against the Taylor band of the reference loss and gradient.
 */
export function measureDescent(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const { M, L } = net;
  let theta = Float64Array.from(net.theta);
  const at = (th: Float64Array): Network => ({ ...net, theta: th });
  let E = evaluate(at(theta), data, ws, true);
  const dt = derivedStep(at(theta), data, ws.grad, E);
  const h = M * L * dt; // the mean-field learning rate, for the update's rounding bound
  const E0 = E;
  let worst = -Infinity;
  let worstStep = 0;
  let worstDetail = '';
  let maxLambdaDt = 0;
  let covered = 0;
  for (let k = 1; k <= MONOTONE_STEPS; k++) {
    const grad = Float64Array.from(ws.grad);
    const rate = dissipationRate(grad, M, L);
    const { Lambda } = curvatureBound(at(theta), data, theta, grad, dt, E);
    if (!(Lambda * dt <= MAX_COVERED)) break;
    maxLambdaDt = Math.max(maxLambdaDt, Lambda * dt);
    const base = lossWithBound(at(theta), data, theta, ws);
    // δ(rate): entry p of the computed gradient carries ≤ ε_p (gradientErrorBound); as in energy-dissipation.
    const entryError = gradientErrorBound(at(theta), ws, data.y);
    let weighted = 0;
    for (let p = 0; p < grad.length; p++) weighted += Math.abs(grad[p]) * entryError[p];
    const rateError = 2 * M * L * weighted + gamma(grad.length + 2) * rate;
    const [next] = subject.train([{ net: at(theta), data, dt, steps: 1 }]);
    // The update rounds each entry by ≤ 2u(|θ_p| + |h g_p|); E moves by ≤ C·‖that‖* (lipschitz-parameters.md).
    const roundStep = new Float64Array(theta.length);
    for (let p = 0; p < theta.length; p++) roundStep[p] = 2 * UNIT_ROUNDOFF * (Math.abs(theta[p]) + Math.abs(h * grad[p]));
    const after = lossWithBound(at(next), data, next, ws);
    if (!Number.isFinite(after.E)) {
      return { ok: false, detail: `${describeScenario(s)}: E is not finite after step ${k} (Δs = ${dt.toPrecision(3)})`, figures: { deviationOverBand: Infinity } };
    }
    const updateError = lipschitzConstant(at(next), next, data).C * meanFieldNorm(roundStep, M, L);
    const change = after.E - E;
    const predicted = -dt * rate;
    const band = 0.5 * Lambda * dt * dt * rate + base.dE + after.dE + dt * rateError + updateError;
    const ratio = Math.abs(change - predicted) / band;
    if (ratio > worst) {
      [worst, worstStep] = [ratio, k];
      worstDetail = `ΔE = ${change.toPrecision(4)}, −Δs‖G‖*² = ${predicted.toPrecision(4)}, ΛΔs = ${(Lambda * dt).toPrecision(3)}`;
    }
    covered = k;
    theta = Float64Array.from(next);
    E = evaluate(at(theta), data, ws, true);
  }
  const decided = covered > 0;
  return {
    ok: !decided || worst <= 1,
    decided,
    reason: decided ? undefined : 'curvature bound ΛΔs > 2 at the first step',
    detail:
      `${describeScenario(s)}: Δs = 1/(2Λ₀) = ${dt.toPrecision(3)}; worst |ΔE + Δs‖G‖*²| / ((Λ/2)Δs²‖G‖*² + rounding) = ` +
      `${worst.toPrecision(3)} at step ${worstStep} (must be ≤ 1; ${worstDetail}); E went ${E0.toPrecision(4)} → ` +
      `${E.toPrecision(4)} in ${covered} steps`,
    figures: { deviationOverBand: worst, derivedDt: dt, maxLambdaDt, relativeDecrease: (E0 - E) / E0 },
  };
}

export const monotoneLossClaim = defineClaim<Scenario, Subject>({
  id: 'monotone-loss',
  catalogue: 8,
  title:
    `Descent lemma at the derived step Δs = 1/(2Λ), Λ a curvature bound free of L and M: over ${MONOTONE_STEPS} GD steps ` +
    'E changes by −Δs(1/(ML))Σ|G|² ± (Λ/2)Δs²(1/(ML))Σ|G|², so it never increases and falls by at least half the first-order prediction',
  source: 'theory.md §2 (dE/ds ≤ 0, eq. (21)); descent lemma (Armijo) with a curvature bound in ‖·‖* derived in proofs-notes/monotone-loss.md',
  assumptions: [
    'data in the unit ball (Iris: max|x| as measured)',
    'initial parameter scale ≤ 1',
    'sup|σ|, sup|σ\'|, sup|σ\'\'| finite (tanh, sigmoid, sin, gaussian): Λ depends on these bounds, the data, neuron means and the largest neuron |u|, not on L, M',
  ],
  tolerance:
    '|E_k − E_{k−1} + Δs(1/(ML))Σ|G|²| ≤ (Λ/2)Δs²(1/(ML))Σ|G|² (Taylor with the derived curvature bound Λ along the step, valid for ΛΔs ≤ 2) ' +
    'plus the float64 rounding bounds of the two losses, of the dissipation rate and of the update; Δs = ½/Λ₀ makes that band ±¼ of the prediction at the first step',
  budget: { quick: 10, ci: 60, full: 400 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile, { scale: [0.25, 1], activations: BOUNDED }),
  examples: (profile) => [irisExample(profile)],
  figures: {
    deviationOverBand: { worst: 'max', description: 'max over steps of |ΔE + Δs‖G‖*²| / (Taylor band + rounding) (≤ 1 passes)' },
    derivedDt: { worst: 'min', description: 'the derived step Δs = 1/(2Λ₀)' },
    maxLambdaDt: { worst: 'max', description: 'max over steps of ΛΔs (≤ 1: monotone with Armijo ½ guaranteed; ≤ 2: covered)' },
    relativeDecrease: { worst: 'min', description: '(E_0 − E_K) / E_0 over the run' },
  },
  measure: measureDescent,
  needs: ['train'],
  nominal: builtinSubject,
  control: {
    description: 'planted bug: learning rate h = (M L)² Δs, a step M L times too long; scenarios with M L ≥ 64',
    subject: doubledMLSubject,
    scenarios: (profile) => scenarioArbitrary(profile, { scale: [0.25, 1], activations: BOUNDED, min: { L: 8, M: 8 } }),
  },
});
