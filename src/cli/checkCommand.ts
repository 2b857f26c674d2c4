/**
 * `resnet-mf check`: runs the claim registry under a profile, shows progress, prints the verdict table and
 * writes the JSON report; exits 1 when a claim fails (or, with --controls, when a control is missed).
 */
import { existsSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { CLAIMS, PROFILES, type Claim, type Profile } from '../../properties/index.js';
import { InvalidArgumentError } from '../errors.js';
import { type CheckReport, failureDetails, isGood, replayCommand, verdictLabel, verdictTable } from '../report/verdictReport.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { CommandFailure } from './failure.js';
import { checkOutputPath, writeTextFileAtomic } from './io.js';

interface CheckFlags {
  profile: string;
  claim?: string[];
  seed: string;
  path?: string;
  controls?: boolean;
  control?: boolean;
  runs?: string;
  out: string;
}

export const DEFAULT_SEED = 20261129;

export function checkCommand(): Command {
  return new Command('check')
    .description('run the claim registry (theory.md §6) and print a verdict table; exit 1 if a claim fails')
    .option('--profile <name>', `budget profile: ${PROFILES.join(', ')}`, 'ci')
    .option('--claim <id...>', `run only these claims: ${CLAIMS.map((c) => c.id).join(', ')}`)
    .option('--seed <S>', 'fast-check seed (a run is replayed by its seed, and path)', String(DEFAULT_SEED))
    .option('--path <path>', 'fast-check replay path of a failure (with --claim and --seed)')
    .option('--controls', 'also run each claim\'s negative control, which must fail')
    .option('--control', 'run only the negative controls (with --claim, to replay one)')
    .option('--runs <n>', 'override the number of scenarios per claim')
    .option('--out <file>', 'JSON report; each rate claim\'s log–log plot is written beside it as <report>.<claim>[.control].svg', 'reports/check.json')
    .action(async (flags: CheckFlags) => {
      const profile = oneOf('--profile', flags.profile, PROFILES) as Profile;
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const numRuns = flags.runs !== undefined ? parseIntegerFlag('--runs', flags.runs, 1, 1_000_000) : undefined;
      const claims = selectClaims(flags.claim);
      if (flags.path !== undefined && !/^\d+(:\d+)*$/.test(flags.path)) {
        throw new InvalidArgumentError('--path', 'a fast-check replay path, integers joined by ":" (e.g. 0:1:0)', flags.path);
      }
      if (flags.path && claims.length !== 1) throw new InvalidArgumentError('--path', 'used with exactly one --claim', flags.path);
      checkOutputPath('--out', flags.out);
      const modes = flags.control ? [true] : flags.controls ? [false, true] : [false];
      const jobs = claims.flatMap((claim) => modes.map((control) => ({ claim, control })));
      // Any verdict may carry a rate and so a plot beside the report: check those paths too, before any work.
      for (const { claim, control } of jobs) checkOutputPath('--out (its plot)', plotPath(flags.out, claim.id, control));
      const report: CheckReport = {
        format: 'resnet-mf/check-report@1', profile, seed, node: process.version, v8: process.versions.v8,
        startedAt: new Date().toISOString(), seconds: 0, interrupted: false, notRun: [], verdicts: [],
      };
      const started = performance.now();
      const progress = process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: '{bar} {value}/{total} {claim}', stream: process.stderr }, cliProgress.Presets.shades_classic)
        : null;
      progress?.start(jobs.length, 0, { claim: '' });
      // Ctrl-C stops the run after the claim in progress (a claim runs synchronously) and keeps what was decided.
      const onInterrupt = () => {
        report.interrupted = true;
      };
      process.once('SIGINT', onInterrupt);
      for (const [index, { claim, control }] of jobs.entries()) {
        const label = `${claim.id}${control ? ' (control)' : ''}`;
        await new Promise((resolve) => setImmediate(resolve)); // let a pending SIGINT be delivered
        if (report.interrupted) {
          report.notRun.push(label);
          continue;
        }
        progress?.update(index, { claim: label });
        const t0 = performance.now();
        let verdict;
        try {
          verdict = claim.run({ profile, seed, control, numRuns, ...(flags.path ? { path: flags.path } : {}) });
        } catch (err) {
          progress?.stop();
          // fast-check throws for a replay path that does not exist under this seed and profile
          if (flags.path && err instanceof Error && err.message.startsWith('Unable to replay')) {
            throw new InvalidArgumentError('--path', `a replay path of ${label} under --seed ${seed} --profile ${profile}`, flags.path);
          }
          throw err;
        }
        if (flags.path && verdict.runs === 0) {
          throw new InvalidArgumentError('--path', `a replay path that reaches a scenario of ${label} under --seed ${seed} --profile ${profile}`, flags.path);
        }
        const seconds = (performance.now() - t0) / 1000;
        report.verdicts.push({ ...verdict, title: claim.title, catalogue: claim.catalogue, replay: replayCommand(verdict), seconds });
        if (!progress) console.error(`[${index + 1}/${jobs.length}] ${label}: ${verdictLabel(verdict)} (${seconds.toFixed(2)} s)`);
      }
      process.removeListener('SIGINT', onInterrupt);
      progress?.update(jobs.length, { claim: report.interrupted ? 'interrupted' : 'done' });
      progress?.stop();
      report.seconds = (performance.now() - started) / 1000;
      // Every file is rendered before any is written, so a failure leaves no partial set of outputs.
      const plots: { path: string; svg: string }[] = [];
      // Vega is loaded only when there is something to plot (it costs ~0.3 s of start-up).
      const { ratePlotSvg } = report.verdicts.some((v) => v.rate) ? await import('../report/ratePlot.js') : { ratePlotSvg: null };
      for (const v of report.verdicts) {
        if (!v.rate || !ratePlotSvg) continue;
        const path = plotPath(flags.out, v.id, v.control);
        plots.push({ path, svg: await ratePlotSvg(`${v.id}${v.control ? ' (negative control)' : ''}: ${verdictLabel(v)}`, v.rate) });
        v.plot = path;
      }
      writeTextFileAtomic('--out', flags.out, `${JSON.stringify(report, null, 2)}\n`);
      for (const plot of plots) writeTextFileAtomic('--out (its plot)', plot.path, plot.svg);
      removeStalePlots(flags.out, new Set(plots.map((p) => p.path)));
      console.log(verdictTable(report));
      for (const line of failureDetails(report)) console.log(line);
      const bad = report.verdicts.filter((v) => !isGood(v)).length;
      console.log(`profile ${profile}, seed ${seed}: ${report.verdicts.length - bad} as expected, ${bad} not; report: ${flags.out} (${report.seconds.toFixed(1)} s)`);
      if (report.interrupted) {
        console.log(`interrupted: ${report.notRun.length} of ${jobs.length} claim runs not run (listed in the report under notRun)`);
        throw new CommandFailure('interrupted', 130);
      }
      if (bad > 0) throw new CommandFailure(`${bad} verdict(s) not as expected`);
    });
}

/** reports/check.json → reports/check.depth-rate.svg (or .depth-rate.control.svg). */
export function plotPath(out: string, id: string, control: boolean): string {
  const stem = basename(out).replace(/\.json$/i, '');
  return join(dirname(out), `${stem}.${id}${control ? '.control' : ''}.svg`);
}

/** Plots of an earlier run beside the same report that this run did not redraw would mislead: remove them. */
function removeStalePlots(out: string, written: Set<string>): void {
  for (const claim of CLAIMS) {
    for (const control of [false, true]) {
      const path = plotPath(out, claim.id, control);
      if (!written.has(path) && existsSync(path) && statSync(path).isFile()) unlinkSync(path);
    }
  }
}

function selectClaims(ids: string[] | undefined): Claim[] {
  if (!ids) return [...CLAIMS];
  return [...new Set(ids)].map((id) => {
    const claim = CLAIMS.find((c) => c.id === id);
    if (!claim) throw new InvalidArgumentError('--claim', `one of ${CLAIMS.map((c) => c.id).join(', ')}`, id);
    return claim;
  });
}
