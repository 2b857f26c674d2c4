/**
 * Seeded random streams. Every random draw in resnet-mf comes from one of these; nothing calls Math.random.
 *
 * A stream is named by a seed and a path of labels (`randomStream(7, 'init', 'a')`), so that independent
 * parts of a run draw from independent streams and adding a draw in one part never shifts another. The
 * generator is seedrandom's Alea with 53-bit doubles: the same seed and path give the same bits on every run.
 */
import seedrandom from 'seedrandom';
import { integerInRange } from '../validate.js';

/** A source of uniform doubles in [0, 1) with 53 random bits. */
export interface RandomStream {
  /** Uniform in [0, 1); may return exactly 0. */
  uniform(): number;
}

/**
 * The stream for `seed` and a path of labels.
 * @param seed integer in [0, 2^53 − 1]
 * @throws InvalidArgumentError when the seed is not such an integer.
 * @example randomStream(1, 'data', 'ball').uniform()
 */
export function randomStream(seed: number, ...path: string[]): RandomStream {
  integerInRange('seed', seed, 0, Number.MAX_SAFE_INTEGER);
  const prng = seedrandom.alea([String(seed), ...path].join('/'));
  return { uniform: () => prng.double() };
}

/**
 * One standard normal draw by Box–Muller from two uniforms in [0, 1).
 *
 * The radius uses log1p(−u1) = ln(1 − u1) with 1 − u1 in (0, 1], so a uniform of exactly 0 gives +0, never log(0): the result is
 * always finite, |z| ≤ sqrt(−2 ln 2^−53) ≈ 8.57.
 */
export function gaussianFromUniforms(u1: number, u2: number): number {
  const radius = Math.sqrt(-2 * Math.log1p(-u1));
  return radius * Math.cos(2 * Math.PI * u2);
}

/** A standard normal draw N(0, 1) from `rng` (two uniforms per draw). Never ±Infinity or NaN. */
export function gaussian(rng: RandomStream): number {
  return gaussianFromUniforms(rng.uniform(), rng.uniform());
}

/** Uniform in [lo, hi). */
export function uniformIn(rng: RandomStream, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.uniform();
}
