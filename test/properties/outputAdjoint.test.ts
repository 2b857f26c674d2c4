/**
 * output-adjoint's per-sample check (issue 17): the quadratic identity E_x|λ_L|² = 2|a|²E cannot see the sign of
 * λ_L; aᵀλ_L(x_i) = |a|² (g_i − y_i) can. The nominal adjoint passes the ci profile; the sign error fails on every
 * sampled scenario, on the signed figure alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scenarioArbitrary } from '../../src/check/scenarios.js';
import { implementedTerminalAdjoint, measureOutputAdjoint, negatedTerminalAdjoint, outputAdjointClaim } from '../../properties/outputAdjoint.js';

describe('output-adjoint', () => {
  it("passes resnet-mf's λ_L (ci profile), the signed figure within its bound", () => {
    const nominal = outputAdjointClaim.run({ profile: 'ci', seed: 20261129 });
    expect(nominal.status, JSON.stringify(nominal)).toBe('pass');
    expect(nominal.figures.signedErrOverTol).toBeLessThanOrEqual(1);
  });

  it('fails λ_L = (y − g) a on every one of 50 sampled ci scenarios, which the quadratic identity passes', () => {
    for (const s of fc.sample(scenarioArbitrary('ci'), { numRuns: 50, seed: 3 })) {
      expect(measureOutputAdjoint(s, implementedTerminalAdjoint).ok).toBe(true);
      const m = measureOutputAdjoint(s, negatedTerminalAdjoint);
      expect(m.ok).toBe(false);
      expect(m.figures?.errOverTol).toBeLessThanOrEqual(1);
      expect(m.figures?.signedErrOverTol).toBeGreaterThan(1e10);
    }
  });
});
