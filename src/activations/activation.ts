/**
 * The activation interface: σ with its first two derivatives, evaluated in float64.
 *
 * Every function is total on the finite doubles: it never returns NaN and never overflows where the
 * mathematical value is finite (see each activation's docstring for its tail formulas).
 */
export interface Activation {
  /** Canonical name, as written in the JSON interchange format (`{"name": ...}`). */
  readonly name: ActivationName;
  /** Parameters carried into JSON beside the name, e.g. `{ delta: 0.5 }` for the regularised ReLU. */
  readonly params: Readonly<Record<string, number>>;
  /** σ(r). */
  sigma(r: number): number;
  /** σ'(r). */
  dsigma(r: number): number;
  /** σ''(r) (for the regularised ReLU, the right derivative at the kinks r = ±δ). */
  d2sigma(r: number): number;
  /** sup_r |σ(r)| (Infinity when unbounded). The forward bound |z_L − z_0| ≤ max|u| needs this ≤ 1. */
  readonly supAbsSigma: number;
  /** sup_r |σ'(r)|: a Lipschitz constant of σ. */
  readonly supAbsDsigma: number;
  /** sup_r |σ''(r)|: a Lipschitz constant of σ'. */
  readonly supAbsD2sigma: number;
  /**
   * True when σ ∈ C² (σ'' continuous). The regularised ReLU is C^{1,1} only: its σ'' jumps at ±δ, so the loss
   * is not twice differentiable everywhere and order-of-convergence tests that need a Hessian do not apply.
   */
  readonly twiceContinuouslyDifferentiable: boolean;
}

/** The names accepted in JSON and on the command line. */
export const ACTIVATION_NAMES = [
  'identity',
  'tanh',
  'sigmoid',
  'softplus',
  'sin',
  'gaussian',
  'regularized_relu',
  'cubic',
] as const;

export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** JSON form of an activation: `{"name":"tanh"}` or `{"name":"regularized_relu","delta":0.5}`. */
export interface ActivationSpec {
  readonly name: string;
  readonly delta?: number;
}
