/**
 * `resnet-mf eval` end to end: the printed loss, outputs and gradient against an independent float64
 * computation written here from theory.md §1, and exact round-trip of every printed number.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { parseDataJson, parseModelJson } from '../../src/data/index.js';
import { lossAndGradient } from '../../src/model/index.js';
import { cleanup, type DataJson, expectNoStackTrace, makeData, makeModel, type ModelJson, run, tempDir, writeJson } from './harness.js';

afterAll(cleanup);

const U = 2 ** -53;

/** σ and σ' by name, written independently of src/activations (σ' of tanh as 1/cosh², not sech² via exp). */
const ACT: Record<string, { s: (r: number) => number; ds: (r: number) => number }> = {
  tanh: { s: Math.tanh, ds: (r) => 1 / Math.cosh(r) ** 2 },
  sin: { s: Math.sin, ds: Math.cos },
  identity: { s: (r) => r, ds: () => 1 },
};

/**
 * theory.md §1 with plain loops, per sample, left-to-right sums:
 *   z_{l+1} = z_l + (1/(ML)) Σ_m u σ(wᵀz_l + b),  E = (1/N) Σ ½ (aᵀz_L − y)²,
 *   λ_L = (aᵀz_L − y) a,  ∂E/∂θ_{l,m} += (1/(MLN)) ∂_θ f(z_l, θ)ᵀ λ_{l+1},
 *   λ_l = λ_{l+1} + (1/(ML)) Σ_m w σ'(r) (uᵀλ_{l+1}).
 */
function reference(model: ModelJson, data: DataJson): { loss: number; outputs: number[]; grad: number[][][] } {
  const { d, L, M, theta, readout: a } = model;
  const { s: sigma, ds: dsigma } = ACT[model.activation.name];
  const N = data.x.length;
  const ML = M * L;
  const grad = theta.map((layer) => layer.map((neuron) => neuron.map(() => 0)));
  const outputs: number[] = [];
  let loss = 0;
  for (let i = 0; i < N; i++) {
    const zs: number[][] = [data.x[i].slice()];
    for (let l = 0; l < L; l++) {
      const z = zs[l];
      const sum = new Array<number>(d).fill(0);
      for (let m = 0; m < M; m++) {
        const th = theta[l][m];
        let r = th[2 * d];
        for (let j = 0; j < d; j++) r += th[d + j] * z[j];
        const sr = sigma(r);
        for (let j = 0; j < d; j++) sum[j] += th[j] * sr;
      }
      zs.push(z.map((zj, j) => zj + sum[j] / ML));
    }
    let out = 0;
    for (let j = 0; j < d; j++) out += a[j] * zs[L][j];
    outputs.push(out);
    const res = out - data.y[i];
    loss += (res * res) / 2;
    let lam = a.map((aj) => res * aj); // λ_L
    for (let l = L - 1; l >= 0; l--) {
      const z = zs[l];
      const back = new Array<number>(d).fill(0);
      for (let m = 0; m < M; m++) {
        const th = theta[l][m];
        let r = th[2 * d];
        for (let j = 0; j < d; j++) r += th[d + j] * z[j];
        let ul = 0;
        for (let j = 0; j < d; j++) ul += th[j] * lam[j];
        const beta = dsigma(r) * ul;
        const g = grad[l][m];
        for (let j = 0; j < d; j++) {
          g[j] += (sigma(r) * lam[j]) / (ML * N);
          g[d + j] += (beta * z[j]) / (ML * N);
          back[j] += th[d + j] * beta;
        }
        g[2 * d] += beta / (ML * N);
      }
      lam = lam.map((lj, j) => lj + back[j] / ML); // λ_l from λ_{l+1}
    }
  }
  return { loss: loss / N, outputs, grad };
}

/**
 * Tolerance. Both computations are float64 from the same inputs and differ only in rounding: summation order
 * (the library sums neurons pairwise, this reference left to right), where 1/(ML) and 1/N are applied, and σ'
 * (sech² vs 1/cosh², each a few ulps). By the standard first-order analysis each computed quantity q̂ obeys
 * |q̂ − q| ≤ γ_K·q̃ with γ_K ≈ K·u, K the longest chain of roundings that feeds q, and q̃ the same
 * computation on absolute values, amplified through the layers by at most Π_l (1 + max|u||w|max|σ'|/L) ≤
 * e^{max|u||w|} ≤ e (here |u|, |w| < 1 and |σ'| ≤ 1).
 * Longest chain: forward L layers × (d-term dot + M-term neuron sum + ~8 ulps of σ), the same again backward,
 * then the N-term sum over samples and a few scalings: K = 2L(M + 2d + 8) + N + 4 (= 105 for d=2, L=3, M=4,
 * N=5; the same order as L·M·N = 60). Two implementations err independently (factor 2), and with O(1)
 * random parameters and data q̃ is within a small factor of |q| in max norm (no systematic cancellation):
 * we allow a factor 4 for that. Hence tol = 2·e·4·K·u ≈ 2.5e-13 normwise (measured: ≤ 6e-16), still about 10¹² times
 * smaller than any formula error (a wrong index, a missing 1/N or 1/(ML) changes results by O(1)).
 */
