/**
 * Claim 5 at high resolution: the float64 adjoint gradient equals the derivative of the loss measured by
 * central differences in decimal arithmetic at REFERENCE digits with a step h ≈ 10^{-P/3}, far smaller than
 * float64 allows (there, h ≈ 5·10^-6 and the check resolves ~8 digits; here ~26). The tolerance is the float64
 * gradient's own derived rounding bound plus the decimal difference quotient's truncation and rounding.
 * Note: proofs-notes/gradient-decimal.md. Negative control: backpropagation with 1.25·σ'.
 */
import { createWorkspace, forward, forwardErrorBound, genericLossAndGradient, gradientErrorBound } from '../src/model/index.js';
import { randomStream } from '../src/init/index.js';
import { UNIT_ROUNDOFF, decimalBackend } from '../src/numeric/index.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Subject, builtinSubject, subjectGradient, nonFiniteEntry } from '../src/subject/index.js';
import { wrongSigmaPrime } from './gradient.js';
import { type Scenario, buildScenario, describeScenario, scenarioArbitrary } from '../src/check/scenarios.js';

/** Digits of the decimal difference quotients. */
const P = 40;
/** Coordinates checked per scenario (each costs four decimal loss evaluations). */
const COORDINATES = 4;

function measure(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  const grad = subjectGradient(subject, net, data);
  const bad = nonFiniteEntry(grad, net);
  if (bad) return { ok: false, detail: `${describeScenario(s)}: the subject's ∂E/∂θ is not finite: ∂E/∂θ${bad}`, figures: { errOverTol: Infinity, agreeingDigits: 0 } };
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  const gBound = gradientErrorBound(net, ws, data.y, 'any'); // the subject's rounding: any summation order
  // The float64 loss bound with u replaced by u_P = ½·10^{1−P} bounds the decimal loss's rounding error.
  const lossBoundP = (forwardErrorBound(net, ws, data.y).loss * (0.5 * 10 ** (1 - P))) / UNIT_ROUNDOFF;
  const B = decimalBackend(P);
  const F = B.field;
  const rng = randomStream(s.seed, 'claim', 'gradient-decimal');
  let worst = 0;
  let digits = Infinity;
  for (let q = 0; q < Math.min(COORDINATES, net.theta.length); q++) {
    const p = Math.floor(rng.uniform() * net.theta.length);
    // θ_p ± h rounded to doubles; the quotient divides by the exact difference of the two doubles, formed in decimal.
    const quotient = (h: number) => {
      const at = (sign: number) => {
        const theta = Float64Array.from(net.theta);
        theta[p] += sign * h;
        return { value: theta[p], E: genericLossAndGradient(B, { ...net, theta }, data, { withGradient: false }).loss };
      };
      const [plus, minus] = [at(1), at(-1)];
      return F.div(F.sub(plus.E, minus.E), F.sub(F.fromFloat64(plus.value), F.fromFloat64(minus.value)));
    };
    const h = 10 ** -Math.round(P / 3) * Math.max(1, Math.abs(net.theta[p]));
    const D1 = quotient(h);
    const D2 = quotient(2 * h);
    const truncation = Math.abs(F.toFloat64(F.sub(D2, D1))) / 3;
    const tol = 2 * (truncation + (2 * lossBoundP) / (2 * h)) + gBound[p];
    const err = Math.abs(F.toFloat64(F.sub(F.fromFloat64(grad[p]), D1)));
    worst = Math.max(worst, err === 0 ? 0 : err / tol);
    const ref = Math.abs(F.toFloat64(D1));
    if (ref > 0 && err > 0) digits = Math.min(digits, -Math.log10(err / ref));
  }
  return {
    ok: worst <= 1,
    detail: `${describeScenario(s)}: |float64 adjoint − decimal difference quotient| / tolerance = ${worst.toPrecision(3)} (must be ≤ 1)`,
    figures: { errOverTol: worst, agreeingDigits: digits },
  };
}


export const decimalGradientClaim = defineClaim<Scenario, Subject>({
  id: 'gradient-decimal',
  catalogue: 5,
  title: `Float64 adjoint gradient = ${P}-digit central differences with step 10^-${Math.round(P / 3)}`,
  source: 'theory.md §1 (adjoint equations); claim 5 of §6 at a resolution float64 cannot reach',
  assumptions: ['σ ∈ C^{1,1}', 'decimal activations correct to P digits (test/numeric)'],
  tolerance:
    '2·(Richardson truncation |D_2h − D_h|/3 + rounding 2δE_P/(2h)) + the float64 entry bound for any summation order ' +
    '(rounding-bound.md, "The bound of a subject under test"), with δE_P the loss ' +
    'bound scaled to P digits (u_P = ½·10^{1−P})',
  budget: { quick: 4, ci: 16, full: 100 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile, { max: { L: 6, M: 6, N: 4, d: 3 } }),
  figures: {
    errOverTol: { worst: 'max', description: 'max |adjoint − decimal quotient| / tolerance (≤ 1 passes)' },
    agreeingDigits: { worst: 'min', description: 'significant digits on which the float64 adjoint and the quotient agree' },
  },
  measure,
  needs: ['gradient'],
  nominal: builtinSubject,
  control: { description: "planted bug: backpropagation uses 1.25·σ' (σ itself unchanged)", subject: wrongSigmaPrime },
});
