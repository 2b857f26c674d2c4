import { describe, expect, it } from 'vitest';
import { sigmoid, type Activation } from '../../src/activations/index.js';
import { checkPoint, describeActivationContract, type ActivationCase } from './contract.js';
import { REFERENCES } from './references.js';
import { D, toDecimal, ulpError } from './ulp.js';

/**
 * Bounds from src/activations/sigmoid.ts: σ ≤ 5u, σ' ≤ 8u, σ'' ≤ 11u (relative ≤ k·u ⇒ < k ulps).
 * With q = σ(1 − σ): σ''' = q(1 − 6q), |σ'''| ≤ 1/8 (at 0); σ'''' = q(1 − 2σ)(1 − 12q), max ≈ 0.1277 < 0.13.
 */
const sigmoidCase: ActivationCase = {
  activation: sigmoid,
  reference: REFERENCES.sigmoid,
  ulps: [5, 8, 11],
  d3: 1 / 8,
  d4: 0.13,
  extraGrid: [-36, -37, -38, 36.7, 37, 745, -745, -1.3169578969248166],
};

describeActivationContract('sigmoid', sigmoidCase);

describe('sigmoid: the tail traps', () => {
  it('σ(±40), σ(±800) are accurate: e^{−40} kept, e^{800} never formed', () => {
    for (const r of [-40, 40, -800, 800]) {
      expect(ulpError(sigmoid.sigma(r), REFERENCES.sigmoid[0](new D(r)))).toBeLessThanOrEqual(5);
    }
    expect(sigmoid.sigma(-40)).toBeGreaterThan(4.2e-18);
    expect(sigmoid.sigma(800)).toBe(1);
    expect(sigmoid.sigma(-800)).toBe(0); // e^{−800} ≈ 3.7e−348 is below the least subnormal
  });

  it("σ' and σ'' at ±40 are non-zero and accurate", () => {
    for (const r of [-40, 40]) {
      expect(sigmoid.dsigma(r)).toBeGreaterThan(0);
      expect(ulpError(sigmoid.dsigma(r), REFERENCES.sigmoid[1](new D(r)))).toBeLessThanOrEqual(8);
      expect(ulpError(sigmoid.d2sigma(r), REFERENCES.sigmoid[2](new D(r)))).toBeLessThanOrEqual(11);
    }
  });

  it("σ''(±1e−300) = ∓1e−300/8 keeps its sign (1 − 2σ would cancel to 0)", () => {
    expect(sigmoid.d2sigma(1e-300)).toBeLessThan(0);
    expect(ulpError(sigmoid.d2sigma(-1e-300), REFERENCES.sigmoid[2](toDecimal(-1e-300)))).toBeLessThanOrEqual(11);
  });

  it("negative control: σ' = σ(1 − σ) and σ'' = σ'(1 − 2σ) are rejected by the same check", () => {
    const s = sigmoid.sigma;
    const naive: Activation = {
      ...sigmoid,
      dsigma: (r) => s(r) * (1 - s(r)),
      d2sigma: (r) => s(r) * (1 - s(r)) * (1 - 2 * s(r)),
    };
    const control = { ...sigmoidCase, activation: naive };
    expect(checkPoint(control, 40, 'negative control').join()).toMatch(/dsigma\(40\)/);
    expect(checkPoint(control, 1e-300, 'negative control').join()).toMatch(/d2sigma\(1e-300\)/);
  });
});
