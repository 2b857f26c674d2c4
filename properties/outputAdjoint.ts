/**
 * Claim 14 (theory.md §5–6, [DCLW-b] Lemma H.1): for the linear readout g(z) = aᵀz,
 *   E_x |p(1; x)|² = 2 |a|² E,
 * checked on the discrete adjoint's terminal value λ_L(x_i) = (aᵀz_L(x_i) − y_i) a exactly as adjoint.ts computes it,
 * and per sample with its sign: aᵀλ_L(x_i) = |a|² (g(z_L(x_i)) − y_i) (the identity above is quadratic in λ_L).
 * Conventions (adjoint.ts, forward.ts): E = (1/N) Σ_i ½ (g − y_i)² (with the ½, mean over samples); λ is the
 * per-sample adjoint (no 1/N), so E_x|p(1)|² is (1/N) Σ_i |λ_L(x_i)|². Had λ carried the 1/N, the identity would
 * read N Σ_i |λ_L(x_i)|² = 2|a|² E. Note: proofs-notes/output-adjoint.md.
 * Negative control: a terminal condition λ_L = 2 (g − y) a (the adjoint of the loss without its ½).
 */
import type { Dataset } from '../src/data/dataset.js';
import { gaussian, randomStream } from '../src/init/index.js';
import { adjointAtLayer, createWorkspace, forward, lossFromOutputs, type Network } from '../src/model/index.js';
import { gamma } from '../src/numeric/float64.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Scenario, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** The implementation under test: the loss E and the terminal adjoints λ_L(x_i), length N·d, row-major (N, d). */
export type TerminalAdjoint = (net: Network, data: Dataset) => { E: number; lambdaL: Float64Array };

/** resnet-mf's: forward.ts's loss and adjoint.ts's λ_L (read out by adjointAtLayer(net, data, ws, L)). */
export const implementedTerminalAdjoint: TerminalAdjoint = (net, data) => {
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  const E = lossFromOutputs(ws.outputs, data.y);
  return { E, lambdaL: adjointAtLayer(net, data, ws, net.L) };
};

/** λ_L = (y − g(z_L)) a: the terminal adjoint with its sign flipped (a bug that only the per-sample check sees). */
export const negatedTerminalAdjoint: TerminalAdjoint = (net, data) => {
  const { E, lambdaL } = implementedTerminalAdjoint(net, data);
  return { E, lambdaL: lambdaL.map((v) => -v) };
};

/** Planted bug: λ_L = 2 (g(z_L) − y) a, the derivative of (g − y)² while the loss is ½ (g − y)². */
export const unhalvedTerminalAdjoint: TerminalAdjoint = (net, data) => {
  const { E, lambdaL } = implementedTerminalAdjoint(net, data);
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  for (let i = 0; i < data.N; i++) {
    for (let j = 0; j < net.d; j++) lambdaL[i * net.d + j] = 2 * (ws.outputs[i] - data.y[i]) * net.readout[j];
  }
  return { E, lambdaL };
};

/** A readout a with |a| ≠ 1 (so the factor |a|² is tested): a_j ~ N(0, 1) from the scenario's seed, never 0. */
function randomReadout(seed: number, d: number): Float64Array {
  const rng = randomStream(seed, 'claim', 'output-adjoint');
  const a = new Float64Array(d);
  for (let j = 0; j < d; j++) a[j] = gaussian(rng);
  if (a.every((v) => v === 0)) a[0] = 1;
  return a;
}

