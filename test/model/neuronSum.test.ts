import { describe, expect, it } from 'vitest';
import { randomStream } from '../../src/init/index.js';
import { neuronSum, neuronSumPlan, neuronSumScratchLength, neuronSumTransposed } from '../../src/model/neuronSum.js';

/** θ of one layer (M neurons of k = 2d + 1 numbers) and M coefficients, seeded, with mixed magnitudes and signs. */
function layer(M: number, d: number, seed: number): { theta: Float64Array; coef: Float64Array } {
  const rng = randomStream(seed, 'test', 'neuronSum');
  const draw = (): number => (rng.uniform() - 0.5) * 10 ** (6 * rng.uniform() - 3);
  return { theta: Float64Array.from({ length: M * (2 * d + 1) }, draw), coef: Float64Array.from({ length: M }, draw) };
}

/** The same layer transposed: vT[j·M + m] = θ_{m, vecOffset + j}. */
function transpose(theta: Float64Array, M: number, d: number, vecOffset: number): Float64Array {
  const k = 2 * d + 1;
  const vT = new Float64Array(d * M);
  for (let m = 0; m < M; m++) for (let j = 0; j < d; j++) vT[j * M + m] = theta[m * k + vecOffset + j];
  return vT;
}

const WIDTHS = [...Array.from({ length: 70 }, (_, q) => q + 1), 100, 127, 128, 129, 500, 1000, 1023];

describe('neuronSumPlan: the recursive pairwise tree as a flat plan', () => {
  it('leaves tile [0, M) in order with one to three terms, and there are leaves − 1 merges', () => {
    for (const M of WIDTHS) {
      const plan = neuronSumPlan(M);
      expect(plan.leafStart[0]).toBe(0);
      expect(plan.leafStart[plan.leaves]).toBe(M);
      for (let q = 0; q < plan.leaves; q++) {
        const n = plan.leafStart[q + 1] - plan.leafStart[q];
        expect(n >= (M === 1 ? 1 : 2) && n <= 3).toBe(true);
      }
      expect(plan.merges.length).toBe(2 * (plan.leaves - 1));
    }
  });

  it('neuronSumTransposed reproduces the recursive neuronSum bit for bit (u and w rows, with a coefficient offset)', () => {
    let compared = 0;
    for (const M of WIDTHS) {
      for (const d of [1, 2, 5]) {
        const { theta, coef } = layer(M, d, M * 10 + d);
        const k = 2 * d + 1;
        const padded = new Float64Array(M + 7);
        padded.set(coef, 7);
        const plan = neuronSumPlan(M);
        for (const vecOffset of [0, d]) {
          const want = new Float64Array(d);
          neuronSum(theta, 0, k, vecOffset, d, coef, 0, 0, M, want, 0, new Float64Array(neuronSumScratchLength(M, d)), 0);
          const got = new Float64Array(d + 3);
          neuronSumTransposed(plan, d, transpose(theta, M, d, vecOffset), 0, padded, 7, new Float64Array(d * plan.leaves), got, 3);
          for (let j = 0; j < d; j++) {
            expect(Object.is(got[3 + j], want[j])).toBe(true);
            compared++;
          }
        }
      }
    }
    expect(compared).toBe(WIDTHS.length * 2 * (1 + 2 + 5));
  });

  it('duplication stays exact: the sum over (θ_1..θ_M, θ_1..θ_M) is exactly twice the sum over θ_1..θ_M', () => {
    for (const M of WIDTHS) {
      const d = 2;
      const { theta, coef } = layer(M, d, M);
      const once = new Float64Array(d);
      const twice = new Float64Array(d);
      const vT = transpose(theta, M, d, 0);
      const plan = neuronSumPlan(M);
      neuronSumTransposed(plan, d, vT, 0, coef, 0, new Float64Array(d * plan.leaves), once, 0);
      const vT2 = new Float64Array(2 * d * M);
      for (let j = 0; j < d; j++) {
        vT2.set(vT.subarray(j * M, (j + 1) * M), j * 2 * M);
        vT2.set(vT.subarray(j * M, (j + 1) * M), j * 2 * M + M);
      }
      const coef2 = new Float64Array(2 * M);
      coef2.set(coef, 0);
      coef2.set(coef, M);
      const plan2 = neuronSumPlan(2 * M);
      neuronSumTransposed(plan2, d, vT2, 0, coef2, 0, new Float64Array(d * plan2.leaves), twice, 0);
      for (let j = 0; j < d; j++) expect(twice[j]).toBe(2 * once[j]);
    }
  });

  it('negative control: left-to-right summation differs from the pairwise tree for some layer', () => {
    let differing = 0;
    for (const M of WIDTHS.filter((M) => M >= 4)) {
      const { theta, coef } = layer(M, 1, M + 5000);
      const want = new Float64Array(1);
      neuronSum(theta, 0, 3, 0, 1, coef, 0, 0, M, want, 0, new Float64Array(neuronSumScratchLength(M, 1)), 0);
      let plain = coef[0] * theta[0];
      for (let m = 1; m < M; m++) plain += coef[m] * theta[m * 3];
      if (!Object.is(plain, want[0])) differing++;
    }
    expect(differing).toBeGreaterThan(0);
  });
});