function tolerance(d: number, L: number, M: number, N: number): number {
  const K = 2 * L * (M + 2 * d + 8) + N + 4;
  return 2 * Math.E * 4 * K * U;
}

const maxAbs = (v: number[]): number => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const normRelDiff = (got: number[], want: number[]): number =>
  maxAbs(got.map((g, i) => g - want[i])) / Math.max(maxAbs(want), Number.MIN_VALUE);

describe('resnet-mf eval', () => {
  for (const activation of ['tanh', 'sin']) {
    it(`matches an independent computation of theory.md §1 (${activation}, d=2 L=3 M=4 N=5)`, () => {
      const [d, L, M, N] = [2, 3, 4, 5];
      const dir = tempDir();
      const model = makeModel(d, L, M, 11, activation);
      const data = makeData(d, N, 12);
      writeJson(dir, 'model.json', model);
      writeJson(dir, 'data.json', data);
      const r = run(dir, ['eval', '--model', 'model.json', '--data', 'data.json']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expectNoStackTrace(r);
      const lines = r.stdout.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(1);
      const out = JSON.parse(lines[0]) as { loss: number; outputs: number[]; grad: number[][][] };
      expect(Object.keys(out).sort()).toEqual(['grad', 'loss', 'outputs']);

      // shapes: outputs [N], grad L × M × (2d+1) like theta
      expect(out.outputs).toHaveLength(N);
      expect(out.grad).toHaveLength(L);
      for (const layer of out.grad) {
        expect(layer).toHaveLength(M);
        for (const neuron of layer) {
          expect(neuron).toHaveLength(2 * d + 1);
          for (const v of neuron) expect(Number.isFinite(v)).toBe(true);
        }
      }

      const ref = reference(model, data);
      const tol = tolerance(d, L, M, N);
      expect(Math.abs(out.loss - ref.loss) / ref.loss).toBeLessThanOrEqual(tol);
      expect(normRelDiff(out.outputs, ref.outputs)).toBeLessThanOrEqual(tol);
      expect(normRelDiff(out.grad.flat(2), ref.grad.flat(2))).toBeLessThanOrEqual(tol);
      // the gradient is unscaled ∂E/∂θ, not G = ML ∂E/∂θ: a factor ML = 12 would be far outside tol
      expect(maxAbs(out.grad.flat(2))).toBeGreaterThan(0);
    });
  }

  it('prints every number round-trip exact (bit-identical to the library, −0 included)', () => {
    const dir = tempDir();
    const model = makeModel(2, 3, 4, 21);
    const data = makeData(2, 6, 22);
    // a neuron with u = 0: its w- and b-gradients are exactly zero, possibly −0
    model.theta[1][2] = [0, 0, 0.3, -0.7, 0.1];
    writeJson(dir, 'model.json', model);
    writeJson(dir, 'data.json', data);
    const r = run(dir, ['eval', '--model', 'model.json', '--data', 'data.json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { loss: number; outputs: number[]; grad: number[][][] };

    const net = parseModelJson(JSON.stringify(model));
    const ds = parseDataJson(JSON.stringify(data));
    const lib = lossAndGradient(net, ds);
    expect(Object.is(out.loss, lib.loss)).toBe(true);
    expect(out.outputs.length).toBe(lib.outputs.length);
    out.outputs.forEach((v, i) => expect(Object.is(v, lib.outputs[i]), `outputs[${i}]`).toBe(true));
    const flat = out.grad.flat(2);
    expect(flat.length).toBe(lib.grad.length);
    flat.forEach((v, p) => expect(Object.is(v, lib.grad[p]), `grad entry ${p}: ${v} vs ${lib.grad[p]}`).toBe(true));
    // and the text is what JSON writes for those doubles (shortest round-trip form)
    expect(r.stdout).toContain(`"loss":${String(lib.loss)}`);
  });

  it('valid input whose evaluation overflows float64: exit 1, one line, nothing on stdout', () => {
    const dir = tempDir();
    const model = makeModel(2, 1, 1, 71, 'identity');
    model.theta[0][0] = [1e300, 1e300, 1e300, 1e300, 1e300];
    writeJson(dir, 'model.json', model);
    writeJson(dir, 'data.json', makeData(2, 3, 72));
    const r = run(dir, ['eval', '--model', 'model.json', '--data', 'data.json']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toBe('');
    expectNoStackTrace(r);
    const lines = r.stderr.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^resnet-mf: eval overflowed: (loss|outputs|grad) is non-finite/);
  });
});
