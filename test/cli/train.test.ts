/**
 * `resnet-mf train` end to end: from files and from a generated model, loss curve, output model, learning
 * rate h = M·L·Δs, determinism, --steps 0, and a diverging run (exit 1, nothing written).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modelToJson, parseModelJson } from '../../src/data/index.js';
import {
  cleanup,
  expectNoStackTrace,
  listing,
  lossCurve,
  makeData,
  makeModel,
  run,
  tempDir,
  writeJson,
} from './harness.js';

afterAll(cleanup);

const U = 2 ** -53;

function expectDecreasing(E: number[]): void {
  expect(E.length).toBeGreaterThan(1);
  for (let k = 1; k < E.length; k++) expect(E[k], `E at printed point ${k}: ${E.join(', ')}`).toBeLessThan(E[k - 1]);
}

describe('resnet-mf train from files', () => {
  it('trains, prints a decreasing loss curve and writes a model of the same d, L, M', () => {
    const dir = tempDir();
    const model = makeModel(2, 3, 4, 31);
    writeJson(dir, 'model.json', model);
    writeJson(dir, 'data.json', makeData(2, 8, 32));
    const r = run(dir, ['train', '--model', 'model.json', '--data', 'data.json', '--dt', '0.05', '--steps', '10', '--every', '1', '--out', 'out/trained.json']);
    expect(r.status, r.stderr).toBe(0);
    expectNoStackTrace(r);
    expect(r.stdout).toMatch(/^# d=2 N=8 L=3 M=4 activation=tanh Δs=0\.05 h=M·L·Δs=0\.6/m);
    const curve = lossCurve(r.stdout);
    expect(curve.map((p) => p.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    curve.forEach((p, k) => expect(p.s).toBeCloseTo(0.05 * k, 5));
    expectDecreasing(curve.map((p) => p.E));
    expect(r.stdout).toContain('# wrote out/trained.json');

    const trained = parseModelJson(readFileSync(join(dir, 'out', 'trained.json'), 'utf8'));
    expect([trained.d, trained.L, trained.M, trained.activation.name]).toEqual([2, 3, 4, 'tanh']);
    expect(Array.from(trained.readout)).toEqual(model.readout);
    expect(Array.from(trained.theta)).not.toEqual(model.theta.flat(2));
  });

  it('one step is θ − h·∂E/∂θ with h = M·L·Δs (∂E/∂θ as printed by eval)', () => {
    const dir = tempDir();
    const [d, L, M] = [2, 3, 4];
    const model = makeModel(d, L, M, 41);
    writeJson(dir, 'model.json', model);
    writeJson(dir, 'data.json', makeData(d, 5, 42));
    const ev = run(dir, ['eval', '--model', 'model.json', '--data', 'data.json']);
    expect(ev.status, ev.stderr).toBe(0);
    const grad = (JSON.parse(ev.stdout) as { grad: number[][][] }).grad.flat(2);
    const dt = 0.125;
    const r = run(dir, ['train', '--model', 'model.json', '--data', 'data.json', '--dt', String(dt), '--steps', '1', '--out', 'one.json']);
    expect(r.status, r.stderr).toBe(0);
    const theta1 = parseModelJson(readFileSync(join(dir, 'one.json'), 'utf8')).theta;
    const theta0 = model.theta.flat(2);
    const h = M * L * dt; // 1.5, exact
    // θ − h·g rounds twice (product, difference): within 2u of |θ| + |h·g| per entry
    theta0.forEach((t, p) => {
      const want = t - h * grad[p];
      expect(Math.abs(theta1[p] - want), `entry ${p}`).toBeLessThanOrEqual(2 * U * (Math.abs(t) + Math.abs(h * grad[p])));
    });
    // and the loss curve's first point is eval's loss, its s-step is Δs
    const curve = lossCurve(r.stdout);
    expect(curve[0].E).toBeCloseTo((JSON.parse(ev.stdout) as { loss: number }).loss, 9);
  });

  it('--steps 0 writes the input model unchanged, bit for bit', () => {
    const dir = tempDir();
    const model = makeModel(2, 3, 4, 51);
    model.theta[0][1][4] = 123456.75; // becomes −0 in the file (JSON.stringify writes −0 as 0)
    model.theta[2][3][0] = 5e-324; // and a subnormal
    const inputText = JSON.stringify(model).replace('123456.75', '-0');
    model.theta[0][1][4] = -0;
    writeJson(dir, 'model.json', inputText);
    writeJson(dir, 'data.json', makeData(2, 4, 52));
    const r = run(dir, ['train', '--model', 'model.json', '--data', 'data.json', '--dt', '0.1', '--steps', '0', '--out', 'same.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(lossCurve(r.stdout)).toHaveLength(1);
    const text = readFileSync(join(dir, 'same.json'), 'utf8');
    const out = parseModelJson(text);
    expect(Object.is(out.theta[(0 * 4 + 1) * 5 + 4], -0)).toBe(true);
    expect(out.theta[(2 * 4 + 3) * 5 + 0]).toBe(5e-324);
    const flat = model.theta.flat(2);
    expect(out.theta.length).toBe(flat.length);
    flat.forEach((v, p) => expect(Object.is(out.theta[p], v), `theta entry ${p}`).toBe(true));
    expect(Array.from(out.readout)).toEqual(model.readout);
    // the file is exactly the canonical writing of the input model
    expect(text).toBe(modelToJson(parseModelJson(inputText)));
  });
});

describe('resnet-mf train from a generated model', () => {
  const args = ['train', '--dataset', 'iris', '--depth', '4', '--width', '8', '--activation', 'tanh', '--init', 'linear', '--seed', '3', '--dt', '0.1', '--steps', '20'];

  it('exits 0, prints a decreasing loss curve, writes a d=4 L=4 M=8 model; same seed → same bytes', () => {
    const dir = tempDir();
    const a = run(dir, [...args, '--out', 'a.json']);
    const b = run(dir, [...args, '--out', 'b.json']);
    for (const r of [a, b]) {
      expect(r.status, r.stderr).toBe(0);
      expectNoStackTrace(r);
    }
    expect(a.stdout).toMatch(/^# d=4 N=150 L=4 M=8 activation=tanh Δs=0\.1 h=M·L·Δs=3\.2/m);
    const curve = lossCurve(a.stdout);
    expect(curve[0].step).toBe(0);
    expect(curve[curve.length - 1].step).toBe(20);
    expectDecreasing(curve.map((p) => p.E));
    // dissipation is printed and non-negative
    for (const p of curve) expect(p.dissipation).toBeGreaterThanOrEqual(0);

    const textA = readFileSync(join(dir, 'a.json'));
    const textB = readFileSync(join(dir, 'b.json'));
    expect(textA.equals(textB)).toBe(true);
    const net = parseModelJson(textA.toString('utf8'));
    expect([net.d, net.L, net.M, net.activation.name]).toEqual([4, 4, 8, 'tanh']);
    // the two runs printed the same curve too (apart from the file name)
    expect(a.stdout.replace('a.json', 'X')).toBe(b.stdout.replace('b.json', 'X'));
  });

  it('a different seed gives a different model', () => {
    const dir = tempDir();
    const a = run(dir, [...args, '--out', 'a.json']);
    const c = run(dir, [...args.map((v, i) => (args[i - 1] === '--seed' ? '4' : v)), '--out', 'c.json']);
    expect(a.status).toBe(0);
    expect(c.status).toBe(0);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).not.toBe(readFileSync(join(dir, 'c.json'), 'utf8'));
  });
});

describe('resnet-mf train that diverges', () => {
  it('exits 1, names the step and the layer, and writes no --out file', () => {
    const dir = tempDir();
    const r = run(dir, [
      'train', '--dataset', 'iris', '--depth', '4', '--width', '8', '--activation', 'identity',
      '--scale', '10', '--dt', '1e6', '--steps', '20', '--out', 'sub/diverged.json',
    ]);
    expect(r.status, r.stderr).toBe(1);
    expectNoStackTrace(r);
    const lines = r.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^resnet-mf: /);
    expect(lines[0]).toMatch(/diverged at step \d+/);
    expect(lines[0]).toMatch(/layer l=\d+/);
    expect(existsSync(join(dir, 'sub', 'diverged.json'))).toBe(false);
    expect(listing(dir)).toEqual([]); // not even the directory of --out, nor a temporary file
  });
});
