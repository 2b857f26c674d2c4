/**
 * Claim 16 (theory.md §5–6, [DCLW-b] §6, [CB18]): Euler identities for h_l(θ) = E_x[λ_{l+1}ᵀ f(z_l, θ)]:
 *   - partially 1-homogeneous block f = u σ̂(wᵀz + b), any σ:   u·∇_u h_l(θ) = h_l(θ);
 *   - 2-homogeneous block, σ(r) = r (f = u(wᵀz + b)):           θ·∇_θ h_l(θ) = 2 h_l(θ),  θ = (u, w, b).
 * ∇_θ h_l at the neurons of layer l is the scaled gradient G_{l,m} = M L ∂E/∂θ_{l,m} of the implementation under
 * test; at an added neuron θ* it is layerH's gradient. The regularised ReLU is only approximately homogeneous
 * (σ_δ(r) ≠ r σ_δ'(r) on [−δ, δ]) and enters the partial identity only.
 * Note: proofs-notes/homogeneity.md. Negative control: backpropagation with 1.25·σ'.
 */
import { gaussian, randomStream } from '../src/init/index.js';
import { type LayerField, type Network, adjointAtLayer, createWorkspace, forward, layerH } from '../src/model/index.js';
import { gamma } from '../src/numeric/float64.js';
import type { Measurement } from '../src/check/claim.js';
import { defineClaim } from '../src/check/defineClaim.js';
import { type Subject, builtinSubject, subjectGradient } from '../src/subject/index.js';
import { wrongSigmaPrime } from './gradient.js';
import { type Scenario, SCENARIO_ACTIVATIONS, buildScenario, describeScenario, irisExample, scenarioArbitrary } from '../src/check/scenarios.js';

/** Identity drawn three times as often as each other activation: only it is exactly 2-homogeneous. */
const WEIGHTED = [...SCENARIO_ACTIVATIONS, 'identity', 'identity'] as const;

/**
 * The derived rounding bounds of the two identities at one neuron θ with gradient g (layout (u, w, b)), computed
 * from the same ẑ_l, λ̂_{l+1}: per sample U_i = Σ_j |u_j λ_ij|, R_i = |b| + Σ_j |w_j z_ij|, s_i = σ(r̂_i);
 * A_s = (1/N) Σ U_i |s_i|, A_R = (1/N) Σ U_i R_i. In exact arithmetic on these inputs u·g_u = h exactly, and
 * θ·g − 2h = (1/N) Σ (uᵀλ_i)(wᵀz_i + b − r̂_i) ≤ γ_{d+1} A_R (σ = identity). Rounding of the gradient entries
 * (products, N sample sums, scalings by fl(1/(ML)), 1/N, ML) is γ_{N+d+6} relative to their absolute terms; the
 * dot products over θ add γ_{2d+2}; h itself γ_{N+d+2} (layerH).
 */
function tolerances(net: Network, field: LayerField, theta: Float64Array, off: number): { partial: number; full: number } {
  const { d, N, z, lambda } = field;
  let As = 0;
  let AR = 0;
  for (let i = 0; i < N; i++) {
    let U = 0;
    let R = Math.abs(theta[off + 2 * d]);
    let r = theta[off + 2 * d];
    for (let j = 0; j < d; j++) {
      U += Math.abs(theta[off + j] * lambda[i * d + j]);
      R += Math.abs(theta[off + d + j] * z[i * d + j]);
      r += theta[off + d + j] * z[i * d + j];
    }
    As += U * Math.abs(net.activation.sigma(r));
    AR += U * R;
  }
  As /= N;
  AR /= N;
  const gG = gamma(N + d + 6);
  const gH = gamma(N + d + 2);
  return {
    partial: 1.01 * (gG * As + gamma(d) * As + gH * As),
    full: 1.01 * (gG * (As + AR) + gamma(2 * d + 2) * (As + AR) + gamma(d + 1) * AR + 2 * gH * As),
  };
}

