/**
 * `resnet-mf audit`: the accuracy audit of the float64 implementation against the generic network in
 * decimal at P (and 2P) significant digits, over generated scenarios or one model and data file. Prints the
 * per-quantity table (bits of error, ulps, relative error), the shrunk worst case and whether the reference
 * is trusted; writes the JSON report atomically; with --fail-above BITS exits 1 when the max bits of error
 * exceeds BITS.
 */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { PROFILES, type Profile } from '../check/index.js';
import { type AuditProgress, type AuditReport, auditReportToJson, auditSummaryLines, auditTable, formatFigure, runAudit } from '../audit/index.js';
import { checkCompatible, parseDataJson, parseModelJson } from '../data/index.js';
import { InvalidArgumentError } from '../errors.js';
import { MAX_DECIMAL_PRECISION } from '../numeric/index.js';
import { oneOf, parseIntegerFlag, parseNumberFlag, positiveNumber } from '../validate.js';
import { DEFAULT_SEED } from './checkCommand.js';
import { CommandFailure } from './failure.js';
import { checkOutputs, givenPaths, readTextFile, writeTextFilesAtomic } from './io.js';

interface AuditFlags {
  profile: string;
  seed: string;
  runs?: string;
  precision: string;
  steps: string;
  dt: string;
  model?: string;
  data?: string;
  failAbove?: string;
  out: string;
  json?: boolean;
  html?: string;
}

/**
 * Scenarios audited per profile, and candidates the shrinker may evaluate. The ci default (the command's
 * default) takes about a minute on a 2-core machine at P = 50, K = 5: the decimal network costs ~1–4 ms per
 * neuron·sample·layer and evaluation, and each scenario takes 2(K + 1) evaluations (P and 2P).
 */
export const AUDIT_BUDGET: Record<Profile, { runs: number; shrink: number }> = {
  quick: { runs: 8, shrink: 8 },
  ci: { runs: 64, shrink: 16 },
  full: { runs: 200, shrink: 100 },
};

/** Smallest P accepted: the reference must carry far more digits than float64's 17. */
export const MIN_AUDIT_PRECISION = 20;

/**
 * The `audit` subcommand. Flags are validated before any work (exit 2 through the errors of src/errors.ts,
 * naming the flag, with no report written): --profile one of quick|ci|full; --seed in [0, 2^31 − 1];
 * --runs ≥ 1; --precision P in [20, 200]; --steps K ≥ 0; --dt > 0; --fail-above ≥ 0; --model and --data
 * together, and then without --profile/--seed/--runs; --out a writable file path.
 * @example resnet-mf audit --profile quick --runs 8 --fail-above 20
 */
