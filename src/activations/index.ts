/**
 * Activations σ with their first two derivatives (theory.md §1, §5): the public names of this area, and
 * the JSON boundary (makeActivation validates untrusted specs, activationToSpec writes them).
 */
import { InvalidArgumentError } from '../errors.js';
import { oneOf } from '../validate.js';
import { ACTIVATION_NAMES } from './activation.js';
import type { Activation, ActivationName, ActivationSpec } from './activation.js';
import { cubic } from './cubic.js';
import { gaussian } from './gaussian.js';
import { identity } from './identity.js';
import { regularizedRelu } from './regularizedRelu.js';
import { sigmoid } from './sigmoid.js';
import { sin } from './sin.js';
import { softplus } from './softplus.js';
import { tanh } from './tanh.js';

export { ACTIVATION_NAMES, cubic, gaussian, identity, regularizedRelu, sigmoid, sin, softplus, tanh };
export type { Activation, ActivationName, ActivationSpec };

/** The parameter-free activations by name. */
const FIXED: Readonly<Record<Exclude<ActivationName, 'regularized_relu'>, Activation>> = {
  identity,
  tanh,
  sigmoid,
  softplus,
  sin,
  gaussian,
  cubic,
};

/** The parameter keys each activation accepts beside `name`. */
const PARAMS: Readonly<Record<ActivationName, readonly string[]>> = {
  identity: [],
  tanh: [],
  sigmoid: [],
  softplus: [],
  sin: [],
  gaussian: [],
  regularized_relu: ['delta'],
  cubic: [],
};

/**
 * Builds an activation from its untrusted JSON form (`{"name":"tanh"}`,
 * `{"name":"regularized_relu","delta":0.5}`): the boundary validation for activations.
 *
 * @remarks
 * `spec` must be a plain object (not null, not an array) whose own keys are `name` plus exactly the
 * parameters of that activation: `delta` (finite, > 0) is required for `regularized_relu` and rejected for
 * every other name; any other key is rejected by name. Parameter-free names return the shared constants.
 *
 * @param spec - the parsed JSON value.
 * @param field - the path of `spec` in its document, used in error messages (default `activation`).
 * @throws InvalidArgumentError with field `${field}` (not an object), `${field}.name` (expected "one of
 *   identity, tanh, …"), `${field}.delta` (missing, non-finite or ≤ 0; or present where not allowed) or
 *   `${field}.<key>` (unknown key).
 *
 * @example
 * makeActivation({ name: 'regularized_relu', delta: 0.5 }).sigma(1); // 1
 * makeActivation({ name: 'relu' }); // throws: activation.name="relu" must be one of identity, tanh, ...
 */
export function makeActivation(spec: unknown, field = 'activation'): Activation {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InvalidArgumentError(field, 'an object with a string "name"', spec);
  }
  const own = spec as Record<string, unknown>;
  const has = (key: string): boolean => Object.prototype.hasOwnProperty.call(own, key);
  const name = oneOf(`${field}.name`, has('name') ? own.name : undefined, ACTIVATION_NAMES);
  const allowed = PARAMS[name];
  for (const key of Object.keys(own)) {
    if (key === 'name' || allowed.includes(key)) continue;
    const expected = key === 'delta' ? `absent for activation ${name}` : 'absent (unknown key)';
    throw new InvalidArgumentError(`${field}.${key}`, expected, own[key]);
  }
  if (name === 'regularized_relu') {
    return regularizedRelu(own.delta as number, `${field}.delta`);
  }
  return FIXED[name];
}

/**
 * The JSON form of an activation: `{ name, ...params }`, the inverse of makeActivation.
 *
 * @example
 * activationToSpec(regularizedRelu(0.5)); // { name: 'regularized_relu', delta: 0.5 }
 */
export function activationToSpec(a: Activation): ActivationSpec {
  return { ...a.params, name: a.name };
}
