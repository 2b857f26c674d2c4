/** Claims 11 (displacement), 13 (Lipschitz in parameters) and 23 (convexity along mixtures at L = 1). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../src/init/index.js';
import { tanh } from '../../src/activations/index.js';
import { loadDataset } from '../../src/data/index.js';
import { createWorkspace, forward, forwardErrorBound, lossFromOutputs, type Network } from '../../src/model/index.js';
import { gamma } from '../../src/numeric/float64.js';
import { meanFieldDistance, meanFieldNorm } from '../../src/model/meanFieldNorm.js';
import { mixtureNetwork } from '../../src/model/mixtureNetwork.js';
import { lipschitzConstant } from '../../src/model/lipschitzConstant.js';
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';
import { crossNormalisedMixture, measureMixture, mixtureScenarios } from '../../properties/mixtureConvexity.js';

describeClaims(CLAIM_GROUPS.geometry);

describe('geometry helpers', () => {
  const data = loadDataset('ball', { d: 2, N: 6, seed: 3 });
  const net0 = initNetwork({ d: 2, L: 1, M: 4, activation: tanh, init: 'linear', seed: 1 });
  const net1 = initNetwork({ d: 2, L: 1, M: 4, activation: tanh, init: 'linear', seed: 2 });
  const lossWithBound = (net: Network) => {
    const ws = createWorkspace(net.d, net.L, net.M, data.N);
    forward(net, data.x, ws);
    return { E: lossFromOutputs(ws.outputs, data.y), dE: forwardErrorBound(net, ws, data.y).loss };
  };

  it('a mixture at λ = 0 (λ = 1) has the loss of ρ⁰ (ρ¹), within the two forward rounding bounds', () => {
    // M0 = M1: the weights are 2u and 0 exactly, so both sides approximate the same exact loss.
    for (const [lambda, net] of [[0, net0], [1, net1]] as const) {
      const a = lossWithBound(mixtureNetwork(net0, net1, lambda));
      const b = lossWithBound(net);
      expect(Math.abs(a.E - b.E)).toBeLessThanOrEqual(a.dE + b.dE);
    }
  });

  it('at λ = 1/2 with M0 = M1 the mixture is the concatenated network, bit for bit', () => {
    const mix = mixtureNetwork(net0, net1, 0.5);
    expect(Array.from(mix.theta)).toEqual([...net0.theta, ...net1.theta]);
  });

  it('duplicating every neuron leaves ‖Θ‖* unchanged (it is a norm of the neuron measure)', () => {
    const dup = new Float64Array(2 * net0.theta.length);
    dup.set(net0.theta, 0);
    dup.set(net0.theta, net0.theta.length);
    // The same squares summed twice: relative error ≤ γ_{2P+3} between the two computed norms.
    const a = meanFieldNorm(dup, 8, 1);
    const b = meanFieldNorm(net0.theta, 4, 1);
    expect(Math.abs(a - b) / b).toBeLessThanOrEqual(gamma(2 * dup.length + 3));
    expect(meanFieldDistance(net0.theta, new Float64Array(net0.theta.length), 4, 1)).toBe(meanFieldNorm(net0.theta, 4, 1));
  });

  it('the Lipschitz constant is the same for a network and its neuron-duplicated copy (no M in C)', () => {
    const net = initNetwork({ d: 2, L: 3, M: 4, activation: tanh, init: 'linear', seed: 5 });
    const k = 5;
    const dup = new Float64Array(2 * net.theta.length);
    for (let l = 0; l < 3; l++) {
      const layer = net.theta.subarray(l * 4 * k, (l + 1) * 4 * k);
      dup.set(layer, l * 8 * k);
      dup.set(layer, l * 8 * k + 4 * k);
    }
    const a = lipschitzConstant(net, net.theta, data).C;
    const b = lipschitzConstant({ ...net, M: 8, theta: dup }, dup, data).C;
    // Neuron averages over twice the terms: each carries relative error ≤ γ_{2P}; C is ~10 operations on them.
    expect(Math.abs(a - b) / a).toBeLessThanOrEqual(gamma(4 * dup.length + 20));
  });
});

describe('mixture-convexity as an identity (issue 17)', () => {
  // 60 sampled ci scenarios: the nominal mixture meets the identity; the cross-normalised mixture is convex and
  // affine in λ but fails the identity wherever M0 ≠ M1; outside the theorem (L = 2) the identity fails too.
  const samples = fc.sample(mixtureScenarios('ci', 1), { numRuns: 60, seed: 5 });
  it('the nominal mixture meets it; the cross-normalised one fails it exactly where M0 ≠ M1, while convex', () => {
    for (const sc of samples) {
      expect(measureMixture(sc).ok, measureMixture(sc).detail).toBe(true);
      const m = measureMixture(sc, crossNormalisedMixture);
      expect(m.figures?.secondDifferenceOverTolerance).toBeGreaterThanOrEqual(-1);
      expect(m.ok, m.detail).toBe(sc.base.M === sc.M1);
    }
    expect(samples.filter((sc) => sc.base.M !== sc.M1).length).toBeGreaterThan(50);
  });

  it('fails outside the theorem (L = 2, scale in [1, 4]) on most scenarios', () => {
    const outside = fc.sample(mixtureScenarios('ci', 2, [1, 4]), { numRuns: 40, seed: 5 });
    expect(outside.filter((sc) => !measureMixture(sc).ok).length).toBeGreaterThan(30);
  });
});
