/**
 * The error hierarchy of resnet-mf. Every error raised for bad input names the field, the value expected
 * and the value received, so a message reads `field=received must be expected`.
 *
 * Expected outcomes of a run (a training that diverged, a claim that could not be decided) are returned
 * as status values, never thrown (see train/ and properties/).
 */
export class ResnetMfError extends Error {
  /** The input field at fault, as a path such as `model.theta[2][0]` or `--dt`. */
  readonly field: string;
  /** What the field must be, in words. */
  readonly expected: string;
  /** A short rendering of what was received. */
  readonly received: string;

  constructor(field: string, expected: string, received: unknown) {
    const shown = render(received);
    super(`${field}=${shown} must be ${expected}`);
    this.name = new.target.name;
    this.field = field;
    this.expected = expected;
    this.received = shown;
  }
}

/** A value outside its allowed set or range (L ≤ 0, unknown activation name, Δs ≤ 0). */
export class InvalidArgumentError extends ResnetMfError {}

/** Arrays whose lengths disagree with the declared sizes (theta not L×M×(2d+1), d of model ≠ d of data). */
export class ShapeMismatchError extends ResnetMfError {}

/** NaN or ±Infinity where a finite number is required. */
export class NonFiniteError extends ResnetMfError {}

/** Input that cannot be parsed at all: unreadable files, malformed JSON, wrong format tag. */
export class MalformedInputError extends ResnetMfError {}

/**
 * The machinery could not produce a trusted result: a reference that does not reach its tolerance within its
 * step limit, a reference solution or ensemble that overflows. Not bad input and never a verdict on the
 * subject under test: a claim scenario that meets one is *undecided* with `reason` (src/check/defineClaim.ts
 * turns it into the scenario's status; DESIGN.md, rules of a verdict, 2).
 */
export class MachineryFailure extends Error {
  /** A short reason shared by scenarios that fail the same way, e.g. 'reference did not converge'; counted per claim. */
  readonly reason: string;
  constructor(reason: string, detail: string) {
    super(`${reason}: ${detail}`);
    this.name = 'MachineryFailure';
    this.reason = reason;
  }
}

/** Reasons of MachineryFailure raised by src/limit. */
export const REFERENCE_NOT_CONVERGED = 'reference did not converge';
export const REFERENCE_NOT_FINITE = 'reference not finite';

/** Short, single-line rendering of a received value for an error message. */
export function render(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `typed array of length ${(value as Float64Array).length}`;
  if (value === null) return 'null';
  if (typeof value === 'object') return 'object';
  return String(value);
}
