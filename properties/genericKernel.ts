/**
 * The fast Float64Array kernel (src/model) agrees bit for bit with the generic network (src/model/generic.ts)
 * instantiated with float64: the readable reference checks the optimised code on every scenario.
 * Note: proofs-notes/generic-equals-kernel.md. Negative control: a kernel that sums the neurons of each
 * layer in reverse order (an optimisation that changed the summation order without the reference).
 */
import type { Dataset } from '../src/data/dataset.js';
import { genericLossAndGradient, lossAndGradient, type Network } from '../src/model/index.js';
import { float64Backend } from '../src/numeric/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

type Kernel = (net: Network, data: Dataset) => { loss: number; outputs: Float64Array; grad: Float64Array };

/** The network with each layer's neurons in reverse order, and a map from its gradient back to the original layout. */
function reversed(net: Network): { net: Network; back: (g: Float64Array) => Float64Array } {
  const k = 2 * net.d + 1;
  const move = (src: Float64Array) => {
    const out = new Float64Array(src.length);
    for (let l = 0; l < net.L; l++) {
      for (let m = 0; m < net.M; m++) out.set(src.subarray((l * net.M + m) * k, (l * net.M + m + 1) * k), (l * net.M + net.M - 1 - m) * k);
    }
    return out;
  };
  return { net: { ...net, theta: move(net.theta) }, back: move };
}

const reversedSumKernel: Kernel = (net, data) => {
  const { net: rev, back } = reversed(net);
  const res = lossAndGradient(rev, data);
  return { ...res, grad: back(res.grad) };
};

function measure(s: Scenario, kernel: Kernel): Measurement {
  const { net, data } = buildScenario(s);
  const fast = kernel(net, data);
  const generic = genericLossAndGradient(float64Backend, net, data);
  let differing = Object.is(fast.loss, generic.loss) ? 0 : 1;
  fast.outputs.forEach((v, i) => (differing += Object.is(v, generic.outputs[i]) ? 0 : 1));
  fast.grad.forEach((v, p) => (differing += Object.is(v, generic.grad[p]) ? 0 : 1));
  return {
    ok: differing === 0,
    detail: `${describeScenario(s)}: ${differing} of ${1 + data.N + net.theta.length} values differ bitwise between kernel and generic float64 (must be 0)`,
    figures: { differingValues: differing },
  };
}

export const genericKernelClaim = defineClaim<Scenario, Kernel>({
  id: 'generic-equals-kernel',
  catalogue: null,
  title: 'The fast float64 kernel equals the generic network on float64, bit for bit',
  source: 'DESIGN.md "One implementation, several number types"; both implement theory.md §1 in one operation order',
  assumptions: ['the same activation functions and the same operation order (src/model/forward.ts, adjoint.ts, neuronSum.ts)'],
  tolerance: 'none: loss, every output and every gradient entry must be identical (Object.is)',
  budget: { quick: 15, ci: 100, full: 500 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile),
  examples: (profile) => [irisExample(profile)],
  figures: { differingValues: { worst: 'max', description: 'values that differ bitwise (0 passes)' } },
  measure,
  nominal: lossAndGradient,
  control: {
    description: 'planted bug: a kernel that sums each layer\'s neurons in reverse order (M ≥ 3)',
    subject: reversedSumKernel,
    scenarios: (profile) => scenarioArbitrary(profile, { min: { M: 3 } }),
  },
});
