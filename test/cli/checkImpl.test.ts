/**
 * `resnet-mf check --impl`: the claims that measure a Subject run against another program (the numpy reference
 * adapter, fake subjects that break the protocol); the rest are listed as not applicable, never passed. Each
 * bug the adapter can plant fails the check and is named by the claims that caught it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIMS } from '../../properties/index.js';
import { INTERNALS } from '../../src/subject/index.js';
import { ROOT, cleanup, run, tempDir } from './harness.js';

afterAll(cleanup);

const NUMPY = `python3 ${join(ROOT, 'examples', 'adapters', 'numpy_resnet.py')}`;
const TORCH = `python3 ${join(ROOT, 'examples', 'adapters', 'torch_resnet.py')}`;
/** PyTorch is not installed by CI (it is large); the PyTorch adapter is checked where it is importable. */
const HAS_TORCH = spawnSync('python3', ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
if (!HAS_TORCH) console.warn('notice: python3 cannot import torch here: the PyTorch adapter (examples/adapters/torch_resnet.py) and the README sketch are not checked in this run');
/** A check of every applicable claim takes about 80 s on 2 quiet cores; a loaded CI machine may take several times that. */
const ADAPTER_TEST_TIMEOUT = 900_000;
/** The reference adapters, and the claims that catch each bug they plant (measured with the numpy adapter, ci profile, the default seed). */
const ADAPTERS = [
  { name: 'numpy', command: NUMPY, available: true },
  { name: 'torch', command: TORCH, available: HAS_TORCH },
] as const;
const CATCHERS: [string, string[]][] = [
  ['drop-inv-L', ['depth-rate', 'width-training', 'gradient-adjoint', 'gradient-decimal', 'scaled-gradient', 'energy-dissipation', 'monotone-loss', 'forward-bound', 'quantile-scaling', 'loss-outputs', 'gd-step', 'step-order', 'curve-collapse']],
  ['adjoint-at-next', ['gradient-adjoint', 'gradient-decimal', 'energy-dissipation', 'monotone-loss', 'gd-step', 'step-order']],
  ['lr-without-ML', ['width-training', 'energy-dissipation', 'monotone-loss', 'quantile-scaling', 'gd-step', 'step-order', 'curve-collapse']],
  ['readout-gradient-x2', ['width-training', 'gradient-adjoint', 'gradient-decimal', 'scaled-gradient', 'energy-dissipation', 'monotone-loss', 'quantile-scaling', 'gd-step', 'step-order', 'curve-collapse']],
];
const FAKE = (mode: string) => `"${process.execPath}" "${join(ROOT, 'test', 'subject', 'fakeSubject.mjs')}" ${mode}`;
/** The claims a subject with outputs, gradient and train can be checked by. */
const APPLICABLE = CLAIMS.filter((c) => !c.needs.includes(INTERNALS)).map((c) => c.id);

interface Report {
  subject: { command: string; name: string; protocol: string; capabilities: string[] };
  notApplicable: { claim: string; lacks: string[] }[];
  verdicts: { id: string; status: string; control: boolean; replay: string }[];
}

describe.each(ADAPTERS)('check --impl with the $name adapter', ({ name, command, available }) => {
  it.skipIf(!available)('passes every applicable claim and lists the rest with what they lack', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--impl', command, '--profile', 'ci', '--out', 'r.json'], ADAPTER_TEST_TIMEOUT);
    expect(r.stderr + r.stdout).toContain('as expected, 0 not');
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    expect(report.subject).toEqual({ command, name: `${name}_resnet.py`, protocol: 'resnet-mf/subject@1', capabilities: ['outputs', 'gradient', 'train', 'init'] });
    expect(APPLICABLE.length).toBeGreaterThanOrEqual(4);
    expect(report.verdicts.map((v) => [v.id, v.status])).toEqual(APPLICABLE.map((id) => [id, 'pass']));
    expect(report.notApplicable.map((n) => n.claim).sort()).toEqual(CLAIMS.map((c) => c.id).filter((id) => !APPLICABLE.includes(id)).sort());
    for (const n of report.notApplicable) expect(r.stdout).toContain(`not applicable: ${n.claim} (it reads resnet-mf's internals, so it checks resnet-mf's own implementation only): not run, not a pass`);
  }, ADAPTER_TEST_TIMEOUT);

  it.skipIf(!available).each(CATCHERS)('fails with the adapter\'s --bug %s, naming the claims that caught it, with a replay command that replays it', (bug, catchers) => {
    const dir = tempDir();
    const impl = `${command} --bug ${bug}`;
    const r = run(dir, ['check', '--impl', impl, '--profile', 'ci', '--workers', '2', '--out', 'r.json'], ADAPTER_TEST_TIMEOUT);
    expect(r.status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    const failed = report.verdicts.filter((v) => v.status === 'fail');
    expect(failed.map((v) => v.id).sort()).toEqual([...catchers].sort());
    for (const v of failed) expect(r.stdout).toContain(v.id);
    const replay = failed[0].replay;
    expect(replay).toContain(` --impl '${impl}'`);
    // the replay command, as printed, in a shell: the same failure
    const again = run(dir, ['check', ...shellWords(replay.replace(/^resnet-mf check /, '')), '--out', 'again.json'], ADAPTER_TEST_TIMEOUT);
    expect(again.status).toBe(1);
    const replayed = JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')) as Report;
    expect(replayed.verdicts[0].status).toBe('fail');
  }, ADAPTER_TEST_TIMEOUT);
});

describe('the README\'s PyTorch sketch', () => {
  it.skipIf(!HAS_TORCH)('passes the gradient claims as printed', () => {
    const dir = tempDir();
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const sketch = /```python\n(import json, sys, torch[\s\S]*?)```/.exec(readme)?.[1];
    expect(sketch).toBeDefined();
    writeFileSync(join(dir, 'sketch.py'), sketch as string);
    const r = run(dir, ['check', '--impl', 'python3 sketch.py', '--claim', 'gradient-adjoint', 'gradient-decimal', '--out', 'r.json'], ADAPTER_TEST_TIMEOUT);
    expect(r.status).toBe(0);
  });
});

describe('check --impl with a subject that breaks the protocol', () => {
  it('a subject that hangs stops the run at the time limit: exit 2, the request named, no report', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--impl', FAKE('hang'), '--impl-timeout', '1', '--claim', 'gradient-adjoint', 'energy-dissipation', '--out', 'r.json'], 60_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/resnet-mf: error: --impl=.*must be a subject that answers request 1 \((evaluate|train)\): the subject did not answer within 1 s and was killed/);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });

  it('a subject that answers the wrong shape stops the run (one worker too): exit 2, the field named', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--impl', FAKE('short-grad'), '--workers', '1', '--claim', 'gradient-adjoint', '--out', 'r.json'], 60_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--impl answer to request 1 \(evaluate\)\.results\[0\]\.grad=array of length \d+ must be an array of L = \d+ entries/);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });

  it.each(['ignore-eof', 'fork', 'fork-and-exit'])('a subject that outlives its input or leaves a child running (%s) is ended with resnet-mf, and so is what it started', async (mode) => {
    const dir = tempDir();
    const tag = `resnet-mf-test-${mode}-${process.pid}-${Date.now()}`;
    for (const workers of ['1', '2']) {
      const r = run(dir, ['check', '--impl', `${FAKE(mode)} ${tag}`, '--workers', workers, '--claim', 'gradient-adjoint', '--runs', '2', '--out', 'r.json'], 60_000);
      expect(r.status).toBe(1); // the fake's zero gradient fails the claim
    }
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the supervisor looks at its parent every 250 ms
    const ps = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout;
    expect(ps.split('\n').filter((line) => line.includes(tag))).toEqual([]);
  });

  it('--impl-timeout is carried by the replay command when not the default, and refused without --impl', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--impl', NUMPY + ' --bug lr-without-ML', '--impl-timeout', '300', '--claim', 'gd-step', '--out', 'r.json'], 120_000);
    expect(r.status).toBe(1);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    expect(report.verdicts[0].replay).toMatch(/ --impl '.*numpy_resnet\.py --bug lr-without-ML' --impl-timeout 300$/);
    const alone = run(dir, ['check', '--impl-timeout', '300', '--claim', 'gd-step', '--out', 'r2.json'], 60_000);
    expect(alone.status).toBe(2);
    expect(alone.stderr).toContain('--impl-timeout="300" must be used with --impl');
  });

  it('--control with --impl runs the applicable claims\' controls (resnet-mf\'s planted variants) and passes when they are caught', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--impl', NUMPY, '--control', '--claim', 'gradient-adjoint', 'homogeneity', '--out', 'r.json'], 120_000);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('not applicable: homogeneity');
    expect(r.stdout).not.toContain('no claim applies');
  });

  it('a subject no selected claim applies to is not a pass: exit 3', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--impl', FAKE('outputs-only'), '--claim', 'gradient-adjoint', 'homogeneity', '--out', 'r.json'], 60_000);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain('no claim applies to the subject fake outputs-only: nothing was checked (not a pass)');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    expect(report.notApplicable).toEqual([
      { claim: 'gradient-adjoint', title: expect.any(String), lacks: ['gradient'] },
      { claim: 'homogeneity', title: expect.any(String), lacks: [INTERNALS] },
    ]);
  });

  it.each([
    [['--impl', ''], /--impl="" must be a command that starts the subject/],
    [['--impl', NUMPY, '--plant', 'drop-inv-L'], /--impl=.* must be used without --plant/],
    [['--impl', NUMPY, '--shard', '1/2'], /--impl=.* must be used without --shard/],
    [['--impl', NUMPY, '--impl-timeout', '0'], /--impl-timeout=0 must be/],
    [['--impl', FAKE('crash-hello')], /--impl=.* must be a subject that answers request 0 \(hello\): the subject exited with code 3/],
  ])('bad input %j: exit 2 before any work', (args, message) => {
    const dir = tempDir();
    const r = run(dir, ['check', ...args, '--claim', 'gradient-adjoint', '--out', 'r.json'], 60_000);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });
});

