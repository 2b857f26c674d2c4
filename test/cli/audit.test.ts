/**
 * `resnet-mf audit` end to end: a tiny generated run (table, summary, JSON report with per-quantity
 * statistics), --fail-above on a model with nonzero error (exit 1, naming the quantity), and bad flags
 * (exit 2 naming the flag, no report file).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, expectBadInput, expectNoStackTrace, listing, makeData, makeModel, run, runAsync, tempDir, writeJson } from './harness.js';

afterAll(cleanup);

const QUANTITIES = ['outputs', 'loss', 'gradient', 'trajectory'];
const STATS = ['scenarios', 'values', 'maxBits', 'medianBits', 'p99Bits', 'maxUlps', 'medianUlps', 'p99Ulps', 'maxRelErr'];

interface Report {
  format: string;
  settings: { P: number; steps: number; dt: number; source: Record<string, unknown> };
  quantities: Record<string, Record<string, number>>;
  overall: { maxBits: number; quantity: string };
  reference: { stable: boolean; P: number; P2: number };
  worst: { bits: number; shrunk: { path: string; seed: number } | null } | null;
  scenarios: unknown[];
}

describe('resnet-mf audit', () => {
  it('audits generated scenarios: prints the table and summary, writes a JSON report with per-quantity statistics', () => {
    const dir = tempDir();
    const r = run(dir, ['audit', '--profile', 'quick', '--seed', '12', '--runs', '3', '--steps', '2', '--precision', '30', '--out', 'out/audit.json']);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expectNoStackTrace(r);
    for (const q of QUANTITIES) expect(r.stdout).toContain(q);
    expect(r.stdout).toMatch(/max bits.*median bits.*p99 bits.*max ulps.*max rel\. error/);
    expect(r.stdout).toMatch(/^worst case: [\d.]+ bits of error \((outputs|loss|gradient|trajectory)\[\d+\]\) in #\d+: /m);
    expect(r.stdout).toContain('replay: resnet-mf audit --profile quick --seed 12 --runs 3 --precision 30 --steps 2 --dt 0.05');
    expect(r.stdout).toMatch(/reference: decimal P=30 against 2P=60 .*the float64 errors above are trusted/);
    expect(r.stderr).toMatch(/^audit \[3\/3\] /m); // plain progress lines: stderr is not a TTY

    const report = JSON.parse(readFileSync(join(dir, 'out', 'audit.json'), 'utf8')) as Report;
    expect(report.format).toBe('resnet-mf/audit-report@1');
    expect(report.settings).toMatchObject({ P: 30, steps: 2, dt: 0.05, source: { kind: 'scenarios', profile: 'quick', seed: 12, runs: 3 } });
    for (const q of QUANTITIES) {
      for (const key of STATS) expect(typeof report.quantities[q][key], `${q}.${key}`).toBe('number');
      expect(report.quantities[q].scenarios).toBe(3);
    }
    expect(report.scenarios).toHaveLength(3);
    expect(report.reference).toMatchObject({ stable: true, P: 30, P2: 60 });
    expect(report.worst?.bits).toBe(report.overall.maxBits);
    expect(report.worst?.shrunk?.seed).toBe(12);
  });

  it('--fail-above 0.0001 exits 1 on a model with nonzero error, naming the quantity; --json prints the report', () => {
    const dir = tempDir();
    writeJson(dir, 'model.json', makeModel(2, 3, 4, 61));
    writeJson(dir, 'data.json', makeData(2, 5, 62));
    const r = run(dir, ['audit', '--model', 'model.json', '--data', 'data.json', '--steps', '1', '--fail-above', '0.0001', '--json', '--out', 'a.json']);
    expect(r.status, r.stderr).toBe(1);
    expectNoStackTrace(r);
    const printed = JSON.parse(r.stdout) as Report;
    expect(printed.overall.maxBits).toBeGreaterThan(0.0001);
    expect(r.stderr).toMatch(new RegExp(`^resnet-mf: max bits of error [\\d.]+ \\(${printed.overall.quantity}\\) exceeds --fail-above 0\\.0001$`, 'm'));
    expect(printed.settings.source).toEqual({ kind: 'model', model: 'model.json', data: 'data.json' });
    expect(printed.worst?.shrunk).toBeNull();
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toEqual(printed);
  });

  describe.concurrent('bad flags: exit 2 naming the flag, no report', () => {
    const cases: { name: string; args: string[]; field: string }[] = [
      { name: 'precision below 20', args: ['--precision', '10'], field: '--precision' },
      { name: 'precision above 200 (2P > 400)', args: ['--precision', '201'], field: '--precision' },
      { name: 'precision not an integer', args: ['--precision', '50.5'], field: '--precision' },
      { name: 'negative steps', args: ['--steps', '-1'], field: '--steps' },
      { name: 'dt = 0', args: ['--dt', '0'], field: '--dt' },
      { name: 'dt NaN', args: ['--dt', 'NaN'], field: '--dt' },
      { name: 'runs = 0', args: ['--runs', '0'], field: '--runs' },
      { name: 'unknown profile', args: ['--profile', 'huge'], field: '--profile' },
      { name: 'negative seed', args: ['--seed', '-1'], field: '--seed' },
      { name: 'negative --fail-above', args: ['--fail-above', '-1'], field: '--fail-above' },
      { name: '--fail-above not a number', args: ['--fail-above', 'ten'], field: '--fail-above' },
      { name: '--model without --data', args: ['--model', 'model.json'], field: '--model' },
      { name: '--data without --model', args: ['--data', 'data.json'], field: '--data' },
      { name: '--runs with --model', args: ['--model', 'model.json', '--data', 'data.json', '--runs', '3'], field: '--runs' },
      { name: 'missing model file', args: ['--model', 'nope.json', '--data', 'data.json'], field: '--model' },
      { name: '--out is a directory', args: ['--out', 'adir'], field: '--out' },
      { name: 'unknown flag', args: ['--precison', '60'], field: '--precison' },
    ];
    it.each(cases)('$name', async ({ args, field }) => {
      const dir = tempDir();
      writeJson(dir, 'model.json', makeModel(2, 2, 2, 5));
      writeJson(dir, 'data.json', makeData(2, 3, 6));
      mkdirSync(join(dir, 'adir'));
      const before = listing(dir);
      const r = await runAsync(dir, ['audit', ...args]);
      expectBadInput(r, field);
      expect(r.stdout).toBe('');
      expect(listing(dir)).toEqual(before);
      expect(existsSync(join(dir, 'reports'))).toBe(false);
    });
  });
});
