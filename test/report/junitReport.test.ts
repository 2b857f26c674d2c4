/**
 * The JUnit XML reports (src/report/junitReport.ts): every report validates against docs/junit.xsd, whatever
 * the verdicts and whatever text they carry; a test case fails or errs exactly when its verdict is not as
 * expected (what the exit status says); a failure's body carries the message, counterexample and replay
 * command. The schema itself rejects what CI readers reject.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calibrationJUnit, checkJUnit, plantedJUnit } from '../../src/report/junitReport.js';
import type { CalibrationReport } from '../../src/report/calibrationReport.js';
import type { PlantedReport } from '../../src/cli/plantedCommand.js';
import { type CheckReport, exitCodeOf, isGood } from '../../src/report/verdictReport.js';
import { countElements, junitSchemaErrors } from '../helpers/junitSchema.js';

type ReportedVerdict = CheckReport['verdicts'][number];

const RUN = {
  format: 'resnet-mf/check-report@1', profile: 'quick', seed: 7, node: 'v20.20.2', v8: '11.3', startedAt: '2026-12-07T10:00:00.000Z',
  seconds: 3.5, interrupted: false, notRun: [] as string[], falseAlarm: { decisionAlpha: 1e-5, decisions: 12, rate: 1.2e-4 },
} as const;

/** The registry's claims as checkJUnit sees them (the title of a claim run that did not run). */
const CLAIMS = [{ id: 'depth-rate', title: 't' }, { id: 'zero-loss', title: 'zero loss in the limit' }];

function verdict(status: 'pass' | 'fail' | 'inconclusive', control: boolean, text = 'x'): ReportedVerdict {
  const base = { id: 'depth-rate', profile: 'quick', seed: 7, control, runs: 3, figures: { exponent: -0.98, bad: Number.NaN }, undecided: 0, undecidedReasons: {}, title: 't', catalogue: 1, replay: `resnet-mf check --claim depth-rate ${text}`, seconds: 0.25 };
  if (status === 'fail') return { ...base, status, message: `message ${text}`, counterexample: { d: 2, s: text }, path: '0:1' } as ReportedVerdict;
  if (status === 'inconclusive') return { ...base, status, reason: `reason ${text}`, undecided: 2, undecidedReasons: { [text]: 2 } } as ReportedVerdict;
  return { ...base, status } as ReportedVerdict;
}

describe('check --junit', () => {
  it('every kind of verdict: valid, and failures and errors where the verdicts are not as expected', async () => {
    const verdicts = [verdict('pass', false), verdict('fail', false), verdict('inconclusive', false), verdict('fail', true), verdict('pass', true), verdict('inconclusive', true)];
    const xml = checkJUnit({ ...RUN, verdicts, interrupted: true, notRun: ['zero-loss', 'zero-loss (control)'] } as CheckReport, CLAIMS);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect(countElements(xml, 'testcase')).toBe(9);
    // claim FAIL, control missed and control inconclusive are failures (exit status 1); the inconclusive claim
    // (exit status 3), the runs not run and the interrupt itself (exit status 130) are errors
    expect(countElements(xml, 'failure')).toBe(3);
    expect(countElements(xml, 'error')).toBe(4);
    expect(countElements(xml, 'skipped')).toBe(0);
    expect(xml).toMatch(/<testsuites name="resnet-mf check \(profile quick, seed 7\)" tests="9" failures="3" errors="4"/);
    expect(xml).toContain('<failure message="FAIL: message x" type="FAIL">FAIL: message x\ncounterexample: {"d":2,"s":"x"}\nreplay: resnet-mf check --claim depth-rate x</failure>');
    expect(xml).toContain('<failure message="CONTROL MISSED: the planted bug was not detected" type="CONTROL MISSED">');
    expect(xml).toContain('<error message="inconclusive: reason x" type="inconclusive">');
    expect(xml).toContain('<property name="path" value="0:1"/>');
    expect(xml).toContain('<property name="figure.bad" value="NaN"/>');
    expect(xml).toContain('timestamp="2026-12-07T10:00:00"');
    // a claim run not run has the name it has when it runs (test history in CI follows names)
    expect(xml).toContain('<testcase classname="resnet-mf.check.zero-loss" name="zero-loss (negative control): the planted bug is detected">');
    expect(xml).toContain('<testcase classname="resnet-mf.check.zero-loss" name="zero-loss: zero loss in the limit">');
    expect(xml).toContain('<testcase classname="resnet-mf.run" name="the run completed">');
  });

  it('property: any verdicts with any text validate, and the failing cases are the verdicts not as expected', async () => {
    const hostile = fc.oneof(fc.string(), fc.constantFrom(']]>', '<script>alert(1)</script>', '\u0000\u0001\u001f', '&amp;&', '"\'', '\uFFFE\uD800', '\r\n::error::x'));
    const one = fc.record({ status: fc.constantFrom('pass' as const, 'fail' as const, 'inconclusive' as const), control: fc.boolean(), text: hostile });
    await fc.assert(
      fc.asyncProperty(fc.array(one, { maxLength: 6 }), hostile, fc.float({ noNaN: false }), async (cases, startedAt, seconds) => {
        const verdicts = cases.map((c) => ({ ...verdict(c.status, c.control, c.text), seconds }));
        const xml = checkJUnit({ ...RUN, startedAt, verdicts } as CheckReport, CLAIMS);
        expect(await junitSchemaErrors(xml)).toEqual([]);
        const bad = verdicts.filter((v) => !isGood(v)).length;
        expect(countElements(xml, 'failure') + countElements(xml, 'error')).toBe(bad);
        // the file fails exactly when the exit status does
        expect(bad > 0).toBe(exitCodeOf(verdicts) !== 0);
      }),
      { seed: 20261207, numRuns: 60 },
    );
  });
});

