import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import {
  adjointAtLayer,
  adjointErrorBound,
  createWorkspace,
  evaluate,
  forward,
  forwardErrorBound,
  layerH,
  lossAndGradient,
  mixedLayerLoss,
} from '../../src/model/index.js';
import { CLAIM_GROUPS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS.identities);

const sizes = fc.record({
  d: fc.integer({ min: 1, max: 3 }),
  N: fc.integer({ min: 1, max: 5 }),
  L: fc.integer({ min: 1, max: 6 }),
  M: fc.integer({ min: 1, max: 6 }),
  seed: fc.nat(1e6),
});

describe('src/model/firstVariation, adjointErrorBound, mixedLayerLoss', () => {
  const activation = makeActivation({ name: 'tanh' });

  it('adjointAtLayer(L) is the terminal condition (g − y) a; adjointAtLayer(0) is the λ_0 left by a full backward pass', () => {
    fc.assert(
      fc.property(sizes, ({ d, N, L, M, seed }) => {
        const net = initNetwork({ d, L, M, activation, init: 'linear', seed });
        const data = ball({ d, N, seed });
        const ws = createWorkspace(d, L, M, N);
        evaluate(net, data, ws, true);
        const lambda0 = Float64Array.from(ws.lambda);
        const grad = Float64Array.from(ws.grad);
        expect(adjointAtLayer(net, data, ws, 0)).toEqual(lambda0);
        const lambdaL = adjointAtLayer(net, data, ws, L);
        for (let i = 0; i < N; i++) for (let j = 0; j < d; j++) expect(lambdaL[i * d + j]).toBe((ws.outputs[i] - data.y[i]) * net.readout[j]);
        // The forward states are untouched, so the full gradient is reproduced bit for bit afterwards.
        evaluate(net, data, ws, true);
        expect(ws.grad).toEqual(grad);
      }),
      { seed: 1, numRuns: 40 },
    );
  });

  it('layerH at a neuron of layer l: ∇_θ h_l(θ_{l,m}) is the scaled gradient M L ∂E/∂θ_{l,m} (within the gradient bound)', () => {
    fc.assert(
      fc.property(sizes, ({ d, N, L, M, seed }) => {
        const net = initNetwork({ d, L, M, activation, init: 'linear', seed });
        const data = ball({ d, N, seed });
        const { grad } = lossAndGradient(net, data);
        const ws = createWorkspace(d, L, M, N);
        forward(net, data.x, ws);
        const zeros = new Float64Array(N);
        const k = 2 * d + 1;
        const g = new Float64Array(k);
        for (let l = 0; l < L; l++) {
          const field = { d, N, z: ws.z.slice(l * N * d, (l + 1) * N * d), lambda: adjointAtLayer(net, data, ws, l + 1), zError: zeros, lambdaError: zeros };
          for (let m = 0; m < M; m++) {
            layerH(net, field, net.theta, (l * M + m) * k, g);
            for (let p = 0; p < k; p++) {
              const G = M * L * grad[(l * M + m) * k + p];
              // Same products, summed in the same order; only the scalings differ (c/N then ML vs 1/N): ≤ 8 roundings.
              expect(Math.abs(g[p] - G)).toBeLessThanOrEqual(8 * 2 ** -53 * (Math.abs(G) + Math.abs(g[p])) + 1e-300);
            }
          }
        }
      }),
      { seed: 2, numRuns: 40 },
    );
  });

  it('mixedLayerLoss at ε = 0 is E(Θ), and at ε = 1 with θ* = θ_{l,0}, M = 1 it is E(Θ), within the two rounding bounds', () => {
    fc.assert(
      fc.property(sizes, fc.nat(20), ({ d, N, L, M, seed }, layer) => {
        const net = initNetwork({ d, L, M, activation, init: 'linear', seed });
        const data = ball({ d, N, seed });
        const ws = createWorkspace(d, L, M, N);
        forward(net, data.x, ws);
        const E = lossAndGradient(net, data).loss;
        const dE = forwardErrorBound(net, ws, data.y).loss;
        const l = layer % L;
        const k = 2 * d + 1;
        const star = net.theta.slice(l * M * k, l * M * k + k);
        const at0 = mixedLayerLoss(net, data, l, star, 0);
        expect(Math.abs(at0.E - E)).toBeLessThanOrEqual(at0.dE + dE);
        if (M === 1) {
          const at1 = mixedLayerLoss(net, data, l, star, 1);
          expect(Math.abs(at1.E - E)).toBeLessThanOrEqual(at1.dE + dE);
        }
      }),
      { seed: 3, numRuns: 40 },
    );
  });

  it('adjointErrorBound is 0-free and grows backwards from the terminal layer', () => {
    const net = initNetwork({ d: 2, L: 5, M: 3, activation, init: 'linear', seed: 4 });
    const data = ball({ d: 2, N: 3, seed: 4 });
    const ws = createWorkspace(2, 5, 3, 3);
    forward(net, data.x, ws);
    const b = adjointErrorBound(net, ws, data.y);
    for (let i = 0; i < 3; i++) {
      for (let l = 5; l > 0; l--) expect(b[(l - 1) * 3 + i]).toBeGreaterThanOrEqual(b[l * 3 + i]);
      expect(b[5 * 3 + i]).toBeGreaterThan(0);
    }
  });
});
