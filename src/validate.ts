/**
 * Boundary validation: the one place that turns untrusted values (CLI flags, JSON, public API arguments)
 * into checked ones. Each helper returns the value on success and throws an error from ../errors.ts naming
 * the field otherwise. Code inside the library trusts what these helpers let through.
 */
import { InvalidArgumentError, NonFiniteError } from './errors.js';

/** A finite float64. @throws NonFiniteError (NaN, ±Infinity), InvalidArgumentError (not a number). */
export function finiteNumber(field: string, value: unknown): number {
  if (typeof value !== 'number') throw new InvalidArgumentError(field, 'a number', value);
  if (!Number.isFinite(value)) throw new NonFiniteError(field, 'a finite number', value);
  return value;
}

/** A finite number > 0. @throws as finiteNumber, InvalidArgumentError when ≤ 0. */
export function positiveNumber(field: string, value: unknown): number {
  const v = finiteNumber(field, value);
  if (!(v > 0)) throw new InvalidArgumentError(field, 'a number > 0', v);
  return v;
}

/** An integer in [min, max]. @throws InvalidArgumentError. */
export function integerInRange(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidArgumentError(field, `an integer in [${min}, ${max}]`, value);
  }
  return value;
}

/**
 * Parses a command-line number: the whole string must be a decimal or exponent literal that float64 holds. An
 * error quotes the text as given, not the double it would round to (so "1e-400" is not reported as 0).
 * @throws InvalidArgumentError for text such as "abc", "1e", "", and a nonzero literal that underflows to 0 (1e-400);
 *   NonFiniteError for "NaN", "Infinity" and a literal that overflows (1e999).
 */
export function parseNumberFlag(field: string, text: string): number {
  const t = text.trim();
  if (/^(nan|[+-]?inf(inity)?)$/i.test(t)) throw new NonFiniteError(field, 'a finite number', t);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) throw new InvalidArgumentError(field, 'a number', text);
  const value = Number(t);
  if (!Number.isFinite(value)) throw new NonFiniteError(field, 'a finite number (this literal overflows float64)', t);
  if (value === 0 && /[1-9]/.test(t.replace(/[eE].*$/, ''))) {
    throw new InvalidArgumentError(field, 'a number float64 can hold (this nonzero literal underflows to 0)', t);
  }
  return value;
}

/** Parses a command-line integer in [min, max]. @throws InvalidArgumentError. */
export function parseIntegerFlag(field: string, text: string, min: number, max: number): number {
  const t = text.trim();
  if (!/^[+-]?\d+$/.test(t)) throw new InvalidArgumentError(field, `an integer in [${min}, ${max}]`, text);
  return integerInRange(field, Number(t), min, max);
}

/** One of a fixed set of names. @throws InvalidArgumentError listing the allowed names. */
export function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(field, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}
