/**
 * Preallocated buffers for one (network size, N) pair, so the forward and adjoint passes allocate nothing.
 */
import { InvalidArgumentError } from '../errors.js';
import { neuronSumScratchLength } from './neuronSum.js';

/** Largest L·N·M (pre-activation and σ buffers, 16 bytes each: 1.6 GB) and (L+1)·N·d a workspace may hold. */
export const MAX_WORKSPACE_ENTRIES = 100_000_000;

/**
 * Checks that a workspace for these sizes fits the memory budget, before anything is allocated.
 * @throws InvalidArgumentError naming `L·N·M` or `(L+1)·N·d` when above MAX_WORKSPACE_ENTRIES.
 */
export function checkWorkspaceSize(d: number, L: number, M: number, N: number): void {
  if (L * N * M > MAX_WORKSPACE_ENTRIES) {
    throw new InvalidArgumentError('L·N·M', `at most ${MAX_WORKSPACE_ENTRIES} (the forward pass keeps r and σ(r) for every layer, sample and neuron)`, L * N * M);
  }
  if ((L + 1) * N * d > MAX_WORKSPACE_ENTRIES) {
    throw new InvalidArgumentError('(L+1)·N·d', `at most ${MAX_WORKSPACE_ENTRIES} (the states of every layer and sample)`, (L + 1) * N * d);
  }
}

export interface Workspace {
  readonly d: number;
  readonly L: number;
  readonly M: number;
  readonly N: number;
  /** States z_l(x_i), length (L+1)·N·d, row-major (L+1, N, d). */
  readonly z: Float64Array;
  /** Pre-activations r_{l,i,m} = w_{l,m}ᵀ z_l(x_i) + b_{l,m}, length L·N·M, row-major (L, N, M). */
  readonly r: Float64Array;
  /** σ(r_{l,i,m}), same layout as r. */
  readonly s: Float64Array;
  /** Outputs g(z_L(x_i)) = aᵀ z_L(x_i), length N. */
  readonly outputs: Float64Array;
  /** ∂E/∂θ (unscaled), length L·M·(2d+1), same layout as theta. */
  readonly grad: Float64Array;
  /** Adjoint λ_l(x_i) for the current layer, length N·d (overwritten layer by layer). */
  readonly lambda: Float64Array;
  /** Per-neuron coefficient buffer, length M. */
  readonly coef: Float64Array;
  /** Sum result, length d. */
  readonly acc: Float64Array;
  /** Scratch for neuronSum. */
  readonly scratch: Float64Array;
}

/** Buffers for a network of sizes (d, L, M) evaluated on N samples. Memory: ≈ 8·(L·N·(d + 2M) + L·M·(2d+1)) bytes. */
export function createWorkspace(d: number, L: number, M: number, N: number): Workspace {
  return {
    d,
    L,
    M,
    N,
    z: new Float64Array((L + 1) * N * d),
    r: new Float64Array(L * N * M),
    s: new Float64Array(L * N * M),
    outputs: new Float64Array(N),
    grad: new Float64Array(L * M * (2 * d + 1)),
    lambda: new Float64Array(N * d),
    coef: new Float64Array(M),
    acc: new Float64Array(d),
    scratch: new Float64Array(neuronSumScratchLength(M, d)),
  };
}
