/**
 * Benchmark of one gradient-descent step (forward + adjoint + update, `gdStep`) of resnet-mf beside the same
 * model written with numpy (bench/numpy_peer.py).
 *
 *   npm run bench                          # tsc, then node dist/bench/gdStep.bench.js
 *   node dist/bench/gdStep.bench.js --sizes "5,10,50,100;5,10,50,1000" --rounds 7 --min-round 0.3
 *
 * For each size (d, N, L, M): a network from initNetwork({ init: 'linear', activation: tanh, seed }) and the
 * `ball` data set (uniform in the unit ball, drawn from randomStream). The TS side computes loss, gradient and
 * the loss after one step once; the numpy peer (a long-lived child process) checks its own values against
 * them (relative difference ≤ 1e-12) before any timing. Then rounds alternate TS, numpy, TS, numpy, ...;
 * every round restarts from the initial parameters, runs `reps` steps, lasts ≥ --min-round seconds, and
 * only the steps are inside the timed interval (one reused workspace on the TS side; no process start, JSON
 * or pipe I/O on the numpy side, which times itself with time.perf_counter). Reported: the median seconds
 * per step of each side and the effective GFLOP/s by the count 12·L·M·d·N flops per step (the L·M·N tanh
 * evaluations per step are listed separately, not counted as flops). Beside them, the machine's float64 peak:
 * numpy's 2000×2000 matrix product (best of 5, BLAS default threads, `numpy_peer.py --peak`), measured once
 * per run before the sizes.
 * Results also go to bench/results/gdStep.json (written to a temp file, then renamed).
 */
import { execFileSync, spawn, type ChildProcessByStdio } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Readable, Writable } from 'node:stream';
import Table from 'cli-table3';
import { tanh } from '../src/activations/index.js';
import type { Dataset } from '../src/data/dataset.js';
import { ball } from '../src/data/synthetic.js';
import { initNetwork } from '../src/init/paths.js';
import { evaluate } from '../src/model/adjoint.js';
import { withTheta, type Network } from '../src/model/network.js';
import { createWorkspace, type Workspace } from '../src/model/workspace.js';
import { gdStep } from '../src/train/gradientDescent.js';
import { parseIntegerFlag, parseNumberFlag } from '../src/validate.js';

/** One benchmark size. */
export interface BenchSize {
  d: number;
  N: number;
  L: number;
  M: number;
}

/** The default sizes; add rows here (or pass --sizes "d,N,L,M;d,N,L,M"). */
export const DEFAULT_SIZES: readonly BenchSize[] = [
  { d: 2, N: 8, L: 8, M: 16 },
  { d: 2, N: 16, L: 16, M: 64 },
  { d: 5, N: 10, L: 50, M: 100 },
  { d: 5, N: 10, L: 50, M: 1000 },
  { d: 2, N: 100, L: 20, M: 500 },
  { d: 20, N: 50, L: 50, M: 200 },
];

const DEFAULTS = { rounds: 7, minRound: 0.3, dt: 0.01, seed: 1, warmup: 0.5 };

/** Flops per GD step: 12·L·M·d·N (4 d-length dot/axpy pairs forward and 8 backward per (l, i, m)). */
export function flopsPerStep(s: BenchSize): number {
  return 12 * s.L * s.M * s.d * s.N;
}

/** tanh evaluations per step: L·M·N (forward only; the adjoint reuses σ through σ' = 1 − σ² or σ'(r)). */
export function tanhPerStep(s: BenchSize): number {
  return s.L * s.M * s.N;
}

/** Parses "d,N,L,M;d,N,L,M". */
export function parseSizes(text: string): BenchSize[] {
  const sizes = text
    .split(';')
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((t, idx) => {
      const parts = t.split(',');
      if (parts.length !== 4) throw new Error(`--sizes[${idx}]="${t}" must be four integers d,N,L,M`);
      const [d, N, L, M] = parts.map((p, j) => parseIntegerFlag(`--sizes[${idx}].${'dNLM'[j]}`, p, 1, 10_000_000));
      return { d, N, L, M };
    });
  if (sizes.length === 0) throw new Error(`--sizes="${text}" must list at least one size d,N,L,M`);
  return sizes;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) >> 1] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/** Euclidean norm with a compensated (Neumaier) sum, so the reference norm itself is accurate to ~1 ulp. */
function norm2(v: Float64Array): number {
  let s = 0;
  let comp = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i] * v[i];
    const t = s + x;
    comp += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return Math.sqrt(s + comp);
}

