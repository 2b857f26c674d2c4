/**
 * Benchmark: the generic network in decimal (forward + loss + adjoint gradient) at P = 50, 100, 200 digits,
 * at d = 2, N = 8, L = 16, M = 16 with tanh (goal at P = 50: under 1 s), beside the same call on float64.
 * Run: npm run bench:decimal. Prints a table and writes bench/results/decimal.json atomically.
 */
import { mkdirSync } from 'node:fs';
import writeFileAtomic from 'write-file-atomic';
import { tanh } from '../src/activations/index.js';
import { ball } from '../src/data/index.js';
import { initNetwork } from '../src/init/index.js';
import { genericLossAndGradient } from '../src/model/index.js';
import { type Backend, decimalBackend, float64Backend } from '../src/numeric/index.js';

const SIZE = { d: 2, N: 8, L: 16, M: 16 };
const PRECISIONS = [50, 100, 200];
const REPEATS = 3;

const net = initNetwork({ ...SIZE, activation: tanh, init: 'linear', seed: 1 });
const data = ball({ d: SIZE.d, N: SIZE.N, seed: 1 });

/** Median time of `repeats` calls, each on a fresh backend (so no memo carries over between calls). */
function medianSeconds<T>(makeBackend: () => Backend<T>, repeats: number): number {
  const times: number[] = [];
  for (let k = 0; k < repeats; k++) {
    const backend = makeBackend();
    const t0 = performance.now();
    genericLossAndGradient(backend, net, data);
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const rows: { arithmetic: string; seconds: number; ratioToP50?: number }[] = [];
medianSeconds(() => float64Backend, 3); // warm-up
rows.push({ arithmetic: 'float64 (generic)', seconds: medianSeconds(() => float64Backend, 20) });
for (const P of PRECISIONS) rows.push({ arithmetic: `decimal(${P})`, seconds: medianSeconds(() => decimalBackend(P), REPEATS) });
const p50 = rows.find((r) => r.arithmetic === 'decimal(50)')?.seconds ?? NaN;
for (const r of rows) r.ratioToP50 = r.seconds / p50;

console.log(`generic forward + gradient, d=${SIZE.d} N=${SIZE.N} L=${SIZE.L} M=${SIZE.M}, tanh, median of ${REPEATS}`);
console.log('arithmetic            seconds   × decimal(50)');
for (const r of rows) console.log(`${r.arithmetic.padEnd(20)} ${r.seconds.toFixed(4).padStart(9)}   ${(r.ratioToP50 ?? NaN).toFixed(3).padStart(8)}`);
mkdirSync('bench/results', { recursive: true });
writeFileAtomic.sync(
  'bench/results/decimal.json',
  `${JSON.stringify({ size: SIZE, activation: 'tanh', node: process.version, date: new Date().toISOString(), rows }, null, 2)}\n`,
);
