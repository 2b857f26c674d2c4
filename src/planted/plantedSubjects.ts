/**
 * The planted bugs as subjects (issue 16): each catalogue bug is resnet-mf's own implementation with one part
 * replaced by a defective one, and lives here only. `check --plant ID`, `RESNET_MF_PLANT=ID`, `planted` and
 * `calibrate --plant` run the claims against plantedSubject(ID) exactly as `--impl` runs them against another
 * program: the claims that measure a subject compare it with resnet-mf's correct references; the claims that
 * read resnet-mf's internals do not apply to it (the planted subject, like any other, has no internals).
 */
import type { Activation } from '../activations/activation.js';
import { softplus } from '../activations/softplus.js';
import { tanh } from '../activations/tanh.js';
import type { Dataset } from '../data/dataset.js';
import { initNetwork } from '../init/paths.js';
import { randomStream } from '../init/random.js';
import { identity } from '../activations/identity.js';
import type { Network } from '../model/network.js';
import { type BuiltinParts, CAPABILITIES, type InitCase, type Subject, type TrainCase, variedSubject } from '../subject/index.js';
import { VERSION } from '../version.js';
import type { PlantedBugId } from './catalogue.js';
import { type PlantName, gradedPart } from './environment.js';
import { BUG_FAMILIES } from './families.js';
import { type Defects, defectiveLossAndGradient } from './defectiveNetwork.js';

/** The network's defects of each bug that lives in the forward or adjoint pass. */
const NETWORK_DEFECTS: Partial<Record<PlantedBugId, Defects>> = {
  'drop-inv-L': { layerScale: (M) => 1 / M },
  'double-inv-M': { layerScale: (M, L) => 1 / (M * L) / M },
  'adjoint-at-next': { dsigmaAtNext: true },
  'readout-gradient-factor': { terminalFactor: 2 },
  'float32-forward': { float32States: true },
  'wrong-index-sum': { neuronShift: 1 },
  'off-by-one-layer': { thetaLayer: (l, L) => Math.min(l + 1, L - 1) },
  'bias-gradient-sign': { biasGradientFactor: -1 },
  'adjoint-no-identity': { noIdentity: true },
};

/** tanh with σ'(r) = 1 − tanh r (bug wrong-dsigma). */
const tanhWrongDerivative: Activation = { ...tanh, dsigma: (r: number) => 1 - tanh.sigma(r) };
/** softplus computed literally as log(1 + e^r) (bug unstable-softplus). */
const literalSoftplus: Activation = { ...softplus, sigma: (r: number) => Math.log(1 + Math.exp(r)) };

/** The activations each activation bug replaces, by name. */
const ACTIVATION_DEFECTS: Partial<Record<PlantedBugId, Activation>> = {
  'wrong-dsigma': tanhWrongDerivative,
  'unstable-softplus': literalSoftplus,
};

/**
 * Box–Muller with the radius √(−log U) instead of √(−2 log U) (bug biased-gaussian): draws of variance ½.
 * The uniforms are those of resnet-mf's own gaussian (src/init/random.ts), so only the radius differs.
 */
function biasedGaussian(rng: { uniform: () => number }): number {
  const u1 = rng.uniform();
  const u2 = rng.uniform();
  return Math.sqrt(-Math.log1p(-u1)) * Math.cos(2 * Math.PI * u2);
}

/** The linear-path initialisation drawn with biasedGaussian from resnet-mf's stream of that seed. */
function biasedLinearPaths({ d, L, M, scale, seed }: InitCase): Float64Array {
  const k = 2 * d + 1;
  const rng = randomStream(seed, 'init', 'linear');
  const a = new Float64Array(M * k);
  const c = new Float64Array(M * k);
  for (let p = 0; p < M * k; p++) {
    a[p] = scale * biasedGaussian(rng);
    c[p] = scale * biasedGaussian(rng);
  }
  const theta = new Float64Array(L * M * k);
  for (let l = 0; l < L; l++) for (let p = 0; p < M * k; p++) theta[l * M * k + p] = a[p] + (l / L) * c[p];
  return theta;
}

/** The parts of the built-in implementation each bug replaces. */
function partsOf(bug: PlantedBugId): Partial<BuiltinParts> {
  const defects = NETWORK_DEFECTS[bug];
  if (defects) return { lossAndGradient: (net: Network, data: Dataset) => defectiveLossAndGradient(net, data, defects) };
  const replaced = ACTIVATION_DEFECTS[bug];
  if (replaced) {
    return {
      lossAndGradient: (net: Network, data: Dataset) =>
        defectiveLossAndGradient(net.activation.name === replaced.name ? { ...net, activation: replaced } : net, data, {}),
    };
  }
  switch (bug) {
    case 'lr-without-ML':
      return { learningRate: (_M: number, _L: number, dt: number) => dt };
    case 'iid-init-for-paths':
      return { init: ({ d, L, M, scale, seed }: InitCase) => initNetwork({ d, L, M, scale, seed, activation: identity, init: 'iid' }).theta };
    case 'biased-gaussian':
      return { init: biasedLinearPaths };
    default:
      throw new Error(`planted bug ${bug} has no subject`);
  }
}

const planted = new Map<PlantName, Subject>();

/** The subject of graded member `family@δ` (families.ts). */
function gradedSubject(name: PlantName, graded: NonNullable<ReturnType<typeof gradedPart>>): Subject {
  const family = BUG_FAMILIES.find((f) => f.id === graded.family);
  if (!family) throw new Error(`no graded family ${graded.family}`);
  const member = family.member(graded.delta);
  const varied = variedSubject(`resnet-mf ${VERSION} with graded bug ${name}`, member.parts ?? {});
  const train = member.train;
  return { ...varied, capabilities: [...CAPABILITIES], ...(train ? { train: (cases: readonly TrainCase[]) => cases.map(train) } : {}) };
}

/**
 * resnet-mf's own implementation with planted bug `bug` (a catalogue id, or a graded member `family@δ`): the
 * subject of `check --plant`, `planted`, `power` and `calibrate --plant`. Its capabilities are those of any
 * subject (outputs, gradient, train, init), not resnet-mf's internals, so the claims that read those do not
 * apply to it.
 * @param bug a name as parsePlant returns it (canonical)
 */
export function plantedSubject(bug: PlantName): Subject {
  let subject = planted.get(bug);
  if (!subject) {
    const graded = gradedPart(bug);
    if (graded) subject = gradedSubject(bug, graded);
    else subject = { ...variedSubject(`resnet-mf ${VERSION} with planted bug ${bug}`, partsOf(bug as PlantedBugId)), capabilities: [...CAPABILITIES] };
    planted.set(bug, subject);
  }
  return subject;
}
