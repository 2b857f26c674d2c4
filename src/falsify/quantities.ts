/**
 * The measured quantities a conjectured bound is stated over, and one "model evaluation": build the scenario's
 * network and data, train it for `steps` GD steps of Δs (h = M L Δs, theory.md §2) and measure.
 *
 * Conventions (one each, said once): E is theory.md §1's loss with the ½; norms of parameters and gradients are the
 * mean-field norm ‖Θ‖*² = (1/(ML)) Σ_{l,m} |θ_{l,m}|² (theory.md §6 item 11); errors are absolute.
 * A training run that produces a non-finite state, loss, gradient or parameter reports E, grad_norm and
 * displacement as +Infinity (so "E <= E0" is violated by a blow-up, as it should be). Quantities not asked for
 * (the `names` argument) are NaN; asking for more never changes the bits of the others.
 */
import { makeActivation } from '../activations/index.js';
import { dataToJson, loadDataset, modelToJson } from '../data/index.js';
import type { Dataset } from '../data/dataset.js';
import { initNetwork, randomStream } from '../init/index.js';
import { depthPaths, solveOnGrid } from '../limit/index.js';
import { finalStates, meanFieldDistance, type Network } from '../model/index.js';
import { train } from '../train/index.js';
import { type FalsifyScenario, REF_FACTOR, effectiveSizes } from './scenarioSpace.js';

export type { FalsifyScenario } from './scenarioSpace.js';

export const QUANTITY_NAMES = ['L', 'M', 'd', 'N', 's', 'dt', 'eps', 'eta', 'E', 'E0', 'E_ref', 'err_depth', 'err_width', 'grad_norm', 'displacement'] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number];
export type Quantities = Readonly<Record<QuantityName, number>>;

/** One line per name: meaning, units, how it is measured. */
export const QUANTITY_DOCS: Readonly<Record<QuantityName, string>> = {
  L: 'depth L (number of residual layers), integer 1..256',
  M: 'width M (neurons per layer), integer 1..256',
  d: 'state dimension d, integer 1..4 (1 for the nonmonotone1d data)',
  N: 'number of training samples N, integer 1..16 (at least 3 for nonmonotone1d)',
  s: 'training time s = steps·Δs reached by GD with h = M L Δs (dimensionless)',
  dt: 'training-time step Δs of gradient descent (learning rate h = M L Δs)',
  eps: 'target accuracy ε, a free parameter the conjecture quantifies over (drawn on 2^(k/4) in [2^-10, 1]; not measured)',
  eta: 'failure probability η, a free parameter the conjecture quantifies over (2^(k/4) in [2^-10, 1/2]; not measured)',
  E: 'loss E(Θ(s)) = (1/N) Σ ½ (aᵀz_L(x_i) − y_i)² after the GD steps; +Infinity when training blew up',
  E0: 'loss E(Θ(0)) at initialisation',
  E_ref:
    'reference loss at s: mean of E(s) over 2 networks of width M_ref = 4M (each an antithetic network: neuron M_ref/2+m ' +
    'mirrors u of neuron m), same depth, data, init law and GD; a large-width (mean-field) reference with its own error ≈ spread/sqrt(2)',
  err_depth:
    'depth error at s = 0: max over samples and coordinates of |z_L(x_i) − z(1; x_i)|; for linear paths z is the ' +
    'continuous-depth ODE on the same paths (RK4, step doubling to 1e-9·max(1, |z|)); for i.i.d. layers the mean ODE ' +
    'dz/dt = E[f] = 0, z(1) = x ([C25]); NaN when RK4 needs more than 4096 steps',
  err_width: 'width error |E(s) − E_ref(s)| (absolute, includes the reference error)',
  grad_norm: 'scaled-gradient norm at s: ‖G‖* = sqrt((1/(ML)) Σ_{l,m} |G_{l,m}|²), G = M L ∂E/∂θ (sqrt of the dissipation rate)',
  displacement: 'parameter displacement ‖Θ(s) − Θ(0)‖* = sqrt((1/(ML)) Σ_{l,m} |θ_{l,m}(s) − θ_{l,m}(0)|²), as properties/displacement.ts',
};

/** The data of a scenario (labels multiplied by yScale). */
export function scenarioData(s: FalsifyScenario): Dataset {
  const { d, N } = effectiveSizes(s);
  const raw = s.dataset === 'nonmonotone1d' ? loadDataset(s.dataset, { N, seed: s.seed }) : loadDataset(s.dataset, { d, N, seed: s.seed });
  return { ...raw, y: raw.y.map((v) => v * s.yScale) };
}

/** The initial network Θ(0) of a scenario: initNetwork with the scenario's init, scale and seed. */
export function scenarioNetwork(s: FalsifyScenario, M = s.M, seed = s.seed): Network {
  const { d } = effectiveSizes(s);
  const activation = makeActivation(s.activation === 'regularized_relu' ? { name: s.activation, delta: s.delta } : { name: s.activation });
  return initNetwork({ d, L: s.L, M, activation, init: s.init, seed, scale: s.scale });
}

interface Trained {
  E0: number;
  E: number;
  gradNorm: number;
  displacement: number;
  net: Network | null;
}

