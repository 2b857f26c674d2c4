/**
 * The scenario space a conjectured bound is attacked over: every scenario is plain JSON (sizes, activation,
 * initialisation, data, training time step and number of steps, seed, and the ε, η a conjecture quantifies over),
 * and a space is a box of ranges and sets from which the fast-check arbitrary draws and within which the targeted
 * search moves.
 *
 * Sizes are drawn log-uniformly (a fine grid of 512 points per octave, rounded down: every integer of the range is
 * reachable, so a scenario found by the targeted search can be handed to fast-check as an example and shrunk);
 * positive reals (Δs, scale, yScale, δ, ε, η) on the grid 2^(k/4), four points per octave. Shrinking moves sizes and
 * reals to the low end of their range, sets to their first element and the seed to 0 (so a shrunk counterexample
 * is the smallest Δs, L, M, … that still violates, as far as fast-check's greedy shrinking finds).
 *
 * Cost: one evaluation costs about 15–25 ns per work unit on one core (measured), with
 *   cost(s) = (2d+1)·M·[ (1 + 2·REF_FACTOR)·L·((steps+1)·N + INIT_UNITS) + DEPTH_UNITS·N ]
 * work units: the GD of the subject and of the 2 reference networks of width REF_FACTOR·M (one unit per
 * parameter, sample and step; INIT_UNITS per parameter for the Gaussian draws of the initialisation), and the RK4
 * depth reference. A space caps it at maxCost (default 2^21: ≤ about 50 ms on one core; typical draws 1–10 ms).
 */
import fc from 'fast-check';
import { ACTIVATION_NAMES, type ActivationName } from '../activations/index.js';
import { InvalidArgumentError } from '../errors.js';
import { finiteNumber, integerInRange, oneOf } from '../validate.js';

/** Initialisations: linear (Lipschitz) depth paths, the theory's case, or i.i.d. layers ([C25]). */
export const FALSIFY_INITS = ['linear', 'iid'] as const;
export type FalsifyInit = (typeof FALSIFY_INITS)[number];
/** Data sets: ball (smooth target), teacher (realisable), nonmonotone1d (d = 1 bump, forces d = 1, N ≥ 3). */
export const FALSIFY_DATASETS = ['ball', 'teacher', 'nonmonotone1d'] as const;
export type FalsifyDataset = (typeof FALSIFY_DATASETS)[number];
/** Activations: all but cubic (it blows up doubly exponentially at ordinary scales). */
export const FALSIFY_ACTIVATIONS: readonly ActivationName[] = ACTIVATION_NAMES.filter((a) => a !== 'cubic');

/** One scenario, plain JSON; s = steps·dt. Every random draw comes from `seed` (src/init randomStream). */
export interface FalsifyScenario {
  /** State dimension d (ignored, = 1, for nonmonotone1d). */
  d: number;
  /** Samples N (at least 3 for nonmonotone1d). */
  N: number;
  /** Depth L. */
  L: number;
  /** Width M. */
  M: number;
  activation: ActivationName;
  /** δ of the regularised ReLU (ignored by the other activations). */
  delta: number;
  init: FalsifyInit;
  /** Standard deviation of the path coefficients (linear) or of the i.i.d. draws. */
  scale: number;
  dataset: FalsifyDataset;
  /** Labels are multiplied by yScale (the target's amplitude). */
  yScale: number;
  /** Training-time step Δs; learning rate h = M L Δs. */
  dt: number;
  /** Number of GD steps; training time s = steps·Δs. */
  steps: number;
  seed: number;
  /** Target accuracy ε a conjecture quantifies over (not used by the measurement). */
  eps: number;
  /** Failure probability η a conjecture quantifies over (not used by the measurement). */
  eta: number;
}

export type IntegerField = 'd' | 'N' | 'L' | 'M' | 'steps';
export type RealField = 'delta' | 'scale' | 'yScale' | 'dt' | 'eps' | 'eta';
export const INTEGER_FIELDS: readonly IntegerField[] = ['d', 'N', 'L', 'M', 'steps'];
export const REAL_FIELDS: readonly RealField[] = ['delta', 'scale', 'yScale', 'dt', 'eps', 'eta'];
/** Integers drawn and moved on a log scale (the others uniformly, ±1). */
export const LOG_INTEGERS: ReadonlySet<IntegerField> = new Set(['N', 'L', 'M', 'steps']);

/** A box: [min, max] per integer and real field, allowed sets, and the cost cap. */
export interface ScenarioSpace {
  ints: Readonly<Record<IntegerField, readonly [number, number]>>;
  reals: Readonly<Record<RealField, readonly [number, number]>>;
  activations: readonly ActivationName[];
  inits: readonly FalsifyInit[];
  datasets: readonly FalsifyDataset[];
  maxCost: number;
}

