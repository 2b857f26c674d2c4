/**
 * `resnet-mf data export NAME`: every built-in data set as data JSON, read back bit-identically, so another
 * implementation trains on exactly the x and y this one does; bad input is exit 2 naming the field, no file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASET_NAMES, loadDataset, parseDataJson } from '../../src/data/index.js';
import { cleanup, expectBadInput, listing, makeModel, runAsync as run, tempDir } from './harness.js';

afterAll(cleanup);

/** The flags of each export and the options loadDataset gets for them. */
const CASES: { name: (typeof DATASET_NAMES)[number]; flags: string[]; opts: { N?: number; d?: number; seed: number } }[] = [
  { name: 'ball', flags: ['--samples', '7', '--dim', '3', '--seed', '5'], opts: { N: 7, d: 3, seed: 5 } },
  { name: 'teacher', flags: ['--samples', '6', '--dim', '2', '--seed', '9'], opts: { N: 6, d: 2, seed: 9 } },
  { name: 'nonmonotone1d', flags: ['--samples', '5'], opts: { N: 5, seed: 1 } },
  { name: 'iris', flags: [], opts: { seed: 1 } },
];

describe.concurrent('data export', () => {
  it('covers every built-in data set', () => {
    expect(CASES.map((c) => c.name).sort()).toEqual([...DATASET_NAMES].sort());
  });

  for (const c of CASES) {
    it(`${c.name}: the JSON reads back bit-identical to the built-in data set`, async () => {
      const r = await run(tempDir(), ['data', 'export', c.name, ...c.flags]);
      expect(r.status, r.stderr).toBe(0);
      const exported = parseDataJson(r.stdout);
      const builtIn = loadDataset(c.name, c.opts);
      expect([exported.N, exported.d]).toEqual([builtIn.N, builtIn.d]);
      expect(Buffer.from(exported.x.buffer)).toEqual(Buffer.from(builtIn.x.buffer));
      expect(Buffer.from(exported.y.buffer)).toEqual(Buffer.from(builtIn.y.buffer));
    });
  }

  it('eval on the exported file prints what eval on the built-in data set prints', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(makeModel(3, 2, 3, 71)));
    const out = await run(dir, ['data', 'export', 'ball', '--samples', '7', '--dim', '3', '--seed', '5', '--out', 'sub/ball.json']);
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toBe('');
    const fromFile = await run(dir, ['eval', '--model', 'model.json', '--data', 'sub/ball.json']);
    const builtIn = await run(dir, ['eval', '--model', 'model.json', '--dataset', 'ball', '--samples', '7', '--dim', '3', '--seed', '5']);
    expect(fromFile.status, fromFile.stderr).toBe(0);
    expect(fromFile.stdout).toBe(builtIn.stdout);
    expect(readFileSync(join(dir, 'sub', 'ball.json'), 'utf8')).toMatch(/^\{"format":"resnet-mf\/data@1"/);
  });

  const bad: [string, string[], string][] = [
    ['an unknown data set', ['nope'], '<name>'],
    ['--samples 0', ['ball', '--samples', '0'], '--samples'],
    ['--dim "x"', ['ball', '--dim', 'x'], '--dim'],
    ['--seed -1', ['ball', '--seed', '-1'], '--seed'],
    ['--out a directory', ['ball', '--out', '.'], '--out'],
    ['no name', [], 'name'],
  ];
  for (const [what, args, field] of bad) {
    it(`${what} → exit 2 naming ${field}, no file`, async () => {
      const dir = tempDir();
      const r = await run(dir, ['data', 'export', ...args]);
      expectBadInput(r, field);
      expect(r.stdout).toBe('');
      expect(listing(dir)).toEqual([]);
    });
  }
});
