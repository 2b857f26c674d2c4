import { describe, expect, it } from 'vitest';
import { FLOOR_FACTOR, MAX_INTERVAL_WIDTH, asymptoticRange, decidedLadder, decideExponent, logLogFit } from '../../src/stats/index.js';

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

describe('decidedLadder', () => {
  // e(n) = 1/n + c/n²: a deterministic ladder whose curvature (c/n relative) falls as n grows.
  const curved = (c: number) => (n: number) => ({ n, e: 1 / n + c / n ** 2, floor: 1e-16 });

  it('leaves a ladder that already decides as it is (no extra size is measured)', () => {
    const seen: number[] = [];
    const points = decidedLadder([8, 16, 32, 64], 4096, (n) => (seen.push(n), curved(0)(n)));
    expect(points.map((p) => p.n)).toEqual([8, 16, 32, 64]);
    expect(seen).toEqual([8, 16, 32, 64]);
  });

  it('doubles n while the fit is wider than MAX_INTERVAL_WIDTH, and stops at the first size that decides', () => {
    const e = curved(40);
    const initial = [8, 16, 32, 64];
    const wide = logLogFit(initial.slice(-4).map((n) => ({ n, e: e(n).e })));
    expect(wide.hi - wide.lo).toBeGreaterThan(MAX_INTERVAL_WIDTH);
    const points = decidedLadder(initial, 4096, e);
    const used = asymptoticRange(points);
    const fit = logLogFit(used);
    expect(fit.hi - fit.lo).toBeLessThanOrEqual(MAX_INTERVAL_WIDTH);
    // the ladder one size shorter was still undecided
    const shorter = logLogFit(asymptoticRange(points.slice(0, -1)));
    expect(shorter.hi - shorter.lo).toBeGreaterThan(MAX_INTERVAL_WIDTH);
    expect(points[points.length - 1].n).toBeLessThanOrEqual(4096);
  });

  it('stops at maxN, and when the last error is at its floor', () => {
    const zigzag = (n: number) => (Math.log2(n) % 2 === 1 ? 3 : 1) / n;
    const e = (n: number) => ({ n, e: zigzag(n), floor: 1e-16 }); // never decides
    expect(decidedLadder([8, 16, 32, 64], 512, e).map((p) => p.n)).toEqual([8, 16, 32, 64, 128, 256, 512]);
    const atFloor = (n: number) => ({ n, e: zigzag(n), floor: n >= 64 ? 1 : 1e-16 });
    expect(decidedLadder([8, 16, 32, 64], 512, atFloor).map((p) => p.n)).toEqual([8, 16, 32, 64]);
  });
});