function measure(s: Scenario, subject: Subject): Measurement {
  const { net, data } = buildScenario(s);
  const { d, L, M } = net;
  const k = 2 * d + 1;
  const grad = subjectGradient(subject, net, data);
  const ws = createWorkspace(d, L, M, data.N);
  forward(net, data.x, ws);
  const homogeneous = net.activation.name === 'identity';
  const rng = randomStream(s.seed, 'claim', 'homogeneity');
  const thetaStar = new Float64Array(k);
  const gStar = new Float64Array(k);
  const zeros = new Float64Array(data.N);
  let partialWorst = 0;
  let fullWorst = 0;
  let where = '';
  const check = (field: LayerField, theta: Float64Array, off: number, g: Float64Array, gOff: number, h: number, label: string) => {
    const tol = tolerances(net, field, theta, off);
    let uG = 0;
    let all = 0;
    for (let j = 0; j < d; j++) uG += theta[off + j] * g[gOff + j];
    for (let p = 0; p < k; p++) all += theta[off + p] * g[gOff + p];
    const pr = Math.abs(uG - h) / tol.partial || 0;
    if (pr > partialWorst) [partialWorst, where] = [pr, `${label}: u·∇_u h = ${uG.toPrecision(17)} vs h = ${h.toPrecision(17)}`];
    if (homogeneous) {
      const fr = Math.abs(all - 2 * h) / tol.full || 0;
      if (fr > fullWorst) [fullWorst, where] = [fr, `${label}: θ·∇h = ${all.toPrecision(17)} vs 2h = ${(2 * h).toPrecision(17)}`];
    }
  };
  for (let l = 0; l < L; l++) {
    const field: LayerField = {
      d,
      N: data.N,
      z: ws.z.slice(l * data.N * d, (l + 1) * data.N * d),
      lambda: adjointAtLayer(net, data, ws, l + 1),
      zError: zeros,
      lambdaError: zeros,
    };
    const G = new Float64Array(k);
    for (let m = 0; m < M; m++) {
      const off = (l * M + m) * k;
      for (let p = 0; p < k; p++) G[p] = M * L * grad[off + p];
      check(field, net.theta, off, G, 0, layerH(net, field, net.theta, off).h, `neuron (l=${l}, m=${m})`);
    }
    for (let p = 0; p < k; p++) thetaStar[p] = s.scale * gaussian(rng);
    const star = layerH(net, field, thetaStar, 0, gStar);
    check(field, thetaStar, 0, gStar, 0, star.h, `added neuron θ* at l=${l}`);
  }
  const worst = Math.max(partialWorst, fullWorst);
  return {
    ok: worst <= 1,
    detail:
      `${describeScenario(s)}: worst |identity error| / rounding bound = ${worst.toPrecision(3)} (must be ≤ 1)` +
      `${homogeneous ? '' : ' (partial identity only: σ not 2-homogeneous)'}; worst at ${where}`,
    figures: { partialErrOverTol: partialWorst, fullErrOverTol: homogeneous ? fullWorst : NaN },
  };
}

export const homogeneityClaim = defineClaim<Scenario, Subject>({
  id: 'homogeneity',
  catalogue: 16,
  title: 'Euler identities: u·∇_u h = h for f = u σ̂(wᵀz+b); θ·∇_θ h = 2h for the 2-homogeneous f = u(wᵀz+b)',
  source: 'theory.md §5 and §6 claim 16; [DCLW-b] §6 (2-homogeneous and partially 1-homogeneous blocks); [CB18]',
  assumptions: [
    'partial identity: f = u σ̂(wᵀz + b), any σ (linear in u)',
    '2-homogeneous identity: σ(r) = r only (the regularised ReLU is not exactly homogeneous)',
    'h_l(θ) = E_x[λ_{l+1}ᵀ f(z_l, θ)], whose θ-gradient at a neuron of layer l is G_{l,m} = M L ∂E/∂θ_{l,m}',
  ],
  tolerance:
    'per neuron, the derived rounding bound of both sides from the same computed ẑ_l, λ̂_{l+1}: γ-factors counting the ' +
    'roundings of G (N sample sums, three scalings, products), of the dot products over θ and of h, times the sums of ' +
    'absolute terms (1/N)Σ U_i|s_i| and (1/N)Σ U_i R_i, plus γ_{d+1}(1/N)Σ U_i R_i for r̂ ≠ wᵀz + b (proofs-notes/homogeneity.md)',
  budget: { quick: 12, ci: 80, full: 400 },
  statisticalDecisions: 0,
  scenarios: (profile) => scenarioArbitrary(profile, { activations: WEIGHTED }),
  examples: (profile) => [irisExample(profile), { ...irisExample(profile), activation: 'identity', scale: 0.5 }],
  figures: {
    partialErrOverTol: { worst: 'max', description: 'max over neurons of |u·∇_u h − h| / rounding bound' },
    fullErrOverTol: { worst: 'max', description: 'max over neurons of |θ·∇_θ h − 2h| / rounding bound (σ = identity)' },
  },
  measure,
  nominal: builtinSubject,
  control: {
    description: "planted bug: backpropagation uses 1.25·σ' (θ·G = h + 1.25h ≠ 2h); σ = identity scenarios",
    subject: wrongSigmaPrime,
    scenarios: (profile) => scenarioArbitrary(profile, { activations: ['identity'] }),
  },
});
