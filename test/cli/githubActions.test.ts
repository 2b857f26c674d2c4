/**
 * `check` in a GitHub Actions step (GITHUB_ACTIONS=true): an `::error` annotation per verdict not as expected,
 * titled with the claim and carrying the replay command, and the job summary appended to $GITHUB_STEP_SUMMARY;
 * outside Actions, neither.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../../src/report/githubActions.js';
import { type CheckReport, failureDetails } from '../../src/report/verdictReport.js';
import { cleanup, run, tempDir } from './harness.js';

afterAll(cleanup);

const FAILING = ['check', '--claim', 'forward-bound', '--profile', 'quick', '--controls', '--plant', 'drop-inv-L', '--out', 'r.json'];
const PASSING = ['check', '--claim', 'forward-bound', '--profile', 'quick', '--out', 'r.json'];

/** Each opening tag of the summary's HTML is closed (GitHub renders the summary as Markdown with HTML). */
function expectBalanced(html: string): void {
  for (const tag of ['table', 'tr', 'th', 'td', 'h2', 'h3', 'pre', 'code', 'b']) {
    const open = html.match(new RegExp(`<${tag}>`, 'g'))?.length ?? 0;
    expect(html.match(new RegExp(`</${tag}>`, 'g'))?.length ?? 0, tag).toBe(open);
  }
}

describe('GitHub Actions outputs', () => {
  it('a failing claim: one annotation with the claim, verdict and replay command, and the job summary', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'summary.md'), 'earlier step\n');
    const r = run(dir, FAILING, 60_000, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'summary.md') });
    expect(r.status, r.stderr).toBe(1);
    const annotations = r.stdout.split('\n').filter((line) => line.startsWith('::'));
    expect(annotations).toHaveLength(1);
    expect(annotations[0]).toMatch(/^::error title=resnet-mf FAIL%3A forward-bound::.*must be ≤ 1\)%0Acounterexample: \{.*\}%0Areplay: resnet-mf check --claim forward-bound --profile quick --seed 20261129 --path 0 --plant drop-inv-L$/);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(summary.startsWith('earlier step\n<h2>resnet-mf check: 1 as expected, 1 not</h2>')).toBe(true);
    expect(summary).toContain('<td>forward-bound</td><td><b>FAIL</b></td>');
    expect(summary).toContain('<td>forward-bound (control)</td><td>control caught</td>');
    expect(summary).toContain('replay: resnet-mf check --claim forward-bound --profile quick --seed 20261129 --path 0 --plant drop-inv-L</code></pre>');
    expect(summary).toContain('counterexample: {&quot;d&quot;:');
    expectBalanced(summary);
  });

  it('a passing run writes no annotation and a summary with 0 not as expected', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'summary.md'), '');
    const r = run(dir, PASSING, 60_000, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'summary.md') });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/^::/m);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^<h2>resnet-mf check: 1 as expected, 0 not<\/h2>/);
  });

  it('a summary file that GitHub did not create: one line on stderr, and the exit status is the verdicts\'', () => {
    const dir = tempDir();
    const r = run(dir, PASSING, 60_000, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'missing', 'summary.md') });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^resnet-mf: the job summary was not written: .*summary\.md/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('outside GitHub Actions: no annotation, and the summary file is not touched', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'summary.md'), '');
    const r = run(dir, FAILING, 60_000, { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: join(dir, 'summary.md') });
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/^::/m);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe('');
  });

  it('a FIFO as the summary file: one line on stderr, no hang, the exit status is the verdicts\'', () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const r = run(dir, FAILING, 60_000, { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: join(dir, 'fifo') });
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^resnet-mf: the job summary was not written: .*fifo is not a regular file$/m);
  });

  it('text from a report (a shard\'s message) cannot start a line of stdout: no injected workflow command', () => {
    const report = {
      profile: 'quick', seed: 1, seconds: 1,
      verdicts: [{ id: 'x', profile: 'quick', seed: 1, control: false, runs: 1, figures: {}, status: 'fail', message: 'm\n::stop-commands::tok\r\n::add-mask::s', counterexample: {}, path: '0', undecided: 0, undecidedReasons: {}, replay: 'r\n::warning::w', title: 't', catalogue: 1, seconds: 1 }],
    } as unknown as CheckReport;
    const lines = failureDetails(report).join('\n').split('\n');
    expect(lines.filter((l) => l.startsWith('::'))).toEqual([]);
    expect(lines[0]).toBe('FAIL x: m ⏎ ::stop-commands::tok ⏎ ::add-mask::s');
  });

  it('the summary escapes what the run wrote (a reason with "<", a counterexample with quotes)', () => {
    const base = { profile: 'quick', seed: 1, control: false, runs: 10, figures: {}, title: 't', catalogue: 1, seconds: 1 } as const;
    const report = {
      profile: 'quick', seed: 1, seconds: 2,
      verdicts: [
        { ...base, id: 'displacement', status: 'inconclusive', reason: '2 of 10 undecided: E(ρ0) < 0.1', undecided: 2, undecidedReasons: { 'E(ρ0) < 0.1': 2 }, replay: 'resnet-mf check --claim displacement' },
        { ...base, id: 'gradient-adjoint', status: 'fail', message: 'x <b>&</b>', counterexample: { a: '"q"' }, path: '0', undecided: 0, undecidedReasons: {}, replay: 'r' },
      ],
    } as unknown as CheckReport;
    const html = summaryMarkdown(report, 'out<1>.json');
    expect(html).toContain('E(ρ0) &lt; 0.1');
    expect(html).toContain('x &lt;b&gt;&amp;&lt;/b&gt;');
    expect(html).toContain('<code>out&lt;1&gt;.json</code>');
    expect(html).not.toContain('<b>&');
    expectBalanced(html);
  });
});
