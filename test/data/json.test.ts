import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationToSpec, makeActivation } from '../../src/activations/index.js';
import {
  InvalidArgumentError,
  MalformedInputError,
  NonFiniteError,
  ResnetMfError,
  ShapeMismatchError,
} from '../../src/errors.js';
import type { Network } from '../../src/model/network.js';
import { checkCompatible, dataToJson, modelToJson, parseDataJson, parseModelJson } from '../../src/data/json.js';
import { formatNumber } from '../../src/data/nested.js';
import { bits } from './bits.js';

/** Any finite double, with −0, subnormals and the extremes made likely. */
const anyDouble = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom<number>(-0, 0, Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, Number.MAX_VALUE, 0.1),
);

const activations = fc.oneof(
  fc.constantFrom({ name: 'tanh' }, { name: 'sigmoid' }, { name: 'identity' }),
  fc.double({ min: 0.01, max: 10, noNaN: true }).map((delta) => ({ name: 'regularized_relu', delta })),
);

const models = fc
  .record({ d: fc.integer({ min: 1, max: 3 }), L: fc.integer({ min: 1, max: 3 }), M: fc.integer({ min: 1, max: 3 }) })
  .chain(({ d, L, M }) =>
    fc.record({
      spec: activations,
      readout: fc.array(anyDouble, { minLength: d, maxLength: d }),
      theta: fc.array(anyDouble, { minLength: L * M * (2 * d + 1), maxLength: L * M * (2 * d + 1) }),
    }).map(({ spec, readout, theta }): Network => {
      if (!readout.some((a) => a !== 0)) readout[0] = 1;
      const a = makeActivation(spec);
      return { d, L, M, activation: a, readout: Float64Array.from(readout), theta: Float64Array.from(theta) };
    }),
  );

describe('model JSON', () => {
  it('round-trips bit for bit (−0, subnormals, extremes) with the activation and its parameter', () => {
    fc.assert(
      fc.property(models, (net) => {
        const back = parseModelJson(modelToJson(net));
        expect([back.d, back.L, back.M]).toEqual([net.d, net.L, net.M]);
        expect(bits(back.theta)).toEqual(bits(net.theta));
        expect(bits(back.readout)).toEqual(bits(net.readout));
        expect(activationToSpec(back.activation)).toEqual(activationToSpec(net.activation));
      }),
      { seed: 20250101, numRuns: 300 },
    );
  });

  it('writes −0 as "-0", which JSON.parse reads back as −0 (JSON.stringify would lose the sign)', () => {
    expect(JSON.stringify(-0)).toBe('0');
    expect(formatNumber(-0)).toBe('-0');
    expect(Object.is(JSON.parse(formatNumber(-0)), -0)).toBe(true);
    expect(formatNumber(5e-324)).toBe('5e-324');
    expect(() => formatNumber(NaN, 'x[3]')).toThrow(NonFiniteError);
  });

  it('reads the documented layout theta[l][m] = [u, w, b] into (l·M + m)·(2d+1) + j', () => {
    const text = JSON.stringify({
      format: 'resnet-mf/model@1', d: 1, L: 2, M: 2, activation: { name: 'regularized_relu', delta: 0.5 },
      readout: [2], theta: [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]],
    });
    const net = parseModelJson(text);
    expect(Array.from(net.theta)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(activationToSpec(net.activation)).toEqual({ name: 'regularized_relu', delta: 0.5 });
  });

  it('refuses to write NaN, naming the entry', () => {
    const net = parseModelJson(modelToJson(validModel()));
    net.theta[1] = NaN;
    expect(() => modelToJson(net)).toThrow(NonFiniteError);
    expect(() => modelToJson(net)).toThrow('model.theta[0][0][1]=NaN');
  });
});

function validModel(): Network {
  const text = JSON.stringify({
    format: 'resnet-mf/model@1', d: 2, L: 3, M: 4, activation: { name: 'tanh' }, readout: [1, 0],
    theta: Array.from({ length: 3 }, (_, l) => Array.from({ length: 4 }, (_, m) => [l, m, 0.5, -0.5, 0.25])),
  });
  return parseModelJson(text);
}

/** A valid model object to corrupt with one edit. */
function modelObject(): Record<string, unknown> {
  return JSON.parse(modelToJson(validModel())) as Record<string, unknown>;
}

function edit(f: (o: Record<string, any>) => void): string {
  const o = modelObject();
  f(o);
  return JSON.stringify(o);
}