/** Seconds for `reps` GD steps from theta0; the reset is outside the timed interval. */
function tsRound(net: Network, data: Dataset, ws: Workspace, theta0: Float64Array, dt: number, reps: number): number {
  net.theta.set(theta0);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) gdStep(net, data, ws, dt);
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Steps for a TS round of ≥ minRound seconds, after a JIT warm-up of ≥ warmup seconds. */
function tsCalibrate(
  net: Network,
  data: Dataset,
  ws: Workspace,
  theta0: Float64Array,
  dt: number,
  minRound: number,
  warmup: number,
): number {
  let reps = 1;
  let spent = 0;
  let t = 0;
  for (;;) {
    t = tsRound(net, data, ws, theta0, dt, reps);
    spent += t;
    if (spent >= warmup && t >= 0.1 * minRound) break;
    if (t < 0.1 * minRound) reps *= 4;
  }
  return Math.max(1, Math.ceil((1.2 * minRound * reps) / t));
}

/** The numpy peer as a long-lived child process speaking one JSON line per command (see numpy_peer.py). */
class NumpyPeer {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly lines: string[] = [];
  private waiting: ((line: string) => void) | null = null;
  private exited: Promise<number | null>;
  private exitInfo: string | null = null;

  constructor(python: string, script: string, env: NodeJS.ProcessEnv) {
    this.child = spawn(python, ['-u', script, '--serve'], { stdio: ['pipe', 'pipe', 'inherit'], env });
    this.exited = new Promise((resolve) => {
      const finish = (info: string, code: number | null): void => {
        this.exitInfo ??= info;
        const w = this.waiting;
        this.waiting = null;
        w?.('');
        resolve(code);
      };
      this.child.on('error', (err) => finish(`cannot run the numpy peer with ${python}: ${err.message}`, null));
      this.child.on('close', (code, signal) => finish(`numpy peer exited (code ${code}, signal ${signal})`, code));
    });
    // A dead peer makes writes fail with EPIPE; the exit/error above carries the explanation.
    this.child.stdin.on('error', () => undefined);
    createInterface({ input: this.child.stdout }).on('line', (line) => {
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        w(line);
      } else this.lines.push(line);
    });
  }

  private nextLine(): Promise<string> {
    const queued = this.lines.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.exitInfo) return Promise.reject(new Error(this.exitInfo));
    return new Promise((resolve, reject) => {
      this.waiting = (line) => (line === '' && this.exitInfo ? reject(new Error(this.exitInfo)) : resolve(line));
    });
  }

  /** Sends one line and parses the reply line as JSON. */
  async request(line: string): Promise<Record<string, unknown>> {
    this.child.stdin.write(`${line}\n`);
    const reply = await this.nextLine();
    try {
      return JSON.parse(reply) as Record<string, unknown>;
    } catch {
      throw new Error(`numpy peer replied with non-JSON: ${reply.slice(0, 200)}`);
    }
  }

  async close(): Promise<void> {
    if (!this.exitInfo) {
      this.child.stdin.end('quit\n');
      await this.exited;
    }
  }

  kill(): void {
    if (!this.exitInfo) this.child.kill();
  }
}

interface SideResult {
  reps: number;
  /** Seconds per step of each kept round, in order. */
  secondsPerStep: number[];
  medianSecondsPerStep: number;
  gflops: number;
}

interface SizeResult extends BenchSize {
  flopsPerStep: number;
  tanhPerStep: number;
  ts: SideResult;
  numpy: SideResult;
  ratioTsOverNumpy: number;
  consistency: Record<string, unknown>;
}

interface Settings {
  rounds: number;
  minRound: number;
  dt: number;
  seed: number;
  warmup: number;
  python: string;
  blasThreads: number | null;
}

