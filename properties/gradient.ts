/**
 * Claim 5 (theory.md §6): the adjoint gradient equals central finite differences, and the eps-free Taylor
 * remainder |E(Θ+hV) − E(Θ) − h⟨∇E, V⟩| decays like h² (slope 2 on log–log; a wrong gradient gives slope 1).
 * Note: proofs-notes/gradient-adjoint.md. Negative control: a planted wrong σ' in backpropagation.
 */
import { randomStream, gaussian } from '../src/init/index.js';
import { createWorkspace, gradientErrorBound, lossAndGradient } from '../src/model/index.js';
import { type Subject, builtinSubject, subjectGradient, nonFiniteEntry, variedSubject } from '../src/subject/index.js';
import { UNIT_ROUNDOFF, gamma } from '../src/numeric/float64.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { lossWithBound } from './evaluations.js';
import { type Rung, asymptoticSlope } from './slopes.js';
import { wrongDerivative } from './plantedBugs.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';


/** Coordinates checked by finite differences per scenario. */
const FD_COORDINATES = 8;
/** Taylor ladder h = 2^-1 … 2^-40; a remainder counts only when ≥ TAYLOR_FLOOR_FACTOR × its rounding floor. */
const TAYLOR_STEPS = 40;
const TAYLOR_FLOOR_FACTOR = 1000;
/** Midpoint between the right order (2) and the wrong one (1). */
const TAYLOR_SLOPE_THRESHOLD = 1.5;

function measure(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  const grad = subjectGradient(subject, net, data);
  const bad = nonFiniteEntry(grad, net);
  if (bad) return { ok: false, detail: `${describeScenario(s)}: the subject's ∂E/∂θ is not finite: ∂E/∂θ${bad}`, figures: { fdErrOverTol: Infinity, fdRelErr: Infinity, taylorSlope: NaN } };
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const base = lossWithBound(net, data, net.theta, ws);
  // the subject's gradient error: a bound valid for any summation order (the subject's code is not known)
  const adjointError = gradientErrorBound(net, ws, data.y, 'any');
  let gInf = 0;
  for (const g of grad) gInf = Math.max(gInf, Math.abs(g));

  const rng = randomStream(s.seed, 'claim', 'gradient');
  const theta = Float64Array.from(net.theta);
  const P = theta.length;
  let fdRatio = 0;
  let fdRelErr = 0;
  for (let q = 0; q < Math.min(FD_COORDINATES, P); q++) {
    const p = Math.floor(rng.uniform() * P);
    const fd = (step: number) => {
      const t0 = theta[p];
      theta[p] = t0 + step;
      const hPlus = theta[p] - t0;
      const plus = lossWithBound(net, data, theta, ws);
      theta[p] = t0 - hPlus;
      const minus = lossWithBound(net, data, theta, ws);
      theta[p] = t0;
      return { D: (plus.E - minus.E) / (2 * hPlus), round: (plus.dE + minus.dE) / (2 * hPlus) };
    };
    const h = Math.cbrt(UNIT_ROUNDOFF) * Math.max(1, Math.abs(theta[p]));
    const one = fd(h);
    const two = fd(2 * h);
    const tol = 2 * (Math.abs(two.D - one.D) / 3 + one.round) + adjointError[p];
    const err = Math.abs(one.D - grad[p]);
    fdRatio = Math.max(fdRatio, err / tol);
    fdRelErr = Math.max(fdRelErr, err / Math.max(gInf, Number.MIN_VALUE));
  }

  const V = new Float64Array(P);
  for (let p = 0; p < P; p++) V[p] = gaussian(rng);
  let dE = 0;
  let dEError = 0; // error of the computed ⟨g, V⟩: Σ|V_p| × the entry bound, plus the sum's own rounding
  for (let p = 0; p < P; p++) {
    dE += grad[p] * V[p];
    dEError += Math.abs(V[p]) * adjointError[p] + gamma(P) * Math.abs(grad[p] * V[p]);
  }
  const remainders: Rung[] = [];
  for (let kk = 1; kk <= TAYLOR_STEPS; kk++) {
    const h = 2 ** -kk;
    for (let p = 0; p < P; p++) theta[p] = net.theta[p] + h * V[p];
    const at = lossWithBound(net, data, theta, ws);
    const r = Math.abs(at.E - base.E - h * dE);
    const floor = at.dE + base.dE + h * (dEError + UNIT_ROUNDOFF * Math.abs(dE));
    remainders.push({ value: r, usable: r >= TAYLOR_FLOOR_FACTOR * floor });
  }
  // The slope test needs E ∈ C² (remainder ~ ½h²VᵀHV). For a C^{1,1} activation the remainder is O(h²) only as a
  // bound: kinks crossed between consecutive steps make local slopes meaningless, so finite differences decide.
  const applies = net.activation.twiceContinuouslyDifferentiable;
  // Not applicable (C^{1,1} σ): finite differences alone decide the scenario.
  const taylor = applies ? asymptoticSlope(remainders) : { slope: NaN, decided: true };
  const { slope: taylorSlope, decided: taylorDecided } = taylor;
  const fdOk = fdRatio <= 1;
  const taylorOk = !applies || !taylorDecided || taylorSlope > TAYLOR_SLOPE_THRESHOLD;
  const taylorText = !applies ? 'not applicable (σ is C^{1,1} only)' : taylorDecided ? taylorSlope.toFixed(3) : 'undecided';
  const detail =
    `${describeScenario(s)}: finite differences err/tol = ${fdRatio.toPrecision(3)} (must be ≤ 1), ` +
    `Taylor remainder slope = ${taylorText} (must be > ${TAYLOR_SLOPE_THRESHOLD})`;
  return { ok: fdOk && taylorOk, decided: taylorDecided, ...(taylorDecided ? {} : { reason: `Taylor test: ${taylor.reason}` }), detail, figures: { fdErrOverTol: fdRatio, fdRelErr, taylorSlope } };
}

