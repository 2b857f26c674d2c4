import { describe, expect, it } from 'vitest';
import { gaussian, type Activation } from '../../src/activations/index.js';
import { checkPoint, describeActivationContract, type ActivationCase } from './contract.js';
import { REFERENCES } from './references.js';

/**
 * Bounds from src/activations/gaussian.ts: σ ≤ 6u, σ' ≤ 7u, σ'' ≤ 9u.
 * σ''' = (3r − r³)e^{−r²/2}, max |·| ≈ 1.3801 (at r² = 3 − √6) < 1.39; σ'''' = (r⁴ − 6r² + 3)e^{−r²/2},
 * max |·| = 3 (at 0).
 */
const nearUnderflow = [36, 37, 37.5, 37.6, 38, 38.2, 38.5, 38.6, 38.7, 39, 39.9, 40, 40.5];
const gaussianCase: ActivationCase = {
  activation: gaussian,
  reference: REFERENCES.gaussian,
  ulps: [6, 7, 9],
  d3: 1.39,
  d4: 3,
  extraGrid: [
    ...nearUnderflow.flatMap((r) => [r, -r, r + 0.1234567]),
    1 + 2 ** -52, 1 - 2 ** -53, 1 + 2 ** -30, -1 - 2 ** -30, Math.sqrt(3), 1e154, 1.4e154, 1e200, -1e200,
  ],
};

describeActivationContract('gaussian', gaussianCase);

describe('gaussian: the tail traps', () => {
  it('returns 0, never NaN, where r² overflows (|r| = 1e200: no 0·∞)', () => {
    for (const r of [1e200, -1e200, Number.MAX_VALUE]) {
      expect([gaussian.sigma(r), gaussian.dsigma(r), gaussian.d2sigma(r)]).toEqual([0, 0, 0]);
    }
  });

  it('negative control: exp(−fl(r²)/2) is rejected near underflow, fl(r²) − 1 near r = 1', () => {
    const naive: Activation = {
      ...gaussian,
      sigma: (r) => Math.exp(-(r * r) / 2),
      d2sigma: (r) => (r * r - 1) * Math.exp(-(r * r) / 2),
    };
    const control = { ...gaussianCase, activation: naive };
    const tail = [37.1234567, 37.3, 37.7, 38.1234567].flatMap((r) => checkPoint(control, r, 'negative control'));
    expect(tail.join()).toMatch(/sigma/);
    expect(checkPoint(control, 1 + 2 ** -30, 'negative control').join()).toMatch(/d2sigma/);
  });
});
