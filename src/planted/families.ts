/**
 * Graded bug families (issue 17): realistic deviations of magnitude δ ≥ 0 from the network of theory.md §1, its
 * adjoint, its training loop and its initialisation. At δ = 0 each family is the correct implementation (the
 * planted network without defects, resnet-mf's training loop and initialisation, bit for bit); as δ grows it is
 * a bug. `resnet-mf power` finds, for each family, the smallest δ of DELTA_LADDER that the registry catches.
 *
 * A member is named `<family>@<δ>` (e.g. `layer-scale@0.001`): `check --plant`, `calibrate --plant` and the
 * pool's units take that name as they take a catalogue id, and plantedSubject builds the subject from it.
 */
import type { Dataset } from '../data/dataset.js';
import { linearPathCoefficients } from '../init/paths.js';
import type { Network } from '../model/network.js';
import { gdUpdate, meanFieldLearningRate } from '../train/gradientDescent.js';
import type { BuiltinParts, InitCase, TrainCase } from '../subject/index.js';
import { type Defects, defectiveLossAndGradient } from './defectiveNetwork.js';

export const BUG_FAMILY_IDS = [
  'layer-scale',
  'depth-offset',
  'adjoint-depth-offset',
  'path-time',
  'learning-rate',
  'gradient-memory',
  'weight-decay',
  'init-scale',
  'dsigma-scale',
  'dsigma-tail',
  'terminal-adjoint',
  'readout-scale',
  'gradient-u',
  'gradient-w',
  'gradient-b',
  'bias-sign-neurons',
  'state-rounding',
] as const;

export type BugFamilyId = (typeof BUG_FAMILY_IDS)[number];

/** The magnitudes `resnet-mf power` tries: 1, 0.3, 0.1, …, 3·10⁻⁸, 10⁻⁸ (two rungs a decade, issue 17). */
export const DELTA_LADDER: readonly number[] = Array.from({ length: 17 }, (_, i) => Number(((i % 2 === 0 ? 1 : 0.3) * 10 ** -Math.floor(i / 2)).toPrecision(1)));

/** |r| above which `dsigma-tail` scales σ': the tails of tanh and the logistic (σ'(3) ≈ 0.0099 and 0.045). */
export const DSIGMA_TAIL = 3;

/** What a family changes, as parts of resnet-mf's implementation (BuiltinParts) or a training loop of its own. */
interface Member {
  parts?: Partial<BuiltinParts>;
  /** Replaces the training loop: θ after case.steps steps. */
  train?: (c: TrainCase) => Float64Array;
}

export interface BugFamily {
  id: BugFamilyId;
  /** The deviation, in the papers' symbols, with δ. */
  title: string;
  /**
   * Whether the family breaks an identity that holds for every network to rounding (the outputs against the
   * 40-digit network, the gradient against the loss, a GD step against its definition), so that the registry
   * should catch δ near the rounding level; false: only a law or a rate can see it (a statistical test).
   */
  exact: boolean;
  member: (delta: number) => Member;
}

/** A member that is the planted network with `defects`. */
const network = (defects: Defects): Member => ({ parts: { lossAndGradient: (net: Network, data: Dataset) => defectiveLossAndGradient(net, data, defects) } });

/**
 * A member that is the defect-free planted network with the update θ_{k+1} = step(θ_k, g_k, g_{k−1}, h, Δs)
 * (g_{−1} = 0, h = M L Δs).
 */
function trainingLoop(step: (theta: Float64Array, grad: Float64Array, previous: Float64Array, h: number, dt: number) => void): Member {
  return {
    ...network({}),
    train: ({ net, data, dt, steps }: TrainCase) => {
      const theta = Float64Array.from(net.theta);
      let previous: Float64Array = new Float64Array(theta.length);
      const h = meanFieldLearningRate(net.M, net.L, dt);
      for (let k = 0; k < steps; k++) {
        const grad = defectiveLossAndGradient({ ...net, theta }, data, {}).grad;
        step(theta, grad, previous, h, dt);
        previous = grad;
      }
      return theta;
    },
  };
}

/** The linear-path initialisation θ_{l,m} = a_m + t_l c_m with resnet-mf's draws of (a, c) at `scale`. */
function pathsAt(time: (l: number, L: number) => number, scaleFactor: number) {
  return ({ d, L, M, scale, seed }: InitCase): Float64Array => {
    const { a, c } = linearPathCoefficients({ d, M, seed, scale: scaleFactor * scale });
    const k = 2 * d + 1;
    const theta = new Float64Array(L * M * k);
    for (let l = 0; l < L; l++) {
      const t = time(l, L);
      for (let p = 0; p < M * k; p++) theta[l * M * k + p] = a[p] + t * c[p];
    }
    return theta;
  };
}

/** x rounded to p significant bits (p ≥ 1), ties toward +∞ (Math.round); x itself for p ≥ 53, 0 and non-finite x. */
export function roundToBits(x: number, p: number): number {
  if (x === 0 || !Number.isFinite(x) || p >= 53) return x;
  const shift = p - 1 - Math.floor(Math.log2(Math.abs(x)));
  // 2^shift in two factors: for subnormal x, shift reaches 1126 and 2^shift alone would overflow
  const [a, b] = [2 ** Math.trunc(shift / 2), 2 ** (shift - Math.trunc(shift / 2))];
  return Math.round(x * a * b) / a / b;
}

