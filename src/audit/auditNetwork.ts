/**
 * The accuracy audit of one network on one data set: the float64 implementation (the fast kernel's
 * lossAndGradient and train) against the generic network in decimal at P significant digits, for four
 * quantities:
 *
 *   outputs     g(z_L(x_i)), N values;
 *   loss        E(Θ), 1 value;
 *   gradient    ∂E/∂θ, L·M·(2d+1) values;
 *   trajectory  after K GD steps with h = M L Δs: the parameters Θ(KΔs) (L·M·(2d+1) values), then the
 *               losses E(Δs), …, E(KΔs) (K values; E(0) is `loss`).
 *
 * Each float64 value gets its error in ulps, bits and relative error (valueError.ts). The same quantities
 * are computed again at 2P digits: the P-digit reference is trusted where P and 2P agree to at least
 * TRUSTED_DIGITS = 20 significant digits (relative difference ≤ 10^−20). The reference's own error is then
 * below 10^−4 of a float64 ulp (2^−52 ≈ 2.2·10^−16), so the float64 error it measures is right to four digits;
 * otherwise cancellation inside the network ate the reference's digits and its float64 errors are not meaningful.
 * (A rule of P − 5 digits was tried first: two of 64 default networks agreed to only 43.6 of 50 digits, which
 * is still 10^27 times more than judging float64 needs.)
 */
import type { Decimal } from 'decimal.js';
import type { Dataset } from '../data/dataset.js';
import { type Network, lossAndGradient } from '../model/index.js';
import { decimalBackend } from '../numeric/index.js';
import { train } from '../train/index.js';
import { type GenericTrainResult, genericTrain } from './genericTrain.js';
import { relativeDifference, valueError } from './valueError.js';

export const QUANTITIES = ['outputs', 'loss', 'gradient', 'trajectory'] as const;
export type Quantity = (typeof QUANTITIES)[number];

/** Significant digits on which P and 2P must agree for the P-digit reference to be trusted. */
export const TRUSTED_DIGITS = 20;

/** The float64 values of the four quantities, in the order the audit compares them. */
export type Float64Values = Record<Quantity, ArrayLike<number>>;

/**
 * The float64 implementation under audit. `kernelSubject` is resnet-mf's own; tests plant bugs (float32
 * rounding) through another subject. Returns null when a value is non-finite (overflow, divergence).
 */
export type Float64Subject = (net: Network, data: Dataset, opts: { steps: number; dt: number }) => Float64Values | null;

/** lossAndGradient (outputs, loss, gradient) and train (trajectory) of src/model and src/train. */
export const kernelSubject: Float64Subject = (net, data, { steps, dt }) => {
  const { loss, outputs, grad } = lossAndGradient(net, data);
  if (![loss, ...outputs, ...grad].every(Number.isFinite)) return null;
  const run = train(net, data, { dt, steps });
  if (run.status !== 'completed') return null;
  const trajectory = [...run.net.theta, ...run.trajectory.slice(1).map((p) => p.E)];
  return { outputs, loss: [loss], gradient: grad, trajectory };
};

/** Per-value errors of one quantity (arrays of the quantity's length, in its value order). */
export interface QuantityErrors {
  ulps: Float64Array;
  bits: Float64Array;
  relErr: Float64Array;
  /** max over values of |ref_P − ref_2P| / |ref_2P|, or null when 2P was not computed. */
  referenceRelDiff: number | null;
}

export type NetworkAudit =
  | {
      status: 'audited';
      quantities: Record<Quantity, QuantityErrors>;
      /** max bits of error over all values of all quantities, and where. */
      maxBits: number;
      worstQuantity: Quantity;
      worstIndex: number;
      /** max relative difference between P and 2P over all values (null without the 2P check). */
      referenceRelDiff: number | null;
      /** P and 2P agree to ≥ TRUSTED_DIGITS digits on every value (null without the 2P check). */
      referenceStable: boolean | null;
    }
  | { status: 'non-finite'; reason: string };

export interface AuditOptions {
  /** Significant digits of the decimal reference, in [20, 200] (2P ≤ 400). */
  P: number;
  /** GD steps K ≥ 0 of the trajectory. */
  steps: number;
  /** Training-time step Δs > 0 (h = M L Δs). */
  dt: number;
  /** Also compute at 2P digits to check the reference (default true; the shrinker skips it). */
  checkReference?: boolean;
  /** The float64 implementation audited (default kernelSubject). */
  subject?: Float64Subject;
}

/** The decimal values of the four quantities, in the order of Float64Values. */
function referenceValues(run: GenericTrainResult<Decimal>): Record<Quantity, Decimal[]> {
  const { outputs, loss, grad } = run.initial;
  return { outputs, loss: [loss], gradient: grad, trajectory: [...run.theta, ...run.losses.slice(1)] };
}

/**
 * Audits `net` on `data` (sizes trusted; validate at the boundary).
 * @returns per-quantity errors, or status 'non-finite' when float64 overflowed or training diverged.
 * @throws InvalidArgumentError for a precision outside [1, 400] (decimalBackend), NonFiniteError never
 *   (non-finite float64 values are a status).
 * @example auditNetwork(net, data, { P: 50, steps: 5, dt: 0.05 }).maxBits
 */
export function auditNetwork(net: Network, data: Dataset, opts: AuditOptions): NetworkAudit {
  const f64 = (opts.subject ?? kernelSubject)(net, data, opts);
  if (f64 === null) return { status: 'non-finite', reason: 'a float64 value overflowed or training diverged' };
  const lo = decimalBackend(opts.P);
  const ref = referenceValues(genericTrain(lo, net, data, opts.dt, opts.steps));
  const check = opts.checkReference ?? true;
  const hiBackend = check ? decimalBackend(2 * opts.P) : null;
  const hi = hiBackend ? referenceValues(genericTrain(hiBackend, net, data, opts.dt, opts.steps)) : null;
  const quantities = {} as Record<Quantity, QuantityErrors>;
  let maxBits = -Infinity;
  let worstQuantity: Quantity = 'loss';
  let worstIndex = 0;
  let referenceRelDiff = hi ? 0 : null;
  for (const q of QUANTITIES) {
    const values = f64[q];
    const n = values.length;
    const e: QuantityErrors = { ulps: new Float64Array(n), bits: new Float64Array(n), relErr: new Float64Array(n), referenceRelDiff: hi ? 0 : null };
    for (let p = 0; p < n; p++) {
      const { ulps, bits, relErr } = valueError(lo.field, values[p], ref[q][p]);
      e.ulps[p] = ulps;
      e.bits[p] = bits;
      e.relErr[p] = relErr;
      if (bits > maxBits) [maxBits, worstQuantity, worstIndex] = [bits, q, p];
      if (hi && hiBackend) e.referenceRelDiff = Math.max(e.referenceRelDiff ?? 0, relativeDifference(hiBackend.field, ref[q][p], hi[q][p]));
    }
    if (referenceRelDiff !== null) referenceRelDiff = Math.max(referenceRelDiff, e.referenceRelDiff ?? 0);
    quantities[q] = e;
  }
  const referenceStable = referenceRelDiff === null ? null : referenceRelDiff <= 10 ** -TRUSTED_DIGITS;
  return { status: 'audited', quantities, maxBits, worstQuantity, worstIndex, referenceRelDiff, referenceStable };
}
