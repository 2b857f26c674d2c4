/**
 * The first variation of the loss with respect to layer l's neuron measure, in the discrete network
 * (theory.md §4 eq. (10) and §6 claims 15–16):
 *
 *   h_l(θ) = E_x[ λ_{l+1}(x)ᵀ f(z_l(x), θ) ] = (1/N) Σ_i (uᵀ λ_{l+1}(x_i)) σ(wᵀ z_l(x_i) + b),
 *   ∇_u h_l = (1/N) Σ_i σ(r_i) λ_{l+1,i},  ∇_w h_l = (1/N) Σ_i (uᵀλ_{l+1,i}) σ'(r_i) z_{l,i},  ∂_b h_l = (1/N) Σ_i (uᵀλ_{l+1,i}) σ'(r_i).
 *
 * Note the index: f is evaluated at z_l and paired with λ_{l+1}. At a neuron of the network, ∇_θ h_l(θ_{l,m}) is the
 * scaled gradient G_{l,m} = M L ∂E/∂θ_{l,m}. Convention: λ is the per-sample adjoint of adjoint.ts (no 1/N), and
 * the 1/N of E_x is in h.
 */
import type { Dataset } from '../data/dataset.js';
import { ShapeMismatchError } from '../errors.js';
import { integerInRange } from '../validate.js';
import { UNIT_ROUNDOFF as u, gamma } from '../numeric/float64.js';
import { backward } from './adjoint.js';
import type { Network } from './network.js';
import { ACTIVATION_RELATIVE_ERROR } from './roundingBound.js';
import type { Workspace } from './workspace.js';

/**
 * λ_l(x_i) for every sample, exactly as adjoint.ts computes it: backward() run on the network with u zeroed in
 * layers 0..l−1, which then add exactly 0 to λ, so the adjoint left in ws.lambda is λ_l, bit for bit.
 * @param ws filled by forward(net, data.x, ws) (kept; ws.lambda and ws.grad are overwritten)
 * @param l layer index in [0, L] (l = L gives the terminal condition λ_L = (g(z_L) − y) a)
 * @returns Float64Array of length N·d, row-major (N, d)
 * @throws InvalidArgumentError naming `l` when it is not an integer in [0, L]
 */
export function adjointAtLayer(net: Network, data: Dataset, ws: Workspace, l: number): Float64Array {
  const { d, M } = net;
  integerInRange('l', l, 0, net.L);
  const k = 2 * d + 1;
  const theta = Float64Array.from(net.theta);
  for (let p = 0; p < l * M; p++) theta.fill(0, p * k, p * k + d);
  backward({ ...net, theta }, data, ws);
  return Float64Array.from(ws.lambda);
}

/** The shapes layerH relies on (its loops index without bounds checks). */
function checkLayerField(field: LayerField, theta: Float64Array, offset: number, gradient: Float64Array | undefined): void {
  const { d, N } = field;
  const k = 2 * d + 1;
  integerInRange('offset', offset, 0, theta.length - k);
  for (const [name, a, n] of [['z', field.z, N * d], ['lambda', field.lambda, N * d], ['zError', field.zError, N], ['lambdaError', field.lambdaError, N]] as const) {
    if (a.length !== n) throw new ShapeMismatchError(`field.${name}`, `length ${n === N ? `N = ${N}` : `N·d = ${n}`}`, a);
  }
  if (gradient && gradient.length < k) throw new ShapeMismatchError('gradient', `length ≥ 2d+1 = ${k}`, gradient);
}

/** Inputs of h_l: the states z_l(x_i) (from ws) and the adjoints λ_{l+1}(x_i), with bounds on their rounding errors. */
export interface LayerField {
  d: number;
  N: number;
  /** z_l(x_i), length N·d, row-major (N, d). */
  z: Float64Array;
  /** λ_{l+1}(x_i), length N·d, row-major (N, d). */
  lambda: Float64Array;
  /** Per sample, a bound on max_j |ẑ_l,j − z_l,j| (0 when not tracked). */
  zError: Float64Array;
  /** Per sample, a bound on max_j |λ̂_j − λ_j| (0 when not tracked). */
  lambdaError: Float64Array;
}