function runGD(net: Network, data: Dataset, s: FalsifyScenario): Trained {
  const r = train(net, data, { dt: s.dt, steps: s.steps });
  const E0 = r.trajectory.length > 0 ? r.trajectory[0].E : Infinity;
  if (r.status === 'diverged') return { E0, E: Infinity, gradNorm: Infinity, displacement: Infinity, net: null };
  const last = r.trajectory[r.trajectory.length - 1];
  return { E0, E: last.E, gradNorm: Math.sqrt(last.dissipation), displacement: meanFieldDistance(r.net.theta, net.theta, net.M, net.L), net: r.net };
}

/** E_ref(s): the mean over 2 antithetic networks of width REF_FACTOR·M (see QUANTITY_DOCS.E_ref). */
export function referenceLoss(s: FalsifyScenario, data: Dataset): number {
  const rng = randomStream(s.seed, 'falsify', 'reference');
  const Mref = REF_FACTOR * s.M;
  let sum = 0;
  for (let k = 0; k < 2; k++) {
    const net = scenarioNetwork(s, Mref, Math.floor(rng.uniform() * 2 ** 31));
    const { d } = net;
    const K = 2 * d + 1;
    const H = Mref / 2;
    for (let l = 0; l < s.L; l++)
      for (let m = 0; m < H; m++) {
        const src = (l * Mref + m) * K;
        const dst = (l * Mref + H + m) * K;
        for (let j = 0; j < K; j++) net.theta[dst + j] = j < d ? -net.theta[src + j] : net.theta[src + j];
      }
    sum += runGD(net, data, s).E;
  }
  return sum / 2;
}

/** err_depth (see QUANTITY_DOCS.err_depth). */
export function depthError(s: FalsifyScenario, data: Dataset, net: Network): number {
  const zL = finalStates(net, data.x, data.N);
  let z1: Float64Array = data.x;
  if (s.init === 'linear') {
    const paths = depthPaths({ kind: 'linear', d: net.d, M: s.M, activation: net.activation, seed: s.seed, scale: s.scale });
    let coarse = solveOnGrid(paths, data, 16, false).zEnd;
    z1 = new Float64Array(0);
    for (let n = 32; n <= 4096; n *= 2) {
      const fine = solveOnGrid(paths, data, n, false).zEnd;
      let diff = 0;
      let size = 1;
      for (let q = 0; q < fine.length; q++) {
        diff = Math.max(diff, Math.abs(fine[q] - coarse[q]));
        size = Math.max(size, Math.abs(fine[q]));
      }
      if (!(diff < Infinity)) return NaN;
      if (diff / 15 <= 1e-9 * size) {
        z1 = fine;
        break;
      }
      coarse = fine;
    }
    if (z1.length === 0) return NaN;
  }
  let e = 0;
  for (let q = 0; q < zL.length; q++) e = Math.max(e, Math.abs(zL[q] - z1[q]));
  return Number.isFinite(e) ? e : Infinity;
}

/**
 * One model evaluation: the quantities of a scenario (trusted: validate untrusted ones with checkScenario).
 * Deterministic: the same scenario gives the same bits (all draws from randomStream(seed, …)).
 * @param names the quantities needed (default all); the others are NaN. E_ref and err_width cost a training of
 *   2 networks of width 4M; err_depth an RK4 solve; the rest one training of the scenario's network.
 * @example measureQuantities({ d: 2, N: 4, L: 8, M: 8, activation: 'tanh', delta: 0.5, init: 'linear', scale: 1,
 *   dataset: 'ball', yScale: 1, dt: 0.25, steps: 4, seed: 1, eps: 0.1, eta: 0.1 }).E
 */
export function measureQuantities(s: FalsifyScenario, names: readonly QuantityName[] = QUANTITY_NAMES): Quantities {
  const { d, N } = effectiveSizes(s);
  const data = scenarioData(s);
  const net = scenarioNetwork(s);
  const run = runGD(net, data, s);
  const wantRef = names.includes('E_ref') || names.includes('err_width');
  const Eref = wantRef ? referenceLoss(s, data) : NaN;
  return {
    L: s.L,
    M: s.M,
    d,
    N,
    s: s.steps * s.dt,
    dt: s.dt,
    eps: s.eps,
    eta: s.eta,
    E: run.E,
    E0: run.E0,
    E_ref: Eref,
    err_depth: names.includes('err_depth') ? depthError(s, data, net) : NaN,
    err_width: wantRef ? Math.abs(run.E - Eref) : NaN,
    grad_norm: run.gradNorm,
    displacement: run.displacement,
  };
}

/** The replay files of a scenario: exact JSON texts and their parsed objects. */
export interface ScenarioFiles {
  /** Θ(s), the trained model (format resnet-mf/model@1): `resnet-mf eval --model --data` prints E; null if GD blew up. */
  model: unknown;
  /** The data (format resnet-mf/data@1), labels already multiplied by yScale. */
  data: unknown;
  /** Θ(0): `resnet-mf train --model initial --data --dt Δs --steps K` replays the run. */
  initial: unknown;
  /** The exact texts (write these: JSON.stringify loses −0). */
  text: { model: string | null; data: string; initial: string };
}

/** Model and data JSON of a scenario that `resnet-mf eval` (trained) and `resnet-mf train` (initial) replay. */
export function scenarioModelAndData(s: FalsifyScenario): ScenarioFiles {
  const data = scenarioData(s);
  const net = scenarioNetwork(s);
  const run = runGD(net, data, s);
  const text = { model: run.net ? modelToJson(run.net) : null, data: dataToJson(data), initial: modelToJson(net) };
  return { model: text.model === null ? null : JSON.parse(text.model), data: JSON.parse(text.data), initial: JSON.parse(text.initial), text };
}
