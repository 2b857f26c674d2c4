import { describe, expect, it } from 'vitest';
import { makeActivation, tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { createWorkspace, evaluate, genericLossAndGradient, lossAndGradient } from '../../src/model/index.js';
import { float64Backend } from '../../src/numeric/index.js';

/**
 * Every code path of the kernel (forward.ts, adjoint.ts) against the generic float64 network, bit for bit:
 * d = 1 (one row), d even and odd (rows taken two at a time, with and without a last single row), N odd
 * (the last sample alone) and even (pairs), M = 1 (one-term leaf) to 17, the fused tanh and the generic
 * activation path (sigmoid), and a workspace reused across calls.
 */
describe('kernel code paths equal the generic float64 network bit for bit', () => {
  const activations = [tanh, makeActivation({ name: 'sigmoid' })];
  it.each(activations.map((a) => [a.name, a] as const))('%s: d = 1..6, N = 1..5, M ∈ {1, 2, 3, 5, 17}', (_, activation) => {
    let compared = 0;
    let differing = 0;
    for (let d = 1; d <= 6; d++) {
      for (let N = 1; N <= 5; N++) {
        for (const M of [1, 2, 3, 5, 17]) {
          const net = initNetwork({ d, L: 3, M, activation, init: 'linear', seed: 100 * d + 10 * N + M });
          const data = ball({ d, N, seed: d + N + M });
          const fast = lossAndGradient(net, data);
          const ref = genericLossAndGradient(float64Backend, net, data);
          const pairs: [number, number][] = [[fast.loss, ref.loss]];
          fast.outputs.forEach((v, i) => pairs.push([v, ref.outputs[i]]));
          fast.grad.forEach((v, p) => pairs.push([v, ref.grad[p]]));
          for (const [a, b] of pairs) {
            compared++;
            if (!Object.is(a, b)) differing++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(differing).toBe(0);
  });

  it('a reused workspace gives the same bits as a fresh one (nothing stale is read)', () => {
    const big = initNetwork({ d: 3, L: 4, M: 9, activation: tanh, init: 'linear', seed: 5 });
    const other = initNetwork({ d: 3, L: 4, M: 9, activation: tanh, init: 'linear', seed: 6 });
    const data = ball({ d: 3, N: 7, seed: 5 });
    const ws = createWorkspace(3, 4, 9, 7);
    evaluate(other, data, ws, true);
    const E = evaluate(big, data, ws, true);
    const fresh = lossAndGradient(big, data);
    expect(Object.is(E, fresh.loss)).toBe(true);
    expect(Array.from(ws.grad)).toEqual(Array.from(fresh.grad));
  });
});
