/**
 * Isotonic (increasing) least-squares regression by pool-adjacent-violators, and the isotonic loss that
 * bounds a 1-D residual network from below (theory.md §5 "Topological obstruction", claim 19).
 *
 *   ĝ = argmin over nondecreasing g of Σ_i w_i (g(x_i) − y_i)²,
 *   isotonicLoss(x, y) = min over nondecreasing g of (1/N) Σ_i ½ (g(x_i) − y_i)².
 *
 * Convention: the ½ and the mean over samples are those of the network's loss E (theory.md §1, README
 * "Conventions"), so E ≥ isotonicLoss compares like with like. "Increasing" means nondecreasing; g is a
 * function of x, so samples with equal x share one fitted value (ties in x are pooled before PAV).
 *
 * PAV (Ayer et al. 1955; Barlow, Bartholomew, Bremner, Brunk 1972, §1.2): sort by x, start from the blocks of
 * equal x, and merge adjacent blocks while the left block's weighted mean exceeds the right one's; the fit is
 * each block's weighted mean. `isotonicRegression` runs it in float64 (weighted); `isotonicLossExact` runs it
 * on the exact rational values of the doubles (BigInt), so the pooling decisions and the loss are exact.
 */
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { doubleToBigIntFraction, nearestDoubleFromFraction } from '../numeric/exactDouble.js';
import { finiteNumber, positiveNumber } from '../validate.js';

type Values = ArrayLike<number>;

/** Checks x, y (and weights): equal lengths N ≥ 1, finite entries (weights > 0). */
function checkInputs(x: Values, y: Values, weights?: Values): number {
  const N = x.length;
  if (N < 1) throw new InvalidArgumentError('x', 'a non-empty array', x);
  if (y.length !== N) throw new ShapeMismatchError('y', `length N = ${N} (the length of x)`, y);
  if (weights !== undefined && weights.length !== N) throw new ShapeMismatchError('weights', `length N = ${N}`, weights);
  for (let i = 0; i < N; i++) {
    finiteNumber(`x[${i}]`, x[i]);
    finiteNumber(`y[${i}]`, y[i]);
    if (weights !== undefined) positiveNumber(`weights[${i}]`, weights[i]);
  }
  return N;
}

/** The indices 0..N−1 sorted by x (stable, so equal x keep their order). */
function sortedOrder(x: Values): number[] {
  return Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j] || i - j);
}

/** The runs of equal x in sorted order: start positions in `order`, plus N at the end. */
function tieRuns(x: Values, order: number[]): number[] {
  const starts = [0];
  for (let p = 1; p < order.length; p++) if (x[order[p]] !== x[order[p - 1]]) starts.push(p);
  starts.push(order.length);
  return starts;
}

/**
 * The least-squares nondecreasing fit of y against x (weighted), by pool-adjacent-violators in float64.
 *
 * @param x inputs, length N (any order; ties allowed)
 * @param y labels, length N
 * @param weights optional positive weights w_i, length N (default all 1)
 * @returns Float64Array of length N in the order of the inputs: ĝ(x_i), nondecreasing in x, constant on ties
 * @throws InvalidArgumentError (`x` empty, `weights[i]` ≤ 0), ShapeMismatchError (`y`, `weights` length),
 *   NonFiniteError (`x[i]`, `y[i]` not finite)
 * @example isotonicRegression([0, 1, 2], [1, 3, 2]) // → [1, 2.5, 2.5]
 */
export function isotonicRegression(x: Values, y: Values, weights?: Values): Float64Array {
  const N = checkInputs(x, y, weights);
  const order = sortedOrder(x);
  const runs = tieRuns(x, order);
  // The block stack: weighted sum Σ w y, total weight Σ w, and the first run index of each block.
  const sum: number[] = [];
  const weight: number[] = [];
  const first: number[] = [];
  for (let r = 0; r + 1 < runs.length; r++) {
    let s = 0;
    let w = 0;
    for (let p = runs[r]; p < runs[r + 1]; p++) {
      const wi = weights === undefined ? 1 : weights[order[p]];
      s += wi * y[order[p]];
      w += wi;
    }
    let f = r;
    // Merge while the previous block's mean exceeds this one's: s_prev/w_prev > s/w.
    while (sum.length > 0 && sum[sum.length - 1] / weight[weight.length - 1] > s / w) {
      s += sum.pop() as number;
      w += weight.pop() as number;
      f = first.pop() as number;
    }
    sum.push(s);
    weight.push(w);
    first.push(f);
  }
  const fit = new Float64Array(N);
  for (let b = 0; b < sum.length; b++) {
    const mean = sum[b] / weight[b];
    const end = b + 1 < first.length ? runs[first[b + 1]] : N;
    for (let p = runs[first[b]]; p < end; p++) fit[order[p]] = mean;
  }
  return fit;
}

