/**
 * The subject under test: the minimal interface a claim asks of an implementation of the mean-field ResNet
 * (theory.md §1–2), so that the claims can check resnet-mf's own kernel, a planted-bug variant of it, or a
 * user's implementation in another language (external.ts, docs/subject-protocol.md) alike.
 *
 * A subject is asked in batches (a claim's scenario asks all it needs at once), synchronously. What it
 * answers is never trusted as a reference: each claim measures it against references computed by resnet-mf
 * itself (the fast kernel, the decimal network, the continuous-depth and mean-field solvers).
 */
import type { Dataset } from '../data/dataset.js';
import { ResnetMfError } from '../errors.js';
import type { Network } from '../model/network.js';

/**
 * What a subject can do:
 * - `outputs`: the loss E = (1/N) Σ_i ½ (g(z_L(x_i)) − y_i)² and the N outputs g(z_L(x_i)) = aᵀz_L(x_i);
 * - `gradient`: ∂E/∂θ (unscaled, laid out like θ);
 * - `train`: K steps of gradient descent at training-time step Δs with the subject's own training loop and
 *   learning-rate rule (mean field: h = M L Δs, theory.md §2);
 * - `init`: the mean-field initialisation along linear depth paths, θ_{l,m} = a_m + (l/L) c_m with a_m, c_m
 *   i.i.d. N(0, scale² I_{2d+1}) (theory.md §3), drawn by the subject's own generator from a seed.
 */
export const CAPABILITIES = ['outputs', 'gradient', 'train', 'init'] as const;
export type Capability = (typeof CAPABILITIES)[number];

/**
 * What a claim needs that no subject offers yet: the claim reads resnet-mf's own internals (its initialisation,
 * the adjoint states λ_l, the decimal network, a planted variant of the kernel) and so checks the built-in
 * implementation only. Only the built-in subject has it.
 */
export const INTERNALS = 'resnet-mf-internals';
export type Need = Capability | typeof INTERNALS;

/** Default time limit of one answer of an external subject, seconds (`check --impl-timeout`). */
export const DEFAULT_SUBJECT_TIMEOUT = 120;

/** One network on one data set (net.d = data.d). */
export interface NetworkCase {
  net: Network;
  data: Dataset;
}

/** What `evaluate` returns per case: E, the outputs (length N) and, when asked, ∂E/∂θ (length L·M·(2d+1), row-major (L, M, 2d+1)). */
export interface Evaluation {
  loss: number;
  outputs: Float64Array;
  grad?: Float64Array;
}

/** K ≥ 0 GD steps of size Δs > 0 in training time from case.net. */
export interface TrainCase extends NetworkCase {
  dt: number;
  steps: number;
}

/** One initialisation to draw: sizes, the standard deviation `scale` of every entry of a_m and c_m, and a seed. */
export interface InitCase {
  d: number;
  L: number;
  M: number;
  scale: number;
  /** Integer in [0, 2^31 − 1]; different seeds must give independent draws. */
  seed: number;
}

export interface Subject {
  /** A short name for reports, e.g. 'resnet-mf 0.1.0' or the adapter's own. */
  readonly name: string;
  /** What it can do; a claim that needs more is not applicable to it. */
  readonly capabilities: readonly Need[];
  /**
   * E and the outputs for each case, and ∂E/∂θ when `gradient` (capability `gradient`).
   * @throws SubjectError when the subject fails to answer (crash, time limit, malformed answer)
   */
  evaluate(cases: readonly NetworkCase[], gradient: boolean): Evaluation[];
  /**
   * θ after case.steps GD steps of size case.dt (length L·M·(2d+1), the layout of θ); non-finite entries allowed.
   * @throws SubjectError as evaluate
   */
  train(cases: readonly TrainCase[]): Float64Array[];
  /**
   * θ drawn from the linear-path initialisation for each case (capability `init`), length L·M·(2d+1), the layout of θ.
   * @throws SubjectError as evaluate
   */
  init(cases: readonly InitCase[]): Float64Array[];
}

/**
 * A subject that did not answer as the protocol requires: it crashed, hung past its time limit, wrote
 * malformed JSON, or answered with the wrong shape. Never a verdict: the run stops, naming the request and the
 * field (exit code 2, as bad input).
 */
export class SubjectError extends ResnetMfError {
  /** The error whose field, expectation and (already rendered) received value are `parts`: one passed between threads. */
  static fromParts(parts: { field: string; expected: string; received: string }): SubjectError {
    const err = new SubjectError(parts.field, parts.expected, undefined);
    return Object.assign(err, { received: parts.received, message: `${parts.field}=${parts.received} must be ${parts.expected}` });
  }
}

/** The needs of a claim that `subject` lacks (empty: the claim applies). */
export function missingNeeds(needs: readonly Need[], subject: Pick<Subject, 'capabilities'>): Need[] {
  return needs.filter((n) => !subject.capabilities.includes(n));
}

/** Why a claim does not apply to a subject, in words: the capabilities it lacks, or that the claim reads resnet-mf's internals. */
export function lacksText(lacks: readonly string[]): string {
  if (lacks.includes(INTERNALS)) return "it reads resnet-mf's internals, so it checks resnet-mf's own implementation only";
  return `the subject lacks ${lacks.join(', ')}`;
}
