/**
 * `--junit FILE` of check, report merge, calibrate and planted (and the bad-input cases of `--html`, whose pages
 * are tested in a browser in test/report/htmlBrowser.test.ts): the file validates against docs/junit.xsd, its
 * failing test cases are the verdicts not as expected, with the replay command; a bad --junit is refused before
 * any work, with exit 2 and no file written.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countElements, junitSchemaErrors } from '../helpers/junitSchema.js';
import { cleanup, listing, run, tempDir } from './harness.js';

afterAll(cleanup);

const FAILING = ['check', '--claim', 'forward-bound', '--profile', 'quick', '--controls', '--plant', 'drop-inv-L'];

async function expectValid(path: string): Promise<string> {
  const xml = readFileSync(path, 'utf8');
  expect(await junitSchemaErrors(xml)).toEqual([]);
  return xml;
}

describe('outputs that are one file, or an input', () => {
  it('--junit through a symbolic link to the --out directory is --out: refused, nothing written', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'o'));
    symlinkSync('o', join(dir, 'ol'));
    const r = run(dir, ['check', '--claim', 'forward-bound', '--out', 'o/c.json', '--junit', 'ol/c.json']);
    expect(r.stderr).toBe('resnet-mf: error: --junit="ol/c.json" must be a file other than --out\'s\n');
    expect(r.status).toBe(2);
    expect(listing(join(dir, 'o'))).toEqual([]);
  });

  it('report merge --junit naming a shard it reads, and audit --html naming its model: refused, the input kept', () => {
    const dir = tempDir();
    expect(run(dir, ['check', '--profile', 'quick', '--claim', 'forward-bound', '--shard', '1/1', '--out', 's.json']).status).toBe(0);
    const shard = readFileSync(join(dir, 's.json'), 'utf8');
    const merge = run(dir, ['report', 'merge', 's.json', '--out', 'm.json', '--junit', 's.json']);
    expect(merge.stderr).toBe('resnet-mf: error: --junit="s.json" must be a file other than <shards>\'s\n');
    expect(merge.status).toBe(2);
    expect(readFileSync(join(dir, 's.json'), 'utf8')).toBe(shard);
    const model = run(dir, ['audit', '--model', 's.json', '--data', 'd.json', '--out', 'a.json', '--html', 's.json']);
    expect(model.stderr).toBe('resnet-mf: error: --html="s.json" must be a file other than --model\'s\n');
    expect(readFileSync(join(dir, 's.json'), 'utf8')).toBe(shard);
  });

  it('audit --html --fail-above: the page states the threshold, the failure, and a replay command that carries it', () => {
    const dir = tempDir();
    const r = run(dir, ['audit', '--profile', 'quick', '--seed', '12', '--runs', '2', '--steps', '1', '--precision', '30', '--fail-above', '0', '--out', 'a.json', '--html', 'a.html']);
    expect(r.status, r.stderr).toBe(1);
    const html = readFileSync(join(dir, 'a.html'), 'utf8');
    expect(html).toContain('<dt>fail above (bits)</dt><dd>0</dd>');
    expect(html).toMatch(/<p class="summary bad">FAIL: max bits of error [\d.]+ \(\w+\) exceeds --fail-above 0<\/p>/);
    expect(html).toContain('<pre>resnet-mf audit --profile quick --seed 12 --runs 2 --precision 30 --steps 1 --dt 0.05 --fail-above 0</pre>');
  });

  it('train --out naming its --data: refused, the data kept', () => {
    const dir = tempDir();
    expect(run(dir, ['data', 'export', 'ball', '--out', 'd.json']).status).toBe(0);
    const data = readFileSync(join(dir, 'd.json'), 'utf8');
    const r = run(dir, ['train', '--dataset', 'ball', '--depth', '2', '--width', '2', '--steps', '1', '--dt', '0.1', '--out', 'm.json']);
    expect(r.status, r.stderr).toBe(0);
    const again = run(dir, ['train', '--model', 'm.json', '--data', 'd.json', '--steps', '1', '--dt', '0.1', '--out', 'd.json']);
    expect(again.stderr).toBe('resnet-mf: error: --out="d.json" must be a file other than --data\'s\n');
    expect(again.status).toBe(2);
    expect(readFileSync(join(dir, 'd.json'), 'utf8')).toBe(data);
  });

  it('an --html page named like a plot of another claim is this run\'s output, not a stale plot to remove', () => {
    const dir = tempDir();
    const r = run(dir, ['check', '--profile', 'quick', '--claim', 'forward-bound', '--out', 'c.json', '--html', 'c.output-adjoint.svg', '--junit', 'c.width-rate.control.svg']);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'c.output-adjoint.svg'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(join(dir, 'c.width-rate.control.svg'), 'utf8')).toMatch(/^<\?xml/);
  });
});

describe('--junit', () => {
  it('check with a failing claim: a valid file whose one failure carries the counterexample and the replay command', async () => {
    const dir = tempDir();
    const r = run(dir, [...FAILING, '--out', 'r.json', '--junit', 'out/junit.xml']);
    expect(r.status, r.stderr).toBe(1);
    const xml = await expectValid(join(dir, 'out', 'junit.xml'));
    expect([countElements(xml, 'testcase'), countElements(xml, 'failure'), countElements(xml, 'error')]).toEqual([2, 1, 0]);
    expect(xml).toMatch(/<failure message="FAIL: [^"]*must be ≤ 1\)" type="FAIL">FAIL: .*\ncounterexample: \{"d":.*\nreplay: resnet-mf check --claim forward-bound --profile quick --seed 20261129 --path 0 --plant drop-inv-L<\/failure>/);
    expect(xml).toContain('<property name="plant" value="drop-inv-L"/>');
    expect(xml).toContain('<testcase classname="resnet-mf.check.forward-bound" name="forward-bound (negative control): the planted bug is detected"');
  });

  it('report merge writes the same test cases as the unsharded check', async () => {
    const dir = tempDir();
    const args = ['check', '--claim', 'forward-bound', 'output-adjoint', '--profile', 'quick', '--controls'];
    expect(run(dir, [...args, '--junit', 'whole.xml', '--out', 'whole.json']).status).toBe(0);
    for (const i of [1, 2]) expect(run(dir, [...args, '--shard', `${i}/2`]).status).toBe(0);
    const merge = run(dir, ['report', 'merge', 'reports/check.shard-1-of-2.json', 'reports/check.shard-2-of-2.json', '--out', 'merged.json', '--junit', 'merged.xml', '--html', 'merged.html']);
    expect(merge.status, merge.stderr).toBe(0);
    expect(readFileSync(join(dir, 'merged.html'), 'utf8')).toContain('<title>resnet-mf check: 4 as expected, 0 not.</title>');
    const cases = (xml: string) => xml.match(/<testcase [^>]*name="[^"]*"/g);
    expect(cases(await expectValid(join(dir, 'merged.xml')))).toEqual(cases(await expectValid(join(dir, 'whole.xml'))));
  });

  it('calibrate: a valid file, a test case per claim', async () => {
    const dir = tempDir();
    const r = run(dir, ['calibrate', '--profile', 'quick', '--claim', 'forward-bound', 'output-adjoint', '--seeds', '1..2', '--out', 'c.json', '--junit', 'c.xml']);
    expect(r.status, r.stderr).toBe(0);
    const xml = await expectValid(join(dir, 'c.xml'));
    expect([countElements(xml, 'testcase'), countElements(xml, 'failure'), countElements(xml, 'error')]).toEqual([2, 0, 0]);
    expect(xml).toContain('name="forward-bound: no run fails or is inconclusive over seeds 1..2"');
  });

  it('planted: a bug no claim catches is a failure with its replay command', async () => {
    const dir = tempDir();
    const r = run(dir, ['planted', '--bug', 'unstable-softplus', '--claim', 'gd-step', '--profile', 'quick', '--workers', '1', '--out', 'out', '--junit', 'p.xml']);
    expect(r.status, r.stderr).toBe(1);
    const xml = await expectValid(join(dir, 'p.xml'));
    expect(countElements(xml, 'failure')).toBe(1);
    expect(xml).toContain('replay: resnet-mf planted --bug unstable-softplus --profile quick --seed 20261129 --claim gd-step</failure>');
  });

  it.each([
    ['--junit as the --out file', ['check', '--claim', 'forward-bound', '--out', 'r.json', '--junit', 'r.json'], 'resnet-mf: error: --junit="r.json" must be a file other than --out\'s\n'],
    ['--junit as a rate claim\'s plot', ['check', '--claim', 'depth-rate', '--out', 'r.json', '--junit', 'r.depth-rate.svg'], 'resnet-mf: error: --junit="r.depth-rate.svg" must be a file other than --out (its plot)\'s\n'],
    ['--junit in a shard run', ['check', '--claim', 'forward-bound', '--shard', '1/2', '--junit', 'j.xml'], 'resnet-mf: error: --junit="j.xml" must be used without --shard (`report merge --junit` writes the merged run\'s)\n'],
    ['--junit as a directory', ['check', '--claim', 'forward-bound', '--out', 'r.json', '--junit', '.'], 'resnet-mf: error: --junit="." must be a writable regular file path (EISDIR)\n'],
    ['--junit as the calibrate journal', ['calibrate', '--seeds', '1', '--claim', 'forward-bound', '--out', 'c.json', '--junit', 'c.jsonl'], 'resnet-mf: error: --junit="c.jsonl" must be a file other than --out (its journal)\'s\n'],
    ['--junit as the planted Markdown', ['planted', '--bug', 'drop-inv-L', '--markdown', 'm.md', '--junit', 'm.md'], 'resnet-mf: error: --junit="m.md" must be a file other than --markdown\'s\n'],
    ['--html as the --junit file', ['check', '--claim', 'forward-bound', '--out', 'r.json', '--junit', 'j.xml', '--html', 'j.xml'], 'resnet-mf: error: --html="j.xml" must be a file other than --junit\'s\n'],
    ['--html in a shard run', ['check', '--claim', 'forward-bound', '--shard', '1/2', '--html', 'r.html'], 'resnet-mf: error: --html="r.html" must be used without --shard (`report merge --html` writes the merged run\'s)\n'],
    ['--html as the audit report', ['audit', '--profile', 'quick', '--runs', '1', '--out', 'a.json', '--html', 'a.json'], 'resnet-mf: error: --html="a.json" must be a file other than --out\'s\n'],
    ['--html as the estimate plot', ['estimate', '--out', 'e.json', '--html', 'e.svg'], 'resnet-mf: error: --html="e.svg" must be a file other than --out (its plot)\'s\n'],
    ['--html as a directory', ['audit', '--profile', 'quick', '--runs', '1', '--out', 'a.json', '--html', '.'], 'resnet-mf: error: --html="." must be a writable regular file path (EISDIR)\n'],
    ['--html as a directory on the --junit path', ['check', '--claim', 'forward-bound', '--out', 'r.json', '--junit', 'o/sub/x.xml', '--html', 'o/sub'], 'resnet-mf: error: --html="o/sub" must be a path that neither contains nor lies inside --junit\'s\n'],
  ])('%s: refused before any work, exit 2, nothing written', (_what, args, message) => {
    const dir = tempDir();
    const r = run(dir, args);
    expect(r.stderr).toBe(message);
    expect(r.status).toBe(2);
    expect(listing(dir)).toEqual([]);
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });
});
