/**
 * auditNetwork: the layout of the audited quantities, the reference check, and the audit's power: a
 * planted float32 rounding of every float64 result is reported with ≥ 20 bits of error in every quantity
 * (float32 keeps 24 of the 53 bits: its rounding moves a double by up to 2^28 of its ulps, ≈ 28 bits).
 */
import { describe, expect, it } from 'vitest';
import { buildScenario, type Scenario } from '../../properties/index.js';
import { type Float64Subject, QUANTITIES, auditNetwork, auditScenario, kernelSubject } from '../../src/audit/index.js';

const SCENARIO: Scenario = { d: 2, N: 3, L: 4, M: 3, activation: 'tanh', delta: 0.5, init: 'linear', scale: 1, dataset: 'ball', seed: 9 };
const OPTS = { P: 30, steps: 2, dt: 0.05 };

/** Planted bug: the kernel's results rounded to float32. */
const float32Subject: Float64Subject = (net, data, opts) => {
  const v = kernelSubject(net, data, opts);
  if (v === null) return null;
  const fround = (xs: ArrayLike<number>) => Array.from(xs, Math.fround);
  return { outputs: fround(v.outputs), loss: fround(v.loss), gradient: fround(v.gradient), trajectory: fround(v.trajectory) };
};

describe('auditNetwork', () => {
  it('audits outputs (N), loss (1), gradient (L·M·k) and trajectory (L·M·k parameters + K losses) against a stable reference', () => {
    const a = auditScenario(SCENARIO, OPTS);
    expect(a.status).toBe('audited');
    if (a.status !== 'audited') return;
    const { N, L, M, d } = SCENARIO;
    const k = 2 * d + 1;
    expect(QUANTITIES.map((q) => a.quantities[q].ulps.length)).toEqual([N, 1, L * M * k, L * M * k + OPTS.steps]);
    expect(a.referenceStable).toBe(true);
    expect(a.referenceRelDiff).toBeLessThanOrEqual(10 ** -(OPTS.P - 5));
    for (const q of QUANTITIES) {
      const e = a.quantities[q];
      for (let p = 0; p < e.ulps.length; p++) {
        expect(e.bits[p]).toBe(Math.log2(e.ulps[p] + 1));
        expect(Number.isFinite(e.relErr[p])).toBe(true);
      }
    }
    expect(a.maxBits).toBe(Math.max(...QUANTITIES.flatMap((q) => Array.from(a.quantities[q].bits))));
    expect(a.quantities[a.worstQuantity].bits[a.worstIndex]).toBe(a.maxBits);
  });

  it('reports a planted float32 rounding with ≥ 20 bits of error in every quantity; the kernel stays far below', () => {
    const { net, data } = buildScenario(SCENARIO);
    const planted = auditNetwork(net, data, { ...OPTS, subject: float32Subject, checkReference: false });
    const nominal = auditNetwork(net, data, { ...OPTS, checkReference: false });
    expect(planted.status).toBe('audited');
    expect(nominal.status).toBe('audited');
    if (planted.status !== 'audited' || nominal.status !== 'audited') return;
    for (const q of QUANTITIES) expect(Math.max(...planted.quantities[q].bits), q).toBeGreaterThanOrEqual(20);
    expect(nominal.maxBits).toBeLessThan(20);
    expect(planted.referenceStable).toBeNull();
  });

  it('returns status non-finite when the float64 subject overflows or diverges', () => {
    const { net, data } = buildScenario(SCENARIO);
    expect(auditNetwork(net, data, { ...OPTS, subject: () => null }).status).toBe('non-finite');
  });
});
