import type { Activation } from './activation.js';

/**
 * The sine activation σ(r) = sin(r), σ'(r) = cos(r), σ''(r) = −sin(r).
 *
 * @remarks
 * Formulas: Math.sin and Math.cos on every finite double. V8 uses the fdlibm algorithms, whose argument
 * reduction modulo π/2 is exact (Payne–Hanek for large |r|), so the results are finite and within 1 ulp
 * even near the zeros and at |r| = 1e300; σ'' is an exact negation.
 * Accuracy: ≤ 1 ulp for each function (libm). Bounds: sup|σ| = sup|σ'| = sup|σ''| = 1.
 *
 * @example
 * sin.dsigma(0); // 1
 */
export const sin: Activation = Object.freeze({
  name: 'sin',
  params: Object.freeze({}),
  sigma: (r: number): number => Math.sin(r),
  dsigma: (r: number): number => Math.cos(r),
  d2sigma: (r: number): number => -Math.sin(r),
  supAbsSigma: 1,
  supAbsDsigma: 1,
  supAbsD2sigma: 1,
  twiceContinuouslyDifferentiable: true,
});
