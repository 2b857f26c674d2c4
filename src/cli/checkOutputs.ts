/**
 * The outputs of a check run, shared by `check` and `report merge`: the JSON report, the log–log plot of
 * each rate verdict beside it, the verdict table and failure details on stdout, and the exit status.
 */
import { existsSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ClaimRegistry } from '../check/registry.js';
import { type CheckReport, EXIT_INCONCLUSIVE, exitCodeOf, failureDetails, isGood, falseAlarmText, oneLine, runName, verdictLabel, verdictTable } from '../report/verdictReport.js';
import { inGitHubActions } from '../report/githubEnvironment.js';
import { CommandFailure } from './failure.js';
import { lacksText } from '../subject/subject.js';
import { canonicalOutput, writeTextFilesAtomic } from './io.js';

/** Outputs a check run writes when asked: the JUnit XML report (--junit), the HTML page (--html); and the files it read (kept). */
export interface CheckExtraOutputs {
  junit?: string;
  html?: string;
  /** Files the command read (report merge's shards): never removed, even when named like a stale plot. */
  inputs?: readonly string[];
}

/**
 * Writes the check report, the plots of its rate verdicts beside it (stale ones removed), prints the table
 * and the failure details, and ends as `check` does: exit 130 when interrupted, 1 when a verdict is not as
 * expected (a failed claim or a missed control), EXIT_INCONCLUSIVE (3) when otherwise a claim was inconclusive.
 * With --junit it also writes the JUnit XML report (src/report/junitReport.ts), with --html the HTML page (htmlReport.ts). In a GitHub Actions step it also writes the annotations and the job summary (src/report/githubActions.ts).
 * Shared by `check` and `report merge`.
 * @param registry the claims of this build (a plot named after any of them that this run did not write is stale)
 * @param planned the number of claim runs the run was to make (for the interrupted message)
 */
export async function writeCheckOutputs(registry: ClaimRegistry, report: CheckReport, out: string, planned: number, extra: CheckExtraOutputs = {}): Promise<void> {
  // Every file is rendered before any is written, so a failure leaves no partial set of outputs.
  const plots: { index: number; path: string; svg: string }[] = [];
  // Vega is loaded only when there is something to plot (it costs ~0.3 s of start-up).
  const { ratePlotSvg } = report.verdicts.some((v) => v.rate) ? await import('../report/ratePlot.js') : { ratePlotSvg: null };
  for (const [index, v] of report.verdicts.entries()) {
    if (!v.rate || !ratePlotSvg) continue;
    const path = plotPath(out, v.id, v.control);
    plots.push({ index, path, svg: await ratePlotSvg(`${runName(v)}: ${verdictLabel(v)}`, v.rate) });
    v.plot = path;
  }
  const files: [string, string, string][] = [['--out', out, `${JSON.stringify(report, null, 2)}\n`], ...plots.map((p): [string, string, string] => ['--out (its plot)', p.path, p.svg])];
  if (extra.junit !== undefined) files.push(['--junit', extra.junit, (await import('../report/junitReport.js')).checkJUnit(report, registry.claims)]);
  if (extra.html !== undefined) files.push(['--html', extra.html, (await import('../report/htmlReport.js')).checkHtml(report, new Map(plots.map((p) => [p.index, p.svg])))]);
  writeTextFilesAtomic(files);
  // (every file this run wrote or read, also one named like a plot of this registry, is not a stale plot)
  removeStalePlots(registry, out, new Set([...files.map(([, path]) => path), ...(extra.inputs ?? [])].map((p) => canonicalOutput('--out', p))));
  console.log(verdictTable(report));
  for (const na of report.notApplicable ?? []) console.log(`not applicable: ${na.claim} (${lacksText(na.lacks)}): not run, not a pass`);
  for (const line of failureDetails(report)) console.log(line);
  const bad = report.verdicts.filter((v) => !isGood(v)).length;
  const fa = report.falseAlarm;
  if (fa) console.log(`false-alarm budget: ${falseAlarmText(fa)}`);
  console.log(`profile ${report.profile}, seed ${report.seed}: ${report.verdicts.length - bad} as expected, ${bad} not; report: ${oneLine(out)} (${report.seconds.toFixed(1)} s)`);
  // In a GitHub Actions step: an annotation per verdict not as expected, and the job summary (loaded only there).
  if (inGitHubActions()) await (await import('../report/githubActions.js')).writeGitHubOutputs(report, out);
  if (report.interrupted) {
    console.log(`interrupted: ${report.notRun.length} of ${planned} claim runs not run (listed in the report under notRun)`);
    throw new CommandFailure('interrupted', 130);
  }
  if (report.notApplicable && report.notApplicable.length > 0 && report.verdicts.length === 0) {
    const plant = (report as { plant?: string }).plant;
    const name = report.subject?.name ?? (plant ? `resnet-mf with planted bug ${plant}` : '');
    throw new CommandFailure(`no claim applies to the subject ${oneLine(name)}: nothing was checked (not a pass)`, EXIT_INCONCLUSIVE);
  }
  const code = exitCodeOf(report.verdicts);
  if (code !== 0) {
    const inconclusive = report.verdicts.filter((v) => !v.control && v.status === 'inconclusive').length;
    throw new CommandFailure(`${bad} verdict(s) not as expected${inconclusive > 0 ? ` (${inconclusive} inconclusive: not a pass)` : ''}`, code);
  }
}

/** reports/check.json → reports/check.depth-rate.svg (or .depth-rate.control.svg). */
export function plotPath(out: string, id: string, control: boolean): string {
  const stem = basename(out).replace(/\.json$/i, '');
  return join(dirname(out), `${stem}.${id}${control ? '.control' : ''}.svg`);
}

/** Plots of an earlier run beside the same report that this run did not redraw would mislead: remove them. */
function removeStalePlots(registry: ClaimRegistry, out: string, written: Set<string>): void {
  for (const claim of registry.claims) {
    for (const control of [false, true]) {
      const path = plotPath(out, claim.id, control);
      if (!written.has(canonicalOutput('--out', path)) && existsSync(path) && statSync(path).isFile()) unlinkSync(path);
    }
  }
}

