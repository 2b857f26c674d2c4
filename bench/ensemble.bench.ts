/**
 * Benchmark of an ensemble of trainings on the worker pool (issue 5 item 3, "an ensemble of 64 trainings runs
 * at least 1.8× faster with 2 workers than with 1, and gives the same bits").
 *
 *   npm run bench:ensemble                    # tsc, then node dist/bench/ensemble.bench.js
 *   node dist/bench/ensemble.bench.js --count 64 --rounds 5 --size 5,10,50,100 --steps 20 --workers 2
 *
 * The ensemble: `count` trainings of the same size (d, N, L, M) and data (`teacher`, seed 1), tanh, linear
 * depth paths with seeds 1..count, `steps` GD steps of Δs = 0.01 (trainEnsemble, src/parallel), final Θ kept.
 * Each round times the ensemble with 1 worker (inline in the main thread: the sequential baseline) and with
 * `--workers` threads, alternating which goes first, so slow drifts of the machine's load hit both alike, in
 * two modes:
 *  - warm: in this process, after an untimed warm-up run of each; the pool's threads are kept between runs
 *    (setPoolKeepAlive(Infinity)), so both sides run JIT-compiled code: the cost of the work itself, as in a
 *    long command (estimate, check) where the pool serves many batches;
 *  - cold: each run in a fresh child process (this file with --child), timed from the child's start
 *    (performance.timeOrigin) to its last result: both sides pay Node's start and module loading, the parallel
 *    side also its threads' start-up, module loading and cold JIT (≈ 0.3 s of CPU per thread: the first two
 *    trainings of an isolate run at a third of the speed): what a one-off command-line ensemble costs.
 * Reported per mode: the median seconds of each side, the per-round speed-up t₁/t_w (paired) with its median
 * and min–max, the ratio of the fastest runs min(t₁)/min(t_w) (the runs least disturbed by other sessions),
 * the CPU seconds of each side (all threads: what the pool costs beyond the work, whatever the load), and the
 * load average per round.
 *
 * Bits: every run's outcomes (status, trajectory (s, E, dissipation) and final Θ, as Float64Array bytes) must
 * equal the first sequential run's (SHA-256 over all of them for the child runs); the bench exits 1 otherwise.
 * Results go to bench/results/ensemble.json (write-file-atomic).
 *
 * Load. Linux with autogroup scheduling (/proc/sys/kernel/sched_autogroup_enabled = 1) shares the CPU between
 * sessions, not threads: while another session keeps a core busy, a second worker gains little. Run it on an
 * otherwise idle machine; the load average is printed per round and stored with the results.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import writeFileAtomic from 'write-file-atomic';
import { closePools, parseWorkersFlag, setPoolKeepAlive } from '../src/parallel/pool.js';
import { trainEnsemble } from '../src/parallel/trainEnsemble.js';
import type { TrainingOutcome, TrainingSpec } from '../src/parallel/trainingTask.js';
import { parseIntegerFlag } from '../src/validate.js';

interface Size {
  d: number;
  N: number;
  L: number;
  M: number;
}

/** The ensemble's specs: seeds 1..count, everything else shared. */
export function ensembleSpecs(count: number, size: Size, steps: number): TrainingSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    network: { d: size.d, L: size.L, M: size.M, activation: { name: 'tanh' }, init: 'linear', seed: i + 1 },
    data: { dataset: 'teacher', N: size.N, d: size.d, seed: 1 },
    dt: 0.01,
    steps,
    keepTheta: true,
  }));
}

