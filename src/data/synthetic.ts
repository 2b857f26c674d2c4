/**
 * Synthetic data sets (theory.md §1: the empirical data measure (1/N) Σ_i δ_{(x_i, y_i)}).
 *
 * Each set is a pure function of its options and seed: every draw comes from
 * `randomStream(seed, 'data', <name>, …)`, so the same seed gives the same bits and the data streams never
 * overlap the initialisation streams (`'init', …`).
 */
import type { Activation } from '../activations/activation.js';
import { makeActivation } from '../activations/index.js';
import { InvalidArgumentError } from '../errors.js';
import { initNetwork } from '../init/paths.js';
import { gaussian, randomStream, type RandomStream } from '../init/random.js';
import { predict } from '../model/forward.js';
import type { Network } from '../model/network.js';
import { integerInRange } from '../validate.js';
import type { Dataset } from './dataset.js';

/** Largest input dimension d accepted by the generators. */
export const MAX_DATA_D = 10_000;
/** Largest sample count N accepted by the generators. */
export const MAX_DATA_N = 1_000_000;
/** Largest N·d (number of input coordinates) accepted by the generators. */
export const MAX_DATA_ENTRIES = 10_000_000;

/** Options of `ball`. */
export interface BallOptions {
  /** Input dimension d in [1, 10^4]. */
  d: number;
  /** Sample count N in [1, 10^6], with N·d ≤ 10^7. */
  N: number;
  /** Seed, an integer ≥ 0. */
  seed: number;
}

/** Options of `teacher`: those of `ball` plus the teacher's architecture. */
export interface TeacherOptions extends BallOptions {
  /** Teacher depth, default 4, in [1, 1000]. */
  L?: number;
  /** Teacher width, default 8, in [1, 1000]. */
  M?: number;
  /** Teacher activation, default tanh. */
  activation?: Activation;
}

/** Options of `nonmonotone1d` (d = 1 always). */
export interface NonmonotoneOptions {
  /** Sample count N in [3, 10^6] (three points are the fewest that can be non-monotone). */
  N: number;
  seed: number;
}

/**
 * Validates (d, N) for a generator and returns them.
 * @throws InvalidArgumentError naming `d` or `N` when either is not an integer in range or N·d > 10^7.
 * @example checkSizes(2, 100) // → { d: 2, N: 100 }
 */
export function checkSizes(d: unknown, N: unknown, minN = 1): { d: number; N: number } {
  const dd = integerInRange('d', d, 1, MAX_DATA_D);
  const NN = integerInRange('N', N, minN, Math.min(MAX_DATA_N, Math.floor(MAX_DATA_ENTRIES / dd)));
  return { d: dd, N: NN };
}

function checkOptions(opts: unknown): Record<string, unknown> {
  if (typeof opts !== 'object' || opts === null) throw new InvalidArgumentError('options', 'an object', opts);
  return opts as Record<string, unknown>;
}

/**
 * The fixed smooth target of `ball`: y = sin(π x_1)·cos(x_2) for d ≥ 2 and y = sin(π x_1) for d = 1
 * (later coordinates are ignored). Bounded by 1, C^∞, and non-monotone in x_1, so it needs d ≥ 2 to be
 * fitted exactly by a residual network (theory.md §5).
 * @param x Float64Array, length N·d, row-major (N, d); i the row.
 * @example smoothTarget(Float64Array.of(0.5, 0), 2, 0) // → 1
 */
export function smoothTarget(x: Float64Array, d: number, i: number): number {
  const s = Math.sin(Math.PI * x[i * d]);
  return d === 1 ? s : s * Math.cos(x[i * d + 1]);
}

/** Σ_j x_ij² in the order j = 0..d−1. */
function rowNorm2(x: Float64Array, d: number, i: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += x[i * d + j] * x[i * d + j];
  return s;
}

/**
 * N points uniform in the closed unit ball of R^d: direction g/|g| with g ~ N(0, I_d), radius U^{1/d}.
 * Rounding cannot push a point outside: a row whose computed Σ_j x_ij² exceeds 1 is shrunk by 2^−40
 * relative until it does not (a negligible distortion).
 * @returns Float64Array, length N·d, row-major (N, d).
 */
export function uniformBall(rng: RandomStream, d: number, N: number): Float64Array {
  const x = new Float64Array(N * d);
  for (let i = 0; i < N; i++) {
    let n2 = 0;
    while (!(n2 > 0)) {
      n2 = 0;
      for (let j = 0; j < d; j++) {
        x[i * d + j] = gaussian(rng);
        n2 += x[i * d + j] * x[i * d + j];
      }
    }
    const r = Math.pow(rng.uniform(), 1 / d) / Math.sqrt(n2);
    for (let j = 0; j < d; j++) x[i * d + j] *= r;
    while (rowNorm2(x, d, i) > 1) for (let j = 0; j < d; j++) x[i * d + j] *= 1 - 2 ** -40;
  }
  return x;
}

