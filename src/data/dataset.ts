/**
 * A training set: N samples (x_i, y_i), x_i in R^d, y_i in R (theory.md §1, the empirical data measure).
 */
export interface Dataset {
  /** Short name, e.g. `iris`, `ball`, or the file it came from. */
  readonly name: string;
  /** Input dimension d ≥ 1. */
  readonly d: number;
  /** Number of samples N ≥ 1. */
  readonly N: number;
  /** Inputs, Float64Array of length N·d, row-major (N, d). */
  readonly x: Float64Array;
  /** Labels, Float64Array of length N. */
  readonly y: Float64Array;
}
