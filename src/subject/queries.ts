/**
 * What claims ask of a subject, as one call each: ∂E/∂θ of one network, and the final states z_L read through
 * the `outputs` capability.
 */
import type { Dataset } from '../data/dataset.js';
import type { Network } from '../model/network.js';
import type { Subject } from './subject.js';

/**
 * ∂E/∂θ of `subject` at (net, data) (capability gradient), length L·M·(2d+1), the layout of θ.
 * @throws SubjectError when the subject fails to answer
 */
export function subjectGradient(subject: Subject, net: Network, data: Dataset): Float64Array {
  return subject.evaluate([{ net, data }], true)[0].grad as Float64Array;
}

/**
 * The subject's final states z_L(x_i), row-major (N, d), through capability `outputs` alone: one request of d
 * cases, the network with readout a = e_j in case j, whose outputs e_jᵀz_L = z_{L,j} are exact (the other terms are
 * exact zeros), so these are the subject's own states bit for bit.
 * @throws SubjectError when the subject fails to answer
 */
export function subjectFinalStates(subject: Subject, net: Network, data: Dataset): Float64Array {
  const { d } = net;
  const cases = Array.from({ length: d }, (_, j) => {
    const readout = new Float64Array(d);
    readout[j] = 1;
    return { net: { ...net, readout }, data };
  });
  const z = new Float64Array(data.N * d);
  for (const [j, e] of subject.evaluate(cases, false).entries()) for (let i = 0; i < data.N; i++) z[i * d + j] = e.outputs[i];
  return z;
}

/**
 * The first non-finite entry of a θ-shaped array, as `θ[l][m][j] = value`, or null: a subject's gradient or
 * trained parameters that hold NaN or ±Infinity fail a claim with this, not with a figure that hides it.
 */
export function nonFiniteEntry(values: Float64Array, net: Pick<Network, 'd' | 'M'>): string | null {
  const k = 2 * net.d + 1;
  for (let p = 0; p < values.length; p++) {
    if (!Number.isFinite(values[p])) return `[${Math.floor(p / (net.M * k))}][${Math.floor(p / k) % net.M}][${p % k}] = ${values[p]}`;
  }
  return null;
}
