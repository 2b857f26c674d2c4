/**
 * Claim 22 (theory.md §5–6): the regularised ReLU σ_δ (0 for r < −δ, (r + δ)²/(4δ) on [−δ, δ], r for r > δ) as
 * implemented in src/activations/regularizedRelu.ts is C^{1,1}: σ_δ and σ_δ' are continuous (in particular across
 * the kinks ±δ), σ_δ' ∈ [0, 1] and |σ_δ''| ≤ 1/(2δ) (so σ_δ' is 1/(2δ)-Lipschitz).
 * Note: proofs-notes/relu-regularity.md. Negative control: a planted σ_δ = (r + δ)²/(2δ) on [−δ, δ] (jumps at +δ).
 */
import fc from 'fast-check';
import { type Activation, regularizedRelu } from '../src/activations/index.js';
import { UNIT_ROUNDOFF as u, gamma } from '../src/numeric/float64.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';

/** The implementation under test: σ_δ for a given δ > 0. */
export type RegularizedReluFamily = (delta: number) => Activation;

/**
 * One scenario: δ = 2^(deltaK/4); a kink κ = kink·δ probed at κ ± η with η = δ·2^-etaK; an interior point
 * r = δ·t/1024 (|r| ≤ 4δ) and its neighbour r + η; a tail point r = tailSign·2^(tailK/4).
 */
export interface ReluScenario {
  deltaK: number;
  kink: -1 | 1;
  etaK: number;
  t: number;
  tailK: number;
  tailSign: -1 | 1;
}

/**
 * Relative accuracy of the implementation's σ_δ and σ_δ' on [−δ, δ) (exact outside): σ_δ' = fl(fl(r/2 + δ/2)/δ) has two
 * roundings (the halvings are exact), γ_2; σ_δ = h·(h/δ) has h (one rounding, entering twice), h/δ and the product, γ_4.
 * (regularizedRelu.ts states the first-order forms 2u and 4u.)
 */
const SIGMA_RELATIVE_ERROR = gamma(4);
const DSIGMA_RELATIVE_ERROR = gamma(2);

/**
 * |f(b) − f(a)| / (Lip·(b − a)·(1 + 6u) + ε_f(|f(a)| + |f(b)|)): ≤ 1 when f is Lip-Lipschitz on [a, b] and evaluated
 * with relative error ε_f. (1 + 6u) covers the roundings of b − a, of Lip = fl(1/(2δ)), of the product, of the factor
 * itself and of the subtraction f(b) − f(a), with one u to spare.
 */
function lipschitzRatio(f: (r: number) => number, a: number, b: number, lip: number, relErr: number): number {
  const diff = Math.abs(f(b) - f(a));
  if (diff === 0) return 0;
  const bound = lip * Math.abs(b - a) * (1 + 6 * u) + relErr * (Math.abs(f(a)) + Math.abs(f(b)));
  return diff / bound;
}

function measure(s: ReluScenario, family: RegularizedReluFamily): Measurement {
  const delta = 2 ** (s.deltaK / 4);
  const act = family(delta);
  const kappa = s.kink * delta;
  const eta = delta * 2 ** -s.etaK;
  // η ≤ δ/4 puts κ ± η in [3δ/4, 5δ/4] (in magnitude), so b − a is exact (Sterbenz).
  const [a, b] = [kappa - eta, kappa + eta];
  const r = (delta * s.t) / 1024;
  const r2 = r + eta;
  const tail = s.tailSign * 2 ** (s.tailK / 4);
  const curvatureLip = 1 / (2 * delta);
  const continuity = Math.max(
    lipschitzRatio((x) => act.sigma(x), a, b, 1, SIGMA_RELATIVE_ERROR),
    lipschitzRatio((x) => act.dsigma(x), a, b, curvatureLip, DSIGMA_RELATIVE_ERROR),
  );
  const lipschitz = Math.max(
    lipschitzRatio((x) => act.sigma(x), r, r2, 1, SIGMA_RELATIVE_ERROR),
    lipschitzRatio((x) => act.dsigma(x), r, r2, curvatureLip, DSIGMA_RELATIVE_ERROR),
  );
  const points = [a, kappa, b, r, r2, tail, -delta, delta];
  let minD = Infinity;
  let maxD = -Infinity;
  let curvature = 0;
  for (const x of points) {
    const dx = act.dsigma(x);
    minD = Math.min(minD, dx);
    maxD = Math.max(maxD, dx);
    // |σ''|·2δ ≤ 1 + 2u: fl(0.5/δ) carries one rounding and the product by 2δ another.
    curvature = Math.max(curvature, (Math.abs(act.d2sigma(x)) * 2 * delta) / (1 + 2 * u));
  }
  const ok = continuity <= 1 && lipschitz <= 1 && minD >= 0 && maxD <= 1 && curvature <= 1;
  return {
    ok,
    detail:
      `δ = ${delta.toPrecision(4)}, kink ${s.kink > 0 ? '+' : '−'}δ ± η (η = δ·2^-${s.etaK}), r = ${r.toPrecision(4)}, tail ${tail.toPrecision(4)}: ` +
      `continuity ratio ${continuity.toPrecision(3)}, Lipschitz ratio ${lipschitz.toPrecision(3)} (≤ 1), ` +
      `σ' in [${minD}, ${maxD}] (⊂ [0, 1]), max |σ''|·2δ/(1+2u) = ${curvature} (≤ 1)`,
    figures: { continuityRatio: continuity, lipschitzRatio: lipschitz, minDsigma: minD, maxDsigma: maxD, curvatureRatio: curvature },
  };
}

