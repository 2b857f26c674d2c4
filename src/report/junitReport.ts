/**
 * The reports of `check` (and `report merge`), `calibrate` and `planted` as JUnit XML, the test-report format
 * CI systems read (GitLab's unit test reports, Jenkins' junit step, GitHub test-report actions). The XML is
 * written by xmlbuilder2 (which escapes every text and replaces characters XML cannot hold); the subset of the
 * format is the one docs/junit.xsd describes, and the tests validate reports against that schema.
 *
 * What the format's readers show decides the layout:
 * - one <testsuite> per test case, because run-level and case-level properties (seed, path, profile, figures)
 *   can only be attached to a suite in the schema Jenkins reads;
 * - GitLab shows `classname` as the suite and `name` as the test, and ignores the failure's `message`
 *   attribute: so the message is also the first line of the failure's body, followed by the counterexample and
 *   the replay command;
 * - the file says what the exit status says: a test case fails exactly when its verdict is not as expected. A
 *   claim that failed, or a control that was not caught (missed or inconclusive: exit status 1), is a <failure>;
 *   an inconclusive claim (exit status 3), a claim run that an interrupt stopped before it ran, and the
 *   interrupt itself (exit status 130) are <error>s (the machinery did not decide: never a pass, and never
 *   <skipped>, which CI systems count as green).
 */
import { create } from 'xmlbuilder2';
import type { Claim } from '../check/claim.js';
import type { PlantedReport } from '../cli/plantedCommand.js';
import type { CalibrationReport } from './calibrationReport.js';
import { firstLine, optional } from './table.js';
import { type CheckReport, describeRate, failureLines, falseAlarmText, isGood, runName, undecidedText, verdictLabel } from './verdictReport.js';

/** A test case: what it asserts, and how it went (no outcome: it passed). */
export interface JUnitCase {
  classname: string;
  name: string;
  /** Seconds. */
  seconds?: number;
  outcome?: { kind: 'failure' | 'error'; type: string; message: string; body: string };
  /** Text shown as the case's output (<system-out>). */
  output?: string;
}

/** A test suite: its properties (name, value) in order, and its cases. */
export interface JUnitSuite {
  name: string;
  /** When the run started (ISO 8601). */
  startedAt: string;
  seconds?: number;
  properties: [string, string][];
  cases: JUnitCase[];
}

/**
 * A time attribute: `s` seconds as the schema's plain decimal, to the millisecond; none for a time that is not
 * finite, is negative, or is too large to print without an exponent (≥ 10^15 s, as a hostile shard report may say).
 */
function timeAttribute(s: number | undefined): { time?: string } {
  return s !== undefined && Number.isFinite(s) && s >= 0 && s < 1e15 ? { time: String(Number(s.toFixed(3))) } : {};
}

/** A timestamp attribute: UTC, to the second, without a zone (as the format has it); none if `iso` is not a date. */
function timestampAttribute(iso: string): { timestamp?: string } {
  const t = new Date(iso);
  const text = Number.isNaN(t.getTime()) ? '' : t.toISOString();
  // four-digit years from 0001 (XML Schema has no year 0000)
  return /^\d{4}-/.test(text) && t.getUTCFullYear() >= 1 ? { timestamp: text.slice(0, 19) } : {};
}

/**
 * The JUnit XML document of `suites`, with the counts of tests, failures and errors on every suite and on the
 * root, and the run's wall-clock `seconds` on the root. Text that XML 1.0 cannot hold (control characters, lone surrogates) is replaced by U+FFFD.
 * @returns the document (UTF-8 text, ending with a newline)
 */
export function junitXml(name: string, suites: readonly JUnitSuite[], seconds?: number): string {
  const count = (cases: readonly JUnitCase[], kind: 'failure' | 'error') => cases.filter((c) => c.outcome?.kind === kind).length;
  const all = suites.flatMap((s) => s.cases);
  const root = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '\uFFFD' })
    .ele('testsuites', { name, tests: String(all.length), failures: String(count(all, 'failure')), errors: String(count(all, 'error')), skipped: '0', ...timeAttribute(seconds) });
  for (const suite of suites) {
    const s = root.ele('testsuite', {
      name: suite.name, tests: String(suite.cases.length), failures: String(count(suite.cases, 'failure')), errors: String(count(suite.cases, 'error')),
      skipped: '0', ...timeAttribute(suite.seconds), ...timestampAttribute(suite.startedAt),
    });
    if (suite.properties.length > 0) {
      const properties = s.ele('properties');
      for (const [key, value] of suite.properties) properties.ele('property', { name: key, value });
    }
    for (const c of suite.cases) {
      const testCase = s.ele('testcase', { classname: c.classname, name: c.name, ...timeAttribute(c.seconds) });
      // (an attribute keeps no line break: XML readers turn them into spaces)
      if (c.outcome) testCase.ele(c.outcome.kind, { message: firstLine(c.outcome.message), type: c.outcome.type }).txt(c.outcome.body);
      if (c.output) testCase.ele('system-out').txt(c.output);
    }
  }
  return `${root.end({ prettyPrint: true })}\n`;
}