/** One scenario of the claim against `subject` (exported for tests of variants the claim runs no control for). */
export function measureOutputAdjoint(s: Scenario, subject: TerminalAdjoint): Measurement {
  const built = buildScenario(s);
  const net: Network = { ...built.net, readout: randomReadout(s.seed, built.net.d) };
  const { data } = built;
  const { d } = net;
  const { E, lambdaL } = subject(net, data);
  let sq = 0;
  for (let p = 0; p < data.N * d; p++) sq += lambdaL[p] * lambdaL[p];
  const lhs = sq * (1 / data.N);
  let a2 = 0;
  for (let j = 0; j < d; j++) a2 += net.readout[j] * net.readout[j];
  const rhs = 2 * a2 * E;
  // Both sides are sums of non-negative terms built from the same residuals res_i = fl(g_i − y_i), so each has a
  // relative error bound: lhs γ_{Nd+4} (λ = res·a, its square, Nd−1 additions, fl(1/N) and the product),
  // rhs γ_{N+d+3} (res², N−1 additions, fl(1/N), product; |a|² d roundings; the final product). 1.01 covers O(u²).
  const tol = 1.01 * (gamma(data.N * d + 4) + gamma(data.N + d + 3)) * Math.max(lhs, rhs);
  const diff = Math.abs(lhs - rhs);
  const ratio = diff === 0 ? 0 : diff / tol;
  // Per sample, with the sign: aᵀλ_L(x_i) = |a|² res_i, res_i = g_i − y_i from resnet-mf's forward pass. aᵀλ_L is d
  // products fl(res_i a_j)·a_j summed (2d roundings, γ_{2d}), |a|² res_i has d + 1 (γ_{d+1}); both relative to |res_i| |a|².
  const ws = createWorkspace(d, net.L, net.M, data.N);
  forward(net, data.x, ws);
  let signed = 0;
  let signedAt = '';
  for (let i = 0; i < data.N; i++) {
    const res = ws.outputs[i] - data.y[i];
    let dot = 0;
    for (let j = 0; j < d; j++) dot += net.readout[j] * lambdaL[i * d + j];
    const want = a2 * res;
    const gap = Math.abs(dot - want);
    const r = gap === 0 ? 0 : gap / (1.01 * (gamma(2 * d) + gamma(d + 1)) * Math.abs(want));
    if (!(r <= signed)) [signed, signedAt] = [r, `sample ${i}: aᵀλ_L = ${dot.toPrecision(6)}, |a|²(g − y) = ${want.toPrecision(6)}`];
  }
  return {
    ok: ratio <= 1 && signed <= 1,
    detail:
      `${describeScenario(s)} |a|² = ${a2.toPrecision(4)}: E_x|λ_L|² = ${lhs.toPrecision(17)}, 2|a|²E = ${rhs.toPrecision(17)}, ` +
      `|difference| / rounding bound = ${ratio.toPrecision(3)}; per sample, |aᵀλ_L − |a|²(g − y)| / rounding bound ≤ ${signed.toPrecision(3)}${signedAt ? ` (worst ${signedAt})` : ''} (both must be ≤ 1)`,
    figures: { errOverTol: ratio, relErr: diff === 0 ? 0 : diff / Math.max(lhs, rhs), signedErrOverTol: signed },
  };
}

export const outputAdjointClaim = defineClaim<Scenario, TerminalAdjoint>({
  id: 'output-adjoint',
  catalogue: 14,
  title: 'E_x|p(1)|² = 2|a|² E for the linear readout g(z) = aᵀz, and aᵀp(1; x) = |a|² (g − y) per sample',
  source: '[DCLW-b] Lemma H.1 (adjoint lower bound); theory.md §5 and §6 claim 14',
  assumptions: ['linear readout g(z) = aᵀz (any a ≠ 0, drawn N(0, I_d) here)', 'loss ½(g − y)² averaged over the N samples'],
  tolerance:
    'relative (γ_{Nd+4} + γ_{N+d+3})·max(lhs, rhs)·1.01: both sides are sums of non-negative terms built from the same ' +
    'computed residuals, so their rounding is relative; γ_n counts the roundings of each side. Per sample: ' +
    '|aᵀλ_L − |a|² (g − y)| ≤ 1.01 (γ_{2d} + γ_{d+1}) |a|² |g − y| (the residual from resnet-mf\'s forward pass)',
  budget: { quick: 20, ci: 100, full: 500 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile),
  examples: (profile) => [irisExample(profile)],
  figures: {
    errOverTol: { worst: 'max', description: '|E_x|λ_L|² − 2|a|²E| / rounding bound (≤ 1 passes)' },
    relErr: { worst: 'max', description: '|E_x|λ_L|² − 2|a|²E| / max of the two' },
    signedErrOverTol: { worst: 'max', description: 'max over samples of |aᵀλ_L − |a|²(g − y)| / rounding bound (≤ 1 passes; a sign error gives ≈ 10¹⁶)' },
  },
  measure: measureOutputAdjoint,
  nominal: implementedTerminalAdjoint,
  control: { description: 'planted bug: terminal condition λ_L = 2 (g − y) a (the adjoint of the loss without its ½)', subject: unhalvedTerminalAdjoint },
});
