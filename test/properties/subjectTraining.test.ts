/**
 * The subject's loss curves of the training claims (properties/subjectTraining.ts): chained train requests and one
 * request from Θ_0 give the curve of one uninterrupted training, E is resnet-mf's, and a subject whose Θ or E is not finite is reported as
 * diverged with where.
 */
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { loadDataset } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { type Subject, builtinSubject } from '../../src/subject/index.js';
import { train } from '../../src/train/index.js';
import { subjectLossCurve } from '../../properties/subjectTraining.js';

const data = loadDataset('ball', { d: 2, N: 5, seed: 3 });
const net = initNetwork({ d: 2, L: 8, M: 3, activation: makeActivation({ name: 'tanh' }), init: 'linear', seed: 4, scale: 1 });

describe('subjectLossCurve', () => {
  it.each(['chained', 'start'] as const)('resnet-mf\'s own subject, %s: the curve of one training, bit for bit', (requests) => {
    const run = train(net, data, { dt: 0.05, steps: 12 });
    expect(run.status).toBe('completed');
    for (const checkpoints of [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], [3, 7, 12], [12]]) {
      const curve = subjectLossCurve(builtinSubject, net, data, 0.05, checkpoints, requests);
      if ('diverged' in curve) throw new Error(curve.diverged);
      expect([...curve.E]).toEqual([0, ...checkpoints].map((k) => run.trajectory[k].E));
      expect(curve.floor).toBeGreaterThan(0);
      expect(curve.floor).toBeLessThan(1e-12);
    }
  });

  it('chained: asks for the steps between checkpoints, from the Θ the subject returned last; start: one request, each case from Θ_0', () => {
    const asked: { steps: number; theta0: number }[][] = [];
    const spy: Subject = { ...builtinSubject, train: (cases) => {
      asked.push(cases.map((c) => ({ steps: c.steps, theta0: c.net.theta[0] })));
      return builtinSubject.train(cases);
    } };
    subjectLossCurve(spy, net, data, 0.05, [2, 5, 9], 'chained');
    expect(asked.map((r) => r.map((a) => a.steps))).toEqual([[2], [3], [4]]);
    expect(asked[0][0].theta0).toBe(net.theta[0]);
    expect(asked[1][0].theta0).not.toBe(net.theta[0]);
    asked.length = 0;
    subjectLossCurve(spy, net, data, 0.05, [2, 5, 9], 'start');
    expect(asked).toEqual([[2, 5, 9].map((steps) => ({ steps, theta0: net.theta[0] }))]);
  });

  it('start sees state within a request that chained single steps cannot: a learning rate halved after the 5th step of a request', () => {
    const decaying: Subject = { ...builtinSubject, train: (cases) => cases.map((c) => {
      let theta = c.net.theta;
      for (let k = 0; k < c.steps; k++) [theta] = builtinSubject.train([{ ...c, net: { ...c.net, theta }, dt: k < 5 ? c.dt : c.dt / 2, steps: 1 }]);
      return theta;
    }) };
    const every = Array.from({ length: 10 }, (_, k) => k + 1);
    const E = (subject: Subject, requests: 'start' | 'chained') => {
      const c = subjectLossCurve(subject, net, data, 0.05, every, requests);
      if ('diverged' in c) throw new Error(c.diverged);
      return [...c.E];
    };
    expect(E(decaying, 'chained')).toEqual(E(builtinSubject, 'chained'));
    expect(E(decaying, 'start')[10]).not.toBe(E(builtinSubject, 'start')[10]);
  });

  it('a subject whose Θ is not finite, or whose Θ overflows the loss: diverged, naming the step and the entry', () => {
    const nan: Subject = { ...builtinSubject, train: (cases) => cases.map((c) => Float64Array.from(c.net.theta, (v, p) => (p === 7 ? NaN : v))) };
    const a = subjectLossCurve(nan, net, data, 0.05, [1, 2], 'chained');
    expect(a).toEqual({ diverged: 'θ[0][1][2] = NaN after 1 steps' });
    const huge: Subject = { ...builtinSubject, train: (cases) => cases.map((c) => c.net.theta.map(() => 1e300)) };
    const b = subjectLossCurve(huge, net, data, 0.05, [4], 'start');
    expect('diverged' in b && b.diverged).toMatch(/^E = (NaN|Infinity) after 4 steps$/);
  });
});