export function auditCommand(): Command {
  return new Command('audit')
    .description('audit float64 outputs, loss, gradient and K-step trajectory against decimal at P digits (bits of error)')
    .option('--profile <name>', `scenario sizes and budget: ${PROFILES.join(', ')}`, 'ci')
    .option('--seed <S>', 'fast-check seed of the scenarios (the same seed gives the same audit)', String(DEFAULT_SEED))
    .option('--runs <n>', `scenarios to audit (default: ${PROFILES.map((p) => `${p} ${AUDIT_BUDGET[p].runs}`).join(', ')})`)
    .option('--precision <P>', `digits of the decimal reference, checked against 2P (${MIN_AUDIT_PRECISION}..${MAX_DECIMAL_PRECISION / 2})`, '50')
    .option('--steps <K>', 'GD steps of the audited trajectory', '5')
    .option('--dt <Δs>', 'training-time step Δs of the trajectory (h = M L Δs)', '0.05')
    .option('--model <file>', 'audit this model (format resnet-mf/model@1) instead of generated scenarios; needs --data')
    .option('--data <file>', 'data for --model (format resnet-mf/data@1)')
    .option('--fail-above <bits>', 'exit 1 when the max bits of error over all quantities exceeds this (for CI)')
    .option('--out <file>', 'JSON report', 'reports/audit.json')
    .option('--json', 'print the JSON report on stdout instead of the table')
    .option('--html <file>', 'also write one self-contained HTML page: the table, a plot of every network\'s bits of error, the worst case and replay command')
    .action(async (flags: AuditFlags, cmd: Command) => {
      const profile = oneOf('--profile', flags.profile, PROFILES) as Profile;
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const runs = flags.runs === undefined ? AUDIT_BUDGET[profile].runs : parseIntegerFlag('--runs', flags.runs, 1, 1_000_000);
      const P = parseIntegerFlag('--precision', flags.precision, MIN_AUDIT_PRECISION, MAX_DECIMAL_PRECISION / 2);
      const steps = parseIntegerFlag('--steps', flags.steps, 0, 10_000);
      const dt = positiveNumber('--dt', parseNumberFlag('--dt', flags.dt));
      const failAbove = flags.failAbove === undefined ? undefined : parseNumberFlag('--fail-above', flags.failAbove);
      if (failAbove !== undefined && failAbove < 0) throw new InvalidArgumentError('--fail-above', 'a number of bits ≥ 0', failAbove);
      if ((flags.model === undefined) !== (flags.data === undefined)) {
        const [given, missing] = flags.model === undefined ? ['--data', '--model'] : ['--model', '--data'];
        throw new InvalidArgumentError(given, `given together with ${missing}`, flags.model ?? flags.data);
      }
      if (flags.model !== undefined) {
        for (const flag of ['profile', 'seed', 'runs'] as const) {
          if (cmd.getOptionValueSource(flag) === 'cli') throw new InvalidArgumentError(`--${flag}`, 'not given with --model (one model is audited once)', flags[flag]);
        }
      }
      checkOutputs([['--out', flags.out], ...givenPaths(flags, ['html'])], givenPaths(flags, ['model', 'data']));
      const source =
        flags.model !== undefined && flags.data !== undefined
          ? modelSource(flags.model, flags.data)
          : { kind: 'scenarios' as const, profile, seed, runs, shrinkBudget: AUDIT_BUDGET[profile].shrink };
      const progress = progressReporter();
      let report: AuditReport;
      try {
        report = runAudit({ P, steps, dt, source, onProgress: progress.report });
      } finally {
        progress.stop();
      }
      // the page is rendered before anything is written (Vega loads only here)
      const files: [string, string, string][] = [['--out', flags.out, auditReportToJson(report)]];
      if (flags.html !== undefined) files.push(['--html', flags.html, await auditPage(report, failAbove)]);
      writeTextFilesAtomic(files);
      if (flags.json) process.stdout.write(auditReportToJson(report));
      else {
        console.log(auditTable(report));
        for (const line of auditSummaryLines(report)) console.log(line);
        console.log(`report: ${[flags.out, flags.html].filter((f) => f !== undefined).join(', ')} (${report.seconds.toFixed(1)} s)`);
      }
      const { maxBits, quantity } = report.overall;
      if (failAbove !== undefined && quantity !== null && maxBits > failAbove) {
        throw new CommandFailure(`max bits of error ${formatFigure(maxBits)} (${quantity}) exceeds --fail-above ${failAbove}`);
      }
    });
}

/** The HTML page of an audit, with its plot. */
async function auditPage(report: AuditReport, failAbove: number | undefined): Promise<string> {
  const [{ auditHtml }, { auditPlotSvg }] = await Promise.all([import('../report/htmlReport.js'), import('../report/auditPlot.js')]);
  return auditHtml(report, await auditPlotSvg(report), failAbove);
}

/** The network and data of --model/--data, checked against each other. */
function modelSource(model: string, data: string) {
  const net = parseModelJson(readTextFile('--model', model), 'model');
  const ds = parseDataJson(readTextFile('--data', data), 'data');
  checkCompatible(net, ds);
  return { kind: 'model' as const, net, data: ds, model, dataName: data };
}

/** Progress on stderr: a cli-progress bar per phase on a terminal, one plain line per step otherwise. */
function progressReporter(): { report: (e: AuditProgress) => void; stop: () => void } {
  const tty = process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | null = null;
  let phase: AuditProgress['phase'] | null = null;
  const format = (name: string) => `${name} {bar} {value}/{total} {label}`;
  return {
    report(e) {
      const [done, total, label] =
        e.phase === 'audit'
          ? [e.done, e.total, `${e.label}: ${e.maxBits === null ? 'non-finite, skipped' : `${formatFigure(e.maxBits)} bits`}`]
          : [e.evaluations, e.budget, `${e.label}: ${formatFigure(e.bits)} bits${e.reached ? ' (reached)' : ''}`];
      if (!tty) {
        console.error(`${e.phase} [${done}/${total}] ${label}${e.phase === 'audit' ? ` (${e.seconds.toFixed(2)} s)` : ''}`);
        return;
      }
      if (phase !== e.phase) {
        bar?.stop();
        bar = new cliProgress.SingleBar({ format: format(e.phase), stream: process.stderr }, cliProgress.Presets.shades_classic);
        bar.start(total, 0, { label: '' });
        phase = e.phase;
      }
      bar?.update(done, { label: label.length > 60 ? `${label.slice(0, 57)}...` : label });
    },
    stop: () => bar?.stop(),
  };
}
