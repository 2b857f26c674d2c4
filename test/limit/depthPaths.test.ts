import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { initNetwork } from '../../src/init/index.js';
import { BROWNIAN_LEVELS, depthPaths, discretize } from '../../src/limit/depthPaths.js';

describe('depth paths θ_m(t) and their discretisation θ_{l,m} = θ_m(l/L) (theory.md §3)', () => {
  it('linear paths discretise to initNetwork({ init: "linear" }) bit for bit', () => {
    for (const [d, M, L, seed, scale] of [
      [1, 1, 1, 0, 1],
      [2, 5, 7, 3, 0.5],
      [3, 4, 64, 11, 2],
    ]) {
      const paths = depthPaths({ kind: 'linear', d, M, activation: tanh, seed, scale });
      const net = discretize(paths, L);
      const ref = initNetwork({ d, L, M, activation: tanh, init: 'linear', seed, scale });
      expect(Array.from(net.theta)).toEqual(Array.from(ref.theta));
      expect(Array.from(net.readout)).toEqual(Array.from(ref.readout));
      expect([net.d, net.L, net.M]).toEqual([d, L, M]);
    }
  });

  it('grid paths are one path for every L: layer l of depth L is layer 2l of depth 2L, bit for bit', () => {
    for (const kind of ['brownian', 'lacunary'] as const) {
      const paths = depthPaths({ kind, d: 2, M: 3, activation: tanh, seed: 4 });
      const P = 3 * 5;
      for (const L of [8, 64, 512]) {
        const [a, b] = [discretize(paths, L), discretize(paths, 2 * L)];
        for (let l = 0; l < L; l++) expect(a.theta.subarray(l * P, (l + 1) * P)).toEqual(b.theta.subarray(2 * l * P, (2 * l + 1) * P));
      }
    }
  });

  it('Brownian paths have quadratic variation scale² per coordinate on [0, 1] (5σ of the chi-square)', () => {
    const [d, M, scale] = [2, 20, 1.5];
    const P = M * (2 * d + 1);
    const cells = 2 ** BROWNIAN_LEVELS;
    const paths = depthPaths({ kind: 'brownian', d, M, activation: tanh, seed: 9, scale });
    const [prev, next] = [new Float64Array(P), new Float64Array(P)];
    paths.thetaAt(0, prev);
    let qv = 0;
    for (let j = 1; j <= cells; j++) {
      paths.thetaAt(j / cells, next);
      for (let p = 0; p < P; p++) qv += (next[p] - prev[p]) ** 2;
      prev.set(next);
    }
    // Σ of P·2^K squared N(0, scale²/2^K) increments: mean P·scale², relative std sqrt(2/(P·2^K)).
    const rel = qv / (P * scale ** 2) - 1;
    expect(Math.abs(rel)).toBeLessThan(5 * Math.sqrt(2 / (P * cells)));
  });

  it('lacunary paths alias: layer mean − ∫θ dt = (θ(0) − ∫θ dt)·L^{−1/2} for dyadic L (to rounding)', () => {
    const [d, M] = [1, 2];
    const P = M * (2 * d + 1);
    const cells = 2 ** BROWNIAN_LEVELS;
    const paths = depthPaths({ kind: 'lacunary', d, M, activation: tanh, seed: 2 });
    const buf = new Float64Array(P);
    const integral = new Float64Array(P);
    for (let j = 0; j <= cells; j++) {
      paths.thetaAt(j / cells, buf);
      for (let p = 0; p < P; p++) integral[p] += ((j === 0 || j === cells ? 0.5 : 1) * buf[p]) / cells;
    }
    const theta0 = new Float64Array(P);
    paths.thetaAt(0, theta0);
    for (const L of [4, 32, 256, 2048]) {
      const net = discretize(paths, L);
      for (let p = 0; p < P; p++) {
        let mean = 0;
        for (let l = 0; l < L; l++) mean += net.theta[l * P + p] / L;
        const scaleP = Math.abs(theta0[p]) + Math.abs(integral[p]) + 1;
        expect(Math.abs(mean - integral[p] - (theta0[p] - integral[p]) / Math.sqrt(L))).toBeLessThan(1e-12 * scaleP);
      }
    }
  });

  it('bad input names the field', () => {
    expect(() => depthPaths({ kind: 'smooth' as 'linear', d: 1, M: 1, activation: tanh, seed: 1 })).toThrow(/kind/);
    expect(() => depthPaths({ kind: 'linear', d: 0, M: 1, activation: tanh, seed: 1 })).toThrow(/d=0/);
    expect(() => depthPaths({ kind: 'linear', d: 2, M: 1, activation: tanh, seed: 1, readout: Float64Array.of(1) })).toThrow(/readout/);
    const paths = depthPaths({ kind: 'linear', d: 1, M: 1, activation: tanh, seed: 1 });
    expect(() => discretize(paths, 0)).toThrow(/L=0/);
  });
});
