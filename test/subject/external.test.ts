/**
 * External subjects (src/subject/external.ts): every way a program can break the subject protocol ends in a
 * SubjectError naming the request and the field, quickly, and never in a verdict; a correct program's answers
 * reach the claims bit for bit.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initNetwork } from '../../src/init/index.js';
import { loadDataset } from '../../src/data/index.js';
import { tanh } from '../../src/activations/index.js';
import { SubjectError, builtinSubject, externalSubject } from '../../src/subject/index.js';
import { ROOT } from '../cli/harness.js';

const FAKE = join(ROOT, 'test', 'subject', 'fakeSubject.mjs');
const fake = (mode: string) => `"${process.execPath}" "${FAKE}" ${mode}`;
const NUMPY = `python3 "${join(ROOT, 'examples', 'adapters', 'numpy_resnet.py')}"`;

const net = initNetwork({ d: 2, L: 3, M: 4, activation: tanh, init: 'linear', seed: 5 });
const data = loadDataset('ball', { d: 2, N: 6, seed: 5 });

/** The SubjectError `fn` throws. */
function subjectError(fn: () => unknown): SubjectError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SubjectError) return err;
    throw err;
  }
  throw new Error('no SubjectError thrown');
}

describe('an external subject that breaks the protocol', () => {
  it.each([
    ['crash-hello', '--impl', /request 0 \(hello\): the subject exited with code 3; its standard error ends: Traceback: ImportError/],
    ['garbage-hello', '--impl answer to request 0 (hello)', /"Loading model\.\.\. done" must be one line of JSON/],
    ['wrong-protocol', '--impl answer to request 0 (hello).protocol', /"resnet-mf\/subject@0" must be "resnet-mf\/subject@1"/],
    ['bad-capability', '--impl answer to request 0 (hello).capabilities[1]', /"hessian" must be one of outputs, gradient, train/],
  ])('%s: refused at the greeting, naming the field', (mode, field, message) => {
    const err = subjectError(() => externalSubject(fake(mode)));
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });

  it.each([
    ['crash', '--impl', /request 1 \(evaluate\): the subject exited with code 139; its standard error ends: Segmentation fault/],
    ['error-answer', '--impl answer to request 1 (evaluate).error', /"ValueError: unknown activation gaussian" must be absent: the subject reported an error instead of answering/],
    ['long-error', '--impl answer to request 1 (evaluate).error', /"RuntimeError: out of memory\. (Tried to allocate 2\.00 GiB\. ){70}/],
    ['dup-key', '--impl answer to request 1 (evaluate).id', /must be given once in its object/],
    ['inf-literal', '--impl answer to request 1 (evaluate).results[0].loss', /=Infinity must be a finite JSON number \(write infinities as the strings "Infinity", "-Infinity"\)/],
    ['close-stdout', '--impl', /request 1 \(evaluate\): the subject closed its standard output while still running, and was killed/],
    ['wrong-id', '--impl answer to request 1 (evaluate).id', /=8 must be 1 \(answers come in the order of the requests\)/],
    ['malformed', '--impl answer to request 1 (evaluate)', /must be one line of JSON/],
    ['short-grad', '--impl answer to request 1 (evaluate).results[0].grad', /array of length 2 must be an array of L = 3 entries/],
  ])('%s: the first request fails naming the request and the field, and every later one repeats it at once', (mode, field, message) => {
    const subject = externalSubject(fake(mode));
    const err = subjectError(() => subject.evaluate([{ net, data }], true));
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
    if (!['short-grad', 'inf-literal'].includes(mode)) {
      const t0 = performance.now();
      expect(subjectError(() => subject.evaluate([{ net, data }], true))).toBe(err);
      expect(performance.now() - t0).toBeLessThan(50);
    }
  });

  it('a subject that hangs is killed at the time limit, and the error says so', () => {
    const subject = externalSubject(fake('hang'), { timeoutSeconds: 1 });
    const t0 = performance.now();
    const err = subjectError(() => subject.train([{ net, data, dt: 0.1, steps: 1 }]));
    const seconds = (performance.now() - t0) / 1000;
    expect(err.message).toMatch(/request 1 \(train\): the subject did not answer within 1 s and was killed/);
    expect(seconds).toBeGreaterThanOrEqual(0.99);
    expect(seconds).toBeLessThan(5);
  });

  it('a capability the subject did not announce is refused before anything is sent', () => {
    const subject = externalSubject(fake('outputs-only'));
    expect(subject.capabilities).toEqual(['outputs']);
    expect(subjectError(() => subject.evaluate([{ net, data }], true)).message).toMatch(/a subject with capability gradient/);
    expect(subject.evaluate([{ net, data }], false)[0].outputs).toHaveLength(data.N);
  });

  it('an answer line longer than the limit stops the subject (the limit here 10⁶ characters; by default 256 Mi)', () => {
    const subject = externalSubject(fake('giant'), { maxAnswerChars: 1_000_000 });
    const err = subjectError(() => subject.evaluate([{ net, data }], true));
    expect(err.message).toMatch(/request 1 \(evaluate\): the subject wrote an answer line longer than 1000000 characters, and was killed/);
  });

  it('an init answer of the wrong shape names the request and the field', () => {
    const err = subjectError(() => externalSubject(fake('short-init')).init([{ d: 2, L: 3, M: 4, scale: 1, seed: 1 }]));
    expect(err.message).toMatch(/^--impl answer to request 1 \(init\)\.results\[0\]\.theta=array of length 2 must be an array of L = 3 entries/);
  });

  it('a byte-order mark before an answer is read past, as in the input files', () => {
    expect(externalSubject(fake('bom')).evaluate([{ net, data }], true)[0].loss).toBe(0);
  });

  it('non-finite numbers arrive as the protocol spells them ("NaN", "Infinity")', () => {
    const [e] = externalSubject(fake('nan-loss')).evaluate([{ net, data }], true);
    expect(e.loss).toBeNaN();
    expect(e.grad).toHaveLength(net.theta.length);
  });
});

describe('the numpy reference adapter', () => {
  it('answers as resnet-mf computes, to rounding, in batches', () => {
    const subject = externalSubject(NUMPY);
    expect(subject.capabilities).toEqual(['outputs', 'gradient', 'train', 'init']);
    const other = initNetwork({ d: 2, L: 5, M: 2, activation: tanh, init: 'iid', seed: 6 });
    const cases = [{ net, data }, { net: other, data }];
    const theirs = subject.evaluate(cases, true);
    const ours = builtinSubject.evaluate(cases, true);
    for (const [i, e] of theirs.entries()) {
      expect(e.loss).toBeCloseTo(ours[i].loss, 14);
      const g = ours[i].grad as Float64Array;
      const scale = Math.max(...g.map(Math.abs));
      for (let p = 0; p < g.length; p++) expect(Math.abs((e.grad as Float64Array)[p] - g[p])).toBeLessThan(1e-13 * scale);
    }
    const [trained] = subject.train([{ net, data, dt: 0.05, steps: 4 }]);
    const [reference] = builtinSubject.train([{ net, data, dt: 0.05, steps: 4 }]);
    for (let p = 0; p < trained.length; p++) expect(trained[p]).toBeCloseTo(reference[p], 13);
  });

  it('draws linear paths for init: θ_l = a + (l/L) c, its own draws (not resnet-mf\'s), different per seed', () => {
    const subject = externalSubject(NUMPY);
    const c = { d: 1, L: 4, M: 3, scale: 2, seed: 8 };
    const [theta, other] = subject.init([c, { ...c, seed: 9 }]);
    const mk = c.M * 3;
    expect(theta).toHaveLength(c.L * mk);
    for (let p = 0; p < mk; p++) {
      const step = theta[mk + p] - theta[p];
      for (let l = 2; l < c.L; l++) expect(theta[l * mk + p] - theta[p]).toBeCloseTo(l * step, 12);
    }
    expect(Array.from(other)).not.toEqual(Array.from(theta));
    expect(Array.from(theta)).not.toEqual(Array.from(builtinSubject.init([c])[0]));
  });
});
