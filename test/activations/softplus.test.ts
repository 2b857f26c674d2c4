import { describe, expect, it } from 'vitest';
import { softplus, type Activation } from '../../src/activations/index.js';
import { checkPoint, describeActivationContract, type ActivationCase } from './contract.js';
import { REFERENCES } from './references.js';
import { D, ulpError } from './ulp.js';

/**
 * Bounds from src/activations/softplus.ts: σ ≤ 5u, σ' = logistic ≤ 5u, σ'' = logistic' ≤ 8u.
 * σ''' = logistic'' ≤ 1/(6√3) < 0.0963, σ'''' = logistic''' ≤ 1/8.
 */
const softplusCase: ActivationCase = {
  activation: softplus,
  reference: REFERENCES.softplus,
  ulps: [5, 5, 8],
  d3: 0.0963,
  d4: 1 / 8,
  extraGrid: [-37, -38, 36, 37, 709.8, -745, 1e-5, -1e-5],
};

describeActivationContract('softplus', softplusCase);

describe('softplus: the tail traps', () => {
  it('softplus(800) ≈ 800 is finite (log(1 + e^800) would overflow)', () => {
    expect(softplus.sigma(800)).toBe(800);
    expect(ulpError(softplus.sigma(800), REFERENCES.softplus[0](new D(800)))).toBeLessThanOrEqual(5);
  });

  it('softplus(−40) ≈ 4.248354255291589e−18 is accurate, not 0', () => {
    const ref = REFERENCES.softplus[0](new D(-40));
    expect(ref.gt('4.2483542552915e-18') && ref.lt('4.2483542552916e-18')).toBe(true);
    expect(ulpError(softplus.sigma(-40), ref)).toBeLessThanOrEqual(5);
  });

  it('negative control: log(1 + e^r) is rejected by the same check at 800 and −40', () => {
    const naive: Activation = { ...softplus, sigma: (r) => Math.log(1 + Math.exp(r)) };
    const control = { ...softplusCase, activation: naive };
    expect(checkPoint(control, 800, 'negative control').join()).toMatch(/not finite/);
    expect(checkPoint(control, -40, 'negative control').length).toBe(1);
  });
});
