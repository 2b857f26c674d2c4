/**
 * The decimal reference is stable: the generic network at P and at 2P significant digits agrees to within
 * the P-digit rounding bound, i.e. the float64 bounds of proofs-notes/rounding-bound.md with u replaced by
 * u_P = ½·10^{1−P}. So the reference is trusted exactly where it is reproducible. Exact rational arithmetic
 * agrees with decimal at P digits on polynomial activations within the same bound.
 * Note: proofs-notes/decimal-stability.md. Negative control: activations computed at ⌈P/2⌉ digits.
 */
import type { Decimal } from 'decimal.js';
import { createWorkspace, forward, forwardErrorBound, genericLossAndGradient, gradientErrorBound } from '../src/model/index.js';
import { type Backend, UNIT_ROUNDOFF, decimalBackend, rationalBackend } from '../src/numeric/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Scenario, buildScenario, describeScenario, scenarioArbitrary } from '../src/check/scenarios.js';

/** Digits of the checked reference; it is compared with 2P digits (and with exact rationals for polynomials). */
export const STABILITY_DIGITS = 30;

/** A decimal backend at P digits: nominal, or with the planted bug that activations use only ⌈P/2⌉ digits. */
export type DecimalAt = (P: number) => Backend<Decimal>;

const nominal: DecimalAt = (P) => decimalBackend(P);
const halfPrecisionActivations: DecimalAt = (P) => ({
  field: decimalBackend(P).field,
  activation: (a) => decimalBackend(Math.ceil(P / 2)).activation(a),
});

function measure(s: Scenario, at: DecimalAt): Measurement {
  const { net, data } = buildScenario(s);
  const P = STABILITY_DIGITS;
  const lo = genericLossAndGradient(at(P), net, data);
  const ref = decimalBackend(2 * P);
  const hi = genericLossAndGradient(at(2 * P), net, data);
  // The float64 bounds scale with the unit roundoff: at P digits, u_P = ½·10^{1−P} instead of 2^-53.
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  const scale = (0.5 * 10 ** (1 - P)) / UNIT_ROUNDOFF;
  const fb = forwardErrorBound(net, ws, data.y);
  const gb = gradientErrorBound(net, ws, data.y);
  const F = ref.field;
  const diff = (a: Decimal, b: Decimal) => Math.abs(F.toFloat64(F.sub(a, b)));
  const ratio = (e: number, b: number) => (e === 0 ? 0 : e / (scale * b));
  let worst = ratio(diff(lo.loss, hi.loss), fb.loss);
  lo.outputs.forEach((o, i) => (worst = Math.max(worst, ratio(diff(o, hi.outputs[i]), fb.outputs[i]))));
  lo.grad.forEach((g, p) => (worst = Math.max(worst, ratio(diff(g, hi.grad[p]), gb[p]))));
  let exactRatio = 0;
  if (s.activation === 'identity' || s.activation === 'cubic') {
    const exact = genericLossAndGradient(rationalBackend, net, data);
    // p/q rounded to 2P digits: num and den enter at 2P digits (relative error 10^{-2P} each), far below the P-digit bound.
    const D = F.one.constructor as typeof Decimal;
    const toDec = (q: (typeof exact)['loss']) => F.div(new D(q.num.toString()), new D(q.den.toString()));
    exactRatio = ratio(diff(lo.loss, toDec(exact.loss)), fb.loss);
    lo.grad.forEach((g, p) => (exactRatio = Math.max(exactRatio, ratio(diff(g, toDec(exact.grad[p])), gb[p]))));
  }
  return {
    ok: worst <= 1 && exactRatio <= 1,
    detail:
      `${describeScenario(s)}: |P − 2P| / P-digit bound = ${worst.toPrecision(3)}` +
      (s.activation === 'identity' || s.activation === 'cubic' ? `, |P − exact| / bound = ${exactRatio.toPrecision(3)}` : '') +
      ` (P = ${P}; must be ≤ 1)`,
    figures: { precisionDiffOverBound: worst, exactDiffOverBound: exactRatio },
  };
}

export const decimalStabilityClaim = defineClaim<Scenario, DecimalAt>({
  id: 'decimal-stability',
  catalogue: null,
  title: `Decimal at P = ${STABILITY_DIGITS} agrees with 2P digits and with exact rationals within the P-digit rounding bound`,
  source: 'proofs-notes/rounding-bound.md with u_P = ½·10^{1−P}; DESIGN.md "One implementation, several number types"',
  assumptions: ['decimal activations correctly rounded to P digits (guard digits, test/numeric)', 'polynomial activations for the exact comparison'],
  tolerance: 'the float64 forward and gradient bounds scaled by u_P/u, where u_P = ½·10^{1−P}: no other slack',
  budget: { quick: 4, ci: 16, full: 120 },
  statisticalDecisions: 0,
  scenarios: (profile) =>
    scenarioArbitrary(profile, { max: { d: 2, N: 3, L: 4, M: 4 }, scale: [0.25, 1], activations: ['identity', 'cubic', 'tanh', 'sigmoid', 'softplus', 'sin', 'gaussian', 'regularized_relu'] })
      // Exact rationals for cubic grow threefold in length per layer (L = 4, M = 4 takes minutes): cap its sizes.
      .map((s) => (s.activation === 'cubic' ? { ...s, L: Math.min(s.L, 2), M: Math.min(s.M, 3), N: Math.min(s.N, 2) } : s)),
  examples: () => [
    { d: 2, N: 2, L: 2, M: 2, activation: 'cubic', delta: 0.5, init: 'linear', scale: 0.5, dataset: 'ball', seed: 3 },
  ],
  figures: {
    precisionDiffOverBound: { worst: 'max', description: 'max |value at P − value at 2P| / P-digit bound' },
    exactDiffOverBound: { worst: 'max', description: 'max |value at P − exact rational| / P-digit bound (polynomial σ)' },
  },
  measure,
  nominal,
  control: {
    description: 'planted bug: activations evaluated with only ⌈P/2⌉ digits (a precision set wrong inside the backend)',
    subject: halfPrecisionActivations,
    scenarios: (profile) => scenarioArbitrary(profile, { max: { d: 2, N: 3, L: 4, M: 4 }, scale: [0.25, 1], activations: ['tanh', 'sigmoid', 'sin'] }),
  },
});
