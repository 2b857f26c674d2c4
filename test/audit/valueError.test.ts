/** The per-value error measures and the nearest-rank statistics of the audit. */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { bitsFromUlps, quantile, relativeDifference, summarise, valueError } from '../../src/audit/index.js';
import { bitsOfError, decimalBackend, ulp } from '../../src/numeric/index.js';

const F = decimalBackend(50).field;

describe('bits of error', () => {
  it('log2(ulps + 1): 0 ulps → 0 bits, 1 → 1, 3 → 2, 2^52 − 1 → 52', () => {
    expect(bitsFromUlps(0)).toBe(0);
    expect(bitsFromUlps(1)).toBe(1);
    expect(bitsFromUlps(3)).toBe(2);
    expect(bitsFromUlps(2 ** 52 - 1)).toBe(52);
  });

  it('agrees with src/numeric bitsOfError on doubles k ulps apart', () => {
    for (const x of [1, 0.1, -3.5e-7, 1e300]) {
      for (const k of [0, 1, 3, 7]) {
        const y = x + k * ulp(x);
        expect(bitsOfError(y, x)).toBe(bitsFromUlps(k));
        expect(valueError(F, y, F.fromFloat64(x)).bits).toBe(bitsFromUlps(k));
      }
    }
  });
});

describe('valueError', () => {
  it('is 0 ulps, 0 bits for the correctly rounded reference, yet a nonzero relative error', () => {
    const ref = F.div(F.one, F.fromInteger(3)); // 1/3 at 50 digits
    const e = valueError(F, 1 / 3, ref);
    expect(e.ulps).toBe(0);
    expect(e.bits).toBe(0);
    // |fl(1/3) − 1/3| / (1/3) = 3·|fl(1/3) − 1/3| = 2^−54 exactly (1/3 = 0.0101…₂ rounds down by 2^−54/3).
    expect(e.relErr).toBe(2 ** -54);
  });

  it('measures ulps of the reference, relative error in decimal', () => {
    const e = valueError(F, 1 + 2 * ulp(1), F.one);
    expect(e.ulps).toBe(2);
    expect(e.relErr).toBe(2 * ulp(1));
  });

  it('a zero reference gives relative error 0 for f = 0 and ∞ otherwise', () => {
    expect(relativeDifference(F, F.zero, F.zero)).toBe(0);
    expect(relativeDifference(F, F.fromFloat64(1e-300), F.zero)).toBe(Infinity);
    expect(relativeDifference(F, new Decimal(-2), new Decimal(4))).toBe(1.5);
  });
});

describe('statistics', () => {
  it('nearest-rank quantiles: lower median, the ⌈qn⌉-th value', () => {
    const v = Float64Array.of(1, 2, 3, 4);
    expect(quantile(v, 0.5)).toBe(2);
    expect(quantile(v, 0.99)).toBe(4);
    expect(quantile(v, 0)).toBe(1);
    expect(() => quantile(new Float64Array(0), 0.5)).toThrow(RangeError);
  });

  it('summarises over networks: bits quantiles are log2 of ulps quantiles + 1', () => {
    const errors = [[0, 1, 3], [7, 0]].map((ulps) => ({
      ulps: Float64Array.from(ulps),
      bits: Float64Array.from(ulps, bitsFromUlps),
      relErr: Float64Array.from(ulps, (u) => u * 1e-16),
      referenceRelDiff: 1e-48,
    }));
    const s = summarise(errors);
    expect(s).toMatchObject({ scenarios: 2, values: 5, maxUlps: 7, maxBits: 3, medianUlps: 1, medianBits: 1, p99Ulps: 7, referenceRelDiff: 1e-48 });
    expect(s.maxRelErr).toBe(7 * 1e-16);
    expect(summarise([])).toMatchObject({ values: 0, maxBits: 0, referenceRelDiff: null });
  });
});
