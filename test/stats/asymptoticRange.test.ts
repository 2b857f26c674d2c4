import { describe, expect, it } from 'vitest';
import { FLOOR_FACTOR, asymptoticRange, decideExponent, logLogFit } from '../../src/stats/index.js';

describe('asymptoticRange', () => {
  it('takes the largest sizes whose error stands FLOOR_FACTOR above its floor', () => {
    const pts = [8, 16, 32, 64, 128, 256].map((n) => ({ n, e: 1 / n, floor: 1e-4 }));
    // 1/256 < 100·1e-4 = 0.01? 1/256 = 0.0039 < 0.01, and 1/128 = 0.0078 < 0.01: both dropped.
    expect(asymptoticRange(pts).map((p) => p.n)).toEqual([8, 16, 32, 64]);
    expect(FLOOR_FACTOR).toBe(100);
  });

  it('is empty when fewer than 3 points are usable (undecided)', () => {
    const pts = [8, 16, 32].map((n) => ({ n, e: 1 / n, floor: 1e-3 }));
    expect(asymptoticRange(pts)).toEqual([]);
  });
});

describe('decideExponent', () => {
  const fitOf = (p: number) => logLogFit([8, 16, 32, 64].map((n, j) => ({ n, e: n ** p * (1 + 0.01 * (j % 2)) })));
  it('passes an exponent in the band, fails one outside, is undecided on a wide interval', () => {
    expect(decideExponent(fitOf(-1), -1, 0.1)).toBe('pass');
    expect(decideExponent(fitOf(-0.5), -1, 0.1)).toBe('fail');
    const wide = logLogFit([8, 16, 32, 64].map((n, j) => ({ n, e: n ** -1 * (j % 2 ? 3 : 1) })));
    expect(decideExponent(wide, -1, 0.1)).toBe('undecided');
  });
});
