/**
 * Cases found by a new-user trial of a clean clone: each was accepted silently or caught too late before.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, expectBadInput, listing, makeData, makeModel, run, tempDir, writeJson } from './harness.js';

afterAll(cleanup);

describe('found by the user trial', () => {
  it('--out to a FIFO is refused up front and the FIFO survives', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'pipe')]);
    const r = run(dir, ['train', '--dataset', 'ball', '--depth', '2', '--width', '2', '--dt', '0.1', '--steps', '1', '--out', 'pipe']);
    expectBadInput(r, '--out');
    expect(r.stderr).toContain('regular file');
    expect(listing(dir)).toEqual(['pipe']);
  });

  it('a replay --path that reaches no scenario is an error, not a pass with 0 runs', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--profile', 'quick', '--claim', 'forward-bound', '--path', '999999:999999', '--out', 'r.json']);
    expectBadInput(r, '--path');
    expect(listing(dir)).toEqual([]);
  });

  it('flags that a model file overrides are refused with --model, and --delta needs regularized_relu', () => {
    const dir = tempDir();
    writeJson(dir, 'm.json', makeModel(2, 2, 2, 1));
    writeJson(dir, 'd.json', makeData(2, 3, 1));
    for (const flag of [['--activation', 'sin'], ['--init', 'iid'], ['--scale', '2']]) {
      const r = run(dir, ['train', '--model', 'm.json', '--data', 'd.json', '--dt', '0.1', '--steps', '1', ...flag]);
      expectBadInput(r, flag[0]);
    }
    const r = run(dir, ['train', '--dataset', 'ball', '--depth', '2', '--width', '2', '--delta', '0.5', '--dt', '0.1', '--steps', '1']);
    expectBadInput(r, '--delta');
  });

  it('sizes whose workspace would not fit are refused before allocation', () => {
    const dir = tempDir();
    writeJson(dir, 'big.json', makeModel(1, 1, 1000, 1));
    const e = run(dir, ['eval', '--model', 'big.json', '--dataset', 'ball', '--dim', '1', '--samples', '200000']);
    expectBadInput(e, 'L·N·M');
    const r = run(dir, ['train', '--dataset', 'ball', '--samples', '1000', '--depth', '100000', '--width', '2', '--dt', '0.1', '--steps', '1']);
    expectBadInput(r, 'L·N·M');
  });
});

describe('eval on a built-in data set', () => {
  it('evaluates a model trained on iris on the same iris data: the loss equals the last training point', () => {
    const dir = tempDir();
    const t = run(dir, ['train', '--dataset', 'iris', '--samples', '20', '--depth', '2', '--width', '3', '--seed', '3', '--dt', '0.1', '--steps', '2', '--out', 'm.json']);
    expect(t.status).toBe(0);
    const last = t.stdout.trim().split('\n').filter((line) => /^\s*\d+\s/.test(line)).pop() as string;
    const e = run(dir, ['eval', '--model', 'm.json', '--dataset', 'iris', '--samples', '20', '--seed', '3']);
    expect(e.status).toBe(0);
    const loss = JSON.parse(e.stdout).loss as number;
    // train prints E with 10 significant digits after taking the step: E(Θ(KΔs)) is the final model's loss
    expect(Number(last.trim().split(/\s+/)[2])).toBe(Number(loss.toPrecision(10)));
  });
});
