/**
 * The JSON interchange format, read by other implementations to check ours (and the reverse).
 *
 *   model: {"format":"resnet-mf/model@1","d":2,"L":3,"M":4,"activation":{"name":"tanh"},"readout":[1,0],
 *           "theta":[...]}  with theta[l][m] = [u_1..u_d, w_1..w_d, b] (L × M × (2d+1) numbers);
 *   data:  {"format":"resnet-mf/data@1","name":"optional","x":[[x_1..x_d] × N],"y":[y_1..y_N]}.
 *
 * Numbers round-trip bit for bit: a double is written as its shortest round-trip decimal (ECMAScript
 * Number::toString, what JSON.stringify uses) and JSON.parse rounds correctly. The one exception JSON
 * makes, −0 (JSON.stringify(−0) is "0"), is written "-0", which JSON.parse reads back as −0.
 *
 * Hostile input: parsing is JSON.parse (iterative in V8, so deep nesting fails or parses without stack
 * overflow); the readers walk only the expected fixed depth and check each array's length against the
 * declared sizes before entering it, cap L·M·(2d+1) at MAX_PARAMETERS and N·d at 10^8, and never assign
 * parsed keys into objects, so a `__proto__` key is merely an unknown key.
 */
import { activationToSpec, makeActivation } from '../activations/index.js';
import { InvalidArgumentError, ShapeMismatchError } from '../errors.js';
import { MAX_PARAMETERS } from '../init/paths.js';
import type { Network } from '../model/network.js';
import { integerInRange } from '../validate.js';
import type { Dataset } from './dataset.js';
import { arrayOf, numbers, parseText, record } from './jsonFields.js';
import { stringifyExact } from './nested.js';

export { formatNumber, gradToNested, nestLike, stringifyExact } from './nested.js';

export const MODEL_FORMAT = 'resnet-mf/model@1';
export const DATA_FORMAT = 'resnet-mf/data@1';
/** Largest d, and largest L or M, accepted in files. */
const MAX_D = 10_000;
const MAX_LM = 10_000_000;
/** Largest N·d accepted in a data file. */
const MAX_DATA_ENTRIES = 100_000_000;
/** Longest data set name written or read (longer names are cut when written). */
const MAX_NAME = 1000;

/**
 * A network from an already-parsed JSON value (see `parseModelJson`).
 * @throws as parseModelJson, except for malformed text.
 */
export function modelFromValue(value: unknown, source = 'model'): Network {
  const o = record(source, value, MODEL_FORMAT, ['d', 'L', 'M', 'activation', 'readout', 'theta'], []);
  const d = integerInRange(`${source}.d`, o.d, 1, MAX_D);
  const L = integerInRange(`${source}.L`, o.L, 1, MAX_LM);
  const M = integerInRange(`${source}.M`, o.M, 1, MAX_LM);
  const k = 2 * d + 1;
  if (L * M * k > MAX_PARAMETERS) {
    throw new InvalidArgumentError(`${source}.theta`, `at most ${MAX_PARAMETERS} numbers (L·M·(2d+1))`, L * M * k);
  }
  const activation = makeActivation(o.activation, `${source}.activation`);
  const readout = new Float64Array(d);
  numbers(`${source}.readout`, o.readout, d, `an array of d = ${d} numbers`, readout, 0);
  if (readout.every((a) => a === 0)) {
    throw new InvalidArgumentError(`${source}.readout`, 'a nonzero vector (g needs a ≠ 0)', o.readout);
  }
  const theta = new Float64Array(L * M * k);
  const layers = arrayOf(`${source}.theta`, o.theta, L, `an array of L = ${L} layers`);
  for (let l = 0; l < L; l++) {
    const neurons = arrayOf(`${source}.theta[${l}]`, layers[l], M, `an array of M = ${M} neurons`);
    for (let m = 0; m < M; m++) {
      const what = `an array of 2d+1 = ${k} numbers [u_1..u_d, w_1..w_d, b]`;
      numbers(`${source}.theta[${l}][${m}]`, neurons[m], k, what, theta, (l * M + m) * k);
    }
  }
  return { d, L, M, activation, readout, theta };
}

/**
 * Reads a model file (format `resnet-mf/model@1`, see the file header).
 * @param source name used as the root of field paths in errors, e.g. the file name.
 * @returns Network with theta Float64Array of length L·M·(2d+1), row-major (L, M, 2d+1).
 * @throws MalformedInputError (not JSON, not an object, wrong or missing format, unknown or missing key),
 *   InvalidArgumentError (d, L, M not integers in range; non-number entries; zero readout; bad activation),
 *   ShapeMismatchError (`model.theta[2]` has 3 neurons, M = 4; readout length ≠ d), NonFiniteError (1e999).
 * @example parseModelJson(modelToJson(net)).theta // bit-identical to net.theta
 */
export function parseModelJson(text: string, source = 'model'): Network {
  return modelFromValue(parseText(text, source), source);
}

/**
 * A data set from an already-parsed JSON value (see `parseDataJson`).
 * @throws as parseDataJson, except for malformed text.
 */
