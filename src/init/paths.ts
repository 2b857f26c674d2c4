/**
 * Depth-path initialisations (theory.md §3). Each neuron index m is a path θ_m(t), t in [0, 1], and layer
 * l gets θ_{l,m} = θ_m(t_l) with t_l = l/L.
 *
 * - `linear`:   θ_m(t) = a_m + t·c_m with a_m, c_m ~ N(0, scale² I_k) i.i.d. (Lipschitz paths: the
 *               limit-admissible case, depth error O(1/L)).
 * - `iid`:      θ_{l,m} ~ N(0, scale² I_k) independently for every layer (the [C25] regime: no path limit).
 * - `brownian`: θ_m(t) = a_m + scale·B_m(t) with B_m a standard Brownian motion in R^k sampled on the grid
 *               (rough paths: depth error ≈ L^{-1/2}).
 * All three have the same per-layer marginal scale at t = 0.
 */
import type { Activation } from '../activations/activation.js';
import type { Network } from '../model/network.js';
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { integerInRange, oneOf, positiveNumber } from '../validate.js';
import { gaussian, randomStream } from './random.js';

export const INIT_KINDS = ['linear', 'iid', 'brownian'] as const;
export type InitKind = (typeof INIT_KINDS)[number];

export interface InitOptions {
  /** State dimension d ≥ 1. */
  d: number;
  /** Depth L ≥ 1. */
  L: number;
  /** Width M ≥ 1. */
  M: number;
  activation: Activation;
  init: InitKind;
  /** Seed of the stream `randomStream(seed, 'init', init)`. */
  seed: number;
  /** Standard deviation of every component of a_m, c_m (or of the i.i.d. draws, or of B_m(1)); default 1. */
  scale?: number;
  /** Readout a (length d); default (1, …, 1)/sqrt(d), so |a| = 1. */
  readout?: Float64Array;
}

/**
 * The coefficients of the linear depth paths θ_m(t) = a_m + t·c_m drawn by initNetwork with init 'linear' and
 * the same seed and scale: the continuous-depth limit (src/limit) evaluates these paths at any t.
 * @returns a, c: Float64Array of length M·(2d+1), row-major (M, k), neuron layout (u, w, b)
 */
export function linearPathCoefficients(opts: { d: number; M: number; seed: number; scale?: number }): { a: Float64Array; c: Float64Array } {
  const k = 2 * opts.d + 1;
  const scale = opts.scale ?? 1;
  const rng = randomStream(opts.seed, 'init', 'linear');
  const a = new Float64Array(opts.M * k);
  const c = new Float64Array(opts.M * k);
  // Stryker disable next-line EqualityOperator: p = M·k draws from this function's own stream after the last coefficient and writes past the end of a and c, which JS drops
  for (let p = 0; p < opts.M * k; p++) {
    a[p] = scale * gaussian(rng);
    c[p] = scale * gaussian(rng);
  }
  return { a, c };
}

/** Largest L·M·(2d+1) accepted (4·10^8 doubles = 3.2 GB would not fit comfortably; cap at 5·10^7). */
export const MAX_PARAMETERS = 50_000_000;

/**
 * A network initialised along depth paths.
 * @returns Network with theta of length L·M·(2d+1), layout (L, M, k) (see model/network.ts).
 * @throws InvalidArgumentError for sizes that are not positive integers, an unknown init, scale ≤ 0, or
 *   more than MAX_PARAMETERS parameters; ShapeMismatchError when readout.length ≠ d.
 * @example initNetwork({ d: 2, L: 8, M: 16, activation: tanh, init: 'linear', seed: 1 })
 */
export function initNetwork(opts: InitOptions): Network {
  const d = integerInRange('d', opts.d, 1, 10_000);
  const L = integerInRange('L', opts.L, 1, 10_000_000);
  const M = integerInRange('M', opts.M, 1, 10_000_000);
  const init = oneOf('init', opts.init, INIT_KINDS);
  const scale = positiveNumber('scale', opts.scale ?? 1);
  const k = 2 * d + 1;
  if (L * M * k > MAX_PARAMETERS) {
    throw new InvalidArgumentError('L·M·(2d+1)', `at most ${MAX_PARAMETERS} parameters`, L * M * k);
  }
  const readout = opts.readout ?? new Float64Array(d).fill(1 / Math.sqrt(d));
  if (readout.length !== d) throw new ShapeMismatchError('readout', `length d = ${d}`, readout);

  if (init === 'linear') {
    const { a, c } = linearPathCoefficients({ d, M, seed: opts.seed, scale });
    const theta = new Float64Array(L * M * k);
    // Stryker disable next-line EqualityOperator: l = L writes past the end of theta, which JS drops
    for (let l = 0; l < L; l++) {
      // Stryker disable next-line EqualityOperator: p = M·k writes NaN to theta[(l+1)·M·k], which the next layer overwrites (or past the end at l = L − 1)
      for (let p = 0; p < M * k; p++) theta[l * M * k + p] = a[p] + (l / L) * c[p];
    }
    return { d, L, M, activation: opts.activation, readout: Float64Array.from(readout), theta };
  }
  const rng = randomStream(opts.seed, 'init', init);
  const theta = new Float64Array(L * M * k);
  const base = new Float64Array(k);
  for (let m = 0; m < M; m++) {
    for (let j = 0; j < k; j++) base[j] = scale * gaussian(rng);
    for (let l = 0; l < L; l++) {
      const off = (l * M + m) * k;
      for (let j = 0; j < k; j++) {
        if (init === 'iid') theta[off + j] = l === 0 ? base[j] : scale * gaussian(rng);
        else {
          theta[off + j] = base[j];
          base[j] += scale * Math.sqrt(1 / L) * gaussian(rng);
        }
      }
    }
  }
  return { d, L, M, activation: opts.activation, readout: Float64Array.from(readout), theta };
}
