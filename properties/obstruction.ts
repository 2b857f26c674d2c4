/**
 * Claim 19 (theory.md §5 "Topological obstruction", §6 item 19): in d = 1, a residual network whose every
 * layer map φ_l(z) = z + (1/(ML)) Σ_m u σ(w z + b) is increasing computes a·F(x) with F increasing, so its loss
 * E stays ≥ the isotonic loss of the labels (a > 0; the antitone loss for a < 0), for every L, M and s.
 * Measured along GD training on non-monotone labels, at every step where the layer maps are certified
 * increasing. Note: proofs-notes/d1-obstruction.md. Negative control: folding layers (certificate ignored).
 */
import fc from 'fast-check';
import { type ActivationName, makeActivation } from '../src/activations/index.js';
import { type Dataset, nonmonotone1d } from '../src/data/index.js';
import { gaussian, initNetwork, randomStream } from '../src/init/index.js';
import { createWorkspace, type Network } from '../src/model/index.js';
import { UNIT_ROUNDOFF as u } from '../src/numeric/index.js';
import { isotonicLoss } from '../src/stats/index.js';
import { gdStep } from '../src/train/index.js';
import type { Measurement, Profile } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type LayerGate, foldedNetwork, ignoreGate, monotoneLayersGate } from './obstructionGate.js';
import { lossWithBound } from './evaluations.js';
import { SCENARIO_ACTIVATIONS, logScale } from '../src/check/scenarios.js';

/** One scenario: sizes, activation, initialisation, labels (the bump or random non-monotone), readout, training. */
export interface ObstructionScenario {
  N: number;
  L: number;
  M: number;
  activation: ActivationName;
  /** Width δ of the regularised ReLU (ignored by the other activations). */
  delta: number;
  init: 'linear' | 'brownian' | 'iid';
  scale: number;
  labels: 'bump' | 'random';
  /** Readout a = sign · |a| (fixed during training; g(z) = a z). */
  readout: number;
  dt: number;
  steps: number;
  /** Planted folding first layer (negative control only). */
  fold: boolean;
  seed: number;
}

/** GD steps per profile: the horizon is steps·Δs. */
const STEPS: Record<Profile, number> = { quick: 40, ci: 120, full: 300 };
const SIZES: Record<Profile, { N: number; L: number; M: number }> = {
  quick: { N: 8, L: 6, M: 6 },
  ci: { N: 12, L: 12, M: 12 },
  full: { N: 16, L: 16, M: 16 },
};

/**
 * The data: x the jittered grid of `nonmonotone1d` (sorted, in [−1, 1]); y the bump 1 − 2x² or seeded Gaussian
 * labels, made non-monotone by swapping y_0 and y_1 when they come out monotone (the first two steps then
 * have opposite signs).
 */
export function obstructionData(s: ObstructionScenario): Dataset {
  const bump = nonmonotone1d({ N: s.N, seed: s.seed });
  if (s.labels === 'bump') return bump;
  const rng = randomStream(s.seed, 'data', 'obstruction', 'labels');
  const y = Float64Array.from({ length: s.N }, () => gaussian(rng));
  let up = true;
  let down = true;
  for (let i = 1; i < s.N; i++) {
    if (y[i] < y[i - 1]) up = false;
    if (y[i] > y[i - 1]) down = false;
  }
  if (up || down) [y[0], y[1]] = [y[1], y[0]];
  return { name: 'random-nonmonotone1d', d: 1, N: s.N, x: bump.x, y };
}

export function obstructionNetwork(s: ObstructionScenario): Network {
  const activation = makeActivation(s.activation === 'regularized_relu' ? { name: s.activation, delta: s.delta } : { name: s.activation });
  const net = initNetwork({ d: 1, L: s.L, M: s.M, activation, init: s.init, seed: s.seed, scale: s.scale, readout: Float64Array.of(s.readout) });
  return s.fold ? foldedNetwork(net) : net;
}

