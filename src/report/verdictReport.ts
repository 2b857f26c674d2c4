/**
 * Reports of a `check` run: the verdict table for a terminal and the JSON report with everything needed to
 * replay a run (seed, path, profile, Node and V8 versions).
 */
import { DEFAULT_SUBJECT_TIMEOUT } from '../subject/subject.js';
import type { Profile, RateReport, Verdict } from '../check/index.js';
import { printable, type TableRows, textTable } from './table.js';

export interface CheckReport {
  format: 'resnet-mf/check-report@1';
  profile: Profile;
  seed: number;
  node: string;
  v8: string;
  startedAt: string;
  seconds: number;
  /** True when the run was stopped (Ctrl-C) before every claim ran: the verdicts are those decided so far. */
  interrupted: boolean;
  /** Claims (with ' (control)') that did not run because the run was interrupted. */
  notRun: string[];
  /**
   * The run's false-alarm budget (src/check/falseAlarmBudget.ts): the level of each statistical decision, how
   * many the nominal claims of this run make, and the family-wise false-alarm rate that bounds (Bonferroni).
   */
  falseAlarm?: { decisionAlpha: number; decisions: number; rate: number };
  /** The subject under test when it is not resnet-mf's own (`check --impl`): its command, and what it said in hello. */
  subject?: { command: string; name: string; protocol: string; capabilities: string[] };
  /** Claims the subject lacks a capability for: not run, never a pass. */
  notApplicable?: { claim: string; title: string; lacks: string[] }[];
  verdicts: (Verdict & { title: string; catalogue: number | null; replay: string; seconds: number; plot?: string })[];
}

/** Shortest readable rendering of a figure. */
function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) return String(Number(v.toPrecision(4)));
  return v.toExponential(2);
}

/** Three significant digits, for fitted exponents and intervals. */
export function short(v: number): string {
  return Number(v.toPrecision(3)).toString();
}

/** The run's false-alarm budget in words: `12 statistical decisions at α = 1e-5 each, family-wise rate ≤ 1.2e-4`. */
export function falseAlarmText(fa: NonNullable<CheckReport['falseAlarm']>): string {
  return `${fa.decisions} statistical decisions at α = ${fa.decisionAlpha.toExponential(0)} each, family-wise rate ≤ ${fa.rate === 0 ? '0' : fa.rate.toExponential(1)}`;
}

/** A claim run's name: the claim's id, with " (negative control)" for its control. */
export function runName(v: { id: string; control: boolean }): string {
  return `${v.id}${v.control ? ' (negative control)' : ''}`;
}

/** A confidence level in per cent with the digits it needs: 0.99 → 99, 0.99999 → 99.999 (not 100). */
function percent(level: number): string {
  const digits = level > 0 && level < 1 ? Math.min(15, Math.max(3, 2 + Math.ceil(-Math.log10(1 - level)))) : 3;
  return String(Number((100 * level).toPrecision(digits)));
}

/** One line describing the fit: `exponent −0.98 [−1.01, −0.95] (99 %) in L; claimed −1 ± 0.1`. */
export function describeRate(rate: RateReport): string {
  const { fit } = rate;
  return (
    `exponent ${short(fit.exponent)} [${short(fit.lo)}, ${short(fit.hi)}] (${percent(fit.level)} %) in ${rate.size} ` +
    `over ${rate.size} = ${rate.used.join(', ')}; claimed ${short(rate.claimed)} ± ${short(rate.band)}; reference error ${short(rate.referenceError)}`
  );
}

/** A fast-check replay path (`check --path`, a failure's path): integers joined by ":". */
export const REPLAY_PATH = /^\d+(:\d+)*$/;
/** What REPLAY_PATH accepts, in words (for error messages). */
export const REPLAY_PATH_EXPECTED = 'a fast-check replay path, integers joined by ":" (e.g. 0:1:0)';

/**
 * The command that reproduces a verdict: with its fast-check path when it failed, the --runs the run was given
 * (a verdict over fewer scenarios than the profile's budget is another verdict), and the planted bug it ran with.
 */
export function replayCommand(v: Verdict, plant: string | null = null, runs: number | null = null, impl: { command: string; timeoutSeconds: number } | null = null): string {
  const path = v.status === 'fail' && v.path ? ` --path ${v.path}` : '';
  const numRuns = runs !== null ? ` --runs ${runs}` : '';
  const control = v.control ? ' --control' : '';
  const planted = plant ? ` --plant ${plant}` : '';
  const timeout = impl !== null && impl.timeoutSeconds !== DEFAULT_SUBJECT_TIMEOUT ? ` --impl-timeout ${impl.timeoutSeconds}` : '';
  const subject = impl !== null && !v.control ? ` --impl ${shellQuote(impl.command)}${timeout}` : '';
  return `resnet-mf check --claim ${v.id} --profile ${v.profile} --seed ${v.seed}${numRuns}${path}${control}${planted}${subject}`;
}

