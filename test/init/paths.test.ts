import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { initNetwork } from '../../src/init/index.js';

const Z = 4.8916; // two-sided, false-alarm rate 1e-6

function layerVector(theta: Float64Array, l: number, M: number, k: number): Float64Array {
  return theta.subarray(l * M * k, (l + 1) * M * k);
}

describe('depth-path initialisations (theory.md §3)', () => {
  const base = { d: 2, L: 16, M: 200, activation: tanh, seed: 5 };
  const k = 5;

  it('linear paths: θ_l = a + (l/L) c, so second differences in l vanish up to rounding', () => {
    const net = initNetwork({ ...base, init: 'linear' });
    for (let l = 1; l < base.L - 1; l++) {
      const [p, q, r] = [l - 1, l, l + 1].map((x) => layerVector(net.theta, x, base.M, k));
      for (let j = 0; j < p.length; j++) {
        // Each θ_l = fl(a + fl(fl(l/L)·c)) carries error ≤ u|θ_l| + 2u|t_l c| (t_l ≤ 1), and forming
        // p − 2q + r adds ≤ 2u(|p| + 2|q| + |r|): in all ≤ 3u·S + 8u|c|, with |c| = |r − p|·L/2 to first order.
        const S = Math.abs(p[j]) + 2 * Math.abs(q[j]) + Math.abs(r[j]);
        const c = (Math.abs(r[j] - p[j]) * base.L) / 2;
        expect(Math.abs(p[j] - 2 * q[j] + r[j])).toBeLessThanOrEqual(1.01 * 2 ** -53 * (3 * S + 8 * c));
      }
    }
  });

  it('brownian paths: increments have variance scale²/L (chi-square interval, false-alarm 1e-6)', () => {
    const scale = 1.5;
    const net = initNetwork({ ...base, init: 'brownian', scale });
    let sumSq = 0;
    let n = 0;
    for (let l = 0; l < base.L - 1; l++) {
      const [p, q] = [layerVector(net.theta, l, base.M, k), layerVector(net.theta, l + 1, base.M, k)];
      for (let j = 0; j < p.length; j++, n++) sumSq += (q[j] - p[j]) ** 2;
    }
    const expected = (scale * scale) / base.L;
    expect(Math.abs(sumSq / n / expected - 1)).toBeLessThanOrEqual(Z * Math.sqrt(2 / n));
  });

  it('iid layers: consecutive layers are uncorrelated; linear paths are strongly correlated', () => {
    const corr = (theta: Float64Array) => {
      const [p, q] = [layerVector(theta, 3, base.M, k), layerVector(theta, 4, base.M, k)];
      let [sp, sq, spq] = [0, 0, 0];
      for (let j = 0; j < p.length; j++) [sp, sq, spq] = [sp + p[j] ** 2, sq + q[j] ** 2, spq + p[j] * q[j]];
      return { r: spq / Math.sqrt(sp * sq), n: p.length };
    };
    const iid = corr(initNetwork({ ...base, init: 'iid' }).theta);
    expect(Math.abs(iid.r)).toBeLessThanOrEqual(Z / Math.sqrt(iid.n));
    expect(corr(initNetwork({ ...base, init: 'linear' }).theta).r).toBeGreaterThan(0.9);
  });

  it('same seed, same bits; the readout defaults to (1,…,1)/√d', () => {
    const a = initNetwork({ ...base, init: 'brownian' });
    const b = initNetwork({ ...base, init: 'brownian' });
    expect(Buffer.from(a.theta.buffer).equals(Buffer.from(b.theta.buffer))).toBe(true);
    expect(Array.from(a.readout)).toEqual([Math.SQRT1_2, Math.SQRT1_2].map(() => 1 / Math.sqrt(2)));
  });

  it('rejects impossible sizes with the field named', () => {
    expect(() => initNetwork({ ...base, L: 0, init: 'linear' })).toThrow(/^L=0 must be/);
    expect(() => initNetwork({ ...base, M: -3, init: 'linear' })).toThrow(/^M=-3 must be/);
    expect(() => initNetwork({ ...base, init: 'linear', scale: 0 })).toThrow(/^scale=0 must be/);
    expect(() => initNetwork({ ...base, init: 'gaussian' as 'linear' })).toThrow(/^init="gaussian" must be one of linear, iid, brownian/);
    expect(() => initNetwork({ ...base, init: 'linear', readout: new Float64Array(3) })).toThrow(/^readout=/);
  });
});
