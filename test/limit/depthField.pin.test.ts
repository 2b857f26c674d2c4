/**
 * Pins src/limit/depthField.ts: pathField and linearPathField against a case worked by hand (identity σ, short
 * binary fractions: every operation exact, compared with toEqual) and against the docstring's formula
 * F_i(t, Z) = (1/M) Σ_m u_m(t) σ(w_m(t)ᵀ z_i + b_m(t)) evaluated on nested arrays (tanh, seeded paths).
 *
 * Tolerance of the nested-array comparison: both sides form r with d + 1 additions and the neuron sum with M
 * additions of terms |u σ| ≤ |u| ≤ 4 (scale 1 Gaussian draws here stay below 4), in the same order, so they
 * agree to a few ε·4·M; 1e-13 absolute leaves room while any changed term (a sign, u for w, a missing b or 1/M)
 * moves an entry by ≥ 1e-2.
 */
import { describe, expect, it } from 'vitest';
import { identity, tanh } from '../../src/activations/index.js';
import { linearPathCoefficients } from '../../src/init/index.js';
import { linearPathField, pathField } from '../../src/limit/depthField.js';

/** Neuron list [u, w, b] with u, w of length d, from a flat (M, 2d+1) array. */
const neurons = (theta: Float64Array, d: number, M: number) =>
  Array.from({ length: M }, (_, m) => {
    const row = Array.from(theta.subarray(m * (2 * d + 1), (m + 1) * (2 * d + 1)));
    return { u: row.slice(0, d), w: row.slice(d, 2 * d), b: row[2 * d] };
  });

/** The docstring's F_i for every sample z_i (nested arrays). */
function oracle(theta: Float64Array, d: number, M: number, sigma: (r: number) => number, zs: number[][]): number[][] {
  const ns = neurons(theta, d, M);
  return zs.map((z) => {
    const F = new Array<number>(d).fill(0);
    for (const { u, w, b } of ns) {
      const s = sigma(w.reduce((acc, wj, j) => acc + wj * z[j], b));
      u.forEach((uj, j) => { F[j] += uj * s; });
    }
    return F.map((v) => v / M);
  });
}

describe('pathField', () => {
  // θ_0 = (u (1, 2), w (3, −1), b 0.5), θ_1 = (u (−1, 0.5), w (0, 2), b −1); z_1 = (1, 2), z_2 = (−0.5, 0.25).
  // r = (1.5, 3) and (−1.25, −0.5); F_1 = ((1,2)·1.5 + (−1,0.5)·3)/2 = (−0.75, 2.25), F_2 = (−0.375, −1.375).
  const theta0 = Float64Array.of(1, 2, 3, -1, 0.5, -1, 0.5, 0, 2, -1);

  it('worked by hand: d = M = N = 2, identity σ, out cleared first, θ read at the given t', () => {
    const times: number[] = [];
    const F = pathField(2, 2, identity, (t, out) => { times.push(t); out.set(theta0); }, 2);
    const out = Float64Array.of(NaN, 9, 9, 9);
    F(0.375, Float64Array.of(1, 2, -0.5, 0.25), out);
    expect(Array.from(out)).toEqual([-0.75, 2.25, -0.375, -1.375]);
    expect(times).toEqual([0.375]);
    F(0.5, Float64Array.of(1, 2, -0.5, 0.25), out);
    expect(Array.from(out)).toEqual([-0.75, 2.25, -0.375, -1.375]);
    expect(times).toEqual([0.375, 0.5]);
  });

  it('equals the docstring formula on nested arrays (tanh, d = 3, M = 4, N = 3, θ depending on t)', () => {
    const [d, M, N] = [3, 4, 3];
    const { a, c } = linearPathCoefficients({ d, M, seed: 21 });
    const thetaAt = (t: number, out: Float64Array) => { for (let p = 0; p < out.length; p++) out[p] = a[p] + Math.sin(3 * t) * c[p]; };
    const F = pathField(d, M, tanh, thetaAt, N);
    const Z = Float64Array.of(0.3, -0.8, 0.5, 1.1, 0.2, -0.4, -0.6, 0.9, 0.05);
    for (const t of [0, 0.4, 1]) {
      const out = new Float64Array(N * d);
      F(t, Z, out);
      const theta = new Float64Array(M * (2 * d + 1));
      thetaAt(t, theta);
      const want = oracle(theta, d, M, Math.tanh, [0, 1, 2].map((i) => Array.from(Z.subarray(i * d, (i + 1) * d)))).flat();
      want.forEach((v, q) => expect(Math.abs(out[q] - v)).toBeLessThanOrEqual(1e-13));
    }
  });
});

describe('linearPathField', () => {
  it('worked by hand: θ(t) = a + t c, so F(0, 3) = 1·(2·3 + 0) = 6 and F(0.5, 3) = 2·(1·3 + 0.5) = 7', () => {
    const F = linearPathField({ d: 1, M: 1, activation: identity, a: Float64Array.of(1, 2, 0), c: Float64Array.of(2, -2, 1) });
    const out = new Float64Array(1);
    F(0, Float64Array.of(3), out);
    expect(out[0]).toBe(6);
    F(0.5, Float64Array.of(3), out);
    expect(out[0]).toBe(7);
    F(1, Float64Array.of(3), out);
    expect(out[0]).toBe(3 * (0 * 3 + 1));
  });

  it('equals the docstring formula for one state (tanh, d = 2, M = 5)', () => {
    const [d, M] = [2, 5];
    const { a, c } = linearPathCoefficients({ d, M, seed: 4 });
    const F = linearPathField({ d, M, activation: tanh, a, c });
    for (const t of [0, 0.7]) {
      const z = [0.4, -1.2];
      const out = new Float64Array(d);
      F(t, Float64Array.from(z), out);
      const want = oracle(Float64Array.from(a, (v, p) => v + t * c[p]), d, M, Math.tanh, [z])[0];
      want.forEach((v, j) => expect(Math.abs(out[j] - v)).toBeLessThanOrEqual(1e-13));
    }
  });
});