/** The significant bits p with 2^{1−p} ≤ δ (relative rounding error at most δ/2); ∞ (no rounding) for δ = 0. */
export function bitsOfDelta(delta: number): number {
  return delta === 0 ? Infinity : Math.max(1, Math.ceil(1 - Math.log2(delta)));
}

export const BUG_FAMILIES: readonly BugFamily[] = [
  {
    id: 'layer-scale',
    title: 'layer map scaled (1+δ)/(ML), forward and adjoint alike',
    exact: true,
    member: (delta) => network({ layerScale: (M, L) => (1 + delta) / (M * L) }),
  },
  {
    id: 'depth-offset',
    title: 'layer map scaled 1/(M(L+δ)), forward and adjoint alike: an O(1/L) error that keeps the depth rate',
    exact: true,
    member: (delta) => network({ layerScale: (M, L) => 1 / (M * (L + delta)) }),
  },
  {
    id: 'adjoint-depth-offset',
    title: 'the adjoint alone scaled 1/(M(L+δ)) (the forward pass is right)',
    exact: true,
    member: (delta) => network({ adjointScale: (M, L) => 1 / (M * (L + delta)) }),
  },
  {
    id: 'path-time',
    title: 'linear paths sampled at t_l = (l+δ)/L instead of l/L',
    exact: false,
    member: (delta) => ({ parts: { init: pathsAt((l, L) => (l + delta) / L, 1) } }),
  },
  {
    id: 'learning-rate',
    title: 'learning rate h = (1+δ) M L Δs',
    exact: true,
    member: (delta) => ({ parts: { learningRate: (M, L, dt) => (1 + delta) * meanFieldLearningRate(M, L, dt) } }),
  },
  {
    id: 'gradient-memory',
    title: 'the update mixes in δ of the previous step\'s gradient: θ ← θ − h (g_k + δ g_{k−1})',
    exact: true,
    member: (delta) =>
      trainingLoop((theta, grad, previous, h) => {
        for (let p = 0; p < theta.length; p++) theta[p] -= h * (grad[p] + delta * previous[p]);
      }),
  },
  {
    id: 'weight-decay',
    title: 'decoupled weight decay at rate δ per unit of training time: θ ← (θ − h g_k)(1 − δ Δs)',
    exact: true,
    member: (delta) =>
      trainingLoop((theta, grad, _previous, h, dt) => {
        gdUpdate(theta, grad, h);
        if (delta !== 0) for (let p = 0; p < theta.length; p++) theta[p] -= delta * dt * theta[p];
      }),
  },
  {
    id: 'init-scale',
    title: 'initial standard deviation of (a, c) ×(1+δ)',
    exact: false,
    member: (delta) => ({ parts: { init: pathsAt((l, L) => l / L, 1 + delta) } }),
  },
  {
    id: 'dsigma-scale',
    title: "σ' ×(1+δ) in the adjoint, everywhere",
    exact: true,
    member: (delta) => network({ dsigmaFactor: () => 1 + delta }),
  },
  {
    id: 'dsigma-tail',
    title: `σ' ×(1+δ) in the adjoint where |r| > ${DSIGMA_TAIL} only`,
    exact: true,
    member: (delta) => network({ dsigmaFactor: (r) => (Math.abs(r) > DSIGMA_TAIL ? 1 + delta : 1) }),
  },
  {
    id: 'terminal-adjoint',
    title: 'terminal adjoint λ_L = (1+δ)(g − y) a',
    exact: true,
    member: (delta) => network({ terminalFactor: 1 + delta }),
  },
  {
    id: 'readout-scale',
    title: 'readout g = (1+δ) aᵀz_L (outputs, loss and adjoint alike)',
    exact: true,
    member: (delta) => network({ readoutFactor: 1 + delta }),
  },
  {
    id: 'gradient-u',
    title: '∂E/∂u ×(1+δ)',
    exact: true,
    member: (delta) => network({ blockFactor: (block) => (block === 'u' ? 1 + delta : 1) }),
  },
  {
    id: 'gradient-w',
    title: '∂E/∂w ×(1+δ)',
    exact: true,
    member: (delta) => network({ blockFactor: (block) => (block === 'w' ? 1 + delta : 1) }),
  },
  {
    id: 'gradient-b',
    title: '∂E/∂b ×(1+δ)',
    exact: true,
    member: (delta) => network({ blockFactor: (block) => (block === 'b' ? 1 + delta : 1) }),
  },
  {
    id: 'bias-sign-neurons',
    title: 'the sign of ∂E/∂b flipped on the neurons m < ⌈δM⌉ of every layer (one neuron at least when δ > 0)',
    exact: true,
    member: (delta) => network({ blockFactor: (block, m, M) => (block === 'b' && delta > 0 && m < Math.max(1, Math.ceil(delta * M)) ? -1 : 1) }),
  },
  {
    id: 'state-rounding',
    title: 'every state z_{l+1} rounded to p significant bits, 2^{1−p} ≤ δ (p = 24: float32)',
    exact: true,
    member: (delta) => network(delta === 0 ? {} : { roundState: (x) => roundToBits(x, bitsOfDelta(delta)) }),
  },
];
