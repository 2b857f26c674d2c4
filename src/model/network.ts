/**
 * The discrete residual network of theory.md §1 and its parameter layout.
 *
 *   z_0 = x,   z_{l+1} = z_l + (1/(M L)) Σ_m u_{l,m} σ(w_{l,m}ᵀ z_l + b_{l,m}),   l = 0..L−1,
 *   g(z) = aᵀ z,   E = (1/N) Σ_i ½ (g(z_L(x_i)) − y_i)².
 */
import type { Activation } from '../activations/activation.js';

/**
 * A network: sizes, activation, readout and parameters.
 *
 * Layout of `theta`: Float64Array of length L·M·k with k = 2d + 1, row-major (L, M, k); the neuron
 * θ_{l,m} = (u, w, b) occupies `theta[(l·M + m)·k + j]` with j in [0, d) for u, [d, 2d) for w and 2d for b.
 */
export interface Network {
  /** State dimension d ≥ 1. */
  readonly d: number;
  /** Depth L ≥ 1 (number of residual layers). */
  readonly L: number;
  /** Width M ≥ 1 (neurons per layer). */
  readonly M: number;
  readonly activation: Activation;
  /** Readout weights a, length d (g(z) = aᵀz). */
  readonly readout: Float64Array;
  /** Neuron parameters, length L·M·(2d+1), layout above. */
  readonly theta: Float64Array;
}

/** Numbers per neuron: k = 2d + 1 (u in R^d, w in R^d, b in R). */
export function neuronSize(d: number): number {
  return 2 * d + 1;
}

/** Offset of θ_{l,m} in `theta` for a network of width M and dimension d. */
export function neuronOffset(l: number, m: number, M: number, d: number): number {
  return (l * M + m) * (2 * d + 1);
}

/** A copy of `net` with new parameters (shares the activation and copies the readout). */
export function withTheta(net: Network, theta: Float64Array): Network {
  return { d: net.d, L: net.L, M: net.M, activation: net.activation, readout: Float64Array.from(net.readout), theta };
}

/**
 * The layer scale c = 1/(M L) of the layer map z_{l+1} = z_l + c Σ_m u σ(wᵀz_l + b) (theory.md §1), in float64:
 * the one the fast forward and adjoint passes share.
 */
export function layerScale(M: number, L: number): number {
  return 1 / (M * L);
}
