/**
 * An external subject: any program that speaks the subject protocol (docs/subject-protocol.md, version
 * `resnet-mf/subject@1`) on its standard input and output, one JSON object per line. resnet-mf writes a
 * request, the program answers it with one line; requests are batched (a claim's scenario sends every network
 * it needs in one request), so the per-request overhead (≈ 0.1 ms for a pipe round trip) stays small next to
 * the work.
 *
 * Calls are synchronous (claims measure synchronously): the program runs in a helper thread
 * (externalWorker.ts, through synckit) and this thread blocks until the answer or the time limit. Every field
 * of an answer is checked here; a crash, a time limit, malformed JSON or a wrong shape is a SubjectError naming
 * the request and the field.
 */
import { createSyncFn } from 'synckit';
import type { Dataset } from '../data/dataset.js';
import { dataToJson, modelToJson } from '../data/json.js';
import { refuseDuplicateKeys, withoutByteOrderMark } from '../data/jsonFields.js';
import { ResnetMfError } from '../errors.js';
import type { Network } from '../model/network.js';
import { taskFile } from '../parallel/taskFile.js';
import { CAPABILITIES, type Capability, DEFAULT_SUBJECT_TIMEOUT, type Evaluation, type InitCase, type NetworkCase, type Subject, SubjectError, type TrainCase } from './subject.js';
import type { WorkerReply } from './externalWorker.js';

/** The protocol version this side speaks (docs/subject-protocol.md). */
export const SUBJECT_PROTOCOL = 'resnet-mf/subject@1';
/** The longest answer line accepted by default (256 Mi characters: far above any batch the claims send, below V8's string limit). */
export const MAX_ANSWER_CHARS = 256 * 1024 * 1024;
/** Characters of a subject's error message shown. */
const MAX_ERROR_CHARS = 2000;
/** Longest name kept from a subject's hello. */
const MAX_NAME = 200;

type Request = (command: string, line: string | null, timeoutMs: number, maxChars: number) => WorkerReply;

let call: Request | null = null;
function worker(): Request {
  return (call ??= createSyncFn<(command: string, line: string | null, timeoutMs: number, maxChars: number) => Promise<WorkerReply>>(
    taskFile({ module: 'src/subject/externalWorker.js', name: 'request' }),
  ));
}

/** The options of an external subject. */
export interface ExternalOptions {
  /** Seconds to wait for one answer before the program is killed (default DEFAULT_SUBJECT_TIMEOUT). */
  timeoutSeconds?: number;
  /** The longest answer line accepted, characters (default 256 Mi): a longer one stops the program. */
  maxAnswerChars?: number;
}

/** The field prefix of an answer in messages: `--impl answer to request 3 (evaluate)`. */
function answerField(id: number, op: string): string {
  return `--impl answer to request ${id} (${op})`;
}

function fail(field: string, expected: string, received: unknown): never {
  throw new SubjectError(field, expected, received);
}

/** A plain object with exactly the keys `required` and possibly `optional`. */
function object(field: string, value: unknown, required: readonly string[], optional: readonly string[] = []): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(field, 'a JSON object', value);
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) fail(`${field}.${k.slice(0, 40)}`, `absent (allowed keys: ${[...required, ...optional].join(', ')})`, o[k]);
  }
  for (const k of required) if (!Object.prototype.hasOwnProperty.call(o, k)) fail(`${field}.${k}`, 'present (a required key)', undefined);
  return o;
}

/** A number of an answer: a JSON number, or "NaN", "Infinity", "-Infinity" for the values JSON cannot write. */
function answerNumber(field: string, value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) fail(field, 'a finite JSON number (write infinities as the strings "Infinity", "-Infinity")', value);
    return value;
  }
  if (value === 'NaN' || value === 'Infinity' || value === '-Infinity') return Number(value);
  return fail(field, 'a number (or "NaN", "Infinity", "-Infinity")', value);
}

