/**
 * Claim 20 (zero-loss trend, decided with Clopper–Pearson intervals at the run's DECISION_ALPHA split over a grid of
 * ε): ci nominal passes, the stalled-training control (h = Δs) is rejected; the decision rule's false-alarm rate,
 * computed exactly, is within its stated bound, and the seed count is the one derived in the note.
 */
import { describe, expect, it } from 'vitest';
import { CLAIM_GROUPS } from '../../properties/index.js';
import { DECISION_ALPHA } from '../../src/check/falseAlarmBudget.js';
import {
  ZERO_LOSS_EPS_GRID,
  ZERO_LOSS_LEVEL,
  ZERO_LOSS_SEEDS,
  ZERO_LOSS_STALL_RATIO,
  canShowFall,
  fallingEps,
  fractionFalls,
  labelScale,
  stallRatio,
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
  const K = ZERO_LOSS_EPS_GRID.length;
  it('splits the run\'s DECISION_ALPHA evenly over the ε grid (Bonferroni: one statistical decision per scenario)', () => {
    expect(K * (1 - ZERO_LOSS_LEVEL)).toBeCloseTo(DECISION_ALPHA, 15);
  });

  it('the ε grid: half-decade steps from 10⁻¹ to 10⁻⁵', () => {
    expect(ZERO_LOSS_EPS_GRID[0]).toBe(0.1);
    expect(ZERO_LOSS_EPS_GRID[K - 1]).toBe(1e-5);
    for (let i = 1; i < K; i++) expect(Math.log10(ZERO_LOSS_EPS_GRID[i - 1] / ZERO_LOSS_EPS_GRID[i])).toBeCloseTo(0.5, 10);
  });

  it.each([21, 44])('false-alarm rate ≤ 1 − level when p_large = p_small (n = %i, p on a 0.01 grid)', (n) => {
    const worst = Math.max(...grid.map((p) => fallsProbability(n, p, p)));
    expect(worst).toBeLessThanOrEqual(1 - ZERO_LOSS_LEVEL);
  });

  it('false-alarm rate ≤ 1 − level when the fraction rises (p_large = p_small + 0.2, n = 44)', () => {
    for (const p of grid.filter((q) => q <= 0.8)) expect(fallsProbability(44, p, p + 0.2)).toBeLessThanOrEqual(1 - ZERO_LOSS_LEVEL);
  });

  it('21 is the least n at which 0/n and n/n are decidable at the per-ε level (n > log2(2K/α))', () => {
    expect(fractionFalls(20, 0, 20)).toBe(false);
    expect(fractionFalls(21, 0, 21)).toBe(true);
    expect(Math.ceil(Math.log2((2 * K) / DECISION_ALPHA))).toBe(21);
  });

  it('the seed count decides 0.9 → 0.1 at one ε with probability ≥ 0.9, and 2 fewer seeds would not', () => {
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

describe('the grid, the stall and the undecided cases', () => {
  it('fallingEps: the first ε of the grid whose counts fall; undefined when none does', () => {
    const n = 44;
    const none = ZERO_LOSS_EPS_GRID.map(() => n);
    expect(fallingEps(none, none, n)).toBeUndefined();
    // the smallest rung is above every ε ≤ 10⁻², the largest below every ε ≥ 10⁻³: they separate at 10⁻² … 10⁻³
    const small = ZERO_LOSS_EPS_GRID.map((e) => (e <= 1e-2 ? n : 0));
    const large = ZERO_LOSS_EPS_GRID.map((e) => (e >= 1e-3 ? 0 : n));
    expect(fallingEps(small, large, n)).toBe(1e-2);
    // falling at one ε of the grid is enough, wherever it is
    const large2 = ZERO_LOSS_EPS_GRID.map((e) => (e === 1e-5 ? 0 : n));
    expect(fallingEps(ZERO_LOSS_EPS_GRID.map(() => n), large2, n)).toBe(1e-5);
  });

  it('canShowFall: the smallest rung must hold at least 29 of 44 seeds above ε for a fall to be decidable', () => {
    expect(canShowFall(28, 44)).toBe(false);
    expect(canShowFall(29, 44)).toBe(true);
  });

  it('stallRatio: median E(s)/median E(0); a divergence is a stall; the control (≥ 0.83) stalls, a correct ladder (≤ 0.07) does not', () => {
    expect(stallRatio(0.1, 1e-3)).toBeCloseTo(1e-2, 15);
    expect(stallRatio(0.1, Infinity)).toBe(Infinity);
    expect(stallRatio(0.1, NaN)).toBe(Infinity);
    expect(stallRatio(5.3e-2, 4.4e-2) > ZERO_LOSS_STALL_RATIO).toBe(true);
    expect(stallRatio(0.1, 0.066 * 0.1) <= ZERO_LOSS_STALL_RATIO).toBe(true);
  });

  it('the stall line is the geometric midpoint of the two measured 10⁻⁵ quantiles (0.31 and 0.75), rounded', () => {
    const z = 4.2649; // the standard normal's 1 − 10⁻⁵ quantile
    const correct = 10 ** (-2.402 + z * 0.443);
    const control = 10 ** (-0.058 - z * 0.016);
    expect(correct).toBeLessThan(ZERO_LOSS_STALL_RATIO);
    expect(control).toBeGreaterThan(ZERO_LOSS_STALL_RATIO);
    expect(Math.abs(Math.log10(Math.sqrt(correct * control) / ZERO_LOSS_STALL_RATIO))).toBeLessThan(0.05);
  });

  it('labelScale is the loss of the best constant fit, ½ mean (y − ȳ)²', () => {
    expect(labelScale(Float64Array.of(1, -1, 1, -1))).toBe(0.5);
    expect(labelScale(Float64Array.of(3, 3, 3))).toBe(0);
  });
});

describeClaims(CLAIM_GROUPS['zero-loss']);
