/**
 * Float64 ↔ decimal conversions and ulp error measurement for the activation tests (STYLE §11, §12).
 *
 * Each float64 enters decimal exactly through its binary expansion m·2^e (at most 767 significant digits,
 * built in an 800-digit clone, then carried over digit for digit). References are computed in a
 * 50-significant-digit clone: their own relative error (~1e−49) is negligible against the 2⁻⁵³ scale.
 */
import { Decimal } from 'decimal.js';

/** The reference arithmetic: 50 significant digits. */
export const D = Decimal.clone({ precision: 50 });
export type Dec = InstanceType<typeof D>;
/** Wide enough to hold every double's binary expansion exactly (≤ 767 significant digits). */
const DX = Decimal.clone({ precision: 800 });

/** Unit roundoff u = 2⁻⁵³ of float64. */
export const U = 2 ** -53;
const LEAST_SUBNORMAL = 2 ** -1074;

/** (sign, exponent field, 53-bit significand as bigint) of a finite double. */
function decompose(x: number): { neg: boolean; exp: number; mant: bigint } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  return { neg: hi >>> 31 === 1, exp: (hi >>> 20) & 0x7ff, mant: (BigInt(hi & 0xfffff) << 32n) | BigInt(lo) };
}

const POWERS = new Map<number, InstanceType<typeof DX>>();

/** 2^k exactly (k ≥ −1074 needs ≤ 751 significant digits), cached: the 800-digit division is slow. */
function powerOfTwo(k: number): InstanceType<typeof DX> {
  let p = POWERS.get(k);
  if (p === undefined) POWERS.set(k, (p = new DX(2).pow(k)));
  return p;
}

/** The exact value of a finite double as a decimal (no rounding). */
export function toDecimal(x: number): Dec {
  if (!Number.isFinite(x)) throw new Error(`toDecimal: ${x} is not finite`);
  if (x === 0) return new D(0);
  const { neg, exp, mant } = decompose(x);
  const significand = exp === 0 ? mant : mant | (1n << 52n);
  const power = exp === 0 ? -1074 : exp - 1075;
  const exact = new DX(significand.toString()).times(powerOfTwo(power));
  return new D(neg ? exact.neg() : exact);
}

/** The float64 nearest to a decimal (decimal string → Number is correctly rounded). */
export function nearestDouble(d: Dec): number {
  return Number(d.toString());
}

/** ulp(x): spacing of the doubles at |x| (2^(⌊log2|x|⌋−52)); 2⁻¹⁰⁷⁴ for subnormals and 0. */
export function ulpOf(x: number): number {
  const { exp } = decompose(x);
  return exp === 0 ? LEAST_SUBNORMAL : 2 ** (exp - 1075);
}

/**
 * |computed − reference| in units of ulp(nearest double to the reference); Infinity for NaN or ±∞.
 * Below the normal range the unit is the least subnormal, so this bounds the absolute error there.
 */
export function ulpError(computed: number, reference: Dec): number {
  if (!Number.isFinite(computed)) return Infinity;
  const unit = toDecimal(ulpOf(nearestDouble(reference)));
  return toDecimal(computed).minus(reference).abs().div(unit).toNumber();
}

/** True when the reference is at least the least normal double in magnitude. */
export function isNormalValue(reference: Dec): boolean {
  return reference.abs().gte(toDecimal(2 ** -1022));
}

/** The next double above x (x finite, not the largest double). */
export function nextUp(x: number): number {
  if (x === 0) return 2 ** -1074;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  view.setBigUint64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/** The next double below x. */
export function nextDown(x: number): number {
  return -nextUp(-x);
}
