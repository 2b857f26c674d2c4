/**
 * A check run as GitHub Actions shows it, when the job runs there (GITHUB_ACTIONS=true): an error annotation per
 * verdict that is not as expected (a failed or inconclusive claim, a control not caught), titled with the claim
 * and carrying the verdict and its replay command; and a Markdown job summary (the verdict table, each failure
 * with its counterexample and replay command, the plots' paths) appended to the file $GITHUB_STEP_SUMMARY names.
 * The workflow-command and summary formats are @actions/core's, GitHub's own library.
 */
import { existsSync, statSync } from 'node:fs';
import * as core from '@actions/core';
import escapeHtml from 'escape-html';
import { printable } from './table.js';
import { type CheckReport, describeRate, failureLines, isGood, runName, undecidedText, verdictLabel } from './verdictReport.js';

type ReportedVerdict = CheckReport['verdicts'][number];

/** The annotation of a verdict that is not as expected: [title, message]. */
export function annotationOf(v: ReportedVerdict): [string, string] {
  const title = `resnet-mf ${verdictLabel(v)}: ${runName(v)}`;
  const [what, ...more] = failureLines(v);
  const first = v.control ? 'the planted bug of this negative control was not detected' : v.status === 'inconclusive' ? `inconclusive (not a pass): ${what}` : what;
  return [printable(title), printable([first, ...more, `replay: ${v.replay}`].join('\n'))];
}

/** Writes one `::error` workflow command per verdict that is not as expected (to stdout, where the runner reads them). */
export function writeAnnotations(report: CheckReport): void {
  for (const v of report.verdicts) {
    if (isGood(v)) continue;
    const [title, message] = annotationOf(v);
    core.error(message, { title });
  }
}

/**
 * The job summary: a heading, the verdict table, the failures with their replay commands. GitHub renders it as
 * Markdown with HTML; @actions/core writes the table and code blocks as HTML without escaping, so every text
 * from the run (a reason such as "E(ρ0) < 0.1", a counterexample) is escaped here.
 */
export function summaryMarkdown(report: CheckReport, out: string): string {
  const bad = report.verdicts.filter((v) => !isGood(v));
  const summary = core.summary.emptyBuffer();
  summary.addHeading(`resnet-mf check: ${report.verdicts.length - bad.length} as expected, ${bad.length} not`, 2);
  summary.addRaw(`Profile <code>${report.profile}</code>, seed ${report.seed}, ${report.seconds.toFixed(1)} s; JSON report <code>${escapeHtml(out)}</code>.`, true);
  const header = ['#', 'claim', 'verdict', 'runs', 'undecided', 'fit', 'plot'].map((data) => ({ data, header: true }));
  const rows = report.verdicts.map((v) => [
    v.catalogue === null ? '–' : String(v.catalogue),
    `${v.id}${v.control ? ' (control)' : ''}`,
    isGood(v) ? verdictLabel(v) : `<b>${verdictLabel(v)}</b>`,
    String(v.runs),
    v.undecided > 0 ? escapeHtml(undecidedText(v)) : '0',
    v.rate ? escapeHtml(describeRate(v.rate)) : '–', // (an empty cell would be written unclosed)
    v.plot ? `<code>${escapeHtml(v.plot)}</code>` : '–',
  ]);
  summary.addTable([header, ...rows]);
  for (const v of bad) {
    const [title, message] = annotationOf(v);
    summary.addHeading(escapeHtml(title), 3).addCodeBlock(escapeHtml(message));
  }
  const text = summary.stringify();
  summary.emptyBuffer();
  return text;
}

/**
 * Both outputs, when in GitHub Actions: the annotations on stdout, and the summary appended to
 * $GITHUB_STEP_SUMMARY when that is set (GitHub sets it for every step, to a file it has created). A summary that
 * cannot be written is reported on stderr and does not change the run's exit status: the verdicts do.
 */
export async function writeGitHubOutputs(report: CheckReport, out: string): Promise<void> {
  writeAnnotations(report);
  const path = process.env.GITHUB_STEP_SUMMARY;
  if (!path) return;
  try {
    // a FIFO or device would block the write (or never end): only a regular file, as the runner makes, is written
    if (existsSync(path) && !statSync(path).isFile()) throw new Error(`${path} is not a regular file`);
    await core.summary.addRaw(summaryMarkdown(report, out)).write();
  } catch (err) {
    core.summary.emptyBuffer();
    process.stderr.write(`resnet-mf: the job summary was not written: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
