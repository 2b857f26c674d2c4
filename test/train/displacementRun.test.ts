/**
 * runDisplacement (src/train/displacementRun.ts) against a naive recomputation: the GD loop written out
 * (u scaled by φ(M) in the kernel, the chain rule back, θ ← θ − h G), the displacement ‖Θ_n − Θ_0‖*, the path
 * length Σ Δs sqrt(D_k), the dissipated energy Σ Δs D_k, and every figure of the DisplacementRun docstring, bit
 * for bit; and, for the mean-field scaling, against a plain loop of gdStep.
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { type Dataset, ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { dissipationRate, evaluate, lossAndGradient } from '../../src/model/adjoint.js';
import { meanFieldDistance } from '../../src/model/meanFieldNorm.js';
import type { Network } from '../../src/model/network.js';
import { forwardErrorBound } from '../../src/model/roundingBound.js';
import { createWorkspace } from '../../src/model/workspace.js';
import { UNIT_ROUNDOFF, gamma } from '../../src/numeric/float64.js';
import { gdStep, lazyParametrisation, meanFieldParametrisation, runDisplacement } from '../../src/train/index.js';

const [d, L, M] = [2, 3, 4];
const k = 2 * d + 1;
const net = initNetwork({ d, L, M, activation: tanh, init: 'linear', seed: 8 });
const raw = ball({ d, N: 5, seed: 3 });
const data: Dataset = { ...raw, y: raw.y.map((v) => v + 1) };

/** The forward rounding bound on the loss at `at` (forward pass, then forwardErrorBound). */
function lossBound(at: Network): number {
  const ws = createWorkspace(d, L, M, data.N);
  evaluate(at, data, ws, false);
  return forwardErrorBound(at, ws, data.y).loss;
}

/** The run written out: φ = uFactor, h = learning rate, θ the trained parameters. */
function naiveRun(phi: number, h: number, dt: number, steps: number) {
  const P = net.theta.length;
  const theta = Float64Array.from(net.theta);
  const drift = new Float64Array(P);
  const isU = (p: number) => p % k < d; // neuron layout (u, w, b): the first d of every k entries
  const kernelAt = (): Network => ({ ...net, theta: theta.map((t, p) => (isU(p) ? phi * t : t)) });
  let [pathLength, dissipated, dE, E0, ES] = [0, 0, 0, NaN, NaN];
  const Ds: number[] = [];
  for (let step = 0; ; step++) {
    const kernel = kernelAt();
    const { loss, grad } = lossAndGradient(kernel, data);
    if (step === 0) {
      E0 = loss;
      dE += lossBound(kernel);
    }
    if (step === steps) {
      ES = loss;
      dE += lossBound(kernel);
      break;
    }
    const G = grad.map((g, p) => (isU(p) ? phi * g : g)); // chain rule: ∂E/∂u = φ ∂E/∂u'
    const D = dissipationRate(G, M, L);
    Ds.push(D);
    pathLength += dt * Math.sqrt(D);
    dissipated += dt * D;
    for (let p = 0; p < P; p++) {
      const stepP = h * G[p];
      theta[p] -= stepP;
      drift[p] += UNIT_ROUNDOFF * (Math.abs(theta[p]) + Math.abs(stepP));
    }
  }
  const displacement = meanFieldDistance(theta, net.theta, M, L);
  const g = gamma(P + steps + 8);
  const driftNorm = meanFieldDistance(drift, new Float64Array(P), M, L);
  const S = steps * dt;
  const gap = E0 - ES;
  const R = dissipated - gap;
  const triangle = displacement / ((1 + g) * ((1 + g) * pathLength + driftNorm));
  const cauchySchwarz = pathLength / ((1 + gamma(2 * steps + 8)) * Math.sqrt(S * dissipated));
  const allowance = Math.sqrt(S * Math.max(gap, 0)) + Math.sqrt(S * (Math.max(R, 0) + 2 * dE + 4 * g * dissipated));
  return {
    theta,
    Ds,
    triangle,
    cauchySchwarz,
    run: {
      displacement,
      E0,
      ES,
      pathLength,
      dissipated,
      secondOrderShare: R / dissipated,
      chainRatio: Math.max(triangle, cauchySchwarz),
      boundRatio: displacement / ((1 + g) * (allowance + driftNorm)),
      theoremRatio: displacement / Math.sqrt(S * Math.max(gap, 0)),
      roundingFloor: g * displacement + (1 + g) * driftNorm,
    },
  };
}

