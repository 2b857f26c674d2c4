import { describe, expect, it } from 'vitest';
import { identity } from '../../src/activations/index.js';
import { describeActivationContract, GRID } from './contract.js';
import { REFERENCES } from './references.js';

// Exact: no rounding anywhere, so the bound is 0 ulps; σ''' = σ'''' = 0.
describeActivationContract('identity', {
  activation: identity,
  reference: REFERENCES.identity,
  ulps: [0, 0, 0],
  d3: 0,
  d4: 0,
});

describe('identity', () => {
  it('returns r, 1, 0 bit for bit', () => {
    for (const r of GRID) {
      expect(Object.is(identity.sigma(r), r)).toBe(true);
      expect(identity.dsigma(r)).toBe(1);
      expect(identity.d2sigma(r)).toBe(0);
    }
  });
});
