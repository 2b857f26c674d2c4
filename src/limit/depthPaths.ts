/**
 * Depth paths θ_m(t), t in [0, 1], for M neurons (theory.md §3), evaluable at any t, and their discretisation
 * into a discrete ResNet: layer l of depth L gets θ_{l,m} = θ_m(t_l), t_l = l/L.
 *
 * - `linear`:   θ_m(t) = a_m + t·c_m, exactly the draws of linearPathCoefficients (init/paths.ts), so
 *               discretize(linear, L) equals initNetwork({ init: 'linear' }) bit for bit. Lipschitz in t: the
 *               papers' limit-admissible case ([DCLW-b] Lemma G.1), depth error O(1/L).
 * - `brownian`: θ_m(t) = a_m + scale·B_m(t), B_m a standard Brownian motion in R^k sampled ONCE on the dyadic
 *               grid t_j = j/2^K, j = 0..2^K (K = BROWNIAN_LEVELS = 12, 4096 cells), and linearly interpolated
 *               between grid points. Every depth L ≤ 2^K therefore samples the same path. Unlike
 *               initNetwork({ init: 'brownian' }), whose walk is redrawn for each L, it does not depend on L.
 * - `lacunary`: θ_p(t) = a_p + c_p·W(t), a_p, c_p = scale·(independent standard Gaussians), with one shared
 *               Weierstrass-type lacunary series W(t) = Σ_{n<K} α_n cos(2π 2^n t), α_n = 2^{−n/2} and the last
 *               level carrying the tail, α_{K−1} = 2^{−(K−1)/2}/(1 − 2^{−1/2}); sampled on the same dyadic grid
 *               and interpolated (Hölder-1/2 at every t, not Lipschitz). At t_l = l/L with L = 2^q every
 *               frequency 2^n ≥ L aliases to the constant cos = 1 that the continuous path averages out: the
 *               depth error is then ≈ L^{−1/2}, the worst rate Hölder-1/2 paths allow. (Brownian paths do better: the errors of successive layers are
 *               martingale increments and cancel, so they too converge at rate 1/L; see
 *               proofs-notes/depth-rate.md.)
 *
 * Every kind is affine in t on each of `cells` equal cells of [0, 1] (1 for linear, 2^K otherwise): an ODE
 * solver whose steps are aligned with the cells sees a field that is smooth (C^∞ in t) within every step.
 */
import type { Activation } from '../activations/activation.js';
import type { Network } from '../model/network.js';
import { InvalidArgumentError } from '../errors.js';
import { gaussian, linearPathCoefficients, randomStream } from '../init/index.js';
import { integerInRange, oneOf, positiveNumber } from '../validate.js';

export const DEPTH_PATH_KINDS = ['linear', 'brownian', 'lacunary'] as const;
export type DepthPathKind = (typeof DEPTH_PATH_KINDS)[number];

/** K: the Brownian paths live on 2^K = 4096 dyadic cells of [0, 1]. */
export const BROWNIAN_LEVELS = 12;

/** M depth paths with the activation and readout of the network they define. */
export interface DepthPaths {
  readonly kind: DepthPathKind;
  /** State dimension d. */
  readonly d: number;
  /** Width M. */
  readonly M: number;
  readonly activation: Activation;
  /** Readout a, length d (g(z) = aᵀz). */
  readonly readout: Float64Array;
  /** The paths are affine in t on each of `cells` equal cells of [0, 1] (1: linear; 2^K: Brownian, lacunary). */
  readonly cells: number;
  /**
   * Writes θ_m(t) for m = 0..M−1 into `out` (length M·k, k = 2d+1, row-major (M, k), neuron layout (u, w, b)).
   * t in [0, 1] (not checked: trusted inside the library).
   */
  thetaAt(t: number, out: Float64Array): void;
}

export interface DepthPathOptions {
  kind: DepthPathKind;
  d: number;
  M: number;
  activation: Activation;
  /** Seed of the draws: linear uses randomStream(seed, 'init', 'linear') (as initNetwork), Brownian and lacunary randomStream(seed, 'depthPaths', kind). */
  seed: number;
  /** Standard deviation of a_m, c_m (linear), of a_m and B_m(1) (Brownian), of a_p and c_p (lacunary); default 1. */
  scale?: number;
  /** Readout a, length d; default (1, …, 1)/sqrt(d) as initNetwork. */
  readout?: Float64Array;
}

/**
 * Draws M depth paths.
 * @throws InvalidArgumentError for an unknown kind, d or M not positive integers, scale ≤ 0, readout of length ≠ d
 * @example const paths = depthPaths({ kind: 'linear', d: 2, M: 8, activation: tanh, seed: 1 })
 */
