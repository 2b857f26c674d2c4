import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { genericLossAndGradient } from '../../src/model/index.js';
import { decimalBackend } from '../../src/numeric/index.js';

describe('genericLossAndGradient options', () => {
  const net = initNetwork({ d: 2, L: 3, M: 2, activation: tanh, init: 'linear', seed: 4 });
  const data = ball({ d: 2, N: 3, seed: 4 });
  const B = decimalBackend(30);

  it('theta given in the backend type equals theta read from the network', () => {
    const direct = genericLossAndGradient(B, net, data);
    const given = genericLossAndGradient(B, net, data, { theta: Array.from(net.theta, (v) => B.field.fromFloat64(v)) });
    expect(given.loss.toString()).toBe(direct.loss.toString());
    expect(given.grad.map(String)).toEqual(direct.grad.map(String));
  });

  it('withGradient false gives the same loss and no gradient; a theta of the wrong length is refused', () => {
    const lossOnly = genericLossAndGradient(B, net, data, { withGradient: false });
    expect(lossOnly.loss.toString()).toBe(genericLossAndGradient(B, net, data).loss.toString());
    expect(lossOnly.grad).toEqual([]);
    expect(() => genericLossAndGradient(B, net, data, { theta: [B.field.one] })).toThrow(/^theta=array of length 1 must be length/);
  });
});
