/**
 * The float64 network is as accurate as the derived rounding bounds say: against the generic network in
 * decimal at REFERENCE_DIGITS significant digits (the reference, whose own error is ~10^-40 relative), the
 * float64 loss and outputs stay within the forward-error bound (proofs-notes/rounding-bound.md) and every
 * gradient entry within the gradient bound. Note: proofs-notes/float64-accuracy.md.
 * Negative control: a planted float32 rounding step after every addition.
 */
import { createWorkspace, forward, forwardErrorBound, genericLossAndGradient, gradientErrorBound } from '../src/model/index.js';
import { type Backend, decimalBackend, float64Backend } from '../src/numeric/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** Digits of the decimal reference: far beyond float64 (17), so its own error is negligible at the bounds' scale. */
export const REFERENCE_DIGITS = 40;

/** Planted bug: float64 arithmetic whose additions are rounded to float32 (as a float32 accumulator would). */
export const float32AddBackend: Backend<number> = {
  field: { ...float64Backend.field, name: 'float64 with float32 additions', add: (a, b) => Math.fround(a + b) },
  activation: float64Backend.activation,
};

function measure(s: Scenario, subject: Backend<number>): Measurement {
  const { net, data } = buildScenario(s);
  const got = genericLossAndGradient(subject, net, data);
  if (![got.loss, ...got.outputs, ...got.grad].every(Number.isFinite)) {
    return { ok: true, decided: false, reason: 'float64 overflowed', detail: `${describeScenario(s)}: float64 overflowed; no rounding statement`, figures: {} };
  }
  const reference = decimalBackend(REFERENCE_DIGITS);
  const ref = genericLossAndGradient(reference, net, data);
  const F = reference.field;
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  const bound = forwardErrorBound(net, ws, data.y);
  const gradBound = gradientErrorBound(net, ws, data.y);
  // Errors measured exactly: the float64 result enters decimal exactly and is subtracted at 40 digits.
  const err = (x: number, y: (typeof ref)['loss']) => Math.abs(F.toFloat64(F.sub(F.fromFloat64(x), y)));
  // error / bound, with 0/0 (an exactly computed zero, e.g. a regularised ReLU at rest) counted as 0
  const ratio = (e: number, b: number) => (e === 0 ? 0 : e / b);
  let worst = ratio(err(got.loss, ref.loss), bound.loss);
  for (let i = 0; i < data.N; i++) worst = Math.max(worst, ratio(err(got.outputs[i], ref.outputs[i]), bound.outputs[i]));
  let worstGrad = 0;
  for (let p = 0; p < got.grad.length; p++) worstGrad = Math.max(worstGrad, ratio(err(got.grad[p], ref.grad[p]), gradBound[p]));
  return {
    ok: worst <= 1 && worstGrad <= 1,
    detail:
      `${describeScenario(s)}: float64 error / derived bound = ${worst.toPrecision(3)} (loss, outputs), ` +
      `${worstGrad.toPrecision(3)} (gradient); both must be ≤ 1`,
    figures: { forwardErrOverBound: worst, gradErrOverBound: worstGrad },
  };
}

export const float64AccuracyClaim = defineClaim<Scenario, Backend<number>>({
  id: 'float64-accuracy',
  catalogue: null,
  title: 'Float64 loss, outputs and gradient are within the derived rounding bounds of a 40-digit reference',
  source: 'proofs-notes/rounding-bound.md (first-order forward error analysis, Higham ch. 3–4)',
  assumptions: ['activations accurate to 8u (measured in test/activations)', 'no overflow or underflow'],
  tolerance: '|float64 − reference| ≤ the derived first-order bound (×1.01 for second-order terms); no other slack',
  budget: { quick: 6, ci: 30, full: 200 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile, { max: { L: 12, M: 12, N: 6 } }),
  // The second example is the unbounded activation at the top of the scale range: its pre-activations span
  // r ≈ −54 … 61, where a textbook softplus log(1 + e^r) loses its relative accuracy (planted bug
  // 'unstable-softplus', docs/planted-bugs.md), which the random scenarios reach too rarely to be sure of.
  examples: (profile) => [
    { ...irisExample(profile), N: 6, L: 8, M: 8 },
    { ...irisExample(profile, 'softplus'), N: 6, L: 8, M: 8, scale: 2 },
  ],
  figures: {
    forwardErrOverBound: { worst: 'max', description: 'max float64 error of loss and outputs / derived bound' },
    gradErrOverBound: { worst: 'max', description: 'max float64 error of a gradient entry / gradient bound' },
  },
  measure,
  nominal: float64Backend,
  control: {
    description: 'planted bug: every addition rounded to float32 (Math.fround)',
    subject: float32AddBackend,
  },
});