/** Nested arrays of the given shape, read into a flat row-major Float64Array. */
function nested(field: string, value: unknown, shape: readonly number[], names: readonly string[]): Float64Array {
  const out = new Float64Array(shape.reduce((a, b) => a * b, 1));
  let k = 0;
  const walk = (f: string, v: unknown, dim: number): void => {
    if (dim === shape.length) {
      out[k++] = answerNumber(f, v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[dim]) fail(f, `an array of ${names[dim]} = ${shape[dim]} entries`, v);
    for (let i = 0; i < shape[dim]; i++) walk(`${f}[${i}]`, (v as unknown[])[i], dim + 1);
  };
  walk(field, value, 0);
  return out;
}

/** θ-shaped nesting [L][M][2d+1] of a network. */
function thetaShape(net: Pick<Network, 'd' | 'L' | 'M'>): { shape: number[]; names: string[] } {
  return { shape: [net.L, net.M, 2 * net.d + 1], names: ['L', 'M', '2d+1'] };
}

/** A network case as request JSON (one line: the file writers' newlines are whitespace between values). */
function caseJson(net: Network, data: Dataset, extra = ''): string {
  return `{"model":${modelToJson(net).replace(/\n/g, '')},"data":${dataToJson(data).replace(/\n/g, '')}${extra}}`;
}

/**
 * Starts (at the first request) the program `command` (run by the shell, in the current directory) and greets
 * it: the answer to `hello` names the protocol, the subject and its capabilities.
 * @throws SubjectError when the program does not answer hello as the protocol requires (naming the field)
 * @example externalSubject('python3 examples/adapters/numpy_resnet.py').capabilities // ['outputs', 'gradient', 'train', 'init']
 */
export function externalSubject(command: string, options: ExternalOptions = {}): Subject {
  const timeoutMs = 1000 * (options.timeoutSeconds ?? DEFAULT_SUBJECT_TIMEOUT);
  let nextId = 0;
  /** The first failure: every later request repeats it (the conversation is out of step after it). */
  let broken: SubjectError | null = null;
  const ask = (op: string, body: string): { field: string; value: Record<string, unknown>; id: number } => {
    if (broken) throw broken;
    try {
      return exchange(op, body);
    } catch (err) {
      if (err instanceof SubjectError) broken = err;
      throw err;
    }
  };
  const exchange = (op: string, body: string): { field: string; value: Record<string, unknown>; id: number } => {
    const id = nextId++;
    const reply = worker()(command, `{"protocol":"${SUBJECT_PROTOCOL}","id":${id},"op":"${op}"${body}}`, timeoutMs, options.maxAnswerChars ?? MAX_ANSWER_CHARS);
    const field = answerField(id, op);
    if (!reply.ok) fail('--impl', `a subject that answers request ${id} (${op}): ${reply.why}`, command);
    const text = withoutByteOrderMark(reply.line);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      fail(field, `one line of JSON (${(e as Error).message})`, text);
    }
    try {
      refuseDuplicateKeys(text, field);
    } catch (e) {
      if (e instanceof ResnetMfError) throw SubjectError.fromParts(e);
      throw e;
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value) && 'error' in value) {
      const message = String((value as { error: unknown }).error);
      throw SubjectError.fromParts({
        field: `${field}.error`,
        expected: 'absent: the subject reported an error instead of answering',
        received: JSON.stringify(message.length > MAX_ERROR_CHARS ? `${message.slice(0, MAX_ERROR_CHARS)}…` : message),
      });
    }
    const o = value as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || o.id !== id) fail(`${field}.id`, `${id} (answers come in the order of the requests)`, o?.id);
    return { field, value: o, id };
  };

  const hello = ask('hello', '');
  const h = object(hello.field, hello.value, ['id', 'protocol', 'name', 'capabilities']);
  if (h.protocol !== SUBJECT_PROTOCOL) fail(`${hello.field}.protocol`, `"${SUBJECT_PROTOCOL}"`, h.protocol);
  if (typeof h.name !== 'string' || h.name.length === 0 || h.name.length > MAX_NAME) fail(`${hello.field}.name`, `a string of 1 to ${MAX_NAME} characters`, h.name);
  if (!Array.isArray(h.capabilities)) fail(`${hello.field}.capabilities`, `an array of capability names (${CAPABILITIES.join(', ')})`, h.capabilities);
  const capabilities: Capability[] = [];
  for (const [i, c] of (h.capabilities as unknown[]).entries()) {
    if (!CAPABILITIES.includes(c as Capability)) fail(`${hello.field}.capabilities[${i}]`, `one of ${CAPABILITIES.join(', ')}`, c);
    if (!capabilities.includes(c as Capability)) capabilities.push(c as Capability);
  }
  const results = (answer: ReturnType<typeof ask>, n: number): unknown[] => {
    const o = object(answer.field, answer.value, ['id', 'results']);
    if (!Array.isArray(o.results) || o.results.length !== n) fail(`${answer.field}.results`, `an array of ${n} results (one per case)`, o.results);
    return o.results as unknown[];
  };
  const needs = (capability: Capability, op: string) => {
    if (!capabilities.includes(capability)) fail('--impl', `a subject with capability ${capability} (for ${op})`, command);
  };

  return {
    name: h.name,
    capabilities,
    evaluate(cases: readonly NetworkCase[], gradient: boolean): Evaluation[] {
      needs(gradient ? 'gradient' : 'outputs', 'evaluate');
      const answer = ask('evaluate', `,"gradient":${gradient},"cases":[${cases.map(({ net, data }) => caseJson(net, data)).join(',')}]`);
      return results(answer, cases.length).map((r, i) => {
        const { net, data } = cases[i];
        const f = `${answer.field}.results[${i}]`;
        const o = object(f, r, gradient ? ['loss', 'outputs', 'grad'] : ['loss', 'outputs'], gradient ? [] : ['grad']);
        const loss = answerNumber(`${f}.loss`, o.loss);
        const outputs = nested(`${f}.outputs`, o.outputs, [data.N], ['N']);
        if (!gradient) return { loss, outputs };
        const { shape, names } = thetaShape(net);
        return { loss, outputs, grad: nested(`${f}.grad`, o.grad, shape, names) };
      });
    },
    train(cases: readonly TrainCase[]): Float64Array[] {
      needs('train', 'train');
      const body = cases.map(({ net, data, dt, steps }) => caseJson(net, data, `,"dt":${JSON.stringify(dt)},"steps":${steps}`));
      const answer = ask('train', `,"cases":[${body.join(',')}]`);
      return results(answer, cases.length).map((r, i) => {
        const f = `${answer.field}.results[${i}]`;
        const { shape, names } = thetaShape(cases[i].net);
        return nested(`${f}.theta`, object(f, r, ['theta']).theta, shape, names);
      });
    },
    init(cases: readonly InitCase[]): Float64Array[] {
      needs('init', 'init');
      const body = cases.map(({ d, L, M, scale, seed }) => JSON.stringify({ d, L, M, scale, seed }));
      const answer = ask('init', `,"cases":[${body.join(',')}]`);
      return results(answer, cases.length).map((r, i) => {
        const f = `${answer.field}.results[${i}]`;
        const { shape, names } = thetaShape(cases[i]);
        return nested(`${f}.theta`, object(f, r, ['theta']).theta, shape, names);
      });
    },
  };
}

/** The subjects of this thread by command and time limit: one process each, started once. */
const cache = new Map<string, Subject>();

/**
 * externalSubject(command, options), started once per thread and reused (a worker thread of the pool starts
 * its own process at its first unit).
 * @throws SubjectError as externalSubject
 */
export function sharedExternalSubject(command: string, options: ExternalOptions = {}): Subject {
  const key = `${options.timeoutSeconds ?? DEFAULT_SUBJECT_TIMEOUT}\n${command}`;
  let subject = cache.get(key);
  if (!subject) cache.set(key, (subject = externalSubject(command, options)));
  return subject;
}
