/**
 * Gradient descent under a width scaling ("parametrisation"), recording how far the parameters move in the
 * mean-field norm ‖Θ‖*² = (1/(ML)) Σ|θ_{l,m}|² (theory.md §6 item 11) together with the discrete form of the
 * flow bound ‖Θ(S) − Θ(0)‖* ≤ sqrt(S (E(0) − E(S))).
 *
 * Discrete statement (our derivation). With h = M L Δs, Θ_{k+1} − Θ_k = −Δs G_k (G = M L ∇E per neuron), so
 *   ‖Θ_{k+1} − Θ_k‖* = Δs sqrt(D_k),   D_k = (1/(ML)) Σ|G_k|²   (the dissipation rate, model/adjoint.ts),
 * and by the triangle inequality and Cauchy–Schwarz (S = n Δs)
 *   ‖Θ_n − Θ_0‖* ≤ Σ_k Δs sqrt(D_k) ≤ sqrt(S Σ_k Δs D_k),   Σ_k Δs D_k = E(0) − E(S) + R,
 * where R = Σ_k [E_{k+1} − E_k + Δs D_k] = Σ_k ½ h² ∇Eᵀ H ∇E + … = O(Δs) at fixed S (energy-dissipation.md).
 *
 * A parametrisation maps the trained parameters θ = (u, w, b) to those of the kernel network (model/forward.ts,
 * layer map (1/(ML)) Σ) by u' = φ(M) u, and fixes the learning rate h(M, L, Δs):
 * - mean field: φ = 1, h = M L Δs (the theory's scaling);
 * - lazy / NTK: φ = sqrt(M) (layer map (1/(sqrt(M) L)) Σ u σ), h = L Δs: each neuron then moves O(M^{-1/2}) per
 *   unit of s while E still moves O(1): dE/ds = −L |∇_θ E|² = O(1) since |∂E/∂θ_{l,m}|² = O(1/(M L²)).
 */
import type { Dataset } from '../data/dataset.js';
import { dissipationRate, evaluate } from '../model/adjoint.js';
import { forwardErrorBound } from '../model/roundingBound.js';
import { meanFieldDistance } from '../model/meanFieldNorm.js';
import type { Network } from '../model/network.js';
import { createWorkspace } from '../model/workspace.js';
import { UNIT_ROUNDOFF as u, gamma } from '../numeric/float64.js';

export interface Parametrisation {
  name: string;
  /** φ(M): the trained u is multiplied by φ before the kernel's (1/(ML)) Σ. */
  uFactor: (M: number, L: number) => number;
  /** Learning rate h(M, L, Δs). */
  learningRate: (M: number, L: number, dt: number) => number;
}

export const meanFieldParametrisation: Parametrisation = {
  name: 'mean field',
  uFactor: () => 1,
  learningRate: (M, L, dt) => M * L * dt,
};

export const lazyParametrisation: Parametrisation = {
  name: 'lazy (NTK)',
  uFactor: (M) => Math.sqrt(M),
  learningRate: (_M, L, dt) => L * dt,
};

/** What one run measured (all in the trained parameters θ). */
export interface DisplacementRun {
  /** ‖Θ_n − Θ_0‖*. */
  displacement: number;
  /** E(0), E(S). */
  E0: number;
  ES: number;
  /** Σ_k Δs sqrt(D_k) and Σ_k Δs D_k, with D_k = M L |∇_θ E(Θ_k)|² (the paper's dissipation rate). */
  pathLength: number;
  dissipated: number;
  /** R / Σ Δs D_k with R = Σ Δs D_k − (E(0) − E(S)): the O(Δs) share. */
  secondOrderShare: number;
  /** max of ‖Θ_n − Θ_0‖* / (pathLength + rounding) and pathLength / (sqrt(S Σ Δs D_k) (1 + γ)); ≤ 1 when the chain holds. */
  chainRatio: number;
  /** ‖Θ_n − Θ_0‖* / (sqrt(S (E0 − ES)⁺) + sqrt(S R⁺) + rounding); ≤ 1 when the flow bound holds up to the O(Δs) term. */
  boundRatio: number;
  /** ‖Θ_n − Θ_0‖* / sqrt(S (E0 − ES)): the flow bound read literally at finite Δs (informative, may exceed 1). */
  theoremRatio: number;
  /** An upper bound on the rounding error of the computed displacement. */
  roundingFloor: number;
}