describe('the schema rejects what CI readers reject', () => {
  const valid = checkJUnit({ ...RUN, verdicts: [verdict('fail', false)] } as CheckReport, CLAIMS);
  it.each([
    ['a time with an exponent', valid.replace(/time="0.25"/g, 'time="2.5e-1"')],
    ['a test case without a classname', valid.replace(/ classname="[^"]*"/, '')],
    ['a suite without its counts', valid.replace(/(<testsuite name="[^"]*"[^>]*) tests="1"/, '$1')],
    ['a test case with both a failure and an error', valid.replace('</failure>', '</failure><error message="e"/>')],
    ['a negative count', valid.replace('failures="1"', 'failures="-1"')],
  ])('%s', async (_what, xml) => {
    expect(xml).not.toBe(valid);
    expect((await junitSchemaErrors(xml)).length).toBeGreaterThan(0);
  });
});

describe('calibrate --junit and planted --junit', () => {
  it('calibrate: a case per claim, a failure when a seed failed, an error when runs were only inconclusive', async () => {
    const result = (id: string, failures: number, inconclusive: number) => ({
      id, title: `title of ${id}`, catalogue: 1, runs: 10, failures, inconclusive, failureRate: failures / 10, interval: [0, 0.3] as [number, number],
      budgeted: 1e-4, scenarios: 100, undecided: 3, undecidedReasons: {}, seconds: 12.5,
      flagged: [...Array(failures + inconclusive)].map((_, k) => ({ seed: k + 1, status: k < failures ? 'fail' as const : 'inconclusive' as const, why: 'w <&>', replay: `resnet-mf check --claim ${id} --seed ${k + 1}` })),
    });
    const report = {
      format: 'resnet-mf/calibrate-report@1', profile: 'ci', seeds: { from: 1, to: 10, shard: null, planned: 10, complete: 10 }, runs: null, plant: null,
      claims: ['a', 'b', 'c'], node: 'v20', v8: '11', journal: { path: 'j', node: 'v20', v8: '11', fromEarlierRuns: 0 }, startedAt: '2026-12-07T10:00:00Z',
      seconds: 40, interrupted: false, level: 0.95, anyClaim: { seeds: 10, failed: 1, interval: [0, 0.4], budgeted: 3e-4 },
      results: [result('a', 0, 0), result('b', 1, 1), result('c', 0, 2)],
    } as CalibrationReport;
    const xml = calibrationJUnit(report);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect([countElements(xml, 'testcase'), countElements(xml, 'failure'), countElements(xml, 'error')]).toEqual([3, 1, 1]);
    expect(xml).toContain('seed 1 fail: w &lt;&amp;&gt;; replay: resnet-mf check --claim b --seed 1');
    // interrupted: the file errs, as the exit status (130) does, even when no seed failed
    const interrupted = calibrationJUnit({ ...report, interrupted: true, seeds: { ...report.seeds, complete: 2 }, results: [result('a', 0, 0)] });
    expect(await junitSchemaErrors(interrupted)).toEqual([]);
    expect(interrupted).toContain('<error message="the run was interrupted (Ctrl-C): 2 of 10 seeds have every claim\'s verdict" type="interrupted">');
  });

  it('planted: a case per bug, failing when no claim caught it', async () => {
    const cell = (claim: string, status: 'pass' | 'fail') => ({ claim, status, runs: 2, message: status === 'fail' ? 'caught\nsecond line' : '', seconds: 1 });
    const report = {
      format: 'resnet-mf/planted-report@1', profile: 'quick', seed: 3, claims: ['output-adjoint'], node: 'v20', v8: '11', startedAt: '2026-12-07T10:00:00Z', seconds: 4,
      bugs: [
        { id: 'drop-inv-L', title: 't', where: 'w', description: 'd', listedCaughtBy: ['output-adjoint'], caughtBy: ['output-adjoint'], cells: [cell('output-adjoint', 'fail')] },
        { id: 'unstable-softplus', title: 't', where: 'w', description: 'd', listedCaughtBy: [], caughtBy: [], cells: [cell('output-adjoint', 'pass')] },
      ],
    } as unknown as PlantedReport;
    const xml = plantedJUnit(report, 29);
    expect(await junitSchemaErrors(xml)).toEqual([]);
    expect([countElements(xml, 'testcase'), countElements(xml, 'failure')]).toEqual([2, 1]);
    expect(xml).toContain('replay: resnet-mf planted --bug unstable-softplus --profile quick --seed 3 --claim output-adjoint');
    expect(xml).toContain('<system-out>output-adjoint: fail after 2 scenario(s): caught</system-out>');
  });
});
