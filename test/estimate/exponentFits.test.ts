/** sizeExponents on synthetic cells with known power laws: M_min = 2^j exactly on the ladder. */
import { describe, expect, it } from 'vitest';
import type { EstimateCell } from '../../src/estimate/estimateGrid.js';
import { sizeExponents } from '../../src/estimate/exponentFits.js';

const found = (kind: 'depth' | 'width', eps: number, eta: number, size: number): EstimateCell => ({
  kind, eps, eta, fixed: 32, seconds: 0, search: { status: 'found', size, rungs: [] },
});

describe('sizeExponents', () => {
  // M = (1/ε)² (1/η)/2 with ε ∈ {1/2, 1/4, 1/8}, η ∈ {1/2, 1/4, 1/8}; L = 1/ε
  const cells = [1 / 2, 1 / 4, 1 / 8].flatMap((eta) =>
    [1 / 2, 1 / 4, 1 / 8].flatMap((eps) => [found('depth', eps, eta, 1 / eps), found('width', eps, eta, 1 / (eps * eps * eta) / 2)]),
  );
  const fits = sizeExponents(cells, 2);

  it('recovers exponent 1 for L in 1/ε, 2 for M in 1/ε, 1 for M in 1/η, and the constants C', () => {
    for (const x of fits) {
      expect(x.fit).not.toBeNull();
      const want = x.kind === 'depth' ? 1 : x.against === '1/ε' ? 2 : 1;
      expect(Math.abs(x.fit!.exponent - want)).toBeLessThan(1e-12);
      expect(x.predicted).toBe(want);
      // x at ratio 2, sizes known within a factor 2: the OLS slope can move by log 2 · Σ|c_i|/2 = 1/2
      expect(x.quantisation).toBeCloseTo(0.5, 12);
      expect(x.range![0]).toBeLessThanOrEqual(want - 0.5 + 1e-9);
    }
    const depth = fits.find((x) => x.kind === 'depth')!;
    expect(depth.fit!.prefactor).toBeCloseTo(1, 12);
    expect(depth.note).toMatch(/censored/); // L = 2 at ε = 1/2 sits at the ladder's bottom
  });

  it('gives no fit with fewer than 3 found cells, and says why', () => {
    const few = sizeExponents(cells.slice(0, 4), 2);
    for (const x of few) {
      expect(x.fit).toBeNull();
      expect(x.range).toBeNull();
      expect(x.note).toMatch(/need ≥ 3/);
    }
  });
});