/** A partial space: what a conjecture restricts. */
export interface SpaceRestriction {
  ints?: Partial<Record<IntegerField, readonly [number, number]>>;
  reals?: Partial<Record<RealField, readonly [number, number]>>;
  activations?: readonly ActivationName[];
  inits?: readonly FalsifyInit[];
  datasets?: readonly FalsifyDataset[];
  maxCost?: number;
}

/** Width of the two reference networks relative to M (E_ref, quantities.ts). */
export const REF_FACTOR = 4;
/** Work units per parameter of drawing the initialisation (two Alea uniforms and a Box–Muller per Gaussian). */
export const INIT_UNITS = 4;
/** Work units per (2d+1)·N·M of the RK4 depth reference (about 64 steps × 4 stages × 2 grids). */
export const DEPTH_UNITS = 512;
/** Hard limits of every space. */
export const LIMITS = { d: 4, N: 16, L: 256, M: 256, steps: 64 } as const;

export const DEFAULT_SPACE: ScenarioSpace = {
  ints: { d: [1, 4], N: [1, 16], L: [1, 256], M: [1, 256], steps: [0, 64] },
  reals: { delta: [0.125, 1], scale: [0.25, 4], yScale: [0.25, 4], dt: [2 ** -6, 4], eps: [2 ** -10, 1], eta: [2 ** -10, 0.5] },
  activations: FALSIFY_ACTIVATIONS,
  inits: FALSIFY_INITS,
  datasets: FALSIFY_DATASETS,
  maxCost: 2 ** 21,
};

/** The effective (d, N) of a scenario: nonmonotone1d forces d = 1 and N ≥ 3. */
export function effectiveSizes(s: FalsifyScenario): { d: number; N: number } {
  return s.dataset === 'nonmonotone1d' ? { d: 1, N: Math.max(3, s.N) } : { d: s.d, N: s.N };
}

/** Work units of one evaluation (see the file comment). */
export function scenarioCost(s: FalsifyScenario): number {
  const { d, N } = effectiveSizes(s);
  return (2 * d + 1) * s.M * ((1 + 2 * REF_FACTOR) * s.L * ((s.steps + 1) * N + INIT_UNITS) + DEPTH_UNITS * N);
}

/** DEFAULT_SPACE narrowed by `r` (a restriction may only narrow: ranges are intersected, sets filtered). */
export function restrictSpace(r: SpaceRestriction = {}, base: ScenarioSpace = DEFAULT_SPACE): ScenarioSpace {
  const ints = { ...base.ints };
  for (const f of INTEGER_FIELDS) if (r.ints?.[f]) ints[f] = intersect(f, base.ints[f], r.ints[f]);
  const reals = { ...base.reals };
  for (const f of REAL_FIELDS) if (r.reals?.[f]) reals[f] = intersect(f, base.reals[f], r.reals[f]);
  const subset = <T extends string>(field: string, all: readonly T[], want?: readonly T[]): readonly T[] => {
    if (!want) return all;
    const kept = all.filter((x) => want.includes(x));
    if (kept.length === 0) throw new InvalidArgumentError(field, `a non-empty subset of ${all.join(', ')}`, want);
    return kept;
  };
  return {
    ints,
    reals,
    activations: subset('activations', base.activations, r.activations),
    inits: subset('inits', base.inits, r.inits),
    datasets: subset('datasets', base.datasets, r.datasets),
    maxCost: Math.min(base.maxCost, r.maxCost ?? Infinity),
  };
}

function intersect(field: string, a: readonly [number, number], b: readonly [number, number]): readonly [number, number] {
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  if (!(lo <= hi)) throw new InvalidArgumentError(field, `a range meeting [${a[0]}, ${a[1]}]`, b);
  return [lo, hi];
}

/** 2^(k/4): the grid of positive reals. */
export function gridValue(k: number): number {
  return 2 ** (k / 4);
}

/** The grid index k of v = 2^(k/4), or NaN when v is not on the grid. */
export function gridIndex(v: number): number {
  if (!(v > 0)) return NaN;
  const k = Math.round(4 * Math.log2(v));
  return gridValue(k) === v ? k : NaN;
}

/** Number of log grid points per octave for sizes. */
const PER_OCTAVE = 512;

/** The integer of log-grid point u in [lo, hi]: floor((lo + 1)·2^(u/512)) − 1 (so lo = 0 is allowed), capped at hi. */
export function logIntegerAt(u: number, lo: number, hi: number): number {
  return Math.min(hi, Math.floor((lo + 1) * 2 ** (u / PER_OCTAVE)) - 1);
}