describe('model JSON validation', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  it.each([
    ['not JSON', '{"format": ', MalformedInputError, 'model=', 'well-formed JSON'],
    ['an array', '[1, 2]', MalformedInputError, 'model=', 'JSON object'],
    ['no format', edit((o) => delete o.format), MalformedInputError, 'model.format=undefined', 'resnet-mf/model@1'],
    ['a data file', edit((o) => (o.format = 'resnet-mf/data@1')), MalformedInputError, 'model.format=', 'model@1'],
    ['a missing key', edit((o) => delete o.L), MalformedInputError, 'model.L=', 'required'],
    ['an unknown key', edit((o) => (o.extra = 1)), MalformedInputError, 'model.extra=', 'allowed keys'],
    ['L = 0', edit((o) => (o.L = 0)), InvalidArgumentError, 'model.L=0', 'integer'],
    ['M < 0', edit((o) => (o.M = -4)), InvalidArgumentError, 'model.M=-4', 'integer'],
    ['d = 1.5', edit((o) => (o.d = 1.5)), InvalidArgumentError, 'model.d=1.5', 'integer'],
    ['L as a string', edit((o) => (o.L = '3')), InvalidArgumentError, 'model.L="3"', 'integer'],
    ['too many parameters', edit((o) => ((o.L = 1e6), (o.M = 1e6))), InvalidArgumentError, 'model.theta=', 'at most'],
    ['too few layers', edit((o) => o.theta.pop()), ShapeMismatchError, 'model.theta=array of length 2', 'L = 3'],
    ['theta not an array', edit((o) => (o.theta = {})), ShapeMismatchError, 'model.theta=object', 'L = 3'],
    ['3 neurons for M = 4', edit((o) => o.theta[2].pop()), ShapeMismatchError, 'model.theta[2]=array of length 3', 'M = 4'],
    ['a short neuron', edit((o) => o.theta[0][1].pop()), ShapeMismatchError, 'model.theta[0][1]=array of length 4', '2d+1 = 5'],
    ['null entry', edit((o) => (o.theta[0][0][0] = null)), InvalidArgumentError, 'model.theta[0][0][0]=null', 'a number'],
    ['string entry', edit((o) => (o.theta[1][2][3] = '1')), InvalidArgumentError, 'model.theta[1][2][3]="1"', 'a number'],
    ['1e999', modelToJson(validModel()).replace('0.25', '1e999'), NonFiniteError, 'model.theta[0][0][4]=Infinity', 'finite'],
    ['a nested entry', edit((o) => (o.theta[0][0][2] = [[1]])), InvalidArgumentError, 'model.theta[0][0][2]=array', 'a number'],
    ['deep nesting', modelToJson(validModel()).replace('0.25', deep), InvalidArgumentError, 'model.theta[0][0][4]=array', 'number'],
    ['short readout', edit((o) => (o.readout = [1])), ShapeMismatchError, 'model.readout=array of length 1', 'd = 2'],
    ['zero readout', edit((o) => (o.readout = [0, -0])), InvalidArgumentError, 'model.readout=', 'nonzero'],
    ['unknown activation', edit((o) => (o.activation = { name: 'relu6' })), ResnetMfError, 'model.activation', 'relu6'],
  ])('rejects %s', (_what, text, cls, field, expected) => {
    expect(() => parseModelJson(text)).toThrow(cls);
    expect(() => parseModelJson(text)).toThrow(field);
    expect(() => parseModelJson(text)).toThrow(expected);
  });

  it('uses the source name as the root of field paths', () => {
    expect(() => parseModelJson(edit((o) => (o.L = 0)), 'net.json')).toThrow('net.json.L=0');
  });

  it('treats a __proto__ key as an unknown key and pollutes nothing', () => {
    const text = modelToJson(validModel()).replace('{', '{"__proto__":{"polluted":1},');
    expect(() => parseModelJson(text)).toThrow(MalformedInputError);
    expect(() => parseModelJson(text)).toThrow('model.__proto__=object');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const act = modelToJson(validModel()).replace('{"name":"tanh"}', '{"name":"tanh","__proto__":{"polluted":1}}');
    expect(() => parseModelJson(act)).toThrow(ResnetMfError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects text that is not a string', () => {
    expect(() => parseModelJson(42 as never)).toThrow(MalformedInputError);
  });
});