export function depthPaths(opts: DepthPathOptions): DepthPaths {
  const kind = oneOf('kind', opts.kind, DEPTH_PATH_KINDS);
  const d = integerInRange('d', opts.d, 1, 10_000);
  const M = integerInRange('M', opts.M, 1, 100_000);
  const scale = positiveNumber('scale', opts.scale ?? 1);
  const readout = opts.readout ?? new Float64Array(d).fill(1 / Math.sqrt(d));
  if (readout.length !== d) throw new InvalidArgumentError('readout', `length d = ${d}`, readout.length);
  const base = { kind, d, M, activation: opts.activation, readout: Float64Array.from(readout) };
  const P = M * (2 * d + 1);
  if (kind === 'linear') {
    const { a, c } = linearPathCoefficients({ d, M, seed: opts.seed, scale });
    return {
      ...base,
      cells: 1,
      // Same expression as initNetwork (a + t·c with t = l/L): bit-identical layers.
      thetaAt: (t, out) => {
        for (let p = 0; p < P; p++) out[p] = a[p] + t * c[p];
      },
    };
  }
  const cells = 2 ** BROWNIAN_LEVELS;
  const grid = kind === 'brownian' ? brownianGrid(P, cells, scale, opts.seed) : lacunaryGrid(P, cells, scale, opts.seed);
  return {
    ...base,
    cells,
    thetaAt: (t, out) => {
      const x = t * cells;
      const j = Math.min(cells - 1, Math.max(0, Math.floor(x)));
      const frac = x - j;
      const lo = j * P;
      const hi = lo + P;
      if (frac === 0) for (let p = 0; p < P; p++) out[p] = grid[lo + p];
      else for (let p = 0; p < P; p++) out[p] = grid[lo + p] + frac * (grid[hi + p] - grid[lo + p]);
    },
  };
}

/** grid[j·P + p] = θ_p(j/2^K): a_p at j = 0, then independent N(0, scale²/2^K) increments. */
function brownianGrid(P: number, cells: number, scale: number, seed: number): Float64Array {
  const rng = randomStream(seed, 'depthPaths', 'brownian');
  const grid = new Float64Array((cells + 1) * P);
  for (let p = 0; p < P; p++) grid[p] = scale * gaussian(rng);
  const step = scale * Math.sqrt(1 / cells);
  for (let j = 1; j <= cells; j++) {
    for (let p = 0; p < P; p++) grid[j * P + p] = grid[(j - 1) * P + p] + step * gaussian(rng);
  }
  return grid;
}

/** grid[j·P + p] = θ_p(j/2^K) of the lacunary series; the phase 2^n·j mod 2^K is an exact integer index. */
function lacunaryGrid(P: number, cells: number, scale: number, seed: number): Float64Array {
  const rng = randomStream(seed, 'depthPaths', 'lacunary');
  const levels = Math.log2(cells);
  const cos = Float64Array.from({ length: cells }, (_, q) => Math.cos((2 * Math.PI * q) / cells));
  // W(t_j) = Σ_{n<K} α_n cos(2π 2^n t_j), once for all neurons, with α_n = 2^{−n/2} and the highest frequency
  // carrying the whole tail, α_{K−1} = Σ_{n≥K−1} 2^{−n/2}: the aliased offset at L = 2^q ≤ 2^{K−1} is then exactly
  // Σ_{n≥q} 2^{−n/2} = 2^{−q/2}/(1 − 2^{−1/2}), a pure power of L.
  const amplitude = (n: number) => (n < levels - 1 ? 2 ** (-n / 2) : 2 ** (-n / 2) / (1 - Math.SQRT1_2));
  const W = new Float64Array(cells + 1);
  for (let j = 0; j <= cells; j++) {
    for (let n = 0; n < levels; n++) W[j] += amplitude(n) * cos[((2 ** n) * j) % cells];
  }
  const grid = new Float64Array((cells + 1) * P);
  for (let p = 0; p < P; p++) {
    const a = scale * gaussian(rng);
    const c = scale * gaussian(rng);
    for (let j = 0; j <= cells; j++) grid[j * P + p] = a + c * W[j];
  }
  return grid;
}

/**
 * The discrete ResNet of depth L on the paths: θ_{l,m} = θ_m(l/L), l = 0..L−1 (theory.md §3).
 * @returns Network with theta of length L·M·(2d+1), layout (L, M, k) as model/network.ts
 * @throws InvalidArgumentError when L is not an integer in [1, 10^7]
 */
export function discretize(paths: DepthPaths, L: number): Network {
  integerInRange('L', L, 1, 10_000_000);
  const P = paths.M * (2 * paths.d + 1);
  const theta = new Float64Array(L * P);
  for (let l = 0; l < L; l++) paths.thetaAt(l / L, theta.subarray(l * P, (l + 1) * P));
  return { d: paths.d, L, M: paths.M, activation: paths.activation, readout: Float64Array.from(paths.readout), theta };
}