async function benchSize(size: BenchSize, o: Settings, env: NodeJS.ProcessEnv, peerScript: string): Promise<SizeResult> {
  const { d, N, L, M } = size;
  const net = initNetwork({ d, L, M, activation: tanh, init: 'linear', seed: o.seed });
  const data = ball({ d, N, seed: o.seed });
  const theta0 = Float64Array.from(net.theta);
  const ws = createWorkspace(d, L, M, N);

  // Reference values for the peer's consistency check (outside any timing).
  const loss = evaluate(net, data, ws, true);
  const grad = Float64Array.from(ws.grad);
  const stepped = withTheta(net, Float64Array.from(theta0));
  gdStep(stepped, data, ws, o.dt);
  const lossAfterStep = evaluate(stepped, data, ws, false);

  const peer = new NumpyPeer(o.python, peerScript, env);
  try {
    const setup = {
      d,
      L,
      M,
      theta: Array.from(theta0),
      x: Array.from(data.x),
      y: Array.from(data.y),
      dt: o.dt,
      reference: { loss, gradNorm: norm2(grad), grad: Array.from(grad), lossAfterStep },
    };
    const consistency = await peer.request(JSON.stringify(setup));
    if (consistency.ok !== true) {
      throw new Error(`numpy peer disagrees with resnet-mf at d=${d} N=${N} L=${L} M=${M}: ${JSON.stringify(consistency)}`);
    }

    const tsReps0 = tsCalibrate(net, data, ws, theta0, o.dt, o.minRound, o.warmup);
    const npReps0 = Number((await peer.request(`calibrate ${o.minRound}`)).reps);
    let tsReps = tsReps0;
    let npReps = npReps0;
    const tsTimes: number[] = [];
    const npTimes: number[] = [];
    for (let round = 0; round < o.rounds; round++) {
      // TS round, then numpy round; a round shorter than minRound is discarded and redone with more steps.
      for (;;) {
        const t = tsRound(net, data, ws, theta0, o.dt, tsReps);
        if (t >= o.minRound) {
          tsTimes.push(t / tsReps);
          break;
        }
        tsReps = Math.ceil((tsReps * 1.2 * o.minRound) / t);
      }
      for (;;) {
        const r = await peer.request(`round ${npReps}`);
        const t = Number(r.seconds);
        if (!Number.isFinite(t)) throw new Error(`numpy peer round failed: ${JSON.stringify(r)}`);
        if (t >= o.minRound) {
          npTimes.push(t / npReps);
          break;
        }
        npReps = Math.ceil((npReps * 1.2 * o.minRound) / t);
      }
    }
    await peer.close();
    const flops = flopsPerStep(size);
    const tsMed = median(tsTimes);
    const npMed = median(npTimes);
    return {
      ...size,
      flopsPerStep: flops,
      tanhPerStep: tanhPerStep(size),
      ts: { reps: tsReps, secondsPerStep: tsTimes, medianSecondsPerStep: tsMed, gflops: flops / tsMed / 1e9 },
      numpy: { reps: npReps, secondsPerStep: npTimes, medianSecondsPerStep: npMed, gflops: flops / npMed / 1e9 },
      ratioTsOverNumpy: tsMed / npMed,
      consistency,
    };
  } finally {
    peer.kill();
  }
}

function fmtMs(side: SideResult): string {
  const ms = side.secondsPerStep.map((s) => s * 1e3);
  const lo = Math.min(...ms);
  const hi = Math.max(...ms);
  const digits = (x: number): number => (x >= 100 ? 1 : x >= 10 ? 2 : 3);
  const f = (x: number): string => x.toFixed(digits(side.medianSecondsPerStep * 1e3));
  return `${f(side.medianSecondsPerStep * 1e3)} (${f(lo)}–${f(hi)})`;
}

/** The machine's float64 rate: numpy's n×n matmul, best of 5 (numpy_peer.py --peak); null when it fails. */
export interface Peak {
  n: number;
  seconds: number;
  gflops: number;
}

