/**
 * An independent, deliberately plain float64 implementation of theory.md §1 (nested number arrays,
 * left-to-right sums, per-sample backpropagation), written from the equations only. It shares nothing with
 * src/model but the activation functions; the tests compare the kernel against it within rounding bounds.
 */
import type { Activation } from '../../src/activations/index.js';

export interface NaiveNet {
  d: number;
  L: number;
  M: number;
  sigma: Activation;
  a: number[];
  /** theta[l][m] = [u(d), w(d), b] */
  theta: number[][][];
}

export function naiveFromFlat(net: { d: number; L: number; M: number; activation: Activation; readout: Float64Array; theta: Float64Array }): NaiveNet {
  const k = 2 * net.d + 1;
  const theta: number[][][] = [];
  for (let l = 0; l < net.L; l++) {
    theta.push([]);
    for (let m = 0; m < net.M; m++) theta[l].push(Array.from(net.theta.subarray((l * net.M + m) * k, (l * net.M + m + 1) * k)));
  }
  return { d: net.d, L: net.L, M: net.M, sigma: net.activation, a: Array.from(net.readout), theta };
}

/** Loss, outputs and gradient (theta's nesting) of the naive network on rows xs with labels ys. */
export function naiveLossAndGradient(net: NaiveNet, xs: number[][], ys: number[]): { loss: number; outputs: number[]; grad: number[][][] } {
  const { d, L, M, sigma, a, theta } = net;
  const u = (l: number, m: number) => theta[l][m].slice(0, d);
  const w = (l: number, m: number) => theta[l][m].slice(d, 2 * d);
  const b = (l: number, m: number) => theta[l][m][2 * d];
  const dot = (p: number[], q: number[]) => p.reduce((acc, pj, j) => acc + pj * q[j], 0);
  const grad = theta.map((layer) => layer.map((neuron) => neuron.map(() => 0)));
  const outputs: number[] = [];
  let loss = 0;
  for (let i = 0; i < xs.length; i++) {
    const zs: number[][] = [xs[i].slice()];
    for (let l = 0; l < L; l++) {
      const next = zs[l].slice();
      for (let m = 0; m < M; m++) {
        const s = sigma.sigma(dot(w(l, m), zs[l]) + b(l, m));
        for (let j = 0; j < d; j++) next[j] += (u(l, m)[j] * s) / (M * L);
      }
      zs.push(next);
    }
    const out = dot(a, zs[L]);
    outputs.push(out);
    loss += 0.5 * (out - ys[i]) ** 2;
    let lambda = a.map((aj) => (out - ys[i]) * aj);
    for (let l = L - 1; l >= 0; l--) {
      const prev = lambda.slice();
      for (let m = 0; m < M; m++) {
        const r = dot(w(l, m), zs[l]) + b(l, m);
        const beta = sigma.dsigma(r) * dot(u(l, m), lambda);
        for (let j = 0; j < d; j++) {
          grad[l][m][j] += (sigma.sigma(r) * lambda[j]) / (M * L * xs.length);
          grad[l][m][d + j] += (beta * zs[l][j]) / (M * L * xs.length);
          prev[j] += (w(l, m)[j] * beta) / (M * L);
        }
        grad[l][m][2 * d] += beta / (M * L * xs.length);
      }
      lambda = prev;
    }
  }
  return { loss: loss / xs.length, outputs, grad };
}
