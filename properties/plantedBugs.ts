/**
 * Planted bugs used as negative controls. Each is a small wrapper around the real implementation that
 * reproduces a realistic bug of the field exactly, without copying the kernel:
 * - a missing 1/L (or 1/M) in the layer map is the correct network with u scaled by L (or M);
 * - a wrong σ' in the adjoint is the correct adjoint run on an activation whose σ' alone is altered.
 */
import type { Activation } from '../src/activations/index.js';
import { type Network, lossAndGradient } from '../src/model/index.js';
import { type Subject, variedSubject } from '../src/subject/index.js';

/** The network with every u_{l,m} multiplied by `factor` (factor = L: "missing 1/L"; factor = M: "missing 1/M"). */
export function scaleU(net: Network, factor: number): Network {
  const { d, L, M } = net;
  const k = 2 * d + 1;
  const theta = Float64Array.from(net.theta);
  for (let p = 0; p < L * M; p++) for (let j = 0; j < d; j++) theta[p * k + j] *= factor;
  return { ...net, readout: Float64Array.from(net.readout), theta };
}

/** The activation with σ' multiplied by `factor` and σ, σ'' unchanged (a wrong derivative in backprop). */
export function wrongDerivative(activation: Activation, factor: number): Activation {
  return { ...activation, sigma: activation.sigma, d2sigma: activation.d2sigma, dsigma: (r) => factor * activation.dsigma(r) };
}

/** Planted bug: the layer map divided by M only (u scaled by L: the 1/L missing), in the forward pass and so in ∂E/∂θ. */
export const missingInvLSubject: Subject = variedSubject('resnet-mf with the layer map scaled 1/M (the 1/L missing)', {
  lossAndGradient: (net, data) => lossAndGradient(scaleU(net, net.L), data),
});