export function describeObstruction(s: ObstructionScenario): string {
  const act = s.activation === 'regularized_relu' ? `regularized_relu(δ=${s.delta})` : s.activation;
  return `${act} ${s.init} N=${s.N} L=${s.L} M=${s.M} scale=${s.scale.toPrecision(3)} ${s.labels} a=${s.readout.toPrecision(3)} Δs=${s.dt} steps=${s.steps}${s.fold ? ' folded' : ''} seed=${s.seed}`;
}

function measure(s: ObstructionScenario, gate: LayerGate): Measurement {
  const data = obstructionData(s);
  const net = obstructionNetwork(s);
  // a > 0: a·F is increasing, bound by the isotonic loss; a < 0: decreasing, bound by the antitone loss
  // min_{g↓} = isotonicLoss(x, −y) (negation is exact).
  const iso = isotonicLoss(data.x, s.readout > 0 ? data.y : data.y.map((v) => -v));
  const ws = createWorkspace(1, net.L, net.M, data.N);
  let checked = 0;
  let minExcess = Infinity;
  let minRatio = Infinity;
  let maxKappa = 0;
  let firstE = NaN;
  let lastE = NaN;
  for (let k = 0; k <= s.steps; k++) {
    const { E, dE } = lossWithBound(net, data, net.theta, ws);
    if (!Number.isFinite(E) || !Number.isFinite(dE)) break;
    if (k === 0) firstE = E;
    lastE = E;
    const g = gate(net);
    maxKappa = Math.max(maxKappa, g.kappa);
    if (g.ok) {
      checked++;
      // E ≥ iso exactly for the real network; |Ê − E| ≤ dE (rounding-bound.md); |îso − iso| ≤ u·iso (nearest double).
      const tol = dE + 2 * u * iso;
      const excess = E - iso;
      minExcess = Math.min(minExcess, excess);
      minRatio = Math.min(minRatio, E / iso);
      if (excess < -tol) {
        const at = `at s = ${(k * s.dt).toPrecision(3)} E = ${E.toPrecision(6)} < isotonic loss ${iso.toPrecision(6)}`;
        const detail = `${describeObstruction(s)}: ${at} by ${(-excess).toPrecision(3)} > tolerance ${tol.toPrecision(3)}; κ = ${g.kappa.toPrecision(3)}`;
        return { ok: false, figures: { minExcess, minRatio, maxKappa, checkedFraction: checked / (k + 1) }, detail };
      }
    }
    if (k < s.steps) gdStep(net, data, ws, s.dt);
  }
  return {
    ok: true,
    decided: checked > 0,
    reason: 'no GD step with every layer map certified increasing',
    figures: { minExcess, minRatio, maxKappa, checkedFraction: checked / (s.steps + 1) },
    detail:
      `${describeObstruction(s)}: E from ${firstE.toPrecision(4)} to ${lastE.toPrecision(4)} stays ≥ isotonic loss ${iso.toPrecision(4)} ` +
      `(min E/iso = ${minRatio.toPrecision(4)}) at ${checked} of ${s.steps + 1} points with certified increasing layers; max κ = ${maxKappa.toPrecision(3)}`,
  };
}

type Arbs = { [K in keyof ObstructionScenario]: fc.Arbitrary<ObstructionScenario[K]> };

