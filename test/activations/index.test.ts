import { describe, expect, it } from 'vitest';
import * as activations from '../../src/activations/index.js';
import {
  ACTIVATION_NAMES, activationToSpec, gaussian, identity, makeActivation, regularizedRelu, sigmoid, sin, softplus, tanh,
} from '../../src/activations/index.js';
import { InvalidArgumentError } from '../../src/errors.js';

describe('activations entry file', () => {
  it('exports exactly the documented public names', () => {
    expect(Object.keys(activations).sort()).toEqual([
      'ACTIVATION_NAMES', 'activationToSpec', 'cubic', 'gaussian', 'identity', 'makeActivation', 'regularizedRelu',
      'sigmoid', 'sin', 'softplus', 'tanh',
    ]);
  });
});

describe('smoothness declarations', () => {
  it('every activation but the regularised ReLU declares σ ∈ C² (the Taylor check of gradient-adjoint and the rounding bound rely on it)', () => {
    for (const a of [identity, tanh, sigmoid, softplus, sin, gaussian, activations.cubic]) expect([a.name, a.twiceContinuouslyDifferentiable]).toEqual([a.name, true]);
    expect(regularizedRelu(0.5).twiceContinuouslyDifferentiable).toBe(false);
  });
});

describe('makeActivation: good specs', () => {
  it('returns the shared constant for each parameter-free name', () => {
    const expected = { identity, tanh, sigmoid, softplus, sin, gaussian };
    for (const [name, a] of Object.entries(expected)) expect(makeActivation({ name })).toBe(a);
  });

  it('builds the regularised ReLU from delta', () => {
    const a = makeActivation({ name: 'regularized_relu', delta: 0.5 });
    expect(a.name).toBe('regularized_relu');
    expect(a.params).toEqual({ delta: 0.5 });
    expect([a.sigma(0), a.dsigma(0), a.d2sigma(0)]).toEqual([0.125, 0.5, 1]);
  });

  it('round-trips every name through activationToSpec and JSON', () => {
    for (const name of ACTIVATION_NAMES) {
      const a = makeActivation(name === 'regularized_relu' ? { name, delta: 0.25 } : { name });
      const spec = JSON.parse(JSON.stringify(activationToSpec(a))) as unknown;
      expect(activationToSpec(makeActivation(spec))).toEqual(activationToSpec(a));
    }
    expect(activationToSpec(regularizedRelu(2))).toEqual({ name: 'regularized_relu', delta: 2 });
    expect(activationToSpec(tanh)).toEqual({ name: 'tanh' });
  });
});

describe('makeActivation: bad specs name the field', () => {
  const rejects = (spec: unknown, field: string, where?: string, expected = ''): void => {
    let caught: unknown;
    try {
      makeActivation(spec, where);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as InvalidArgumentError).field).toBe(field);
    expect((caught as Error).message.startsWith(`${field}=`)).toBe(true);
    expect((caught as Error).message).toContain(expected);
  };

  it('rejects non-objects', () => {
    for (const spec of [null, undefined, 'tanh', 3, [], [{ name: 'tanh' }]]) rejects(spec, 'activation', undefined, 'an object with a string "name"');
  });

  it('rejects a missing, non-string or unknown name, listing the allowed names', () => {
    for (const spec of [{}, { name: 3 }, { name: 'relu' }, { name: 'Tanh' }]) rejects(spec, 'activation.name');
    expect(() => makeActivation({ name: 'relu' })).toThrow(
      'activation.name="relu" must be one of identity, tanh, sigmoid, softplus, sin, gaussian, regularized_relu',
    );
    rejects(Object.create({ name: 'tanh' }), 'activation.name'); // inherited keys do not count
  });

  it('rejects a missing, negative, zero, NaN, infinite or non-numeric delta', () => {
    for (const delta of [undefined, -1, 0, Number.NaN, Infinity, '0.5', null]) {
      rejects(delta === undefined ? { name: 'regularized_relu' } : { name: 'regularized_relu', delta }, 'activation.delta');
    }
  });

  it('rejects delta on a parameter-free activation and unknown keys, naming the key', () => {
    rejects({ name: 'tanh', delta: 0.5 }, 'activation.delta', undefined, 'absent for activation tanh');
    rejects({ name: 'tanh', foo: 1 }, 'activation.foo', undefined, 'absent (unknown key)');
    rejects({ name: 'regularized_relu', delta: 1, Delta: 1 }, 'activation.Delta');
    rejects(JSON.parse('{"name":"sin","__proto__":{}}'), 'activation.__proto__');
  });

  it('prefixes the field path it is given', () => {
    rejects({ name: 'relu' }, 'model.activation.name', 'model.activation');
    rejects({ name: 'regularized_relu', delta: -2 }, 'model.activation.delta', 'model.activation');
  });
});