/** `text` as one POSIX shell word: in single quotes, each ' written '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

/** The rows of the verdict table: catalogue number, claim, verdict, worst-case figures (and the rate fit), runs, seconds. */
export function verdictRows(report: CheckReport): TableRows {
  const rows = report.verdicts.map((v) => {
    const worst = Object.entries(v.figures).map(([k, x]) => `${k}=${fmt(x)}`).join(' ');
    const undecided = v.undecided > 0 ? ` (${undecidedText(v)})` : '';
    const figures = v.rate
      ? `fit${v.status === 'fail' ? ' of the counterexample' : ', scenario farthest from the claim'}: ${describeRate(v.rate)}\n` +
        `worst figure over scenarios: ${worst}${undecided}`
      : worst + undecided;
    return [v.catalogue === null ? '–' : String(v.catalogue), v.id, verdictLabel(v), figures, String(v.runs), v.seconds.toFixed(2)];
  });
  return { head: ['#', 'claim', 'verdict', 'figures', 'runs', 'seconds'], rows };
}

/** The verdict table for a terminal (verdictRows). */
export function verdictTable(report: CheckReport): string {
  return textTable(verdictRows(report), [4, 24, 22, 58, 6, 9]);
}

/**
 * A verdict in words. A negative control is meant to fail: its failure reads "control caught", its pass
 * "CONTROL MISSED" (the claim cannot detect the planted bug).
 */
export function verdictLabel(v: Verdict): string {
  if (v.control) return v.status === 'fail' ? 'control caught' : v.status === 'pass' ? 'CONTROL MISSED' : 'control inconclusive';
  return v.status === 'pass' ? 'pass' : v.status === 'fail' ? 'FAIL' : 'inconclusive';
}

/** `2 of 30 scenarios undecided: 2× reference did not converge`. */
export function undecidedText(v: Verdict): string {
  const reasons = Object.entries(v.undecidedReasons ?? {}).map(([r, k]) => `${k}× ${r}`).join('; ');
  return `${v.undecided} of ${v.runs} scenarios undecided${reasons ? `: ${reasons}` : ''}`;
}

/**
 * True when the verdict is what the suite wants: a nominal pass, or a negative control that failed. An
 * inconclusive verdict is never good: not a pass of a claim, not a catch of a control.
 */
export function isGood(v: Verdict): boolean {
  return v.control ? v.status === 'fail' : v.status === 'pass';
}

/** Exit code of `check` (and `report merge`) when no verdict failed and no control was missed, but a claim was inconclusive. */
export const EXIT_INCONCLUSIVE = 3;

/**
 * The exit code a set of verdicts calls for: 1 when a claim failed or a control was not caught (a control
 * that is inconclusive was not caught), else EXIT_INCONCLUSIVE when a claim was inconclusive, else 0.
 */
export function exitCodeOf(verdicts: readonly Verdict[]): 0 | 1 | typeof EXIT_INCONCLUSIVE {
  if (verdicts.some((v) => (v.control ? v.status !== 'fail' : v.status === 'fail'))) return 1;
  if (verdicts.some((v) => !v.control && v.status === 'inconclusive')) return EXIT_INCONCLUSIVE;
  return 0;
}

/**
 * `text` on one line: line breaks shown as ⏎, other control characters as U+FFFD. Text that came from a report file (a shard's messages, an --out path)
 * is printed through it, so that no line of it can start a line of its own on stdout — where a CI runner would read
 * a line such as `::stop-commands::` as a command (GitHub Actions' workflow commands).
 */
export function oneLine(text: string): string {
  return printable(text.replace(/\r\n|[\n\r\u2028\u2029]/g, ' ⏎ '));
}


/**
 * Why a verdict is not as expected, without its replay command: a control's miss, a failure's message and its
 * shrunk counterexample, an inconclusive claim's reason; [] for a verdict as expected. Shared by the failure lines
 * below and the GitHub annotations (githubActions.ts).
 */
export function failureLines(v: Verdict): string[] {
  if (isGood(v)) return [];
  if (v.control) return ['the planted bug was not detected'];
  if (v.status === 'fail') return [v.message, `counterexample: ${JSON.stringify(v.counterexample)}`];
  return v.status === 'inconclusive' ? [v.reason] : [];
}

/** Lines explaining each failure or inconclusive verdict, with its replay command; each is one line (oneLine). */
export function failureDetails(report: CheckReport): string[] {
  const lines: string[] = [];
  for (const v of report.verdicts) {
    const [what, ...more] = failureLines(v);
    if (what === undefined) continue;
    if (v.control) lines.push(`${verdictLabel(v)} ${v.id}: ${what}; replay: ${v.replay}`);
    else lines.push(`${v.status === 'fail' ? 'FAIL' : 'INCONCLUSIVE'} ${v.id}: ${what}`, ...more.map((l) => `  ${l}`), `  replay: ${v.replay}`);
  }
  return lines.map(oneLine);
}