/** The run's own properties: profile, seed, Node and V8 versions, the planted bug. */
function runProperties(run: { profile: string; seed?: number; node: string; v8: string; plant?: string | null }): [string, string][] {
  return [
    ['profile', run.profile],
    ...optional('seed', run.seed?.toString()),
    ['node', run.node],
    ['v8', run.v8],
    ...optional('plant', run.plant || null),
  ];
}

type ReportedVerdict = CheckReport['verdicts'][number];

/**
 * A check report as JUnit XML: one suite per verdict (a claim, or a claim's negative control) with the run's
 * properties, the false-alarm budget, and the verdict's own (verdict, scenarios, undecided, replay command,
 * fast-check path of a failure, each worst-case figure as `figure.<name>`, a rate's fit, the plot), and one test
 * case that fails or errs as the module comment says. Claim runs an interrupt stopped before they ran are
 * test cases with an <error>.
 * @param claims the registry's claims (the titles of claim runs that did not run)
 */
export function checkJUnit(report: CheckReport & { plant?: string }, claims: readonly Pick<Claim, 'id' | 'title'>[]): string {
  const run = runProperties(report);
  const fa = report.falseAlarm;
  if (fa) run.push(['falseAlarmBudget', falseAlarmText(fa)]);
  const suites: JUnitSuite[] = report.verdicts.map((v) => ({
    name: runName(v),
    startedAt: report.startedAt,
    seconds: v.seconds,
    properties: [
      ...run,
      ['claim', v.id], ['title', v.title], ['catalogue', v.catalogue === null ? '' : String(v.catalogue)], ['control', String(v.control)],
      ['verdict', verdictLabel(v)], ['runs', String(v.runs)], ['undecided', v.undecided > 0 ? undecidedText(v) : '0'], ['replay', v.replay],
      ...optional('path', v.status === 'fail' ? v.path : null),
      ...Object.entries(v.figures).map(([name, x]): [string, string] => [`figure.${name}`, String(x)]),
      ...optional('rate', v.rate && describeRate(v.rate)),
      ...optional('plot', v.plot),
    ],
    cases: [verdictCase(v)],
  }));
  // Claim runs Ctrl-C stopped before they ran: the test cases they would have been, as errors.
  for (const label of report.notRun) {
    const control = label.endsWith(' (control)');
    const id = control ? label.slice(0, -' (control)'.length) : label;
    const title = claims.find((c) => c.id === id)?.title ?? '';
    suites.push({
      name: runName({ id, control }), startedAt: report.startedAt, properties: [...run, ['claim', id], ['control', String(control)]],
      cases: [{
        ...caseName(id, control, title),
        outcome: { kind: 'error', type: 'not run', message: 'not run: the run was interrupted (Ctrl-C) before this claim ran', body: `${label} was not run: the run was interrupted (Ctrl-C) before it ran` },
      }],
    });
  }
  if (report.interrupted) suites.push(interruptedSuite(report.startedAt, run, `the run was interrupted (Ctrl-C): ${report.verdicts.length} claim runs decided, ${report.notRun.length} not run`));
  return junitXml(`resnet-mf check (profile ${report.profile}, seed ${report.seed})`, suites, report.seconds);
}

/** The class name and name of a claim run's test case: what it asserts (the same whether it ran or not). */
function caseName(id: string, control: boolean, title: string): { classname: string; name: string } {
  return { classname: `resnet-mf.check.${id}`, name: control ? `${id} (negative control): the planted bug is detected` : `${id}: ${title}` };
}

/** A suite whose one test case errs because the run was interrupted: the file fails, as the exit status (130) does. */
function interruptedSuite(startedAt: string, run: [string, string][], message: string): JUnitSuite {
  return {
    name: 'interrupted', startedAt, properties: [...run, ['interrupted', 'true']],
    cases: [{ classname: 'resnet-mf.run', name: 'the run completed', outcome: { kind: 'error', type: 'interrupted', message, body: message } }],
  };
}

/**
 * The test case of one verdict: named for what it asserts; a failure when not as expected (a claim failed, a
 * control was missed or inconclusive: exit status 1), an error when a claim was inconclusive (exit status 3).
 */
