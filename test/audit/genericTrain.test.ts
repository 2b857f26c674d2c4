/**
 * genericTrain: on float64 it is `train` bit for bit (same h, same update, same losses); on decimal it is
 * K steps of θ ← θ − h ∂E/∂θ with h = M L Δs, each evaluation being genericLossAndGradient.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario, scenarioArbitrary } from '../../properties/index.js';
import { genericTrain } from '../../src/audit/index.js';
import { genericLossAndGradient } from '../../src/model/index.js';
import { decimalBackend, float64Backend } from '../../src/numeric/index.js';
import { meanFieldLearningRate, train } from '../../src/train/index.js';

const bitsOf = (xs: ArrayLike<number>): string[] => Array.from(xs, (x) => (Object.is(x, -0) ? '-0' : x.toString(16)));

describe('genericTrain', () => {
  it('on float64 equals src/train bit for bit: final parameters and every loss', () => {
    const arb = fc.tuple(
      scenarioArbitrary('quick', { max: { L: 5, M: 5, N: 4 } }),
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom(0.05, 0.1, 0.3, 1 / 3, 0.013),
    );
    fc.assert(
      fc.property(arb, ([s, K, dt]) => {
        const { net, data } = buildScenario(s);
        const kernel = train(net, data, { dt, steps: K });
        fc.pre(kernel.status === 'completed');
        const generic = genericTrain(float64Backend, net, data, dt, K);
        expect(bitsOf(generic.theta)).toEqual(bitsOf(kernel.net.theta));
        expect(bitsOf(generic.losses)).toEqual(bitsOf(kernel.trajectory.map((p) => p.E)));
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('forms h = fl(fl(M·L)·Δs) as the float64 rule does (M·L exact, one rounding)', () => {
    for (const [M, L, dt] of [[3, 7, 0.1], [12, 11, 1 / 3], [1, 1, 0.05], [9, 12, 0.013]] as const) {
      const F = float64Backend.field;
      expect(F.mul(F.fromInteger(M * L), F.fromFloat64(dt))).toBe(meanFieldLearningRate(M, L, dt));
    }
  });

  it('on decimal: K = 0 is genericLossAndGradient, and one step is θ − h·∂E/∂θ at P digits', () => {
    const s = { d: 2, N: 3, L: 3, M: 2, activation: 'tanh', delta: 0.5, init: 'linear', scale: 1, dataset: 'ball', seed: 5 } as const;
    const { net, data } = buildScenario(s);
    const B = decimalBackend(30);
    const F = B.field;
    const direct = genericLossAndGradient(B, net, data);
    const zero = genericTrain(B, net, data, 0.05, 0);
    expect(zero.losses.map(String)).toEqual([direct.loss.toString()]);
    expect(zero.theta.map(String)).toEqual(Array.from(net.theta, (v) => F.fromFloat64(v).toString()));

    const one = genericTrain(B, net, data, 0.05, 1);
    const h = F.mul(F.fromInteger(net.M * net.L), F.fromFloat64(0.05));
    const expected = Array.from(net.theta, (v, p) => F.sub(F.fromFloat64(v), F.mul(h, direct.grad[p])));
    expect(one.theta.map(String)).toEqual(expected.map(String));
    expect(one.initial.grad.map(String)).toEqual(direct.grad.map(String));
    // The loss after the step is E at the new decimal parameters (which no double holds).
    expect(one.losses.map(String)).toEqual([direct.loss, genericLossAndGradient(B, net, data, { theta: expected }).loss].map(String));
    expect(expected.some((t) => !F.fromFloat64(F.toFloat64(t)).eq(t))).toBe(true);
  });
});
