/**
 * Pins src/limit/depthPaths.ts: the Brownian grid redrawn from randomStream(seed, 'depthPaths', 'brownian') in the
 * documented order (θ(0) = scale·g, then independent N(0, scale²/2^K) increments); the lacunary path at points
 * where the series is known in closed form (W(0) = Σ α_n = 1/(1 − 2^{−1/2}), W(1/2) = W(0) − 2,
 * W(1/4) = W(0) − 1 − 2·2^{−1/2}) and at other grid points from the series summed afresh; linear interpolation
 * between grid points; discretize's layout; the returned fields; every validation message.
 *
 * Tolerances: recomputed grid points are the same sums in the same order (bit-exact); interpolation and the
 * lacunary series are ≤ 20 operations on O(1) values, so 1e-13 absolute is ≥ 100× their rounding.
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { InvalidArgumentError, NonFiniteError } from '../../src/errors.js';
import { gaussian, randomStream } from '../../src/init/index.js';
import { BROWNIAN_LEVELS, DEPTH_PATH_KINDS, depthPaths, discretize } from '../../src/limit/depthPaths.js';

const cells = 2 ** BROWNIAN_LEVELS;
const at = (paths: ReturnType<typeof depthPaths>, t: number) => {
  const out = new Float64Array(paths.M * (2 * paths.d + 1));
  paths.thetaAt(t, out);
  return out;
};

describe('depthPaths: the draws and where they land', () => {
  it('constants: K = 12 levels (4096 cells), kinds linear, brownian, lacunary', () => {
    expect(BROWNIAN_LEVELS).toBe(12);
    expect([...DEPTH_PATH_KINDS]).toEqual(['linear', 'brownian', 'lacunary']);
  });

  it('Brownian: θ_p(0) = scale·g_p, θ_p(j/2^K) = θ_p((j−1)/2^K) + (scale/64)·g, draws in order (j, p)', () => {
    const [d, M, scale, seed] = [1, 2, 1.5, 13];
    const P = M * (2 * d + 1);
    const paths = depthPaths({ kind: 'brownian', d, M, activation: tanh, seed, scale });
    expect(paths.cells).toBe(cells);
    const rng = randomStream(seed, 'depthPaths', 'brownian');
    let row = Array.from({ length: P }, () => scale * gaussian(rng));
    expect(Array.from(at(paths, 0))).toEqual(row);
    const rows = [row];
    for (let j = 1; j <= cells; j++) {
      row = row.map((v) => v + scale * Math.sqrt(1 / cells) * gaussian(rng));
      rows.push(row);
    }
    for (const j of [1, 2, 1000, 2048, 4095]) expect(Array.from(at(paths, j / cells)), `j=${j}`).toEqual(rows[j]);
    const end = at(paths, 1);
    for (let p = 0; p < P; p++) expect(Math.abs(end[p] - rows[cells][p])).toBeLessThan(1e-13);
    // between grid points: linear interpolation
    for (const [j, f] of [[0, 0.25], [7, 0.5], [4095, 0.75]]) {
      const mid = at(paths, (j + f) / cells);
      for (let p = 0; p < P; p++) expect(Math.abs(mid[p] - (rows[j][p] + f * (rows[j + 1][p] - rows[j][p])))).toBeLessThan(1e-13);
    }
  });

  it('lacunary: θ_p(t) = a_p + c_p W(t), (a_p, c_p) = scale·(g, g) in order p; W at closed-form points and afresh', () => {
    const [d, M, scale, seed] = [1, 2, 0.5, 21];
    const P = M * (2 * d + 1);
    const paths = depthPaths({ kind: 'lacunary', d, M, activation: tanh, seed, scale });
    expect(paths.cells).toBe(cells);
    const rng = randomStream(seed, 'depthPaths', 'lacunary');
    const ac = Array.from({ length: P }, () => [scale * gaussian(rng), scale * gaussian(rng)]);
    const W0 = 1 / (1 - Math.SQRT1_2);
    const alpha = (n: number) => (n < 11 ? 2 ** (-n / 2) : 2 ** (-n / 2) / (1 - Math.SQRT1_2));
    const series = (j: number) => {
      let w = 0;
      for (let n = 0; n < 12; n++) w += alpha(n) * Math.cos((2 * Math.PI * ((2 ** n * j) % cells)) / cells);
      return w;
    };
    const cases: [number, number][] = [[0, W0], [0.5, W0 - 2], [0.25, W0 - 1 - 2 * Math.SQRT1_2], [1, W0]];
    for (const j of [1, 3, 1001, 4095]) cases.push([j / cells, series(j)]);
    for (const [t, W] of cases) {
      const got = at(paths, t);
      for (let p = 0; p < P; p++) expect(Math.abs(got[p] - (ac[p][0] + ac[p][1] * W)), `t=${t} p=${p}`).toBeLessThan(1e-13);
    }
    // between grid points: interpolation of the series
    const mid = at(paths, 2.5 / cells);
    for (let p = 0; p < P; p++) expect(Math.abs(mid[p] - (ac[p][0] + ac[p][1] * (series(2) + series(3)) / 2))).toBeLessThan(1e-13);
  });

  it('returns its fields: kind, d, M, activation, a copy of the readout (default 1/√d), cells 1 for linear', () => {
    const readout = Float64Array.of(0.5, -2);
    const p = depthPaths({ kind: 'linear', d: 2, M: 3, activation: tanh, seed: 1, readout });
    readout[0] = 9;
    expect([p.kind, p.d, p.M, p.cells, p.activation]).toEqual(['linear', 2, 3, 1, tanh]);
    expect(Array.from(p.readout)).toEqual([0.5, -2]);
    const q = depthPaths({ kind: 'lacunary', d: 4, M: 1, activation: tanh, seed: 1 });
    expect(Array.from(q.readout)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect([q.kind, q.d, q.M, q.cells]).toEqual(['lacunary', 4, 1, 4096]);
  });
});

describe('discretize: θ_{l,m} = θ_m(l/L), layout (L, M, k)', () => {
  it('layer l of depth L = 3 is thetaAt(l/3) (off the grid), with the sizes and a copy of the readout', () => {
    const paths = depthPaths({ kind: 'brownian', d: 2, M: 2, activation: tanh, seed: 4, scale: 0.7 });
    const net = discretize(paths, 3);
    const P = 2 * 5;
    expect(net.theta.length).toBe(3 * P);
    for (let l = 0; l < 3; l++) expect(Array.from(net.theta.subarray(l * P, (l + 1) * P))).toEqual(Array.from(at(paths, l / 3)));
    expect([net.d, net.L, net.M, net.activation]).toEqual([2, 3, 2, tanh]);
    expect(Array.from(net.readout)).toEqual(Array.from(paths.readout));
    expect(net.readout).not.toBe(paths.readout);
  });
});

describe('bad input: InvalidArgumentError naming the field, the value and the expected range', () => {
  const base = { kind: 'linear' as const, d: 1, M: 1, activation: tanh, seed: 1 };
  it.each([
    [{ kind: 'smooth' as 'linear' }, /^kind=.* must be one of linear, brownian, lacunary$/],
    [{ d: 0 }, /^d=0 must be an integer in \[1, 10000\]$/],
    [{ d: 10_001 }, /^d=10001 must be an integer in \[1, 10000\]$/],
    [{ d: 1.5 }, /^d=1\.5 must be an integer/],
    [{ M: 0 }, /^M=0 must be an integer in \[1, 100000\]$/],
    [{ M: 100_001 }, /^M=100001 must be an integer in \[1, 100000\]$/],
    [{ scale: 0 }, /^scale=0 must be a number > 0$/],
    [{ scale: -1 }, /^scale=-1 must be a number > 0$/],
    [{ d: 2, readout: Float64Array.of(1) }, /^readout=1 must be length d = 2$/],
  ])('%o', (patch, message) => {
    expect(() => depthPaths({ ...base, ...patch })).toThrow(InvalidArgumentError);
    expect(() => depthPaths({ ...base, ...patch })).toThrow(message);
  });

  it('the range ends are accepted; scale NaN is NonFiniteError; discretize checks L in [1, 10^7]', () => {
    expect(depthPaths({ ...base, d: 10_000 }).d).toBe(10_000);
    expect(depthPaths({ ...base, M: 100_000 }).M).toBe(100_000);
    expect(() => depthPaths({ ...base, scale: Number.NaN })).toThrow(NonFiniteError);
    const paths = depthPaths(base);
    expect(() => discretize(paths, 0)).toThrow(/^L=0 must be an integer in \[1, 10000000\]$/);
    expect(() => discretize(paths, 10_000_001)).toThrow(/^L=10000001 must be an integer in \[1, 10000000\]$/);
    expect(discretize(paths, 1).L).toBe(1);
  });
});
