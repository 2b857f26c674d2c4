/**
 * Claim 20 (zero-loss trend, decided with Clopper–Pearson intervals at the run's DECISION_LEVEL): ci nominal
 * passes, the stalled-training control (h = Δs) is rejected; the decision rule's false-alarm rate, computed
 * exactly, is within its stated bound, and the seed count is the one derived in the note.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_GROUPS } from '../../properties/index.js';
import { DECISION_LEVEL } from '../../properties/falseAlarmBudget.js';
import {
  STALL_PROGRESS,
  ZERO_LOSS_LEVEL,
  ZERO_LOSS_SEEDS,
  canShowFall,
  fractionFalls,
  labelScale,
  logProgress,
} from '../../properties/zeroLoss.js';
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
  it('decides at the run\'s DECISION_LEVEL', () => {
    expect(ZERO_LOSS_LEVEL).toBe(DECISION_LEVEL);
  });

  it.each([18, 40])('false-alarm rate ≤ 1 − level when p_large = p_small (n = %i, p on a 0.01 grid)', (n) => {
    const worst = Math.max(...grid.map((p) => fallsProbability(n, p, p)));
    expect(worst).toBeLessThanOrEqual(1 - ZERO_LOSS_LEVEL);
  });

  it('false-alarm rate ≤ 1 − level when the fraction rises (p_large = p_small + 0.2, n = 40)', () => {
    for (const p of grid.filter((q) => q <= 0.8)) expect(fallsProbability(40, p, p + 0.2)).toBeLessThanOrEqual(1 - ZERO_LOSS_LEVEL);
  });

  it('18 is the least n at which 0/n and n/n are decidable at DECISION_LEVEL (n > log2(2/α))', () => {
    expect(fractionFalls(17, 0, 17)).toBe(false);
    expect(fractionFalls(18, 0, 18)).toBe(true);
    expect(Math.ceil(Math.log2(2 / (1 - DECISION_LEVEL)))).toBe(18);
  });

  it('the seed count decides 0.9 → 0.1 with probability ≥ 0.9, and 2 fewer seeds would not', () => {
    const n = ZERO_LOSS_SEEDS.ci;
    expect(fallsProbability(n, 0.9, 0.1)).toBeGreaterThanOrEqual(0.9);
    expect(fallsProbability(n - 2, 0.9, 0.1)).toBeLessThan(0.9);
    expect(ZERO_LOSS_SEEDS.quick).toBe(n);
    expect(ZERO_LOSS_SEEDS.full).toBe(n);
  });

  it('negative control of the test: deciding on point estimates (k_large < k_small) would alarm ~40% of the time at p = 1/2', () => {
    const a = binomialPmf(16, 0.5);
    let naive = 0;
    for (let ks = 0; ks <= 16; ks++) for (let kl = 0; kl < ks; kl++) naive += a[ks] * a[kl];
    expect(naive).toBeGreaterThan(5 * (1 - ZERO_LOSS_LEVEL));
  });
});

describe('when the fraction does not fall: undecided or a stall', () => {
  it('canShowFall: the smallest rung must hold at least 25 of 40 seeds above ε for a fall to be decidable', () => {
    expect(canShowFall(24, 40)).toBe(false);
    expect(canShowFall(25, 40)).toBe(true);
  });

  it('logProgress: 1 at ε, ½ at the geometric midpoint of E(0) and ε, 0 when the loss has not moved', () => {
    expect(logProgress(0.1, 1e-3, 1e-3)).toBeCloseTo(1, 12);
    expect(logProgress(0.1, 1e-2, 1e-3)).toBeCloseTo(STALL_PROGRESS, 12);
    expect(logProgress(0.1, 0.1, 1e-3)).toBe(0);
    // the scenario of issue (quick seed 189883, absolute ε = 1e-3): median 0.109 → 1.41e-3 at s = 40 is past half-way
    expect(logProgress(0.109, 1.41e-3, 1e-3)).toBeGreaterThan(STALL_PROGRESS);
  });

  it('labelScale is the loss of the best constant fit, ½ mean (y − ȳ)²', () => {
    expect(labelScale(Float64Array.of(1, -1, 1, -1))).toBe(0.5);
    expect(labelScale(Float64Array.of(3, 3, 3))).toBe(0);
  });
});

describeClaims(CLAIM_GROUPS['zero-loss']);
