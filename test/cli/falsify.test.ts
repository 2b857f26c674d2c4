/**
 * `resnet-mf falsify`: a true bound survives a small budget, a false one is falsified, stored before shrinking,
 * written as files that `eval` replays bit for bit and that `--replay` reproduces; hostile or bad input exits 2
 * with one stderr line and writes nothing.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CONJECTURES } from '../../src/falsify/conjectures.js';
import { QUANTITY_DOCS, QUANTITY_NAMES } from '../../src/falsify/quantities.js';
import { cleanup, expectBadInput, expectNoStackTrace, listing, run, runAsync, tempDir } from './harness.js';

afterAll(cleanup);
const STORE = join('.resnet-mf', 'counterexamples');

describe('falsify', () => {
  it('a true bound is not falsified within a small budget: exit 0, nothing stored, nothing written', () => {
    const dir = tempDir();
    const r = run(dir, ['falsify', '--bound', 'E >= 0 and displacement >= 0', '--budget', '6', '--seed', '3']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^not falsified: E >= 0 and displacement >= 0 held on 6 scenario\(s\)/m);
    expect(listing(dir)).toEqual([]);
  });

  it('a false bound is falsified: stored, shrunk, replayable with eval (same loss bits) and with --replay', () => {
    const dir = tempDir();
    const r = run(dir, ['falsify', '--bound', 'E <= E0 / 2', '--budget', '20', '--seed', '5', '--shrink-budget', '40']);
    expect(r.status, r.stderr).toBe(1);
    expectNoStackTrace(r);
    expect(r.stdout).toMatch(/^falsified: E <= E0 \/ 2$/m);
    // the first violation is stored (and said so) before shrinking, the shrunk one after
    expect(r.stdout).toMatch(/^violation found \(margin -?[\d.e-]+\), stored: .*\n(.*\n)*shrunk \(margin -?[\d.e-]+\), stored: /m);
    expect(listing(join(dir, 'reports', 'falsify'))).toEqual(['counterexample.json', 'data.json', 'initial.json', 'model.json']);
    const report = JSON.parse(readFileSync(join(dir, 'reports', 'falsify', 'counterexample.json'), 'utf8'));
    expect(report.status).toBe('falsified');
    expect(report.bound).toEqual({ kind: 'expression', source: 'E <= E0 / 2' });
    expect(report.minimal.margin).toBeLessThan(0);
    // the store holds the shrunk record of the minimal scenario (and the first one, when shrinking moved it)
    const files = readdirSync(join(dir, STORE));
    expect(files.length).toBeGreaterThanOrEqual(1);
    const records = files.map((f) => JSON.parse(readFileSync(join(dir, STORE, f), 'utf8')));
    const shrunk = records.find((rec) => rec.phase === 'shrunk');
    expect(shrunk.scenario).toEqual(report.minimal.scenario);
    expect(shrunk.quantities.E).toBe(report.minimal.quantities.E);
    // eval on the written files prints the stored loss, bit for bit
    const ev = run(dir, ['eval', '--model', join('reports', 'falsify', 'model.json'), '--data', join('reports', 'falsify', 'data.json')]);
    expect(ev.status, ev.stderr).toBe(0);
    expect(JSON.parse(ev.stdout).loss).toBe(shrunk.quantities.E);
    expect(shrunk.quantities.E).toBeGreaterThan(shrunk.quantities.E0 / 2); // the violation itself
    // --replay re-measures every stored record: each reproduces with the same bits, exit 1
    const rp = run(dir, ['falsify', '--replay']);
    expect(rp.status, rp.stderr).toBe(1);
    expect(rp.stdout).toMatch(new RegExp(`^${files.length} of ${files.length} replayed counterexample\\(s\\) reproduce$`, 'm'));
    expect(rp.stdout.match(/^reproduced: .*same bits$/gm)).toHaveLength(files.length);
    // a next run replays the store first: the first violation comes from the replay, at evaluation 1
    const again = run(dir, ['falsify', '--bound', 'E <= E0 / 2', '--budget', '20', '--seed', '6', '--shrink-budget', '5']);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/first violation after 1 evaluation\(s\) \(replay\)/);
  });

  it('a predicate module states a bound the same way', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'halves.mjs'), "export const source = 'loss halves';\nexport const names = ['E', 'E0'];\nexport function bound(q) { return q.E0 / 2 - q.E; }\n");
    const r = run(dir, ['falsify', '--predicate', 'halves.mjs', '--budget', '20', '--shrink-budget', '10']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^falsified: loss halves$/m);
    const [file] = readdirSync(join(dir, STORE));
    expect(JSON.parse(readFileSync(join(dir, STORE, file), 'utf8')).bound).toEqual({ kind: 'predicate', source: 'loss halves', module: join(dir, 'halves.mjs') });
    // --replay runs a stored predicate module only when it is the one given with --predicate
    writeFileSync(join(dir, 'halves.mjs'), "import { writeFileSync } from 'node:fs';\nwriteFileSync('ran', '');\nexport const source = 'loss halves';\nexport function bound(q) { return q.E0 / 2 - q.E; }\n");
    const skipped = run(dir, ['falsify', '--replay']);
    expect(skipped.status, skipped.stderr).toBe(0);
    expect(skipped.stdout).toMatch(/^skipped: .*\(predicate module .*halves\.mjs\): a module runs code; replay it with --replay --predicate /m);
    expect(existsSync(join(dir, 'ran'))).toBe(false);
    const replayed = run(dir, ['falsify', '--replay', '--predicate', 'halves.mjs']);
    expect(replayed.status, replayed.stderr).toBe(1);
    expect(replayed.stdout).toMatch(/^reproduced: /m);
  });

  it('a run that is not falsified removes an earlier counterexample from --out', () => {
    const dir = tempDir();
    expect(run(dir, ['falsify', '--bound', 'E <= E0 / 2', '--budget', '20', '--seed', '5', '--shrink-budget', '0']).status).toBe(1);
    expect(listing(join(dir, 'reports', 'falsify'))).toEqual(['counterexample.json', 'data.json', 'initial.json', 'model.json']);
    const r = run(dir, ['falsify', '--bound', 'E >= 0', '--budget', '3']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/removed an earlier run's counterexample files from reports\/falsify: counterexample\.json, model\.json, data\.json, initial\.json/);
    expect(listing(join(dir, 'reports', 'falsify'))).toEqual([]);
  });

  it('--list-conjectures lists the catalogue; a stored conjecture counterexample replays against its own conjecture', () => {
    const dir = tempDir();
    const list = run(dir, ['falsify', '--list-conjectures']);
    expect(list.status).toBe(0);
    for (const c of CONJECTURES) expect(list.stdout).toMatch(new RegExp(`^${c.id} +${c.expected} +${c.bound.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    // a hand-written record: Δs = 1.68, 4 steps of identity GD overshoot (E ≈ 8930 against E0 ≈ 1.4)
    const scenario = { d: 1, N: 1, L: 1, M: 1, activation: 'identity', delta: 0.125, init: 'linear', scale: 0.25, dataset: 'ball', yScale: 2.378414230005442, dt: 1.6817928305074292, steps: 4, seed: 0, eps: 0.25, eta: 0.25 };
    const record = {
      format: 'resnet-mf/counterexample@1', bound: { kind: 'conjecture', source: 'E <= E0 [conjecture monotone-any-step]', id: 'monotone-any-step' },
      phase: 'shrunk', margin: -1, scenario, quantities: Object.fromEntries(QUANTITY_NAMES.map((n) => [n, 'NaN'])), seed: 0,
    };
    mkdirSync(join(dir, STORE), { recursive: true });
    writeFileSync(join(dir, STORE, '0123456789-abcdefabcd.json'), JSON.stringify(record));
    const r = run(dir, ['falsify', '--replay']);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^reproduced: .*0123456789-abcdefabcd\.json \(E <= E0 \[conjecture monotone-any-step\]\): margin -\d+\.\d+, stored -1; measurements differ from the stored ones$/m);
    // the same record under the supported conjecture with the same bound text is not replayed for it
    const own = run(dir, ['falsify', '--replay', '--conjecture', 'monotone-small-step']);
    expect(own.status).toBe(0);
    expect(own.stdout).toMatch(/^no stored counterexample of E <= E0 \[conjecture monotone-small-step\]/);
  });

  it('--list-names prints every quantity with its documentation line', () => {
    const r = run(tempDir(), ['falsify', '--list-names']);
    expect(r.status).toBe(0);
    for (const name of QUANTITY_NAMES) expect(r.stdout).toContain(`${name.padEnd(12)}  ${QUANTITY_DOCS[name]}`);
  });
});

describe.concurrent('falsify: hostile and bad input exits 2 with one line and writes nothing', () => {
  const hostile = [
    "import('fs')",
    'cos.constructor("return process")()',
    'f(x) = f(x)',
    'E <= 9^9^9^9',
    'E <= evaluate("1")',
    'x = 1',
    `E <= ${'1+'.repeat(60_000)}1`,
  ];
  for (const expr of hostile) {
    it(expr.slice(0, 40), async () => {
      const dir = tempDir();
      const r = await runAsync(dir, ['falsify', '--bound', expr, '--budget', '5']);
      expectBadInput(r, '--bound');
      expect(listing(dir)).toEqual([]);
    });
  }

  it('--bound with --predicate', async () => {
    const dir = tempDir();
    expectBadInput(await runAsync(dir, ['falsify', '--bound', 'E <= 1', '--predicate', 'p.mjs']), '--predicate');
    expect(listing(dir)).toEqual([]);
  });

  it('an unknown conjecture', async () => {
    const r = await runAsync(tempDir(), ['falsify', '--conjecture', 'nope']);
    expectBadInput(r, '--conjecture');
    expect(r.stderr).toContain('must be one of monotone-small-step,');
  });

  it('no bound at all', async () => {
    expectBadInput(await runAsync(tempDir(), ['falsify', '--budget', '3']), '--bound');
  });

  it('a missing predicate file', async () => {
    const dir = tempDir();
    expectBadInput(await runAsync(dir, ['falsify', '--predicate', 'missing.mjs']), '--predicate');
    expect(listing(dir)).toEqual([]);
  });

  it('a bad budget, strategy or profile', async () => {
    const dir = tempDir();
    expectBadInput(await runAsync(dir, ['falsify', '--bound', 'E <= 1', '--budget', '0']), '--budget');
    expectBadInput(await runAsync(dir, ['falsify', '--bound', 'E <= 1', '--strategy', 'guess']), '--strategy');
    expectBadInput(await runAsync(dir, ['falsify', '--bound', 'E <= 1', '--profile', 'huge']), '--profile');
    expect(listing(dir)).toEqual([]);
  });

  it('an --out that cannot be written is refused before any search', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'taken'), 'a file');
    expectBadInput(await runAsync(dir, ['falsify', '--bound', 'E <= E0 / 2', '--budget', '5', '--out', 'taken']), '--out');
    expect(existsSync(join(dir, '.resnet-mf'))).toBe(false);
  });

  it('a --store that cannot be written is refused before any search', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'afile'), 'a file');
    const r = await runAsync(dir, ['falsify', '--bound', 'E >= 0', '--budget', '3', '--store', join('afile', 'sub')]);
    expectBadInput(r, '--store');
    expect(r.stdout).toBe('');
  });

  it('a predicate that throws something unprintable is bad input, not a crash', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.mjs'), 'export function bound(q) { throw Object.create(null); }\n');
    expectBadInput(await runAsync(dir, ['falsify', '--predicate', 'p.mjs', '--budget', '3']), '--predicate');
    writeFileSync(join(dir, 'q.mjs'), "export function bound(q) { throw { toString() { throw new Error('no'); } }; }\n");
    expectBadInput(await runAsync(dir, ['falsify', '--predicate', 'q.mjs', '--budget', '3']), '--predicate');
  });

  it('a corrupt store file stops the run, naming the file', async () => {
    const dir = tempDir();
    const bad = join(STORE, '0123456789-0123456789.json');
    mkdirSync(join(dir, STORE), { recursive: true });
    writeFileSync(join(dir, bad), '{"format": ');
    expectBadInput(await runAsync(dir, ['falsify', '--replay']), bad);
    expectBadInput(await runAsync(dir, ['falsify', '--bound', 'E <= 1', '--budget', '2']), bad);
    expect(listing(dir)).toEqual(['.resnet-mf']);
  });
});
