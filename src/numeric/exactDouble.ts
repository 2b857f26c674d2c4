/**
 * Exact conversions between doubles and exact values (STYLE habit 11): a double enters through its binary
 * expansion (−1)^s · m · 2^k, never through its shortest decimal string; an exact value (a fraction or a
 * decimal string) leaves as the nearest double, rounded once, half to even (IEEE 754 roundTiesToEven).
 *
 * Overflow policy (DECISION): values at or beyond 2^1024 − 2^970 (halfway between the largest double and
 * 2^1024) round to ±Infinity, as IEEE 754 rounding and `Number("1e999")` do; nothing here throws for a
 * large value. Values at or below 2^−1075 in magnitude round to a zero carrying the value's sign.
 *
 * Why not `Number(text)`: ECMA-262 (StringToNumber, RoundMVResult) lets an engine replace every digit after
 * the 20th by 0, or increment the 20th, before rounding, so `Number` is not guaranteed correctly rounded
 * for long strings; e.g. the 54-digit exact value of 1 + 2^−53 may legally become 1 + 2^−52. V8 happens to
 * round correctly, and the tests cross-check against it, but the code here does not rely on it.
 */
import { InvalidArgumentError } from '../errors.js';
import { finiteNumber } from '../validate.js';

/** An exact fraction num/den; from `doubleToBigIntFraction`, den = 2^j ≥ 1 and num odd or den = 1. */
export interface BigIntFraction {
  readonly num: bigint;
  readonly den: bigint;
}

/** Sign, significand and exponent with x = (−1)^neg · mant · 2^exp2 exactly (mant < 2^53). */
function decompose(x: number): { neg: boolean; mant: bigint; exp2: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const field = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const neg = bits >> 63n === 1n;
  // Subnormals (field 0) have no hidden bit and the exponent of the least normal binade.
  return field === 0 ? { neg, mant: fraction, exp2: -1074 } : { neg, mant: fraction | (1n << 52n), exp2: field - 1075 };
}

/** The same, with mant odd (trailing zero bits moved into the exponent); mant = 0 for ±0. */
function reduced(x: number): { neg: boolean; mant: bigint; exp2: number } {
  let { neg, mant, exp2 } = decompose(finiteNumber('x', x));
  while (mant !== 0n && (mant & 1n) === 0n) {
    mant >>= 1n;
    exp2 += 1;
  }
  return { neg, mant, exp2 };
}

/**
 * The exact decimal expansion of a finite double, in plain notation (no exponent): for x = m·2^k with
 * k < 0, x = m·5^{−k}/10^{−k}, so the digits are those of the integer m·5^{−k}. At most 767 significant
 * digits (subnormals included); −0 gives "-0".
 * @throws NonFiniteError (field `x`) for NaN or ±Infinity.
 * @example
 * doubleToExactDecimalString(0.1);  // "0.1000000000000000055511151231257827021181583404541015625"
 * doubleToExactDecimalString(-0);   // "-0"
 */
export function doubleToExactDecimalString(x: number): string {
  const { neg, mant, exp2 } = reduced(x);
  const sign = neg ? '-' : '';
  if (mant === 0n) return `${sign}0`;
  if (exp2 >= 0) return sign + (mant << BigInt(exp2)).toString();
  const n = -exp2;
  const digits = (mant * 5n ** BigInt(n)).toString().padStart(n + 1, '0');
  // mant is odd, so the last digit is 5: no trailing zeros to strip.
  return `${sign}${digits.slice(0, -n)}.${digits.slice(-n)}`;
}

/**
 * A finite double as an exact fraction num/den with den a power of two, in lowest terms.
 * −0 gives {num: 0n, den: 1n}: an exact fraction has no signed zero.
 * @throws NonFiniteError (field `x`) for NaN or ±Infinity.
 * @example
 * doubleToBigIntFraction(0.1);  // { num: 3602879701896397n, den: 36028797018963968n } (den = 2^55)
 * doubleToBigIntFraction(-6);   // { num: -6n, den: 1n }
 */
export function doubleToBigIntFraction(x: number): BigIntFraction {
  const { neg, mant, exp2 } = reduced(x);
  if (mant === 0n) return { num: 0n, den: 1n };
  const num = neg ? -mant : mant;
  return exp2 >= 0 ? { num: num << BigInt(exp2), den: 1n } : { num, den: 1n << BigInt(-exp2) };
}