/** A log-uniform integer in [lo, hi]; every integer is reachable and unmappable (so examples shrink). */
export function logInteger(lo: number, hi: number): fc.Arbitrary<number> {
  const U = Math.ceil(PER_OCTAVE * Math.log2((hi + 1) / (lo + 1)));
  return fc.integer({ min: 0, max: U }).map(
    (u) => logIntegerAt(u, lo, hi),
    (v) => {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) throw new Error(`not an integer in [${lo}, ${hi}]`);
      let u = Math.max(0, Math.floor(PER_OCTAVE * Math.log2((v + 1) / (lo + 1))) - 2);
      while (u <= U && logIntegerAt(u, lo, hi) < v) u++;
      if (u > U || logIntegerAt(u, lo, hi) !== v) throw new Error(`integer ${v} not on the grid`);
      return u;
    },
  );
}

/** The grid indices [kLo, kHi] of the reals 2^(k/4) within [lo, hi] (rounded inwards). */
export function gridRange(lo: number, hi: number): [number, number] {
  return [Math.ceil(4 * Math.log2(lo) - 1e-9), Math.floor(4 * Math.log2(hi) + 1e-9)];
}

/** A real 2^(k/4) within [lo, hi]; shrinks towards lo; every grid value in range is unmappable (examples shrink). */
export function logReal(lo: number, hi: number): fc.Arbitrary<number> {
  const [kLo, kHi] = gridRange(lo, hi);
  return fc.integer({ min: 0, max: kHi - kLo }).map(
    (j) => gridValue(kLo + j),
    (v) => {
      const k = typeof v === 'number' ? gridIndex(v) : NaN;
      if (!(k >= kLo && k <= kHi)) throw new Error('not a grid value in range');
      return k - kLo;
    },
  );
}

/** The arbitrary of a space: every field drawn independently, then filtered by the cost cap. */
export function scenarioArbitrary(space: ScenarioSpace = DEFAULT_SPACE): fc.Arbitrary<FalsifyScenario> {
  const int = (f: IntegerField): fc.Arbitrary<number> => {
    const [lo, hi] = space.ints[f];
    return LOG_INTEGERS.has(f) ? logInteger(lo, hi) : fc.integer({ min: lo, max: hi });
  };
  const real = (f: RealField): fc.Arbitrary<number> => logReal(space.reals[f][0], space.reals[f][1]);
  return fc
    .record({
      d: int('d'),
      N: int('N'),
      L: int('L'),
      M: int('M'),
      activation: fc.constantFrom(...space.activations),
      delta: real('delta'),
      init: fc.constantFrom(...space.inits),
      scale: real('scale'),
      dataset: fc.constantFrom(...space.datasets),
      yScale: real('yScale'),
      dt: real('dt'),
      steps: int('steps'),
      seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      eps: real('eps'),
      eta: real('eta'),
    }, { noNullPrototype: true })
    .filter((s) => scenarioCost(s) <= space.maxCost);
}

/**
 * Validates an untrusted scenario (a stored counterexample, a JSON file) against the hard limits.
 * @throws InvalidArgumentError naming the field (`scenario.L` …) and the expected value; unknown keys are rejected.
 */
export function checkScenario(value: unknown, field = 'scenario'): FalsifyScenario {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidArgumentError(field, 'an object', value);
  const o = value as Record<string, unknown>;
  const keys = [...INTEGER_FIELDS, ...REAL_FIELDS, 'activation', 'init', 'dataset', 'seed'];
  for (const k of Object.keys(o)) if (!keys.includes(k)) throw new InvalidArgumentError(`${field}.${k}`, 'absent (unknown key)', o[k]);
  const out: Record<string, unknown> = {};
  for (const f of INTEGER_FIELDS) out[f] = integerInRange(`${field}.${f}`, o[f], f === 'steps' ? 0 : 1, LIMITS[f]);
  for (const f of REAL_FIELDS) {
    const v = finiteNumber(`${field}.${f}`, o[f]);
    if (!(v > 0 && v <= 64)) throw new InvalidArgumentError(`${field}.${f}`, 'a number in (0, 64]', v);
    out[f] = v;
  }
  out.activation = oneOf(`${field}.activation`, o.activation, FALSIFY_ACTIVATIONS);
  out.init = oneOf(`${field}.init`, o.init, FALSIFY_INITS);
  out.dataset = oneOf(`${field}.dataset`, o.dataset, FALSIFY_DATASETS);
  out.seed = integerInRange(`${field}.seed`, o.seed, 0, 2 ** 31 - 1);
  const s = out as unknown as FalsifyScenario;
  if (scenarioCost(s) > 4 * DEFAULT_SPACE.maxCost) {
    throw new InvalidArgumentError(`${field}`, `a scenario whose cost (scenarioCost) is at most ${4 * DEFAULT_SPACE.maxCost}`, scenarioCost(s));
  }
  return s;
}
