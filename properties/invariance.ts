/**
 * Claim 17 (theory.md §6): the network depends on each layer's neurons only through their empirical
 * measure. Duplicating every neuron (M → 2M, same parameters) leaves outputs, loss, the scaled gradient G
 * and the whole GD trajectory in s bit-identical (the pairwise neuron sum makes the doubled sum exactly
 * twice the original, model/neuronSum.ts); permuting the neurons of each layer changes outputs and loss only
 * within the derived rounding bound. Note: proofs-notes/neuron-invariance.md.
 * Negative control: a planted missing 1/M in the layer map.
 */
import type { Dataset } from '../src/data/dataset.js';
import { randomStream } from '../src/init/index.js';
import { createWorkspace, forward, forwardErrorBound, lossAndGradient, lossFromOutputs, type Network } from '../src/model/index.js';
import { train } from '../src/train/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { scaleU } from './plantedBugs.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** The implementation under test: a map from the network to the one actually evaluated. */
export type NetworkMap = (net: Network) => Network;

const DT = 0.05;
const STEPS = 5;

/** Every layer's neurons followed by a copy of themselves (width 2M). */
export function duplicateNeurons(net: Network): Network {
  const k = 2 * net.d + 1;
  const theta = new Float64Array(2 * net.theta.length);
  for (let l = 0; l < net.L; l++) {
    const layer = net.theta.subarray(l * net.M * k, (l + 1) * net.M * k);
    theta.set(layer, 2 * l * net.M * k);
    theta.set(layer, (2 * l + 1) * net.M * k);
  }
  return { ...net, M: 2 * net.M, readout: Float64Array.from(net.readout), theta };
}

/** Each layer's neurons reordered by a seeded random permutation. */
export function permuteNeurons(net: Network, seed: number): Network {
  const k = 2 * net.d + 1;
  const rng = randomStream(seed, 'claim', 'permutation');
  const theta = new Float64Array(net.theta.length);
  for (let l = 0; l < net.L; l++) {
    const order = Array.from({ length: net.M }, (_, m) => m);
    for (let m = net.M - 1; m > 0; m--) {
      const j = Math.floor(rng.uniform() * (m + 1));
      [order[m], order[j]] = [order[j], order[m]];
    }
    for (let m = 0; m < net.M; m++) {
      theta.set(net.theta.subarray((l * net.M + order[m]) * k, (l * net.M + order[m] + 1) * k), (l * net.M + m) * k);
    }
  }
  return { ...net, readout: Float64Array.from(net.readout), theta };
}

/** Number of positions where two arrays differ bitwise (Object.is, so −0 ≠ 0 and NaN = NaN). */
function mismatches(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = a.length === b.length ? 0 : 1;
  for (let p = 0; p < Math.min(a.length, b.length); p++) if (!Object.is(a[p], b[p])) n++;
  return n;
}

function duplicationMismatches(net: Network, data: Dataset, subject: NetworkMap): number {
  const dup = duplicateNeurons(net);
  const one = lossAndGradient(subject(net), data);
  const two = lossAndGradient(subject(dup), data);
  const k = 2 * net.d + 1;
  const G = (grad: Float64Array, M: number) => grad.map((g) => M * net.L * g);
  const G1 = G(one.grad, net.M);
  const G2 = G(two.grad, 2 * net.M);
  let n = mismatches(one.outputs, two.outputs) + (Object.is(one.loss, two.loss) ? 0 : 1);
  const trainedOne = train(subject(net), data, { dt: DT, steps: STEPS });
  const trainedTwo = train(subject(dup), data, { dt: DT, steps: STEPS });
  n += mismatches(trainedOne.trajectory.map((p) => p.E), trainedTwo.trajectory.map((p) => p.E));
  for (let l = 0; l < net.L; l++) {
    for (const copy of [0, 1]) {
      const from = l * net.M * k;
      const to = (2 * l + copy) * net.M * k;
      n += mismatches(G1.subarray(from, from + net.M * k), G2.subarray(to, to + net.M * k));
      n += mismatches(trainedOne.net.theta.subarray(from, from + net.M * k), trainedTwo.net.theta.subarray(to, to + net.M * k));
    }
  }
  return n;
}

function permutationRatio(net: Network, data: Dataset, subject: NetworkMap, seed: number): number {
  const run = (candidate: Network) => {
    const evaluated = subject(candidate);
    const ws = createWorkspace(evaluated.d, evaluated.L, evaluated.M, data.N);
    forward(evaluated, data.x, ws);
    return { outputs: Float64Array.from(ws.outputs), E: lossFromOutputs(ws.outputs, data.y), bound: forwardErrorBound(evaluated, ws, data.y) };
  };
  const a = run(net);
  const b = run(permuteNeurons(net, seed));
  let worst = Math.abs(a.E - b.E) / (a.bound.loss + b.bound.loss);
  for (let i = 0; i < data.N; i++) {
    worst = Math.max(worst, Math.abs(a.outputs[i] - b.outputs[i]) / (a.bound.outputs[i] + b.bound.outputs[i]));
  }
  return worst;
}

function measure(s: Scenario, subject: NetworkMap): Measurement {
  const { net, data } = buildScenario(s);
  const dup = duplicationMismatches(net, data, subject);
  const perm = permutationRatio(net, data, subject, s.seed);
  return {
    ok: dup === 0 && perm <= 1,
    detail:
      `${describeScenario(s)}: duplication changed ${dup} values (must be 0); ` +
      `permutation difference / rounding bound = ${perm.toPrecision(3)} (must be ≤ 1)`,
    figures: { duplicationMismatches: dup, permutationDiffOverTol: perm },
  };
}

export const invarianceClaim = defineClaim<Scenario, NetworkMap>({
  id: 'neuron-invariance',
  catalogue: 17,
  title: 'Duplicating neurons changes nothing (bitwise); permuting them changes outputs and loss only by rounding',
  source: 'theory.md §4 (the network is a function of the layer-wise empirical measures)',
  assumptions: ['no subnormal intermediate values (halving a subnormal loses bits)'],
  tolerance:
    `duplication: bitwise equality of outputs, loss, G, and E(s), Θ(s) over ${STEPS} GD steps of Δs = ${DT}; ` +
    'permutation: |difference| ≤ sum of the two derived forward rounding bounds',
  budget: { quick: 10, ci: 80, full: 400 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile),
  examples: (profile) => [irisExample(profile)],
  figures: {
    duplicationMismatches: { worst: 'max', description: 'values that differ bitwise after duplication' },
    permutationDiffOverTol: { worst: 'max', description: 'max |difference after permutation| / rounding bound' },
  },
  measure,
  nominal: (net) => net,
  control: {
    description: 'planted bug: the layer map is divided by L only (missing 1/M), so duplicating neurons doubles each increment',
    subject: (net) => scaleU(net, net.M),
  },
});
