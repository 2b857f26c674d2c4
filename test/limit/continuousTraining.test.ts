import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { type ContinuousTrainingReference, continuousTraining, depthGridTrajectory } from '../../src/limit/continuousTraining.js';
import { gradientFlow } from '../../src/limit/gradientFlow.js';
import { logLogFit } from '../../src/stats/index.js';
import { train } from '../../src/train/index.js';
import { sqrtDepthRule } from '../../properties/depthTraining.js';
import type { LearningRateRule } from '../../properties/trainingRule.js';

const data = ball({ d: 2, N: 6, seed: 3 });
const base = { M: 4, activation: tanh, seed: 3, data, dt: 0.05, steps: 20 };

function reference(Lref: number, learningRate?: LearningRateRule): ContinuousTrainingReference {
  const r = continuousTraining({ ...base, Lref, ...(learningRate ? { learningRate } : {}) });
  if (r.status !== 'completed') throw new Error(r.message);
  return r;
}

/** max_k |E_ref(s_k) − E_finer(s_k)| / ε(s_k): ≤ 1 when the error estimate bounds the distance to the finer reference. */
function distanceOverEstimate(coarse: ContinuousTrainingReference, finer: ContinuousTrainingReference): number {
  let worst = 0;
  coarse.E.forEach((v, k) => {
    worst = Math.max(worst, Math.abs(v - finer.E[k]) / coarse.error[k]);
  });
  return worst;
}

/** Exponent of max_k |E_L(s_k) − E_2L(s_k)| against L over L = 8…64. */
function depthOrder(learningRate?: LearningRateRule): number {
  const Ls = [8, 16, 32, 64, 128];
  const curves = Ls.map((L) => {
    const c = depthGridTrajectory({ ...base, ...(learningRate ? { learningRate } : {}) }, L);
    if (!(c instanceof Float64Array)) throw new Error(c.message);
    return c;
  });
  const points = Ls.slice(0, -1).map((L, j) => ({ n: L, e: Math.max(...curves[j].map((v, k) => Math.abs(v - curves[j + 1][k]))) }));
  return logLogFit(points).exponent;
}

describe('continuousTraining: the continuous-depth training curve by Richardson extrapolation in 1/L', () => {
  it('returns E_ref = 2 E_2L − E_L on s_k = kΔs with ε = |E_2L − E_L|, and E_L is the depth-L GD run', () => {
    const r = reference(8);
    expect(r.s.length).toBe(21);
    expect(r.s[20]).toBeCloseTo(1, 12);
    const net = initNetwork({ d: 2, L: 8, M: 4, activation: tanh, init: 'linear', seed: 3 });
    const run = train(net, data, { dt: 0.05, steps: 20 });
    expect(Array.from(r.coarse)).toEqual(run.trajectory.map((p) => p.E));
    r.E.forEach((v, k) => {
      expect(v).toBe(2 * r.fine[k] - r.coarse[k]);
      expect(r.error[k]).toBe(Math.abs(r.fine[k] - r.coarse[k]));
    });
  });

  it('the error estimate bounds the distance to a finer reference (L_ref = 8, 16, 32 against 64)', () => {
    const finer = reference(64);
    for (const Lref of [8, 16, 32]) expect(distanceOverEstimate(reference(Lref), finer)).toBeLessThanOrEqual(1);
  });

  it('E_L(s) is first order in 1/L: max_s |E_L − E_2L| has exponent −1 within 0.1', () => {
    expect(Math.abs(depthOrder() + 1)).toBeLessThan(0.1);
  });

  it('negative control: with h = M √L Δs the order is ≈ 1/2 and ε no longer bounds the distance to the finer reference', () => {
    expect(depthOrder(sqrtDepthRule)).toBeGreaterThan(-0.75);
    expect(distanceOverEstimate(reference(8, sqrtDepthRule), reference(64, sqrtDepthRule))).toBeGreaterThan(1);
  });

  it('a diverging grid is reported as a status, and bad sizes throw naming the field', () => {
    const r = continuousTraining({ ...base, Lref: 4, dt: 1e306, steps: 5 });
    expect(r.status).toBe('diverged');
    expect(() => continuousTraining({ ...base, Lref: 0 })).toThrow(/Lref/);
    expect(() => continuousTraining({ ...base, Lref: 4, dt: -1 })).toThrow(/dt/);
  });
});

describe('gradientFlow: the Δs → 0 limit of GD by refined RK4', () => {
  const net = initNetwork({ d: 2, L: 4, M: 3, activation: tanh, init: 'linear', seed: 5 });
  const flow = gradientFlow(net, data, { S: 1, tol: 1e-11, checkpoints: 5 });

  it('its error estimate bounds the distance to a solution refined 4× further', () => {
    expect(flow.status).toBe('completed');
    const finer = gradientFlow(net, data, { S: 1, tol: 1e-14, checkpoints: 5, n0: (4 * flow.steps) / 5 });
    flow.E.forEach((v, j) => expect(Math.abs(v - finer.E[j])).toBeLessThanOrEqual(flow.errorEstimate + 1e-15));
  });

  it('GD with h = M L Δs converges to it at first order in Δs', () => {
    const e = [10, 20, 40, 80].map((n) => {
      const run = train(net, data, { dt: 1 / n, steps: n });
      return { n: 1 / n, e: Math.abs(run.trajectory[n].E - flow.E[4]) };
    });
    expect(Math.abs(logLogFit(e).exponent - 1)).toBeLessThan(0.1);
  });
});