export function dataFromValue(value: unknown, source = 'data'): Dataset {
  const o = record(source, value, DATA_FORMAT, ['x', 'y'], ['name']);
  if (o.name !== undefined && (typeof o.name !== 'string' || o.name.length === 0 || o.name.length > MAX_NAME)) {
    throw new InvalidArgumentError(`${source}.name`, `a string of 1 to ${MAX_NAME} characters`, o.name);
  }
  if (!Array.isArray(o.x)) throw new ShapeMismatchError(`${source}.x`, 'an array of N ≥ 1 rows', o.x);
  const N = o.x.length;
  if (N === 0) throw new InvalidArgumentError(`${source}.x`, 'a non-empty array (N ≥ 1 rows)', o.x);
  const first = o.x[0];
  if (!Array.isArray(first)) throw new ShapeMismatchError(`${source}.x[0]`, 'an array of d ≥ 1 numbers', first);
  const d = integerInRange(`${source}.x[0].length`, first.length, 1, MAX_D);
  if (N * d > MAX_DATA_ENTRIES) {
    throw new InvalidArgumentError(`${source}.x`, `at most ${MAX_DATA_ENTRIES} numbers (N·d)`, N * d);
  }
  const x = new Float64Array(N * d);
  for (let i = 0; i < N; i++) {
    numbers(`${source}.x[${i}]`, o.x[i], d, `an array of d = ${d} numbers (the length of x[0])`, x, i * d);
  }
  const y = new Float64Array(N);
  numbers(`${source}.y`, o.y, N, `an array of N = ${N} numbers (one per row of x)`, y, 0);
  return { name: (o.name as string | undefined) ?? source, d, N, x, y };
}

/**
 * Reads a data file (format `resnet-mf/data@1`). The data set is named by its "name" key, else `source`.
 * @returns Dataset: x Float64Array of length N·d, row-major (N, d); y of length N.
 * @throws MalformedInputError (not JSON, wrong format, unknown/missing key), InvalidArgumentError (empty x,
 *   non-numbers, bad name), ShapeMismatchError (`data.x[3]` length ≠ d, y length ≠ N), NonFiniteError.
 * @example parseDataJson('{"format":"resnet-mf/data@1","x":[[0.5]],"y":[1]}').d // → 1
 */
export function parseDataJson(text: string, source = 'data'): Dataset {
  return dataFromValue(parseText(text, source), source);
}

/**
 * Writes a model: header on the first line, then one line per layer of theta, numbers exact (−0 as "-0").
 * @throws NonFiniteError naming `model.theta[l][m][j]` (or `model.readout[j]`) for NaN or ±Infinity.
 * @example modelToJson(initNetwork({ d: 2, L: 3, M: 4, activation: tanh, init: 'linear', seed: 1 }))
 */
export function modelToJson(net: Network): string {
  const { d, L, M } = net;
  const k = 2 * d + 1;
  const activation = stringifyExact(activationToSpec(net.activation), 'model.activation');
  const head = `{"format":"${MODEL_FORMAT}","d":${d},"L":${L},"M":${M},"activation":${activation},`;
  const layers: string[] = [];
  for (let l = 0; l < L; l++) {
    const row: string[] = [];
    for (let m = 0; m < M; m++) {
      const off = (l * M + m) * k;
      row.push(stringifyExact(net.theta.subarray(off, off + k), `model.theta[${l}][${m}]`));
    }
    layers.push(`[${row.join(',')}]`);
  }
  return `${head}"readout":${stringifyExact(net.readout, 'model.readout')},"theta":[\n${layers.join(',\n')}\n]}\n`;
}

/**
 * Writes a data set: one line per row of x, then y; numbers exact (−0 as "-0"). The name is written when
 * not empty (cut to 1000 characters).
 * @throws NonFiniteError naming `data.x[i][j]` or `data.y[i]` for NaN or ±Infinity.
 * @example dataToJson(ball({ d: 2, N: 3, seed: 0 }))
 */
export function dataToJson(ds: Dataset): string {
  const rows: string[] = [];
  for (let i = 0; i < ds.N; i++) {
    rows.push(stringifyExact(ds.x.subarray(i * ds.d, (i + 1) * ds.d), `data.x[${i}]`));
  }
  const name = ds.name.length > 0 ? `"name":${JSON.stringify(ds.name.slice(0, MAX_NAME))},` : '';
  const y = stringifyExact(ds.y, 'data.y');
  return `{"format":"${DATA_FORMAT}",${name}"x":[\n${rows.join(',\n')}\n],"y":${y}}\n`;
}

/**
 * Checks that a model can be evaluated on a data set (same dimension d).
 * @throws ShapeMismatchError naming `data.x` when the rows of x do not have length d of the model.
 * @example checkCompatible(parseModelJson(m), parseDataJson(t))
 */
export function checkCompatible(net: Network, data: Dataset): void {
  if (net.d !== data.d) {
    throw new ShapeMismatchError('data.x', `rows of length d = ${net.d} (the model's d)`, `rows of length ${data.d}`);
  }
}
