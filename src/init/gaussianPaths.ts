/**
 * Gaussian linear depth paths whose law at every depth t is the Gaussian of the analytic mean-field
 * reference (theory.md §4, last paragraph; src/limit/meanFieldGaussian.ts):
 *
 *   θ_m(t) = a_m + t·c_m,   a_m ~ N(μ⁰, diag(s⁰)²),  c_m ~ N(μ¹, diag(s¹)²),  all components independent,
 *
 * so that at each t the neuron θ = (u, w, b) has independent components with
 *
 *   u ~ N(ū(t), s_u(t)² I_d),  ū(t) = μ⁰_u + t μ¹_u,  s_u(t)² = (s⁰_u)² + t² (s¹_u)²,
 *   w ~ N(0, s_w(t)² I_d),     s_w(t)² = (s⁰_w)² + t² (s¹_w)²,
 *   b ~ N(0, s_b(t)²),          s_b(t)² = (s⁰_b)² + t² (s¹_b)²,
 *
 * (a sum of independent Gaussians is Gaussian; u(t) depends only on (a_u, c_u), so it is independent of
 * (w(t), b(t))). ū must be non-zero, or the mean-field ODE is dz/dt = 0. Constant paths: s¹ = 0, μ¹_u = 0.
 *
 * Two networks sample this law with seeded streams:
 * - `gaussianPathNetwork`: θ_{l,m} = θ_m(t_l), t_l = l/L (the papers' path initialisation, theory.md §3);
 * - `gaussianIidNetwork`: θ_{l,m} drawn independently for every (l, m) from the law at t_l, i.e. the same
 *   per-layer marginals with no correlation across layers (the [C25] regime).
 * Neurons are drawn one after another from one stream, so the first M paths of a draw of M' ≥ M paths are
 * the draw of M paths (nested widths; a width ladder then shares its neurons).
 */
import type { Activation } from '../activations/activation.js';
import { gaussian as gaussianBump } from '../activations/gaussian.js';
import type { Network } from '../model/network.js';
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { finiteNumber, integerInRange } from '../validate.js';
import { gaussian, randomStream } from './random.js';

/** The law of the paths: means and standard deviations of a_m (superscript 0) and c_m (superscript 1). */
export interface GaussianPathLaw {
  /** State dimension d ≥ 1. */
  d: number;
  /** μ⁰_u and μ¹_u: ū(t) = uMean0 + t·uMean1, each of length d. */
  uMean0: Float64Array;
  uMean1: Float64Array;
  /** Standard deviations (≥ 0) of every component of u, w, b in a_m (…0) and in c_m (…1). */
  uStd0: number;
  uStd1: number;
  wStd0: number;
  wStd1: number;
  bStd0: number;
  bStd1: number;
}

/** Means and standard deviations of the k = 2d+1 components of a_m and c_m, neuron layout (u, w, b). */
function moments(law: GaussianPathLaw): { mean0: Float64Array; std0: Float64Array; mean1: Float64Array; std1: Float64Array } {
  const d = integerInRange('law.d', law.d, 1, 10_000);
  if (law.uMean0.length !== d) throw new ShapeMismatchError('law.uMean0', `length d = ${d}`, law.uMean0);
  if (law.uMean1.length !== d) throw new ShapeMismatchError('law.uMean1', `length d = ${d}`, law.uMean1);
  const k = 2 * d + 1;
  const [mean0, std0, mean1, std1] = [0, 0, 0, 0].map(() => new Float64Array(k));
  const nonNegative = (field: string, v: number): number => {
    finiteNumber(field, v);
    if (v < 0) throw new InvalidArgumentError(field, 'a standard deviation ≥ 0', v);
    return v;
  };
  // Stryker disable next-line EqualityOperator: j = k would only re-validate law.bStd0/bStd1 (already checked at j = k − 1) and write past the end of the Float64Arrays, which JS drops
  for (let j = 0; j < k; j++) {
    const part = (j < d ? 'u' : j < 2 * d ? 'w' : 'b') as 'u' | 'w' | 'b';
    std0[j] = nonNegative(`law.${part}Std0`, law[`${part}Std0`]);
    std1[j] = nonNegative(`law.${part}Std1`, law[`${part}Std1`]);
    if (j < d) {
      mean0[j] = finiteNumber(`law.uMean0[${j}]`, law.uMean0[j]);
      mean1[j] = finiteNumber(`law.uMean1[${j}]`, law.uMean1[j]);
    }
  }
  return { mean0, std0, mean1, std1 };
}

