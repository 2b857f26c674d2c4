/**
 * The scalar interface the generic network is written against (STYLE habit 4: a closed set of primitives).
 *
 * Backends: float64 (JS numbers; must reproduce the fast kernel bit for bit), decimal (decimal.js at P
 * significant digits: the accuracy reference) and rational (exact fractions, for polynomial activations).
 * Numbers cross between types only through `fromFloat64` (exact: through the binary expansion of the double,
 * rounded once to the backend's precision) and `toFloat64` (the nearest double).
 */
import type { Activation } from '../activations/activation.js';

export interface ScalarField<T> {
  /** e.g. `float64`, `decimal(50)`, `rational`. */
  readonly name: string;
  readonly zero: T;
  readonly one: T;
  /**
   * The double x as a T: exact where T can hold it (decimal with enough digits, rational), else correctly
   * rounded from its exact binary expansion (never through its shortest decimal string).
   * @throws NonFiniteError for NaN or ±Infinity.
   */
  fromFloat64(x: number): T;
  /** A safe integer as a T (exact). */
  fromInteger(n: number): T;
  /** The double nearest to x (round half to even). */
  toFloat64(x: T): number;
  /** x as text with the backend's full precision (decimal: P significant digits; rational: `p/q`). */
  toText(x: T): string;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
}

/** σ, σ', σ'' evaluated in a backend. */
export interface ScalarActivation<T> {
  sigma(r: T): T;
  dsigma(r: T): T;
  d2sigma(r: T): T;
}

/** A number type: its field and its activations. */
export interface Backend<T> {
  readonly field: ScalarField<T>;
  /**
   * The activation in this backend, to the backend's full precision.
   * @throws InvalidArgumentError naming `activation` when the backend cannot evaluate it (tanh on rationals).
   */
  activation(a: Activation): ScalarActivation<T>;
}
