/**
 * Richardson extrapolation in 1/L for a quantity that is first order in depth: if q_L = q + C/L + O(1/L²)
 * (the depth error of Lipschitz paths, theory.md §5, [DCLW-b] Lemma G.1), then
 *
 *   R_L = 2 q_{2L} − q_L = q + O(1/L²),
 *
 * the first step of the Richardson table with ratio 2 and leading order 1. It removes the 1/L term only; for
 * rough paths (no expansion in 1/L) it does not raise the order.
 */
import { ShapeMismatchError } from '../errors.js';

/** 2 q_{2L} − q_L for scalars. */
export function richardson(qL: number, q2L: number): number {
  return 2 * q2L - qL;
}

/**
 * Entry-wise 2 q_{2L} − q_L for arrays (e.g. the final states z_L(x_i), length N·d).
 * @throws ShapeMismatchError when the lengths differ
 */
export function richardsonArray(qL: Float64Array, q2L: Float64Array): Float64Array {
  if (qL.length !== q2L.length) throw new ShapeMismatchError('q2L', `length ${qL.length} (as qL)`, q2L.length);
  const out = new Float64Array(qL.length);
  for (let p = 0; p < qL.length; p++) out[p] = 2 * q2L[p] - qL[p];
  return out;
}