/** The number of binary digits of n > 0. */
function bitLength(n: bigint): number {
  return n.toString(2).length;
}

/** The double nearest to a/den (a > 0, den > 0), negated when neg; the core of both conversions. */
function roundPositive(neg: boolean, a: bigint, den: bigint): number {
  let e = bitLength(a) - bitLength(den); // 2^(e−1) < a/den < 2^(e+1)
  if (e >= 0 ? a < den << BigInt(e) : a << BigInt(-e) < den) e -= 1; // now 2^e ≤ a/den < 2^(e+1)
  if (e > 1023) return neg ? -Infinity : Infinity;
  const q = Math.max(e - 52, -1074); // the quantum: the result is Q·2^q with Q < 2^53 an integer
  const n = q >= 0 ? a : a << BigInt(-q);
  const d = q >= 0 ? den << BigInt(q) : den;
  let Q = n / d;
  const twice = 2n * (n - Q * d);
  if (twice > d || (twice === d && (Q & 1n) === 1n)) Q += 1n; // half to even
  let exp = q;
  if (Q === 1n << 53n) {
    Q = 1n << 52n; // rounded up into the next binade
    exp += 1;
  }
  let bits: bigint;
  if (Q >= 1n << 52n) {
    const biased = exp + 1075;
    if (biased >= 2047) return neg ? -Infinity : Infinity;
    bits = (BigInt(biased) << 52n) | (Q - (1n << 52n));
  } else {
    bits = Q; // subnormal (exp = −1074) or zero
  }
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, neg ? bits | (1n << 63n) : bits);
  return view.getFloat64(0);
}

/**
 * The double nearest to num/den, ties to even; ±Infinity beyond the double range (see the overflow policy
 * above); 0 for num = 0 (+0), a signed zero for values that underflow.
 * @throws InvalidArgumentError (field `den`) when den = 0.
 * @example
 * nearestDoubleFromFraction(2n ** 53n + 1n, 2n ** 53n);  // 1 (a tie, to even)
 * nearestDoubleFromFraction(3n, 2n ** 1075n);            // 2^−1073 (a subnormal tie, to even)
 */
export function nearestDoubleFromFraction(num: bigint, den: bigint): number {
  if (den === 0n) throw new InvalidArgumentError('den', 'a non-zero bigint', '0n');
  if (num === 0n) return 0;
  const neg = num < 0n !== den < 0n;
  return roundPositive(neg, num < 0n ? -num : num, den < 0n ? -den : den);
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * The double nearest to the exact value of a decimal string (plain or exponent notation, e.g.
 * "-0.00125", "1.5e-300", "2E+400"), ties to even; ±Infinity beyond the double range; "-0" gives −0.
 * @throws InvalidArgumentError (field `text`) when the text is not a decimal literal ("1e", "Infinity", "").
 * @example
 * nearestDoubleFromDecimalString('1.00000000000000011102230246251565404236316680908203125'); // 1
 * nearestDoubleFromDecimalString('-1e-400');  // -0
 */
export function nearestDoubleFromDecimalString(text: string): number {
  const m = DECIMAL.exec(text);
  if (m === null || (m[2] === '' && (m[3] ?? '') === '')) {
    throw new InvalidArgumentError('text', 'a decimal literal such as -1.25e-3', text);
  }
  const neg = m[1] === '-';
  const frac = m[3] ?? '';
  const digits = (m[2] + frac).replace(/^0+/, '');
  if (digits === '') return neg ? -0 : 0;
  const e10 = Number(m[4] ?? '0') - frac.length; // value = digits · 10^e10
  const top = e10 + digits.length; // 10^(top−1) ≤ |value| < 10^top
  if (top - 1 >= 309) return neg ? -Infinity : Infinity; // ≥ 1e309 > 2^1024
  if (top <= -324) return neg ? -0 : 0; // < 1e−324 < 2^−1075: rounds to zero
  const a = BigInt(digits);
  return e10 >= 0 ? roundPositive(neg, a * 10n ** BigInt(e10), 1n) : roundPositive(neg, a, 10n ** BigInt(-e10));
}
