/**
 * Purpose-made scenario arbitraries shared by the claims: sizes (d, N, L, M), activation, initialisation,
 * parameter scale, data set and seed. Scales are drawn on a log grid (fc.double over a range would crowd
 * near its smallest magnitudes), seeds as integers, sizes uniformly within the profile's box.
 */
import fc from 'fast-check';
import { ACTIVATION_NAMES, type ActivationName, makeActivation } from '../activations/index.js';
import { loadDataset } from '../data/index.js';
import type { Dataset } from '../data/dataset.js';
import { INIT_KINDS, type InitKind, initNetwork } from '../init/index.js';
import type { Network } from '../model/index.js';
import type { Profile } from './claim.js';

export const SCENARIO_DATASETS = ['ball', 'teacher', 'iris'] as const;
export type ScenarioDataset = (typeof SCENARIO_DATASETS)[number];

/**
 * Activations drawn by default: all but `cubic`, whose σ(r) = r − r³/3 makes deep networks blow up doubly
 * exponentially at ordinary scales; it exists for exact rational arithmetic and the claims that use it ask
 * for it explicitly.
 */
export const SCENARIO_ACTIVATIONS = ACTIVATION_NAMES.filter((name) => name !== 'cubic');

/** One generated scenario: everything needed to rebuild the network and its data, as plain JSON. */
export interface Scenario {
  d: number;
  N: number;
  L: number;
  M: number;
  activation: ActivationName;
  /** Width δ of the regularised ReLU (ignored by the other activations). */
  delta: number;
  init: InitKind;
  /** Standard deviation of the initial parameters. */
  scale: number;
  dataset: ScenarioDataset;
  seed: number;
}

/** The size box of each profile: [min, max] for d, N, L, M. */
export const PROFILE_SIZES: Record<Profile, { d: number; N: number; L: number; M: number }> = {
  quick: { d: 3, N: 8, L: 8, M: 8 },
  ci: { d: 4, N: 12, L: 24, M: 24 },
  full: { d: 5, N: 16, L: 48, M: 48 },
};

/** A number 2^(k/4) for k in [4·log2 lo, 4·log2 hi]: a log-uniform grid with four points per octave. */
export function logScale(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.integer({ min: Math.round(4 * Math.log2(lo)), max: Math.round(4 * Math.log2(hi)) }).map((k) => 2 ** (k / 4));
}

export interface ScenarioOptions {
  activations?: readonly ActivationName[];
  inits?: readonly InitKind[];
  datasets?: readonly ScenarioDataset[];
  scale?: [number, number];
  /** Lower bounds on sizes (e.g. L·M large enough for a control to bite). */
  min?: Partial<{ d: number; N: number; L: number; M: number }>;
  /** Upper bounds overriding the profile box. */
  max?: Partial<{ d: number; N: number; L: number; M: number }>;
}

/** Scenarios within the profile's size box, restricted by `opts`. */
export function scenarioArbitrary(profile: Profile, opts: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const box = { ...PROFILE_SIZES[profile], ...opts.max };
  const lo = { d: 1, N: 1, L: 1, M: 1, ...opts.min };
  const [sLo, sHi] = opts.scale ?? [0.25, 2];
  return fc.record({
    d: fc.integer({ min: lo.d, max: Math.max(lo.d, box.d) }),
    N: fc.integer({ min: lo.N, max: Math.max(lo.N, box.N) }),
    L: fc.integer({ min: lo.L, max: Math.max(lo.L, box.L) }),
    M: fc.integer({ min: lo.M, max: Math.max(lo.M, box.M) }),
    activation: fc.constantFrom(...(opts.activations ?? SCENARIO_ACTIVATIONS)),
    delta: logScale(0.125, 1),
    init: fc.constantFrom(...(opts.inits ?? INIT_KINDS)),
    scale: logScale(sLo, sHi),
    dataset: fc.constantFrom(...(opts.datasets ?? (['ball', 'teacher'] as const))),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });
}

/** A scenario on the real data set (Iris, d = 4), used as a fixed first example of every profile. */
export function irisExample(profile: Profile, activation: ActivationName = 'tanh'): Scenario {
  const box = PROFILE_SIZES[profile];
  return { d: 4, N: 2 * box.N, L: box.L, M: box.M, activation, delta: 0.5, init: 'linear', scale: 1, dataset: 'iris', seed: 1 };
}

/** The network and data of a scenario (iris forces d = 4 and subsamples N rows). */
export function buildScenario(s: Scenario): { net: Network; data: Dataset } {
  const d = s.dataset === 'iris' ? 4 : s.d;
  const activation = makeActivation(s.activation === 'regularized_relu' ? { name: s.activation, delta: s.delta } : { name: s.activation });
  const data = loadDataset(s.dataset, { d, N: s.N, seed: s.seed });
  const net = initNetwork({ d, L: s.L, M: s.M, activation, init: s.init, seed: s.seed, scale: s.scale });
  return { net, data };
}

/** A compact label such as `tanh linear d=2 N=5 L=8 M=3 scale=0.71 ball seed=12`. */
export function describeScenario(s: Scenario): string {
  const act = s.activation === 'regularized_relu' ? `regularized_relu(δ=${s.delta})` : s.activation;
  return `${act} ${s.init} d=${s.dataset === 'iris' ? 4 : s.d} N=${s.N} L=${s.L} M=${s.M} scale=${s.scale.toPrecision(3)} ${s.dataset} seed=${s.seed}`;
}