/** Planted bug: backpropagation with 1.25·σ' (σ itself unchanged), the negative control of the gradient claims. */
export const wrongSigmaPrime: Subject = variedSubject("resnet-mf with 1.25·σ' in backpropagation", {
  lossAndGradient: (net, data) => lossAndGradient({ ...net, activation: wrongDerivative(net.activation, 1.25) }, data),
});

export const gradientClaim = defineClaim<Scenario, Subject>({
  id: 'gradient-adjoint',
  catalogue: 5,
  title: 'Adjoint gradient = central finite differences; Taylor remainder is O(h²)',
  source: 'theory.md §1 (adjoint equations); [DCLW-b] eq. (10)–(11) in the discrete setting',
  assumptions: [
    'σ in C^{1,1} (all activations here) for the finite-difference check',
    'σ in C² for the Taylor slope (all but the regularised ReLU; for it finite differences alone decide)',
  ],
  tolerance:
    'FD: 2·(Richardson truncation estimate |D_2h − D_h|/3 + rounding floor (δE₊ + δE₋)/(2h)) + the entry\'s gradient bound ' +
    '(valid for any summation order: the subject\'s code is not known, rounding-bound.md), ' +
    'h = u^{1/3}·max(1,|θ|), δE the derived loss rounding bound; Taylor: the mean of the two ' +
    'local slopes at the three smallest usable steps (remainder ≥ 1000× its rounding floor; the slopes must agree within ' +
    '0.1, else undecided) must exceed 1.5, midway between orders 2 and 1',
  budget: { quick: 12, ci: 100, full: 500 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile),
  examples: (profile) => [irisExample(profile)],
  figures: {
    fdErrOverTol: { worst: 'max', description: 'max over checked coordinates of |FD − adjoint| / tolerance' },
    fdRelErr: { worst: 'max', description: 'max |FD − adjoint| / ‖∇E‖∞' },
    taylorSlope: { worst: 'min', description: 'asymptotic slope of the Taylor remainder in h (properties/slopes.ts)' },
  },
  measure,
  needs: ['gradient'],
  nominal: builtinSubject,
  control: { description: "planted bug: backpropagation uses 1.25·σ' (σ itself unchanged)", subject: wrongSigmaPrime },
});