function verdictCase(v: ReportedVerdict): JUnitCase {
  const testCase: JUnitCase = { ...caseName(v.id, v.control, v.title), seconds: v.seconds };
  if (isGood(v)) return testCase;
  const [what, ...more] = failureLines(v);
  const message = `${verdictLabel(v)}: ${what}`;
  const body = [message, ...more, `replay: ${v.replay}`].join('\n');
  return { ...testCase, outcome: { kind: v.status === 'inconclusive' && !v.control ? 'error' : 'failure', type: verdictLabel(v), message, body } };
}

/**
 * A calibration report as JUnit XML: one suite per claim (the claim's failure rate over the seeds, its interval,
 * the budgeted rate and the undecided scenarios as properties) with one test case, which fails when a seed's run
 * failed and errs when a run was inconclusive and none failed, as `calibrate`'s exit status does; the body lists
 * each such seed with its replay command.
 */
export function calibrationJUnit(report: CalibrationReport): string {
  const seeds = `${report.seeds.from}..${report.seeds.to}`;
  const suites = report.results.map((r): JUnitSuite => {
    const testCase: JUnitCase = { classname: `resnet-mf.calibrate.${r.id}`, name: `${r.id}: no run fails or is inconclusive over seeds ${seeds}`, seconds: r.seconds };
    if (r.failures > 0 || r.inconclusive > 0) {
      const message = `${r.failures} of ${r.runs} runs failed, ${r.inconclusive} inconclusive`;
      const body = [message, ...r.flagged.map((f) => `seed ${f.seed} ${f.status}: ${f.why}; replay: ${f.replay}`)].join('\n');
      testCase.outcome = r.failures > 0 ? { kind: 'failure', type: 'FAIL', message, body } : { kind: 'error', type: 'inconclusive', message, body };
    }
    return {
      name: r.id, startedAt: report.startedAt, seconds: r.seconds,
      properties: [
        ...runProperties(report), ['seeds', seeds], ['claim', r.id], ['title', r.title],
        ['runs', String(r.runs)], ['failures', String(r.failures)], ['inconclusive', String(r.inconclusive)],
        ['failureRate', r.failureRate === null ? '' : String(r.failureRate)],
        ['interval', r.interval ? `[${r.interval[0]}, ${r.interval[1]}] (${100 * report.level} % Clopper–Pearson)` : ''],
        ['budgeted', String(r.budgeted)], ['undecidedScenarios', `${r.undecided} of ${r.scenarios}`],
      ],
      cases: [testCase],
    };
  });
  if (report.interrupted) {
    suites.push(interruptedSuite(report.startedAt, runProperties(report), `the run was interrupted (Ctrl-C): ${report.seeds.complete} of ${report.seeds.planned} seeds have every claim's verdict`));
  }
  return junitXml(`resnet-mf calibrate (profile ${report.profile}, seeds ${seeds})`, suites, report.seconds);
}

/**
 * A planted-bug matrix as JUnit XML: one suite per bug, with one test case that fails when no claim caught the
 * bug (`planted`'s exit status); the claims that caught it, and the catalogue's list, are properties, and each
 * claim's verdict is a line of the case's output.
 * @param registrySize the number of claims in the registry (a report of all of them replays without --claim)
 */
export function plantedJUnit(report: PlantedReport, registrySize: number): string {
  const claims = report.claims.length === registrySize ? '' : ` --claim ${report.claims.join(' ')}`;
  const suites = report.bugs.map((bug): JUnitSuite => {
    const seconds = bug.cells.reduce((s, c) => s + c.seconds, 0);
    const testCase: JUnitCase = {
      classname: `resnet-mf.planted.${bug.id}`, name: `${bug.id}: caught by at least one claim`, seconds,
      output: bug.cells.map((c) => `${c.claim}: ${c.status} after ${c.runs} scenario(s)${c.message ? `: ${firstLine(c.message)}` : ''}`).join('\n'),
    };
    if (bug.caughtBy.length === 0) {
      const message = `caught by none of the ${bug.cells.length} claims`;
      testCase.outcome = { kind: 'failure', type: 'not caught', message, body: `${message}\nreplay: resnet-mf planted --bug ${bug.id} --profile ${report.profile} --seed ${report.seed}${claims}` };
    }
    return {
      name: bug.id, startedAt: report.startedAt, seconds,
      properties: [...runProperties({ ...report, plant: bug.id }), ['title', bug.title], ['where', bug.where], ['caughtBy', bug.caughtBy.join(' ')], ['listedCaughtBy', bug.listedCaughtBy.join(' ')]],
      cases: [testCase],
    };
  });
  return junitXml(`resnet-mf planted (profile ${report.profile}, seed ${report.seed})`, suites, report.seconds);
}