/**
 * Planted bug: σ_δ(r) = (r + δ)²/(2δ) on [−δ, δ) (the 4 of the textbook formula written as 2), with its consistent
 * derivatives (r + δ)/δ and 1/δ: continuous at −δ, but σ jumps from 2δ to δ at +δ and σ' from 2 to 1.
 */
export function wrongRegularizedRelu(delta: number): Activation {
  const good = regularizedRelu(delta);
  const inside = (r: number) => r >= -delta && r < delta;
  return {
    ...good,
    sigma: (r) => (inside(r) ? ((r + delta) * (r + delta)) / (2 * delta) : good.sigma(r)),
    dsigma: (r) => (inside(r) ? (r + delta) / delta : good.dsigma(r)),
    d2sigma: (r) => (inside(r) ? 1 / delta : 0),
  };
}

const scenarios = (): fc.Arbitrary<ReluScenario> =>
  fc.record({
    deltaK: fc.integer({ min: -80, max: 80 }),
    kink: fc.constantFrom(-1 as const, 1 as const),
    etaK: fc.integer({ min: 2, max: 50 }),
    t: fc.integer({ min: -4096, max: 4096 }),
    tailK: fc.integer({ min: -200, max: 200 }),
    tailSign: fc.constantFrom(-1 as const, 1 as const),
  });

export const reluRegularityClaim = defineClaim<ReluScenario, RegularizedReluFamily>({
  id: 'relu-regularity',
  catalogue: 22,
  title: "Regularised ReLU: σ_δ, σ_δ' continuous (across ±δ), σ_δ' ∈ [0, 1], |σ_δ''| ≤ 1/(2δ)",
  source: 'theory.md §5 (regularised ReLU) and §6 claim 22; [DCLW-a], [DCLW-b] §6 (partially 1-homogeneous blocks)',
  assumptions: ['δ > 0 (here 2^-20 … 2^20)', 'the implementation of src/activations/regularizedRelu.ts in float64'],
  tolerance:
    "continuity and Lipschitz: |f(b) − f(a)| ≤ Lip·(b − a)(1 + 6u) + ε_f(|f(a)| + |f(b)|) with Lip = 1 for σ, 1/(2δ) for σ', " +
    "ε_σ = γ_4, ε_σ' = γ_2 (the roundings of the implementation's formulas); σ' ∈ [0, 1] exactly; |σ''|·2δ ≤ 1 + 2u",
  budget: { quick: 50, ci: 400, full: 3000 },
  statisticalDecisions: 0,
  scenarios,
  examples: () => [
    { deltaK: 0, kink: 1, etaK: 20, t: 512, tailK: 40, tailSign: 1 },
    { deltaK: -4, kink: -1, etaK: 50, t: -1024, tailK: -40, tailSign: -1 },
  ],
  figures: {
    continuityRatio: { worst: 'max', description: "max over σ, σ' of |f(κ+η) − f(κ−η)| / (Lip·2η + rounding) at κ = ±δ" },
    lipschitzRatio: { worst: 'max', description: "the same at an interior point r, r + η" },
    minDsigma: { worst: 'min', description: "smallest σ' seen (≥ 0)" },
    maxDsigma: { worst: 'max', description: "largest σ' seen (≤ 1)" },
    curvatureRatio: { worst: 'max', description: "max |σ''|·2δ/(1 + 2u) (≤ 1)" },
  },
  measure,
  nominal: regularizedRelu,
  control: { description: 'planted bug: σ_δ = (r + δ)²/(2δ) on [−δ, δ] (discontinuous at +δ)', subject: wrongRegularizedRelu },
});
