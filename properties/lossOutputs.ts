/**
 * The subject's loss and outputs are the network's: E = (1/N) Σ_i ½ (g(z_L(x_i)) − y_i)² and g(z_L(x_i)) = aᵀz_L(x_i)
 * as the subject answers them (capability outputs) equal those of the 40-digit decimal network within the float64
 * rounding bound of a forward pass summed in any order (rounding-bound.md, "The bound of a subject under test").
 * Note: proofs-notes/loss-outputs.md. Negative control: outputs and loss rounded to float32 (a float32 readout).
 */
import { createWorkspace, forward, forwardErrorBound, genericLossAndGradient, lossAndGradient } from '../src/model/index.js';
import { decimalBackend } from '../src/numeric/index.js';
import { type Subject, builtinSubject, variedSubject } from '../src/subject/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** Digits of the reference. */
const REFERENCE_DIGITS = 40;

function measure(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  if (!ws.outputs.every(Number.isFinite)) {
    return { ok: true, decided: false, reason: 'float64 overflowed', detail: `${describeScenario(s)}: a float64 forward pass overflows; no rounding statement`, figures: {} };
  }
  const [got] = subject.evaluate([{ net, data }], false);
  const values = [got.loss, ...got.outputs];
  if (!values.every(Number.isFinite)) {
    return { ok: false, detail: `${describeScenario(s)}: the subject's loss or outputs are not finite (E = ${got.loss}) where a float64 forward pass is`, figures: { errOverBound: Infinity } };
  }
  const reference = decimalBackend(REFERENCE_DIGITS);
  const ref = genericLossAndGradient(reference, net, data, { withGradient: false });
  const F = reference.field;
  const bound = forwardErrorBound(net, ws, data.y, 'any');
  // Errors measured exactly: the subject's double enters decimal exactly and is subtracted at 40 digits.
  const err = (x: number, y: (typeof ref)['loss']) => Math.abs(F.toFloat64(F.sub(F.fromFloat64(x), y)));
  const ratio = (e: number, b: number) => (e === 0 ? 0 : e / b);
  const lossRatio = ratio(err(got.loss, ref.loss), bound.loss);
  let outputsRatio = 0;
  let worstAt = -1;
  for (let i = 0; i < data.N; i++) {
    const r = ratio(err(got.outputs[i], ref.outputs[i]), bound.outputs[i]);
    if (r > outputsRatio) [outputsRatio, worstAt] = [r, i];
  }
  const worst = Math.max(lossRatio, outputsRatio);
  return {
    ok: worst <= 1,
    detail:
      `${describeScenario(s)}: |subject − ${REFERENCE_DIGITS}-digit network| / rounding bound = ${lossRatio.toPrecision(3)} (loss E = ${got.loss}), ` +
      `${outputsRatio.toPrecision(3)} (outputs${worstAt >= 0 ? `, worst g(z_L(x_${worstAt})) = ${got.outputs[worstAt]} against ${F.toFloat64(ref.outputs[worstAt])}` : ''}); both must be ≤ 1`,
    figures: { errOverBound: worst, lossErrOverBound: lossRatio },
  };
}

/** Planted bug: the outputs and the loss rounded to float32 (a float32 readout in a float64 network). */
export const float32Readout: Subject = variedSubject('resnet-mf with a float32 readout', {
  lossAndGradient: (net, data) => {
    const r = lossAndGradient(net, data);
    return { loss: Math.fround(r.loss), outputs: r.outputs.map(Math.fround), grad: r.grad };
  },
});

/**
 * Networks whose pre-activations reach |r| ≈ 10³ at the first layer and ≈ 10⁷ at the second (scale 400, two
 * layers: no overflow in a correct float64 pass): where the literal formulas of the activations fail, e.g.
 * softplus as log(1 + e^r) = +∞ above r = 709.78, or tanh as (e^r − e^−r)/(e^r + e^−r) = NaN.
 */
export const EXTREME_EXAMPLES: readonly Scenario[] = (['softplus', 'tanh'] as const).map((activation) => ({
  d: 1, N: 8, L: 2, M: 4, activation, delta: 0.5, init: 'iid' as const, scale: 400, dataset: 'ball' as const, seed: 3,
}));

export const lossOutputsClaim = defineClaim<Scenario, Subject>({
  id: 'loss-outputs',
  catalogue: null,
  title: 'The loss and outputs equal the 40-digit network\'s within the float64 rounding bound (any summation order)',
  source: 'theory.md §1 (the network and E); proofs-notes/rounding-bound.md (first-order forward error analysis)',
  assumptions: ['activations accurate to 8u', 'no overflow (a scenario whose float64 forward pass overflows is undecided)'],
  tolerance:
    '|subject − 40-digit reference| ≤ forwardErrorBound(…, \'any\'): the derived first-order bound with γ_M for the neuron ' +
    'sums and doubled (any summation order, up to twice the counted roundings); ×1.01 for second-order terms',
  budget: { quick: 8, ci: 40, full: 200 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile),
  examples: (profile) => [irisExample(profile), ...EXTREME_EXAMPLES],
  figures: {
    errOverBound: { worst: 'max', description: 'max over E and the N outputs of |subject − reference| / bound (≤ 1 passes)' },
    lossErrOverBound: { worst: 'max', description: '|E_subject − E_reference| / bound' },
  },
  measure,
  needs: ['outputs'],
  nominal: builtinSubject,
  control: { description: 'planted bug: the outputs and the loss rounded to float32 (a float32 readout)', subject: float32Readout },
});
