/**
 * `resnet-mf estimate` (claim 24, issue 6 item 3): for a grid of ε and η, the smallest L and M on the ladder
 * with P(E(Θ_{L,M}(s)) ≤ ε) ≥ 1 − η, each decided by the sequential test over seeds; the exponents of L_min
 * in 1/ε and of M_min in 1/ε and 1/η beside the predicted 1, 2 and 1 (theory.md §5). Prints two tables,
 * writes the JSON report atomically and the plot beside it (<report>.svg). Ctrl-C keeps what was decided
 * (the rest is 'undecided (interrupted)'), writes the report and exits 130. The trainings run on `--workers`
 * threads (default: the available parallelism); the report is the same for any number (timings aside).
 */
import { basename, dirname, join } from 'node:path';
import { Command } from 'commander';
import { DATASET_NAMES, loadDataset } from '../data/index.js';
import { InvalidArgumentError } from '../errors.js';
import { alphaPerTest, DEFAULT_SETTING, estimateGrid, sizeExponents, TrainedLosses } from '../estimate/index.js';
import { closePools, defaultWorkers, MAX_WORKERS, parseWorkersFlag } from '../parallel/pool.js';
import { type EstimateReport, estimatePlotSvg, estimateTable, exponentTable } from '../report/estimateReport.js';
import { oneOf, parseIntegerFlag, parseNumberFlag } from '../validate.js';
import { CommandFailure } from './failure.js';
import { checkOutputs, givenPaths, writeTextFilesAtomic } from './io.js';
import { progressBar } from './progressBar.js';
import { listenForInterrupt } from '../interrupt.js';

interface EstimateFlags {
  epsilons: string;
  etas: string;
  seed: string;
  dataset: string;
  out: string;
  maxSeeds: string;
  workers: string;
  html?: string;
}

/** The size ladder for both L and M. */
export const LADDER = [2, 4, 8, 16, 32] as const;
/** Family-wise false-alarm rate of the whole grid. */
export const ALPHA = 0.05;
/** Samples N of the data set (a seeded subsample for iris). */
export const ESTIMATE_N = 16;
const DEFAULTS = { epsilons: '0.032,0.016,0.008,0.004', etas: '0.2,0.1,0.05', maxSeeds: '2048' };

