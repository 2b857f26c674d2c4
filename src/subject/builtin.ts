/**
 * resnet-mf's own implementation as a subject (subject.ts): the fast kernel's loss, outputs and adjoint
 * gradient (src/model), and gradient descent with h = M L Δs (src/train). `variedSubject` makes the variants
 * that the claims' negative controls plant (a wrong learning-rate rule, a wrong gradient).
 */
import type { Dataset } from '../data/dataset.js';
import { evaluate, lossAndGradient } from '../model/adjoint.js';
import type { Network } from '../model/network.js';
import { createWorkspace } from '../model/workspace.js';
import { gdUpdate, meanFieldLearningRate } from '../train/gradientDescent.js';
import { identity } from '../activations/index.js';
import { initNetwork } from '../init/paths.js';
import { VERSION } from '../version.js';
import { CAPABILITIES, INTERNALS, type Evaluation, type InitCase, type NetworkCase, type Subject, type TrainCase } from './subject.js';

/** The parts of the built-in implementation a variant may replace. */
export interface BuiltinParts {
  /** The learning rate h(M, L, Δs); built-in: the mean-field h = M L Δs. */
  learningRate: (M: number, L: number, dt: number) => number;
  /** E, the outputs and ∂E/∂θ of one network on one data set; built-in: the fast kernel's adjoint (lossAndGradient). */
  lossAndGradient: (net: Network, data: Dataset) => { loss: number; outputs: Float64Array; grad: Float64Array };
  /** θ of the linear-path initialisation; built-in: initNetwork with init 'linear' (src/init/paths.ts). */
  init: (c: InitCase) => Float64Array;
}

/** resnet-mf's linear-path initialisation θ_{l,m} = a_m + (l/L) c_m, a_m, c_m ~ N(0, scale² I) (src/init/paths.ts). */
function linearPathTheta({ d, L, M, scale, seed }: InitCase): Float64Array {
  return initNetwork({ d, L, M, scale, seed, activation: identity, init: 'linear' }).theta;
}

const BUILTIN_PARTS: BuiltinParts = { learningRate: meanFieldLearningRate, lossAndGradient, init: linearPathTheta };

/**
 * The built-in implementation with some parts replaced (a negative control's planted bug), named `name`.
 * Training is plain GD, θ ← θ − h(M, L, Δs) ∂E/∂θ, K times, with the gradient of `parts.lossAndGradient`.
 */
export function variedSubject(name: string, parts: Partial<BuiltinParts> = {}): Subject {
  const p: BuiltinParts = { ...BUILTIN_PARTS, ...parts };
  const own = p.lossAndGradient === lossAndGradient;
  return {
    name,
    capabilities: [...CAPABILITIES, INTERNALS],
    init: (cases: readonly InitCase[]): Float64Array[] => cases.map(p.init),
    evaluate: (cases: readonly NetworkCase[], gradient: boolean): Evaluation[] =>
      cases.map(({ net, data }) => {
        if (!gradient && own) {
          const ws = createWorkspace(net.d, net.L, net.M, data.N);
          return { loss: evaluate(net, data, ws, false), outputs: Float64Array.from(ws.outputs) };
        }
        const r = p.lossAndGradient(net, data);
        return gradient ? r : { loss: r.loss, outputs: r.outputs };
      }),
    train: (cases: readonly TrainCase[]): Float64Array[] => {
      // Cases of one request often start from the same network (energy-dissipation's 40 step sizes, gd-step's 1, 2,
      // 3 steps): the gradient at that Θ_0 is computed once per request, bit for bit the one each would compute.
      let first: { net: Network; data: Dataset; grad: Float64Array } | null = null;
      return cases.map(({ net, data, dt, steps }) => {
        const theta = Float64Array.from(net.theta);
        const h = p.learningRate(net.M, net.L, dt);
        for (let k = 0; k < steps; k++) {
          const reuse = k === 0 && first !== null && first.net === net && first.data === data;
          const grad = reuse ? (first as { grad: Float64Array }).grad : p.lossAndGradient({ ...net, theta }, data).grad;
          if (k === 0) first = { net, data, grad };
          gdUpdate(theta, grad, h);
        }
        return theta;
      });
    },
  };
}

/** resnet-mf's own implementation: the nominal subject of every claim. */
export const builtinSubject: Subject = variedSubject(`resnet-mf ${VERSION}`);
