import { describe, expect, it } from 'vitest';
import { sin } from '../../src/activations/index.js';
import { describeActivationContract, GRID } from './contract.js';
import { REFERENCES } from './references.js';

/**
 * sin/cos are libm calls (≤ 1 ulp each, −sin an exact negation). For |r| > 1e5 only finiteness is asserted:
 * V8's argument reduction is exact, but a decimal reference at r = 1e300 needs π to ~350 digits, far
 * beyond the 50-digit reference arithmetic, so the test would check the reference, not the code.
 * Near the zeros (r = π, 10⁴π as doubles) the reference keeps its digits: the input enters exactly and
 * Decimal reduces with its own π at working precision.
 */
describeActivationContract('sin', {
  activation: sin,
  reference: REFERENCES.sin,
  ulps: [1, 1, 1],
  d3: 1,
  d4: 1,
  referenceLimit: 1e5,
  extraGrid: [Math.PI, -Math.PI, Math.PI / 2, 2 * Math.PI, 31415.926535897932, 99999.99],
});

describe('sin at huge arguments', () => {
  it('is finite and bounded by 1 at ±1e300 and ±1.7976931348623157e308', () => {
    for (const r of [...GRID, Number.MAX_VALUE, -Number.MAX_VALUE]) {
      for (const v of [sin.sigma(r), sin.dsigma(r), sin.d2sigma(r)]) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    }
  });
});