/**
 * h_l(θ) and, when `gradient` is given, ∇_θ h_l(θ) into it (length 2d+1, layout (u, w, b)), with a first-order
 * bound on the float64 error of h from the rounding of its own operations and of its inputs (rounding-bound.md):
 *   δr = γ_{d+1}(|b| + Σ|w_j z_j|) + ‖w‖₁ δz,  δs = ε_σ|s| + |σ'| δr,  δ(uᵀλ) = γ_d Σ|u_j λ_j| + ‖u‖₁ δλ,
 *   δterm = |uᵀλ| δs + |s| δ(uᵀλ) + u|term|,   δh = 1.01 ((1/N) Σ δterm + γ_N (1/N) Σ|term| + u|h|).
 * Operation order: r = b + Σ_j w_j z_j (j ascending, as forward.ts), so at a neuron of layer l σ(r) is bitwise ws.s.
 * @param theta parameters, read at theta[offset .. offset + 2d]
 * @param gradient when given, length ≥ 2d+1
 * @throws InvalidArgumentError naming `offset` (not an integer with offset + 2d+1 ≤ theta.length); ShapeMismatchError
 *   naming `field.z`, `field.lambda` (length ≠ N·d), `field.zError`, `field.lambdaError` (length ≠ N) or `gradient`
 */
export function layerH(
  net: Network,
  field: LayerField,
  theta: Float64Array,
  offset: number,
  gradient?: Float64Array,
): { h: number; error: number } {
  const { d, N, z, lambda, zError, lambdaError } = field;
  checkLayerField(field, theta, offset, gradient);
  const sigma = net.activation;
  const gDot = gamma(d + 1);
  let sum = 0;
  let absSum = 0;
  let errSum = 0;
  if (gradient) gradient.fill(0, 0, 2 * d + 1);
  let u1 = 0;
  let w1 = 0;
  for (let j = 0; j < d; j++) {
    u1 += Math.abs(theta[offset + j]);
    w1 += Math.abs(theta[offset + d + j]);
  }
  for (let i = 0; i < N; i++) {
    let r = theta[offset + 2 * d];
    let absR = Math.abs(r);
    let ul = 0;
    let absUl = 0;
    for (let j = 0; j < d; j++) {
      r += theta[offset + d + j] * z[i * d + j];
      absR += Math.abs(theta[offset + d + j] * z[i * d + j]);
    }
    for (let j = 0; j < d; j++) {
      ul += theta[offset + j] * lambda[i * d + j];
      absUl += Math.abs(theta[offset + j] * lambda[i * d + j]);
    }
    const s = sigma.sigma(r);
    const ds = sigma.dsigma(r);
    const term = ul * s;
    sum += term;
    absSum += Math.abs(term);
    const dr = gDot * absR + w1 * zError[i];
    const dS = ACTIVATION_RELATIVE_ERROR * Math.abs(s) + Math.abs(ds) * dr;
    const dUl = gamma(d) * absUl + u1 * lambdaError[i];
    errSum += Math.abs(ul) * dS + Math.abs(s) * dUl + u * Math.abs(term);
    if (gradient) {
      const beta = ul * ds;
      for (let j = 0; j < d; j++) {
        gradient[j] += s * lambda[i * d + j];
        gradient[d + j] += beta * z[i * d + j];
      }
      gradient[2 * d] += beta;
    }
  }
  const h = sum / N;
  if (gradient) for (let p = 0; p <= 2 * d; p++) gradient[p] /= N;
  return { h, error: 1.01 * (errSum / N + gamma(N) * (absSum / N) + u * Math.abs(h)) };
}
