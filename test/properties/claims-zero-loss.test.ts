/**
 * Claim 20 (zero-loss trend, decided with Clopper–Pearson intervals): ci nominal passes, the d = 1 control is
 * rejected; and the decision rule's false-alarm rate, computed exactly, is within its stated bound.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_GROUPS } from '../../properties/index.js';
import { ZERO_LOSS_LEVEL, fractionFalls } from '../../properties/zeroLoss.js';
import { describeClaims } from '../helpers/claimSuite.js';

/** Binomial(n, p) probabilities of k = 0..n. */
function binomialPmf(n: number, p: number): number[] {
  const out: number[] = [];
  let c = 1;
  for (let k = 0; k <= n; k++) {
    out.push(c * p ** k * (1 - p) ** (n - k));
    c = (c * (n - k)) / (k + 1);
  }
  return out;
}

const decisions = new Map<number, boolean[][]>();
/** fractionFalls(k_small, k_large, n) for every pair, computed once per n. */
function decisionTable(n: number): boolean[][] {
  let t = decisions.get(n);
  if (!t) {
    t = Array.from({ length: n + 1 }, (_, ks) => Array.from({ length: n + 1 }, (_, kl) => fractionFalls(ks, kl, n)));
    decisions.set(n, t);
  }
  return t;
}

/** P("falls") when k_small ~ Bin(n, pSmall) and k_large ~ Bin(n, pLarge) independently, summed exactly. */
function fallsProbability(n: number, pSmall: number, pLarge: number): number {
  const a = binomialPmf(n, pSmall);
  const b = binomialPmf(n, pLarge);
  const table = decisionTable(n);
  let total = 0;
  for (let ks = 0; ks <= n; ks++) for (let kl = 0; kl <= n; kl++) if (table[ks][kl]) total += a[ks] * b[kl];
  return total;
}

describe('fractionFalls (the decision of claim 20)', () => {
  const grid = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
  it.each([8, 16, 32])('false-alarm rate ≤ 1 − level when p_large = p_small (n = %i, p on a 0.01 grid)', (n) => {
    const worst = Math.max(...grid.map((p) => fallsProbability(n, p, p)));
    expect(worst).toBeLessThanOrEqual(1 - ZERO_LOSS_LEVEL);
  });

  it('false-alarm rate ≤ 1 − level when the fraction rises (p_large = p_small + 0.2)', () => {
    for (const p of grid.filter((q) => q <= 0.8)) expect(fallsProbability(16, p, p + 0.2)).toBeLessThanOrEqual(1 - ZERO_LOSS_LEVEL);
  });

  it('has power where the claim lives: p_small = 0.9, p_large = 0.05 is decided with probability ≥ 0.9 at n = 16', () => {
    expect(fallsProbability(16, 0.9, 0.05)).toBeGreaterThanOrEqual(0.9);
  });

  it('negative control of the test: deciding on point estimates (k_large < k_small) would alarm ~40% of the time at p = 1/2', () => {
    const a = binomialPmf(16, 0.5);
    let naive = 0;
    for (let ks = 0; ks <= 16; ks++) for (let kl = 0; kl < ks; kl++) naive += a[ks] * a[kl];
    expect(naive).toBeGreaterThan(5 * (1 - ZERO_LOSS_LEVEL));
  });
});

describeClaims(CLAIM_GROUPS['zero-loss']);