/** One string per outcome holding every bit of it (status, trajectory bytes, Θ bytes). */
export function outcomeBits(outs: readonly TrainingOutcome[]): string[] {
  const hex = (a: Float64Array | undefined): string => (a ? Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex') : '-');
  return outs.map((o) => `${o.status}:${hex(o.trajectory)}:${hex(o.theta)}`);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

interface Run {
  seconds: number;
  cpu: number;
  digest: string;
}

const digestOf = (bits: readonly string[]): string => createHash('sha256').update(bits.join('\n')).digest('hex');

/** One ensemble in this process: wall seconds, CPU seconds of the process (all threads: user + system), digest. */
async function timed(specs: TrainingSpec[], workers: number): Promise<Run> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const outs = await trainEnsemble(specs, { workers });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { seconds, cpu: (c.user + c.system) / 1e6, digest: digestOf(outcomeBits(outs)) };
}

/** One ensemble in a fresh child process (cold: process start, thread start-up, module loading and JIT included). */
function coldRun(argv: readonly string[], workers: number): Run {
  const script = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [script, ...argv, '--child', '--workers', String(workers)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`child run failed (exit ${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Run;
}

interface Series {
  seq: number[];
  par: number[];
  cpuSeq: number[];
  cpuPar: number[];
  load: number[];
}

function summary(x: Series) {
  const ratios = x.seq.map((t, r) => t / x.par[r]);
  const span = (xs: number[]) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), all: xs });
  return {
    sequentialSeconds: span(x.seq),
    parallelSeconds: span(x.par),
    speedup: { median: median(ratios), min: Math.min(...ratios), max: Math.max(...ratios), perRound: ratios },
    /** min(t₁)/min(t_w): the fastest run of each side, the one least disturbed by other sessions. */
    speedupOfFastest: Math.min(...x.seq) / Math.min(...x.par),
    cpuSeconds: { sequential: median(x.cpuSeq), parallel: median(x.cpuPar) },
    loadPerRound: x.load,
  };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '64' },
      rounds: { type: 'string', default: '5' },
      size: { type: 'string', default: '5,10,50,100' },
      steps: { type: 'string', default: '20' },
      workers: { type: 'string', default: '2' },
      mode: { type: 'string', default: 'both' },
      child: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const count = parseIntegerFlag('--count', values.count, 1, 100_000);
  const rounds = parseIntegerFlag('--rounds', values.rounds, 1, 1000);
  const steps = parseIntegerFlag('--steps', values.steps, 0, 1_000_000);
  const workers = parseWorkersFlag(values.workers);
  const parts = values.size.split(',');
  if (parts.length !== 4) throw new Error(`--size=${JSON.stringify(values.size)} must be d,N,L,M`);
  const [d, N, L, M] = parts.map((p, i) => parseIntegerFlag(`--size (${'dNLM'[i]})`, p, 1, 100_000));
  if (!['both', 'warm', 'cold'].includes(values.mode)) throw new Error(`--mode=${JSON.stringify(values.mode)} must be both, warm or cold`);
  const size = { d, N, L, M };
  const specs = ensembleSpecs(count, size, steps);
  if (values.child) {
    // cold: the whole process so far (Node start, imports, the pool's threads, every JIT), the same for both sides
    const run = await timed(specs, workers);
    const c = process.cpuUsage();
    console.log(JSON.stringify({ ...run, seconds: performance.now() / 1000, cpu: (c.user + c.system) / 1e6 }));
    return 0;
  }
  const childArgv = ['--count', String(count), '--size', values.size, '--steps', String(steps)];
  const modes = values.mode === 'both' ? (['warm', 'cold'] as const) : ([values.mode] as ['warm'] | ['cold']);
  const loadBefore = os.loadavg();
  console.log(`# ensemble of ${count} trainings, d=${d} N=${N} L=${L} M=${M}, ${steps} steps, 1 vs ${workers} workers, ${rounds} rounds, modes ${modes.join(', ')}`);

  setPoolKeepAlive(Infinity);
  const reference = (await timed(specs, 1)).digest;
  let identical = (await timed(specs, workers)).digest === reference; // warm-up of the pool (untimed)
  const series = { warm: { seq: [], par: [], cpuSeq: [], cpuPar: [], load: [] } as Series, cold: { seq: [], par: [], cpuSeq: [], cpuPar: [], load: [] } as Series };
  for (let r = 0; r < rounds; r++) {
    for (const mode of modes) {
      const x = series[mode];
      for (const w of r % 2 === 0 ? [1, workers] : [workers, 1]) {
        const run = mode === 'warm' ? await timed(specs, w) : coldRun(childArgv, w);
        identical &&= run.digest === reference;
        (w === 1 ? x.seq : x.par).push(run.seconds);
        (w === 1 ? x.cpuSeq : x.cpuPar).push(run.cpu);
      }
      x.load.push(os.loadavg()[0]);
      console.log(`round ${r + 1} ${mode}: 1 worker ${x.seq[r].toFixed(3)} s (CPU ${x.cpuSeq[r].toFixed(2)} s), ${workers} workers ${x.par[r].toFixed(3)} s ` +
        `(CPU ${x.cpuPar[r].toFixed(2)} s), speed-up ${(x.seq[r] / x.par[r]).toFixed(3)}, load ${x.load[r].toFixed(2)}`);
    }
  }
  await closePools();
  const loadAfter = os.loadavg();
  const result = {
    format: 'resnet-mf/bench-ensemble@2',
    command: `node dist/bench/ensemble.bench.js --count ${count} --rounds ${rounds} --size ${values.size} --steps ${steps} --workers ${workers} --mode ${values.mode}`,
    node: process.version,
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    date: new Date().toISOString(),
    count, size, steps, workers, rounds,
    warm: modes.includes('warm' as never) ? summary(series.warm) : null,
    cold: modes.includes('cold' as never) ? summary(series.cold) : null,
    identicalBits: identical,
    sha256: reference,
    loadAverage: { before: loadBefore, after: loadAfter },
  };
  for (const mode of modes) {
    const m = summary(series[mode]);
    console.log(`${mode}: median 1 worker ${m.sequentialSeconds.median.toFixed(3)} s (${((1000 * m.sequentialSeconds.median) / count).toFixed(1)} ms per training), ` +
      `${workers} workers ${m.parallelSeconds.median.toFixed(3)} s; speed-up median ${m.speedup.median.toFixed(3)}, min–max ` +
      `${m.speedup.min.toFixed(3)}–${m.speedup.max.toFixed(3)} over ${rounds} paired rounds, of the fastest runs ${m.speedupOfFastest.toFixed(3)}; CPU ${m.cpuSeconds.sequential.toFixed(2)} s vs ${m.cpuSeconds.parallel.toFixed(2)} s`);
  }
  console.log(`bits: ${identical ? 'identical' : 'DIFFERENT'} in every run (sha256 ${reference.slice(0, 16)}…)`);
  console.log(`load average (1, 5, 15 min): before ${loadBefore.map((x) => x.toFixed(2)).join(' ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' ')}`);
  const root = join(fileURLToPath(import.meta.url), '..', '..', '..');
  const out = values.out ?? join(root, 'bench', 'results', 'ensemble.json');
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileAtomic.sync(out, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`results: ${out}`);
  return identical ? 0 : 1;
}

process.exitCode = await main();