/**
 * Runs n GD steps of the parametrisation from `net` (its theta holds the trained θ) and measures the chain.
 * @param net trained parameters θ, layout (L, M, 2d+1); not modified
 * @param dt Δs > 0; steps n ≥ 1 (S = n Δs)
 */
export function runDisplacement(net: Network, data: Dataset, par: Parametrisation, dt: number, steps: number): DisplacementRun {
  const { d, L, M } = net;
  const k = 2 * d + 1;
  const P = net.theta.length;
  const phi = par.uFactor(M, L);
  const h = par.learningRate(M, L, dt);
  const theta0 = Float64Array.from(net.theta);
  const theta = Float64Array.from(net.theta);
  const kernel = new Float64Array(P);
  const kernelNet: Network = { ...net, theta: kernel };
  const ws = createWorkspace(d, L, M, data.N);
  const drift = new Float64Array(P);
  const grad = new Float64Array(P);
  let pathLength = 0;
  let dissipated = 0;
  let E0 = NaN;
  let ES = NaN;
  let dE = 0;
  for (let step = 0; step <= steps; step++) {
    for (let p = 0; p < P; p++) kernel[p] = p % k < d ? phi * theta[p] : theta[p];
    const E = evaluate(kernelNet, data, ws, step < steps);
    if (step === 0 || step === steps) dE += forwardErrorBound(kernelNet, ws, data.y).loss;
    if (step === 0) E0 = E;
    if (step === steps) {
      ES = E;
      break;
    }
    for (let p = 0; p < P; p++) grad[p] = p % k < d ? phi * ws.grad[p] : ws.grad[p];
    const D = dissipationRate(grad, M, L);
    pathLength += dt * Math.sqrt(D);
    dissipated += dt * D;
    // Stryker disable next-line EqualityOperator: p = P reads undefined (stepP = NaN) and writes theta[P], drift[P] past the end of their Float64Arrays, which JS drops
    for (let p = 0; p < P; p++) {
      const stepP = h * grad[p];
      theta[p] -= stepP;
      // Stryker disable next-line AssignmentOperator: drift is only read through its norm Σ drift[p]², which −= leaves bit for bit unchanged (every entry negated)
      drift[p] += u * (Math.abs(theta[p]) + Math.abs(stepP));
    }
  }
  const displacement = meanFieldDistance(theta, theta0, M, L);
  // Rounding: computed sums of P squares and n terms carry relative error ≤ γ_{P+n+8}; the n updates add drift.
  const g = gamma(P + steps + 8);
  const driftNorm = meanFieldDistance(drift, new Float64Array(P), M, L);
  const roundingFloor = g * displacement + (1 + g) * driftNorm;
  const S = steps * dt;
  const gap = E0 - ES;
  const R = dissipated - gap;
  const chainRatio = Math.max(
    displacement / ((1 + g) * ((1 + g) * pathLength + driftNorm)),
    pathLength / ((1 + gamma(2 * steps + 8)) * Math.sqrt(S * dissipated)),
  );
  const allowance = Math.sqrt(S * Math.max(gap, 0)) + Math.sqrt(S * (Math.max(R, 0) + 2 * dE + 4 * g * dissipated));
  return {
    displacement,
    E0,
    ES,
    pathLength,
    dissipated,
    secondOrderShare: R / dissipated,
    chainRatio,
    boundRatio: displacement / ((1 + g) * (allowance + driftNorm)),
    theoremRatio: displacement / Math.sqrt(S * Math.max(gap, 0)),
    roundingFloor,
  };
}
