/**
 * The seeds of a `resnet-mf calibrate` run: `--seeds A..B` (or one seed S = S..S), and the share of them that
 * belongs to shard i of n.
 *
 * Shard i of n (1 ≤ i ≤ n, `--shard i/n`) takes seed k when ((k − A) mod n) + 1 = i: round-robin over the range,
 * so the shards get the same number of seeds within one and the split depends only on A, B and n.
 */
import { InvalidArgumentError } from '../errors.js';
import { integerInRange } from '../validate.js';
import type { ShardSpec } from '../check/shardPlan.js';

/** Seeds from..to, both included (0 ≤ from ≤ to ≤ MAX_SEED). */
export interface SeedRange {
  from: number;
  to: number;
}

/** The largest fast-check seed a command accepts (as `check --seed`). */
export const MAX_SEED = 2 ** 31 - 1;
/** The most seeds one calibration may name (each seed runs every selected claim: more would not finish anyway). */
export const MAX_SEEDS = 1_000_000;

/**
 * Parses `--seeds`: `A..B` with integers 0 ≤ A ≤ B ≤ MAX_SEED and at most MAX_SEEDS seeds, or one integer S.
 * @throws InvalidArgumentError naming --seeds for anything else (`x`, `5..2`, `1..`, `-1..3`, a range too long)
 * @example parseSeedRange('1..100') // { from: 1, to: 100 }
 */
export function parseSeedRange(raw: string): SeedRange {
  const expected = `A..B with integers 0 ≤ A ≤ B ≤ ${MAX_SEED} (e.g. 1..100), or one seed`;
  const m = /^\s*(\d{1,10})\s*(?:\.\.\s*(\d{1,10})\s*)?$/.exec(raw);
  if (!m) throw new InvalidArgumentError('--seeds', expected, raw);
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > MAX_SEED || to > MAX_SEED || from > to) throw new InvalidArgumentError('--seeds', expected, raw);
  integerInRange('--seeds (the number of seeds B − A + 1)', to - from + 1, 1, MAX_SEEDS);
  return { from, to };
}

/**
 * The seeds of `range` in increasing order, all of them or (with `shard`) those k with ((k − from) mod n) + 1 = i.
 * @example seedsOfShard({ from: 10, to: 15 }, { index: 2, count: 3 }) // [11, 14]
 */
export function seedsOfShard(range: SeedRange, shard: ShardSpec | null): number[] {
  const step = shard ? shard.count : 1;
  const seeds: number[] = [];
  for (let k = range.from + (shard ? shard.index - 1 : 0); k <= range.to; k += step) seeds.push(k);
  return seeds;
}

/** `A..B` (or `S` for a single seed), as the flag is written. */
export function seedRangeText(range: SeedRange): string {
  return range.from === range.to ? String(range.from) : `${range.from}..${range.to}`;
}
