/**
 * Shared fixtures of the oracle tests of src/model (roundingBound, firstVariation, mixedLayerLoss): the
 * activations whose branches matter to a rounding bound, a readout with distinct nonzero entries, and the
 * relative tolerance of two evaluations of one formula in different orders (its derivation is in
 * test/model/roundingBound.test.ts).
 */
import { type Activation, makeActivation } from '../../src/activations/index.js';

/** Relative agreement required between the library and an oracle of the same documented formula. */
export const ORACLE_TOL = 1e-12;

/** tanh; sin (σ' changes sign, so |σ'| matters); regularized ReLU, δ = 0.5 (C^{1,1}: sup|σ''| is used). */
export const ORACLE_ACTIVATIONS: Record<string, Activation> = {
  tanh: makeActivation({ name: 'tanh' }),
  sin: makeActivation({ name: 'sin' }),
  relu: makeActivation({ name: 'regularized_relu', delta: 0.5 }),
};

/** Distinct nonzero readout entries (take the first d), so ‖a‖₁, ‖a‖∞ and Σ|a_j z_j| all differ. */
export const ORACLE_READOUT = [0.8, -1.3, 0.45];

/** [0, 1, …, n − 1]. */
export const range = (n: number): number[] => Array.from({ length: n }, (_, k) => k);

/** Layers 0, middle and L − 1 (deduplicated): where a per-layer oracle is compared. */
export const layersOf = (L: number): number[] => [...new Set([0, L >> 1, L - 1])];

/**
 * [d, M, L, N, activation, seed] of the layer-wise oracle tests: M = 2..5 for γ_⌈log2 M⌉ and both neuron-sum
 * leaves, and every loop runs more than once in most cases.
 */
export const ORACLE_CASES: [number, number, number, number, string, number][] = [
  [2, 3, 3, 3, 'tanh', 1], [3, 2, 2, 2, 'relu', 2], [2, 5, 3, 2, 'sin', 3], [3, 4, 1, 3, 'tanh', 4], [2, 2, 3, 3, 'relu', 7],
];