/**
 * Points uniform in the unit ball, labelled by the smooth target `smoothTarget`.
 * Stream: `randomStream(seed, 'data', 'ball')`.
 * @returns Dataset named `ball` with x of length N·d, row-major (N, d), |x_i| ≤ 1, and y of length N.
 * @throws InvalidArgumentError naming `d`, `N` or `seed` when out of range (d ≤ 10^4, N ≤ 10^6, N·d ≤ 10^7).
 * @example ball({ d: 2, N: 64, seed: 1 }).y.length // → 64
 */
export function ball(opts: BallOptions): Dataset {
  const o = checkOptions(opts);
  const { d, N } = checkSizes(o.d, o.N);
  const x = uniformBall(randomStream(o.seed as number, 'data', 'ball'), d, N);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) y[i] = smoothTarget(x, d, i);
  return { name: 'ball', d, N, x, y };
}

/**
 * The random teacher of `teacher`: initNetwork with linear paths, scale 1 and the default readout
 * (1, …, 1)/sqrt(d), seeded by an integer drawn from `randomStream(seed, 'data', 'teacher', 'net')`; the
 * derived seed keeps the teacher distinct from a student initialised with the same `seed`.
 * @throws InvalidArgumentError naming `d`, `L`, `M` or `seed` when out of range.
 * @example teacherNetwork({ d: 2, seed: 3 }).L // → 4
 */
export function teacherNetwork(opts: Omit<TeacherOptions, 'N'>): Network {
  const o = checkOptions(opts);
  const d = integerInRange('d', o.d, 1, MAX_DATA_D);
  const L = integerInRange('L', o.L ?? 4, 1, 1000);
  const M = integerInRange('M', o.M ?? 8, 1, 1000);
  const activation = (o.activation as Activation | undefined) ?? makeActivation({ name: 'tanh' });
  const netSeed = Math.floor(randomStream(o.seed as number, 'data', 'teacher', 'net').uniform() * 2 ** 53);
  return initNetwork({ d, L, M, activation, init: 'linear', seed: netSeed, scale: 1 });
}

/**
 * A realisable regression task: x uniform in the unit ball (stream `randomStream(seed, 'data', 'teacher',
 * 'x')`), y_i = g(z_L(x_i)) of `teacherNetwork(opts)`. A student with the teacher's d, L, M, activation and
 * readout reaches zero loss exactly at the teacher's parameters.
 * @returns Dataset named `teacher`: x length N·d, row-major (N, d); y length N.
 * @throws InvalidArgumentError naming `d`, `N`, `L`, `M` or `seed` when out of range.
 * @example teacher({ d: 2, N: 32, seed: 1, L: 4, M: 8 })
 */
export function teacher(opts: TeacherOptions): Dataset {
  const o = checkOptions(opts);
  const { d, N } = checkSizes(o.d, o.N);
  const net = teacherNetwork(opts);
  const x = uniformBall(randomStream(o.seed as number, 'data', 'teacher', 'x'), d, N);
  return { name: 'teacher', d, N, x, y: predict(net, x, N) };
}

/**
 * The bump y = 1 − 2x² on [−1, 1] (d = 1): labels that no increasing map can fit. A residual network in
 * d = 1 is (in the continuous-depth limit, and for small steps) an increasing map f of x followed by the
 * linear readout a·f(x), hence monotone in x; the bump rises then falls, so the loss stays above the
 * isotonic-regression loss (theory.md §5 "Topological obstruction", claim 19).
 *
 * x is a jittered grid, x_i = −1 + 2(i + U_i)/N with U_i uniform in [0, 1) from
 * `randomStream(seed, 'data', 'nonmonotone1d')`: sorted, seed-dependent, one point per cell. For N ≥ 3 the
 * first and last points lie farther from 0 than the middle one (i = ⌊N/2⌋), so y is provably non-monotone.
 * @returns Dataset named `nonmonotone1d`, d = 1, x and y of length N, x increasing.
 * @throws InvalidArgumentError naming `N` (integer in [3, 10^6]) or `seed`.
 * @example nonmonotone1d({ N: 50, seed: 0 }).d // → 1
 */
export function nonmonotone1d(opts: NonmonotoneOptions): Dataset {
  const o = checkOptions(opts);
  const { N } = checkSizes(1, o.N, 3);
  const rng = randomStream(o.seed as number, 'data', 'nonmonotone1d');
  const x = new Float64Array(N);
  const y = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    x[i] = -1 + (2 * (i + rng.uniform())) / N;
    y[i] = 1 - 2 * x[i] * x[i];
  }
  return { name: 'nonmonotone1d', d: 1, N, x, y };
}