describe('calibrate --impl', () => {
  interface Calibration {
    subject: { command: string; name: string; notApplicable: { claim: string; lacks: string[] }[] };
    claims: string[];
    results: { id: string; runs: number; failures: number; flagged: { seed: number; replay: string }[] }[];
  }
  const read = (dir: string): Calibration => JSON.parse(readFileSync(join(dir, 'c.json'), 'utf8')) as Calibration;
  const base = ['calibrate', '--profile', 'quick', '--seeds', '1..2', '--workers', '2', '--out', 'c.json'];

  it('calibrates the applicable claims on the program, journals its command, and refuses to continue the journal with another', () => {
    const dir = tempDir();
    const r = run(dir, [...base, '--impl', NUMPY, '--claim', 'gd-step', 'loss-outputs', 'output-adjoint'], 300_000);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('not applicable: output-adjoint');
    const report = read(dir);
    expect(report.subject).toEqual({ command: NUMPY, name: expect.stringContaining('numpy'), notApplicable: [{ claim: 'output-adjoint', lacks: [INTERNALS] }] });
    expect(report.claims).toEqual(['gd-step', 'loss-outputs']);
    expect(report.results.map((c) => [c.id, c.runs, c.failures])).toEqual([['gd-step', 2, 0], ['loss-outputs', 2, 0]]);
    const header = JSON.parse(readFileSync(join(dir, 'c.jsonl'), 'utf8').split('\n')[0]) as { impl: string };
    expect(header.impl).toBe(NUMPY);
    // the journal's verdicts are the numpy program's: another --impl, or none, may not continue it
    for (const other of [['--impl', `${NUMPY} --bug lr-without-ML`], []]) {
      const again = run(dir, [...base, ...other, '--claim', 'gd-step', 'loss-outputs'], 120_000);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/--impl=.* must be .* as in the journal/);
    }
  }, 600_000);

  it('counts the seeds on which a planted bug of the program is caught, each with a replay command carrying --impl', () => {
    const dir = tempDir();
    const impl = `${NUMPY} --bug lr-without-ML`;
    const r = run(dir, [...base, '--impl', impl, '--claim', 'gd-step'], 300_000);
    expect(r.status).toBe(1);
    const [gd] = read(dir).results;
    expect([gd.runs, gd.failures]).toEqual([2, 2]);
    expect(gd.flagged.map((f) => f.replay)).toEqual([1, 2].map((seed) => expect.stringMatching(new RegExp(`^resnet-mf check --claim gd-step --profile quick --seed ${seed} .*--impl '.*--bug lr-without-ML'$`))));
  }, 600_000);

  it.each([
    [['--impl', NUMPY, '--plant', 'drop-inv-L', '--claim', 'gd-step'], 2, /--impl=.* must be used without --plant/],
    [['--impl-timeout', '30', '--claim', 'gd-step'], 2, /--impl-timeout="30" must be used with --impl/],
    [['--impl', FAKE('crash-hello'), '--claim', 'gd-step'], 2, /answers request 0 \(hello\)/],
    [['--impl', FAKE('outputs-only'), '--claim', 'gradient-adjoint', 'homogeneity'], 3, /no claim applies to the subject fake outputs-only: nothing was calibrated \(not a pass\)/],
  ])('%j: exit %i, no report, no journal', (args, status, message) => {
    const dir = tempDir();
    const r = run(dir, [...base, ...args], 60_000);
    expect(r.status).toBe(status);
    expect(r.stderr).toMatch(message);
    expect(existsSync(join(dir, 'c.json'))).toBe(false);
    expect(existsSync(join(dir, 'c.jsonl'))).toBe(false);
  });
});

/** The words of a command line as a POSIX shell splits it (plain words and '…' quoting, as shellQuote writes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (c === '\\') {
      word = (word ?? '') + line[++i];
    } else if (c === ' ') {
      if (word !== null) words.push(word);
      word = null;
    } else word = (word ?? '') + c;
  }
  if (word !== null) words.push(word);
  return words;
}