function measurePeak(python: string, script: string, env: NodeJS.ProcessEnv): Peak | null {
  try {
    const out = execFileSync(python, [script, '--peak'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const p = JSON.parse(out) as Peak;
    return Number.isFinite(p.gflops) ? p : null;
  } catch (err) {
    process.stderr.write(`warning: peak measurement failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return null;
  }
}

function renderTable(results: readonly SizeResult[], peak: Peak | null): string {
  const table = new Table({
    head: [
      'd,N,L,M',
      'TS ms/step\nmedian (min–max)',
      'numpy ms/step\nmedian (min–max)',
      'TS/numpy',
      'GFLOP/s\nTS',
      'GFLOP/s\nnumpy',
      'TS % of\npeak',
      'flops/step\n12·L·M·d·N',
      'tanh/step\nL·M·N',
    ],
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
    style: { head: [], border: [] },
  });
  for (const r of results) {
    table.push([
      `${r.d},${r.N},${r.L},${r.M}`,
      fmtMs(r.ts),
      fmtMs(r.numpy),
      r.ratioTsOverNumpy.toFixed(2),
      r.ts.gflops.toFixed(3),
      r.numpy.gflops.toFixed(3),
      peak ? `${((100 * r.ts.gflops) / peak.gflops).toFixed(1)} %` : '–',
      r.flopsPerStep.toExponential(2),
      r.tanhPerStep.toExponential(2),
    ]);
  }
  const peakLine = peak
    ? `float64 peak of this machine: ${peak.gflops.toFixed(1)} GFLOP/s (numpy ${peak.n}×${peak.n} matmul, best of 5, ${(peak.seconds * 1e3).toFixed(0)} ms)`
    : 'float64 peak: not measured';
  return `${table.toString()}\n${peakLine}`;
}

/** Writes `text` to `file` atomically: a temp file in the same directory, then rename. */
function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string' },
      rounds: { type: 'string' },
      'min-round': { type: 'string' },
      dt: { type: 'string' },
      seed: { type: 'string' },
      python: { type: 'string' },
      'blas-threads': { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(
      [
        'usage: node dist/bench/gdStep.bench.js [options]',
        '  --sizes "d,N,L,M;d,N,L,M"  sizes (default: ' + DEFAULT_SIZES.map((s) => `${s.d},${s.N},${s.L},${s.M}`).join(';') + ')',
        `  --rounds n                 rounds per side, ≥ 5 (default ${DEFAULTS.rounds})`,
        `  --min-round s              minimum seconds per round, ≥ 0.3 (default ${DEFAULTS.minRound})`,
        `  --dt ds                    training-time step, h = M·L·ds (default ${DEFAULTS.dt})`,
        `  --seed n                   init and data seed (default ${DEFAULTS.seed})`,
        '  --python cmd               python executable (default python3)',
        '  --blas-threads n           OPENBLAS_NUM_THREADS etc. for the numpy peer (default: numpy default)',
        '  --out file                 JSON results (default bench/results/gdStep.json)',
      ].join('\n'),
    );
    return;
  }
  const settings: Settings = {
    rounds: values.rounds ? parseIntegerFlag('--rounds', values.rounds, 5, 1000) : DEFAULTS.rounds,
    minRound: values['min-round'] ? parseNumberFlag('--min-round', values['min-round']) : DEFAULTS.minRound,
    dt: values.dt ? parseNumberFlag('--dt', values.dt) : DEFAULTS.dt,
    seed: values.seed ? parseIntegerFlag('--seed', values.seed, 0, Number.MAX_SAFE_INTEGER) : DEFAULTS.seed,
    warmup: DEFAULTS.warmup,
    python: values.python ?? 'python3',
    blasThreads: values['blas-threads'] ? parseIntegerFlag('--blas-threads', values['blas-threads'], 1, 1024) : null,
  };
  if (settings.minRound < 0.3) throw new Error(`--min-round=${settings.minRound} must be ≥ 0.3`);
  if (!(settings.dt > 0)) throw new Error(`--dt=${settings.dt} must be > 0`);
  const sizes = values.sizes ? parseSizes(values.sizes) : [...DEFAULT_SIZES];

  const peerScript = fileURLToPath(new URL('../../bench/numpy_peer.py', import.meta.url));
  const outFile = values.out ?? fileURLToPath(new URL('../../bench/results/gdStep.json', import.meta.url));
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (settings.blasThreads !== null) {
    for (const k of ['OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS']) env[k] = String(settings.blasThreads);
  }

  // The machine may be shared: record the load so that noisy figures can be recognised afterwards.
  const loadBefore = os.loadavg();
  if (loadBefore[0] > 0.5 * os.cpus().length) {
    process.stderr.write(`warning: 1-min load average ${loadBefore[0].toFixed(2)} on ${os.cpus().length} CPUs; timings will be noisy\n`);
  }
  process.stderr.write('float64 peak (numpy 2000×2000 matmul) ...\n');
  const peak = measurePeak(settings.python, peerScript, env);
  const results: SizeResult[] = [];
  for (const size of sizes) {
    process.stderr.write(`d=${size.d} N=${size.N} L=${size.L} M=${size.M} ...\n`);
    results.push(await benchSize(size, settings, env, peerScript));
  }
  console.log(renderTable(results, peak));
  const first = results[0]?.consistency ?? {};
  const report = {
    benchmark: 'gdStep',
    description:
      'median seconds per GD step (forward + adjoint + update), resnet-mf gdStep vs numpy peer; ' +
      'GFLOP/s = 12·L·M·d·N / time (tanh calls L·M·N not counted)',
    generatedAt: new Date().toISOString(),
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      logicalCpus: os.cpus().length,
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      python: first.python ?? null,
      numpy: first.numpy ?? null,
      loadAverageBefore: loadBefore,
      loadAverageAfter: os.loadavg(),
      float64Peak: peak,
    },
    settings,
    results,
  };
  const dir = join(outFile, '..');
  mkdirSync(dir, { recursive: true });
  writeAtomic(outFile, `${JSON.stringify(report, null, 2)}\n`);
  process.stderr.write(`wrote ${outFile}\n`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