/** Nominal scenarios: d = 1, the bump or random non-monotone labels, readout of either sign; `over` replaces fields. */
export function obstructionScenarios(profile: Profile, over: Partial<Arbs> = {}): fc.Arbitrary<ObstructionScenario> {
  const box = SIZES[profile];
  const arbs: Arbs = {
    N: fc.integer({ min: 3, max: box.N }),
    L: fc.integer({ min: 1, max: box.L }),
    M: fc.integer({ min: 1, max: box.M }),
    activation: fc.constantFrom(...SCENARIO_ACTIVATIONS),
    delta: logScale(0.125, 1),
    init: fc.constantFrom('linear' as const, 'brownian' as const, 'iid' as const),
    scale: logScale(0.25, 1),
    labels: fc.constantFrom('bump' as const, 'random' as const),
    readout: fc.tuple(fc.constantFrom(1, -1), logScale(0.5, 2)).map(([sign, a]) => sign * a),
    dt: fc.constantFrom(0.05, 0.1, 0.2),
    steps: fc.constant(STEPS[profile]),
    fold: fc.constant(false),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    ...over,
  };
  return fc.record(arbs);
}

/** Control scenarios: the bump, a = 1, tanh, M = 3j, a planted folding first layer (foldedNetwork), Δs = 0.01. */
export function foldedScenarios(profile: Profile): fc.Arbitrary<ObstructionScenario> {
  return obstructionScenarios(profile, {
    N: fc.integer({ min: 8, max: Math.max(8, SIZES[profile].N) }),
    L: fc.integer({ min: 1, max: 4 }),
    M: fc.integer({ min: 1, max: 3 }).map((j) => 3 * j),
    activation: fc.constant('tanh' as const),
    labels: fc.constant('bump' as const),
    readout: fc.constant(1),
    dt: fc.constant(0.01),
    fold: fc.constant(true),
  });
}

export const obstructionClaim = defineClaim<ObstructionScenario, LayerGate>({
  id: 'd1-obstruction',
  catalogue: 19,
  title: 'd = 1, increasing layer maps: E(s) ≥ isotonic-regression loss of the labels, for every L, M, s',
  source: 'theory.md §5 "Topological obstruction" (neural-ODE flows are increasing homeomorphisms of R), §6 item 19',
  assumptions: [
    'd = 1, linear readout g(z) = a z with a ≠ 0 (a < 0: the bound is the antitone loss)',
    'every layer map increasing on R, certified by κ_l = (1/(ML)) Σ_m |u_{l,m} w_{l,m}| sup|σ\'| < 1 (with a rounding margin)',
  ],
  tolerance:
    'E − iso ≥ −(δE + 2u·iso): δE the a-priori rounding bound of the float64 loss (rounding-bound.md), iso computed exactly in ' +
    'rationals and rounded once (relative error ≤ u); nothing else, since E ≥ iso holds exactly for the real network',
  budget: { quick: 10, ci: 100, full: 300 },
  statisticalDecisions: 0,
  // The claim's assumption (increasing layer maps) must hold at Θ(0): a scenario certified at no step at all could
  // not decide (quick seed 38 drew two with L = 1, M ≤ 2, |u w| > 1); training may still leave the certified set.
  scenarios: (profile) => obstructionScenarios(profile).filter((s) => monotoneLayersGate(obstructionNetwork(s)).ok),
  examples: (profile) => [
    { ...SIZES[profile], activation: 'tanh', delta: 0.5, init: 'linear', scale: 0.5, labels: 'bump', readout: 1, dt: 0.1, steps: STEPS[profile], fold: false, seed: 1 },
  ],
  figures: {
    minExcess: { worst: 'min', description: 'min over certified points of E(s) − isotonic loss' },
    minRatio: { worst: 'min', description: 'min over certified points of E(s) / isotonic loss (≥ 1 by the claim)' },
    maxKappa: { worst: 'max', description: 'max over the run of max_l κ_l (the layer-monotonicity certificate, < 1 certifies)' },
    checkedFraction: { worst: 'min', description: 'fraction of training points with certified increasing layers' },
  },
  measure,
  nominal: monotoneLayersGate,
  control: {
    description:
      'out of assumption: a planted first layer that folds the line (κ ≈ 8, fitted to the bump), trained by GD; the property is ' +
      'asserted without the monotonicity certificate and must fail',
    subject: ignoreGate,
    scenarios: foldedScenarios,
  },
});