/** An exact non-negative rational num/den (den > 0), in lowest terms. */
export interface ExactLoss {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let p = a < 0n ? -a : a;
  let q = b < 0n ? -b : b;
  while (q !== 0n) [p, q] = [q, p % q];
  return p;
}

/**
 * The isotonic loss as an exact rational: PAV with unit weights on the exact values of the doubles y_i
 * (scaled to integers Y_i = y_i·D by a common power of two D), pooling decisions by exact cross-multiplied
 * comparisons S_a n_b > S_b n_a, and the loss (1/(2 N D²)) Σ_blocks (Σ Y² − S²/n).
 *
 * @param x inputs, length N (ties pooled); @param y labels, length N
 * @returns { num, den } with isotonicLoss = num/den exactly, in lowest terms
 * @throws as isotonicRegression
 * @example isotonicLossExact([0, 1, 2], [1, 3, 2]) // → { num: 1n, den: 12n }: ½·(½² + ½²)/3
 */
export function isotonicLossExact(x: Values, y: Values): ExactLoss {
  const N = checkInputs(x, y);
  const order = sortedOrder(x);
  const runs = tieRuns(x, order);
  const fractions = Array.from(y, (v) => doubleToBigIntFraction(v));
  let D = 1n;
  for (const f of fractions) if (f.den > D) D = f.den; // every den is a power of two, so the largest is a common multiple
  const Y = fractions.map((f) => f.num * (D / f.den));
  const sum: bigint[] = [];
  const sumSq: bigint[] = [];
  const count: bigint[] = [];
  for (let r = 0; r + 1 < runs.length; r++) {
    let s = 0n;
    let q = 0n;
    for (let p = runs[r]; p < runs[r + 1]; p++) {
      const v = Y[order[p]];
      s += v;
      q += v * v;
    }
    let n = BigInt(runs[r + 1] - runs[r]);
    while (sum.length > 0 && sum[sum.length - 1] * n > s * count[count.length - 1]) {
      s += sum.pop() as bigint;
      q += sumSq.pop() as bigint;
      n += count.pop() as bigint;
    }
    sum.push(s);
    sumSq.push(q);
    count.push(n);
  }
  // Σ_B (Q_B − S_B²/n_B) = Σ_B (n_B Q_B − S_B²)/n_B, accumulated as one fraction num/den.
  let num = 0n;
  let den = 1n;
  for (let b = 0; b < sum.length; b++) {
    const bn = count[b] * sumSq[b] - sum[b] * sum[b];
    num = num * count[b] + bn * den;
    den *= count[b];
    const g = gcd(num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
  }
  den *= 2n * BigInt(N) * D * D;
  const g = gcd(num, den);
  return g > 1n ? { num: num / g, den: den / g } : { num, den };
}

/**
 * The isotonic loss min over nondecreasing g of (1/N) Σ_i ½ (g(x_i) − y_i)², as the double nearest to its
 * exact value (isotonicLossExact): relative error ≤ u = 2^-53. The antitone loss (min over nonincreasing g)
 * is isotonicLoss(x, −y).
 *
 * @param x inputs, length N (ties pooled); @param y labels, length N
 * @throws as isotonicRegression
 * @example isotonicLoss([0, 1, 2], [1, 3, 2]) // → 1/12
 */
export function isotonicLoss(x: Values, y: Values): number {
  const { num, den } = isotonicLossExact(x, y);
  return nearestDoubleFromFraction(num, den);
}
