import { describe, expect, it } from 'vitest';
import { tanh, type Activation } from '../../src/activations/index.js';
import { checkPoint, describeActivationContract, type ActivationCase } from './contract.js';
import { REFERENCES } from './references.js';
import { D, nearestDouble, toDecimal, ulpError } from './ulp.js';

/**
 * Bounds from the docstring of src/activations/tanh.ts: σ (fdlibm's expm1 form) ≤ 5.5u; σ' = sech² ≤ 14u;
 * σ'' ≤ 20.5u; a relative error ≤ k·u is < k ulps. sup|σ'''| = 2 (at 0; σ''' = −2(1 − t²)(1 − 3t²)),
 * sup|σ''''| = max over t ∈ [−1, 1] of |16t(1 − t²)(1 − 3t²/2)| ≈ 4.086 < 4.1.
 */
const tanhCase: ActivationCase = {
  activation: tanh,
  reference: REFERENCES.tanh,
  ulps: [5.5, 14, 20.5],
  d3: 2,
  d4: 4.1,
  extraGrid: [0.25, 0.6584789484624084, 2, 19, 19.1, 354, 360, 372, 400],
};

describeActivationContract('tanh', tanhCase);

describe('tanh: the tail traps', () => {
  it('tanh(20) rounds to exactly 1, as the 50-digit reference does', () => {
    expect(tanh.sigma(20)).toBe(1);
    expect(nearestDouble(REFERENCES.tanh[0](new D(20)))).toBe(1);
  });

  it("tanh'(20) ≈ 1.70e−17 is non-zero and accurate (1 − tanh² would give 0)", () => {
    const ref = REFERENCES.tanh[1](new D(20));
    expect(ref.gt('1.69e-17') && ref.lt('1.71e-17')).toBe(true);
    expect(tanh.dsigma(20)).toBeGreaterThan(0);
    expect(ulpError(tanh.dsigma(20), ref)).toBeLessThanOrEqual(14);
    expect(ulpError(tanh.d2sigma(-20), REFERENCES.tanh[2](new D(-20)))).toBeLessThanOrEqual(20.5);
  });

  it("tanh' stays finite and accurate past cosh's overflow at |r| = 710", () => {
    for (const r of [-710, 710, 350.5]) {
      expect(ulpError(tanh.dsigma(r), REFERENCES.tanh[1](toDecimal(r)))).toBeLessThanOrEqual(14);
    }
  });

  it("negative control: the textbook σ' = 1 − tanh² is rejected by the same check", () => {
    const naive: Activation = { ...tanh, dsigma: (r) => 1 - Math.tanh(r) ** 2 };
    expect(checkPoint({ ...tanhCase, activation: naive }, 20, 'negative control').length).toBeGreaterThan(0);
  });
});
