/**
 * Claim 8 (monotone-loss, the descent lemma at a derived step): the curvature bound Λ bounds the measured curvature
 * on the scenario that failed the old fixed-Δs claim, the derived step satisfies ΛΔs ≤ ½, and learning rates off by
 * a factor 2 (either way) or missing M L are rejected, while the nominal rule passes there.
 */
import { describe, expect, it } from 'vitest';
import { curvatureBound, derivedStep, measureDescent, MONOTONE_STEP_FRACTION } from '../../properties/monotoneLoss.js';
import { buildScenario, type Scenario } from '../../src/check/scenarios.js';
import { type LearningRateRule, missingMLRule } from '../../properties/trainingRule.js';
import { builtinSubject, variedSubject } from '../../src/subject/index.js';
import { createWorkspace, evaluate } from '../../src/model/index.js';

/** quick --seed 7604449 of the old claim: E rose at step 1 with Δs = 0.2 (λ_max(ML∇²E) = 15.3, threshold 0.13). */
const OVERSHOOT: Scenario = { d: 1, N: 1, L: 3, M: 1, activation: 'tanh', delta: 1, init: 'brownian', scale: 1, dataset: 'teacher', seed: 9 };

/** Largest |eigenvalue| of M L ∇²E by power iteration on central differences of the adjoint gradient. */
function scaledHessianNorm(s: Scenario): number {
  const { net, data } = buildScenario(s);
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const ML = net.L * net.M;
  const grad = (th: Float64Array): Float64Array => {
    evaluate({ ...net, theta: th }, data, ws, true);
    return Float64Array.from(ws.grad);
  };
  const hv = (v: Float64Array): Float64Array => {
    const h = 1e-5;
    const gp = grad(net.theta.map((t, i) => t + h * v[i]));
    const gm = grad(net.theta.map((t, i) => t - h * v[i]));
    return gp.map((x, i) => ((x - gm[i]) / (2 * h)) * ML);
  };
  let v: Float64Array = net.theta.map((_, i) => Math.sin(i + 1) / 2);
  let lambda = 0;
  for (let it = 0; it < 300; it++) {
    const w = hv(v);
    lambda = Math.hypot(...w);
    v = w.map((x) => x / lambda);
  }
  return lambda;
}

describe('monotone-loss: the derived step', () => {
  it('Λ ≥ the measured curvature on the old overshoot scenario, and Δs = ½/Λ is below its threshold 2/λ_max', () => {
    const { net, data } = buildScenario(OVERSHOOT);
    const ws = createWorkspace(net.d, net.L, net.M, data.N);
    const E = evaluate(net, data, ws, true);
    const grad = Float64Array.from(ws.grad);
    const lambdaMax = scaledHessianNorm(OVERSHOOT);
    expect(lambdaMax).toBeGreaterThan(10);
    expect(curvatureBound(net, data, net.theta, grad, 0, E).Lambda).toBeGreaterThanOrEqual(lambdaMax);
    const dt = derivedStep(net, data, grad, E);
    expect(curvatureBound(net, data, net.theta, grad, dt, E).Lambda * dt).toBeLessThanOrEqual(MONOTONE_STEP_FRACTION);
    expect(dt).toBeLessThan(2 / lambdaMax);
  });

  it('passes the nominal rule and rejects learning rates off by 2, ½ or missing M L', () => {
    const s: Scenario = { d: 2, N: 8, L: 4, M: 6, activation: 'tanh', delta: 1, init: 'linear', scale: 0.5, dataset: 'ball', seed: 3 };
    const rule = (learningRate: LearningRateRule) => variedSubject('resnet-mf with another learning rate', { learningRate });
    expect(measureDescent(OVERSHOOT, builtinSubject).ok).toBe(true);
    expect(measureDescent(s, builtinSubject).ok).toBe(true);
    expect(measureDescent(s, rule((M, L, dt) => 2 * M * L * dt)).ok).toBe(false);
    expect(measureDescent(s, rule((M, L, dt) => 0.5 * M * L * dt)).ok).toBe(false);
    expect(measureDescent(s, rule(missingMLRule)).ok).toBe(false);
  });
});
