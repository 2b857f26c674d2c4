/**
 * The float64 backend: JS numbers with the activations' own float64 functions, so the generic network run
 * on it performs exactly the operations of the fast kernel (src/model) and agrees with it bit for bit.
 */
import type { Activation } from '../activations/activation.js';
import { finiteNumber } from '../validate.js';
import type { Backend, ScalarField } from './scalar.js';

const field: ScalarField<number> = {
  name: 'float64',
  zero: 0,
  one: 1,
  fromFloat64: (x) => finiteNumber('value', x),
  fromInteger: (n) => n,
  toFloat64: (x) => x,
  toText: (x) => (Object.is(x, -0) ? '-0' : String(x)),
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  neg: (a) => -a,
};

export const float64Backend: Backend<number> = {
  field,
  activation: (a: Activation) => a,
};
