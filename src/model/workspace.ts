/**
 * Preallocated buffers for one (network size, N) pair, so the forward and adjoint passes allocate nothing.
 */
import { InvalidArgumentError } from '../errors.js';
import { type NeuronSumPlan, neuronSumPlan } from './neuronSum.js';

/** Largest L·N·M (pre-activation, σ and σ' buffers, 24 bytes each: 2.4 GB) and (L+1)·N·d a workspace may hold. */
export const MAX_WORKSPACE_ENTRIES = 100_000_000;

/**
 * Checks that a workspace for these sizes fits the memory budget, before anything is allocated.
 * @throws InvalidArgumentError naming `L·N·M` or `(L+1)·N·d` when above MAX_WORKSPACE_ENTRIES.
 */
export function checkWorkspaceSize(d: number, L: number, M: number, N: number): void {
  if (L * N * M > MAX_WORKSPACE_ENTRIES) {
    throw new InvalidArgumentError('L·N·M', `at most ${MAX_WORKSPACE_ENTRIES} (the forward pass keeps r, σ(r) and σ'(r) for every layer, sample and neuron)`, L * N * M);
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
  /** σ'(r_{l,i,m}), same layout as r: computed by the forward pass (for tanh from the same exponential as σ), read by the adjoint. */
  readonly ds: Float64Array;
  /** Outputs g(z_L(x_i)) = aᵀ z_L(x_i), length N. */
  readonly outputs: Float64Array;
  /** ∂E/∂θ (unscaled), length L·M·(2d+1), same layout as theta. */
  readonly grad: Float64Array;
  /** Adjoint λ_l(x_i) for the current layer, length N·d (overwritten layer by layer). */
  readonly lambda: Float64Array;
  /** Neuron-sum result, length d. */
  readonly acc: Float64Array;
  /** The neuron-sum tree for width M (neuronSum.ts), replayed by the kernel. */
  readonly plan: NeuronSumPlan;
  /** Leaf sums of the plan, length d·plan.leaves. */
  readonly leafSums: Float64Array;
  /** θ transposed per layer for contiguous loops over m: uᵀ and wᵀ of length L·d·M, row-major (L, d, M). */
  readonly uT: Float64Array;
  readonly wT: Float64Array;
  /** Biases b_{l,m}, length L·M, row-major (L, M). */
  readonly bias: Float64Array;
  /** One layer's gradient sums in transposed layout, length (2d+1)·M: rows u_0..u_{d−1}, w_0..w_{d−1}, b. */
  readonly gradT: Float64Array;
  /** Per-neuron uᵀλ of two samples, length 2M (the adjoint handles samples in pairs). */
  readonly ul: Float64Array;
  /** Per-neuron β = σ'(r)·uᵀλ of two samples, length 2M. */
  readonly beta: Float64Array;
}

/** Buffers for a network of sizes (d, L, M) evaluated on N samples. Memory: ≈ 8·(L·N·(d + 3M) + 2·L·M·(2d+1)) bytes. */
export function createWorkspace(d: number, L: number, M: number, N: number): Workspace {
  const plan = neuronSumPlan(M);
  return {
    d,
    L,
    M,
    N,
    z: new Float64Array((L + 1) * N * d),
    r: new Float64Array(L * N * M),
    s: new Float64Array(L * N * M),
    ds: new Float64Array(L * N * M),
    outputs: new Float64Array(N),
    grad: new Float64Array(L * M * (2 * d + 1)),
    lambda: new Float64Array(N * d),
    acc: new Float64Array(d),
    plan,
    leafSums: new Float64Array(d * plan.leaves),
    uT: new Float64Array(L * d * M),
    wT: new Float64Array(L * d * M),
    bias: new Float64Array(L * M),
    gradT: new Float64Array((2 * d + 1) * M),
    ul: new Float64Array(2 * M),
    beta: new Float64Array(2 * M),
  };
}