describe('data JSON', () => {
  const datasets = fc
    .record({ d: fc.integer({ min: 1, max: 4 }), N: fc.integer({ min: 1, max: 6 }), name: fc.string({ minLength: 1, maxLength: 20 }) })
    .chain(({ d, N, name }) =>
      fc.record({
        x: fc.array(anyDouble, { minLength: N * d, maxLength: N * d }),
        y: fc.array(anyDouble, { minLength: N, maxLength: N }),
      }).map(({ x, y }) => ({ name, d, N, x: Float64Array.from(x), y: Float64Array.from(y) })),
    );

  it('round-trips bit for bit, with its name', () => {
    fc.assert(
      fc.property(datasets, (ds) => {
        const back = parseDataJson(dataToJson(ds));
        expect([back.name, back.d, back.N]).toEqual([ds.name, ds.d, ds.N]);
        expect(bits(back.x)).toEqual(bits(ds.x));
        expect(bits(back.y)).toEqual(bits(ds.y));
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('names an unnamed set after its source', () => {
    expect(parseDataJson('{"format":"resnet-mf/data@1","x":[[0.5,1]],"y":[-0]}', 'train.json').name).toBe('train.json');
    const unnamed = { name: '', d: 1, N: 1, x: Float64Array.of(0.5), y: Float64Array.of(1) };
    expect(dataToJson(unnamed)).not.toContain('"name"');
    expect(parseDataJson(dataToJson(unnamed), 'in.json').name).toBe('in.json');
  });

  const d = (x: unknown, y: unknown, extra = {}) => JSON.stringify({ format: 'resnet-mf/data@1', x, y, ...extra });
  it.each([
    ['not JSON', '{"x":[1,', MalformedInputError, 'data=', 'well-formed JSON'],
    ['a model file', '{"format":"resnet-mf/model@1"}', MalformedInputError, 'data.format=', 'data@1'],
    ['no y', '{"format":"resnet-mf/data@1","x":[[1]]}', MalformedInputError, 'data.y=undefined', 'required'],
    ['an unknown key', d([[1]], [1], { w: 1 }), MalformedInputError, 'data.w=1', 'allowed keys'],
    ['empty x', d([], []), InvalidArgumentError, 'data.x=array of length 0', 'non-empty'],
    ['x not an array', d(3, [1]), ShapeMismatchError, 'data.x=3', 'rows'],
    ['x rows not arrays', d([1, 2], [1, 2]), ShapeMismatchError, 'data.x[0]=1', 'numbers'],
    ['empty rows', d([[]], [1]), InvalidArgumentError, 'data.x[0].length=0', 'integer'],
    ['a short row', d([[1, 2], [3]], [1, 2]), ShapeMismatchError, 'data.x[1]=array of length 1', 'd = 2'],
    ['y too short', d([[1], [2]], [1]), ShapeMismatchError, 'data.y=array of length 1', 'N = 2'],
    ['a string label', d([[1]], ['a']), InvalidArgumentError, 'data.y[0]="a"', 'a number'],
    ['an infinite input', '{"format":"resnet-mf/data@1","x":[[1,-1e999]],"y":[0]}', NonFiniteError, 'data.x[0][1]=-Infinity', 'finite'],
    ['a numeric name', d([[1]], [1], { name: 5 }), InvalidArgumentError, 'data.name=5', 'string'],
    ['a deep row', d([[7]], [1]).replace('7', '['.repeat(100_000) + ']'.repeat(100_000)), InvalidArgumentError, 'data.x[0][0]=array', 'number'],
  ])('rejects %s', (_what, text, cls, field, expected) => {
    expect(() => parseDataJson(text)).toThrow(cls);
    expect(() => parseDataJson(text)).toThrow(field);
    expect(() => parseDataJson(text)).toThrow(expected);
  });

  it('reads a million rows and rejects a mismatched y without hanging', () => {
    const rows = `[${Array(300_000).fill('[0.5]').join(',')}]`;
    const ok = parseDataJson(`{"format":"resnet-mf/data@1","x":${rows},"y":[${Array(300_000).fill('1').join(',')}]}`);
    expect(ok.N).toBe(300_000);
    expect(() => parseDataJson(`{"format":"resnet-mf/data@1","x":${rows},"y":[1]}`)).toThrow(ShapeMismatchError);
  });
});

describe('checkCompatible', () => {
  it('accepts equal d and rejects different d naming data.x', () => {
    const net = validModel();
    const two = parseDataJson('{"format":"resnet-mf/data@1","x":[[1,2]],"y":[0]}');
    const three = parseDataJson('{"format":"resnet-mf/data@1","x":[[1,2,3]],"y":[0]}');
    expect(() => checkCompatible(net, two)).not.toThrow();
    expect(() => checkCompatible(net, three)).toThrow(ShapeMismatchError);
    expect(() => checkCompatible(net, three)).toThrow('data.x="rows of length 3" must be rows of length d = 2');
  });
});