describe('the parametrisations', () => {
  it('mean field: φ = 1, h = M L Δs; lazy: φ = sqrt(M), h = L Δs', () => {
    expect([meanFieldParametrisation.uFactor(4, 3), meanFieldParametrisation.learningRate(4, 3, 0.1)]).toEqual([1, 4 * 3 * 0.1]);
    expect([lazyParametrisation.uFactor(4, 3), lazyParametrisation.learningRate(4, 3, 0.1)]).toEqual([2, 3 * 0.1]);
  });
});

describe('runDisplacement against the naive run, bit for bit', () => {
  // Large steps: the loss falls fast, D_k falls, so the Cauchy–Schwarz ratio is well below 1 and the
  // triangle-inequality ratio is the larger (the max in chainRatio).
  const big = { dt: 0.5, steps: 4 };
  // Tiny steps: the accumulated rounding (drift) dominates the path length, so the triangle ratio is the
  // smaller and the Cauchy–Schwarz ratio (≈ 1 − γ) is the max.
  const tiny = { dt: 2 ** -30, steps: 3 };

  for (const [name, par, phi, rate] of [
    ['mean field', meanFieldParametrisation, 1, M * L],
    ['lazy', lazyParametrisation, Math.sqrt(M), L],
  ] as const) {
    for (const [label, { dt, steps }] of [['large Δs', big], ['tiny Δs', tiny]] as const) {
      it(`${name}, ${label}: every figure equals its recomputation`, () => {
        const expected = naiveRun(phi, rate * dt, dt, steps);
        expect(runDisplacement(net, data, par, dt, steps)).toEqual(expected.run);
        expect(expected.run.chainRatio).toBeLessThanOrEqual(1);
        expect(expected.run.boundRatio).toBeLessThanOrEqual(1);
      });
    }
  }

  it('each term of chainRatio is the max in one regime (so both are checked above)', () => {
    const large = naiveRun(1, M * L * big.dt, big.dt, big.steps);
    expect(large.Ds[big.steps - 1]).toBeLessThan(large.Ds[0] / 2);
    expect(large.triangle).toBeGreaterThan(large.cauchySchwarz);
    const small = naiveRun(1, M * L * tiny.dt, tiny.dt, tiny.steps);
    expect(small.cauchySchwarz).toBeGreaterThan(small.triangle);
  });

  it('mean field: the displacement, E(0) and E(S) are those of a plain loop of gdStep', () => {
    const { dt, steps } = big;
    const moved: Network = { ...net, theta: Float64Array.from(net.theta) };
    const ws = createWorkspace(d, L, M, data.N);
    const losses: number[] = [];
    for (let s = 0; s < steps; s++) losses.push(gdStep(moved, data, ws, dt));
    losses.push(lossAndGradient(moved, data).loss);
    const run = runDisplacement(net, data, meanFieldParametrisation, dt, steps);
    expect([run.E0, run.ES]).toEqual([losses[0], losses[steps]]);
    let sum = 0;
    for (let p = 0; p < net.theta.length; p++) sum += (moved.theta[p] - net.theta[p]) ** 2;
    expect(run.displacement).toBeCloseTo(Math.sqrt(sum / (M * L)), 14);
    expect(run.displacement).toBeGreaterThan(0);
  });

  it('leaves the input network untouched', () => {
    const before = Float64Array.from(net.theta);
    runDisplacement(net, data, lazyParametrisation, big.dt, big.steps);
    expect(Array.from(net.theta)).toEqual(Array.from(before));
  });
});
