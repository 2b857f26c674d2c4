import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, makeActivation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { createWorkspace, forward, forwardErrorBound, gradientErrorBound, lossAndGradient } from '../../src/model/index.js';
import { naiveFromFlat, naiveLossAndGradient } from '../helpers/naiveResnet.js';

/** The naive implementation's own rounding error is bounded like the kernel's, so the two may differ by twice the bound. */
describe('kernel against an independent plain implementation of theory.md §1', () => {
  it.each(ACTIVATION_NAMES)('%s: outputs, loss and gradient agree within the derived rounding bounds', (name) => {
    const activation = makeActivation(name === 'regularized_relu' ? { name, delta: 0.5 } : { name });
    fc.assert(
      fc.property(
        fc.record({ d: fc.integer({ min: 1, max: 3 }), N: fc.integer({ min: 1, max: 5 }), L: fc.integer({ min: 1, max: 6 }), M: fc.integer({ min: 1, max: 6 }), seed: fc.nat(1e6) }),
        ({ d, N, L, M, seed }) => {
          const net = initNetwork({ d, L, M, activation, init: 'linear', seed });
          const data = ball({ d, N, seed });
          const got = lossAndGradient(net, data);
          const xs = Array.from({ length: N }, (_, i) => Array.from(data.x.subarray(i * d, (i + 1) * d)));
          const want = naiveLossAndGradient(naiveFromFlat(net), xs, Array.from(data.y));
          const ws = createWorkspace(d, L, M, N);
          forward(net, data.x, ws);
          const fb = forwardErrorBound(net, ws, data.y);
          // The naive code sums left to right (error γ_M instead of γ_log2M): allow the bound with M in place of log2 M.
          const slack = M + 2;
          expect(Math.abs(got.loss - want.loss)).toBeLessThanOrEqual(2 * slack * fb.loss);
          for (let i = 0; i < N; i++) expect(Math.abs(got.outputs[i] - want.outputs[i])).toBeLessThanOrEqual(2 * slack * fb.outputs[i]);
          const gTol = gradientErrorBound(net, ws, data.y);
          const flat = want.grad.flat(2);
          for (let p = 0; p < flat.length; p++) expect(Math.abs(got.grad[p] - flat[p])).toBeLessThanOrEqual(2 * slack * gTol[p]);
        },
      ),
      { seed: 42, numRuns: 40 },
    );
  });

  it('one neuron, one layer, d = 1: matches the closed form written by hand', () => {
    const activation = makeActivation({ name: 'tanh' });
    const [u, w, b, x, y] = [0.7, -1.3, 0.2, 0.4, 0.9];
    const net = { d: 1, L: 1, M: 1, activation, readout: Float64Array.of(1), theta: Float64Array.of(u, w, b) };
    const got = lossAndGradient(net, { name: 'one', d: 1, N: 1, x: Float64Array.of(x), y: Float64Array.of(y) });
    const r = w * x + b;
    const z1 = x + u * Math.tanh(r);
    const res = z1 - y;
    const dsig = 1 - Math.tanh(r) ** 2;
    const expected = [res * Math.tanh(r), res * u * dsig * x, res * u * dsig];
    expect(got.outputs[0]).toBe(z1);
    expect(got.loss).toBe(0.5 * res * res);
    for (let j = 0; j < 3; j++) expect(Math.abs(got.grad[j] - expected[j])).toBeLessThanOrEqual(4 * 2 ** -53 * Math.abs(expected[j]) + 1e-300);
  });
});