export function estimateCommand(): Command {
  return new Command('estimate')
    .description('smallest depth L and width M (on the ladder 2..32) with P(E(s) ≤ ε) ≥ 1 − η, decided over seeds; fits their exponents in 1/ε and 1/η')
    .option('--epsilons <list>', 'loss thresholds ε > 0, comma-separated', DEFAULTS.epsilons)
    .option('--etas <list>', 'failure probabilities η in (0, 1), comma-separated', DEFAULTS.etas)
    .option('--seed <S>', 'seed of the data set; seed i of a test initialises with S + 1 + i', '20261129')
    .option('--dataset <name>', `data set (N = ${ESTIMATE_N}): ${DATASET_NAMES.join(', ')}`, 'teacher')
    .option('--max-seeds <n>', 'budget: at most this many seeds per sequential test', DEFAULTS.maxSeeds)
    .option('--out <file>', 'JSON report; the plot is written beside it as <report>.svg', 'reports/estimate.json')
    .option('--workers <n>', `worker threads for the trainings, 1 to ${MAX_WORKERS} (1: no thread; same report for any n)`, String(defaultWorkers()))
    .option('--html <file>', 'also write one self-contained HTML page: the tables and the plot')
    .action(async (flags: EstimateFlags) => {
      const epsilons = parseList('--epsilons', flags.epsilons, (x) => x > 0, 'numbers > 0');
      const etas = parseList('--etas', flags.etas, (x) => x > 0 && x < 1, 'numbers in (0, 1)');
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const dataset = oneOf('--dataset', flags.dataset, DATASET_NAMES);
      const maxSeeds = parseIntegerFlag('--max-seeds', flags.maxSeeds, 1, 1_000_000);
      const workers = parseWorkersFlag(flags.workers);
      const plot = join(dirname(flags.out), `${basename(flags.out).replace(/\.json$/i, '')}.svg`);
      checkOutputs([['--out', flags.out], ['--out (its plot)', plot], ...givenPaths(flags, ['html'])]);

      const data = loadDataset(dataset, { N: ESTIMATE_N, seed });
      const losses = new TrainedLosses(data, DEFAULT_SETTING, seed, { workers });
      const ladder = [...LADDER];
      const top = ladder[ladder.length - 1];
      const report: EstimateReport = {
        format: 'resnet-mf/estimate-report@1', seed, dataset: { name: dataset, d: data.d, N: data.N },
        setting: { ...DEFAULT_SETTING, activation: 'regularized_relu', init: 'linear' }, ladder,
        strategy: `depth: M fixed at ${top}, L walked up the ladder; width: L fixed at ${top}, M walked up; first rung where the sequential test says 'holds'`,
        epsilons, etas, alpha: ALPHA, alphaPerTest: alphaPerTest({ epsilons, etas, ladder, alpha: ALPHA }), maxSeeds,
        node: process.version, startedAt: new Date().toISOString(), seconds: 0, trainings: 0, interrupted: false, cells: [], exponents: [],
      };
      const controller = new AbortController();
      const ctrlC = listenForInterrupt(() => {
        report.interrupted = true;
        controller.abort();
      });
      const progress = progressBar('{bar} {value}/{total} {search} ({trainings} trainings)');
      const started = performance.now();
      try {
        progress?.start(2 * epsilons.length * etas.length, 0, { search: '', trainings: 0 });
        report.cells = await estimateGrid(losses, {
          epsilons, etas, ladder, alpha: ALPHA, maxSeeds, signal: controller.signal,
          onProgress: (done, total, label) => {
            progress?.update(done, { search: label, trainings: losses.trainings });
            if (!progress) console.error(`[${done}/${total}] ${label} (${losses.trainings} trainings so far)`);
          },
        });
      } finally {
        progress?.stop();
        ctrlC.stop();
        await closePools();
      }
      report.seconds = (performance.now() - started) / 1000;
      report.trainings = losses.trainings;
      report.exponents = sizeExponents(report.cells, ladder[0], ladder[1] / ladder[0]);
      // Render everything before writing anything: a failure leaves no partial set of outputs (Vega loads here).
      const svg = await estimatePlotSvg(report);
      report.plot = plot;
      const files: [string, string, string][] = [['--out', flags.out, `${JSON.stringify(report, null, 2)}\n`], ['--out (its plot)', plot, svg]];
      if (flags.html !== undefined) files.push(['--html', flags.html, (await import('../report/htmlReport.js')).estimateHtml(report, svg)]);
      writeTextFilesAtomic(files);
      console.log(`# ${dataset} d=${data.d} N=${data.N}, regularized_relu δ=${DEFAULT_SETTING.delta}, linear paths scale ${DEFAULT_SETTING.scale}, s=${DEFAULT_SETTING.s} (Δs=${DEFAULT_SETTING.dt}), seed ${seed}`);
      console.log(`# ${report.strategy}`);
      console.log(`# α=${ALPHA} family-wise, Bonferroni over ${report.cells.length} searches × ${ladder.length} rungs: α per test ${report.alphaPerTest.toPrecision(3)}; at most ${maxSeeds} seeds per test`);
      console.log(estimateTable(report));
      console.log(exponentTable(report));
      console.log(`report: ${flags.out}, plot: ${plot} (${report.seconds.toFixed(1)} s, ${report.trainings} trainings, ${workers} worker${workers === 1 ? '' : 's'})`);
      if (report.interrupted) throw new CommandFailure('interrupted: searches not finished are reported as undecided (interrupted)', 130);
    });
}

/**
 * A comma-separated list of distinct finite numbers satisfying `ok`.
 * @throws InvalidArgumentError naming `flag`
 */
export function parseList(flag: string, text: string, ok: (x: number) => boolean, what: string): number[] {
  const parts = text.split(',').map((t) => t.trim());
  if (parts.some((t) => t === '')) throw new InvalidArgumentError(flag, `a comma-separated list of ${what}`, text);
  const values = parts.map((t) => parseNumberFlag(flag, t));
  const bad = values.find((x) => !ok(x));
  if (bad !== undefined) throw new InvalidArgumentError(flag, `a comma-separated list of ${what}`, text);
  if (new Set(values).size !== values.length) throw new InvalidArgumentError(flag, `a list of distinct ${what}`, text);
  if (values.length > 16) throw new InvalidArgumentError(flag, `at most 16 ${what}`, text);
  return values;
}