/**
 * The coefficients of M paths θ_m(t) = a_m + t·c_m drawn from `law` with `randomStream(seed, 'init',
 * 'gaussian-paths')`, neuron after neuron (nested in M).
 * @returns a, c: Float64Array of length M·(2d+1), row-major (M, k), neuron layout (u, w, b) — the
 *   LinearPaths of src/limit/depthField.ts
 * @throws InvalidArgumentError / ShapeMismatchError for a malformed law, M or seed
 */
export function gaussianPathCoefficients(law: GaussianPathLaw, M: number, seed: number): { a: Float64Array; c: Float64Array } {
  integerInRange('M', M, 1, 10_000_000);
  const { mean0, std0, mean1, std1 } = moments(law);
  const k = mean0.length;
  const rng = randomStream(seed, 'init', 'gaussian-paths');
  const a = new Float64Array(M * k);
  const c = new Float64Array(M * k);
  // Stryker disable next-line EqualityOperator: m = M would draw from this function's own stream and write past the end of a and c, which JS drops; nothing reads the stream afterwards
  for (let m = 0; m < M; m++) {
    for (let j = 0; j < k; j++) {
      a[m * k + j] = mean0[j] + std0[j] * gaussian(rng);
      c[m * k + j] = mean1[j] + std1[j] * gaussian(rng);
    }
  }
  return { a, c };
}

export interface GaussianNetworkOptions {
  /** Depth L ≥ 1 and width M ≥ 1. */
  L: number;
  M: number;
  seed: number;
  /** Default: the Gaussian bump σ(r) = exp(−r²/2), the activation of the analytic reference. */
  activation?: Activation;
  /** Readout a (length d); default (1, …, 1)/sqrt(d). */
  readout?: Float64Array;
}

function network(law: GaussianPathLaw, opts: GaussianNetworkOptions, theta: Float64Array): Network {
  const d = law.d;
  const readout = opts.readout ?? new Float64Array(d).fill(1 / Math.sqrt(d));
  if (readout.length !== d) throw new ShapeMismatchError('readout', `length d = ${d}`, readout);
  return { d, L: opts.L, M: opts.M, activation: opts.activation ?? gaussianBump, readout: Float64Array.from(readout), theta };
}

/**
 * The discrete network on the paths: θ_{l,m} = a_m + (l/L)·c_m with (a, c) = gaussianPathCoefficients(law, M, seed).
 * @returns Network, theta of length L·M·(2d+1), layout (L, M, k)
 */
export function gaussianPathNetwork(law: GaussianPathLaw, opts: GaussianNetworkOptions): Network {
  const L = integerInRange('L', opts.L, 1, 10_000_000);
  const { a, c } = gaussianPathCoefficients(law, opts.M, opts.seed);
  const mk = a.length;
  const theta = new Float64Array(L * mk);
  // Stryker disable next-line EqualityOperator: l = L writes past the end of theta (dropped); p = mk writes NaN to theta[(l+1)·mk], which the next layer overwrites (or past the end at l = L − 1)
  for (let l = 0; l < L; l++) for (let p = 0; p < mk; p++) theta[l * mk + p] = a[p] + (l / L) * c[p];
  return network(law, opts, theta);
}

/**
 * The i.i.d.-across-layers network with the same per-layer marginals: θ_{l,m,j} = mean_j(t_l) + std_j(t_l)·g
 * with mean(t) = μ⁰ + tμ¹, std(t)² = (s⁰)² + t²(s¹)², g ~ N(0, 1) from `randomStream(seed, 'init', 'gaussian-iid')`,
 * drawn neuron after neuron and layer after layer (layer-major).
 */
export function gaussianIidNetwork(law: GaussianPathLaw, opts: GaussianNetworkOptions): Network {
  const L = integerInRange('L', opts.L, 1, 10_000_000);
  const M = integerInRange('M', opts.M, 1, 10_000_000);
  const { mean0, std0, mean1, std1 } = moments(law);
  const k = mean0.length;
  const rng = randomStream(opts.seed, 'init', 'gaussian-iid');
  const theta = new Float64Array(L * M * k);
  // Stryker disable next-line EqualityOperator: l = L draws from this function's own stream after the last layer and writes past the end of theta, which JS drops
  for (let l = 0; l < L; l++) {
    const t = l / L;
    for (let m = 0; m < M; m++) {
      for (let j = 0; j < k; j++) {
        const std = Math.sqrt(std0[j] * std0[j] + t * t * std1[j] * std1[j]);
        theta[(l * M + m) * k + j] = mean0[j] + t * mean1[j] + std * gaussian(rng);
      }
    }
  }
  return network(law, opts, theta);
}
