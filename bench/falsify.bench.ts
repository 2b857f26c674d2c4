/**
 * Benchmark of the falsifier (issue 7, item 5): for every false conjecture of the catalogue, over SEEDS seeds,
 * the number of model evaluations until the first violation for the targeted search and for plain fast-check
 * sampling, both with the same budget. A run that finds nothing is censored at the budget: it counts as
 * budget + 1 in the median, so a median that is censored (more than half the runs censored) is only a lower
 * bound, and so is a ratio whose sample median is censored. Per conjecture: both medians, the censored counts,
 * the ratio median(sample) / median(targeted); then the median of the ratios over the conjectures.
 * Run: npm run bench:falsify [-- --seeds 15 --budget 300]. Prints a table and writes bench/results/falsify.json
 * atomically.
 */
import { mkdirSync } from 'node:fs';
import Table from 'cli-table3';
import writeFileAtomic from 'write-file-atomic';
import { compileBound } from '../src/falsify/bound.js';
import { CATALOGUE_BUDGET, CONJECTURES } from '../src/falsify/conjectures.js';
import { type Strategy, falsify } from '../src/falsify/search.js';
import { parseIntegerFlag } from '../src/validate.js';

function flag(name: string, fallback: number, max: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : parseIntegerFlag(`--${name}`, process.argv[i + 1] ?? '', 1, max);
}
const SEEDS = flag('seeds', 15, 1000);
const BUDGET = flag('budget', CATALOGUE_BUDGET.ci, 100_000);

/** Median of xs (the mean of the two middle values for an even count). */
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return (s[(n - 1) >> 1] + s[n >> 1]) / 2;
}

interface StrategyFigures {
  /** Evaluations until the first violation per seed; budget + 1 when censored. */
  evaluations: number[];
  censored: number;
  median: number;
  /** True when at least half the runs are censored: the median is then a lower bound. */
  medianCensored: boolean;
  seconds: number;
}

function measure(bound: string, space: (typeof CONJECTURES)[number]['space'], strategy: Strategy): StrategyFigures {
  const compiled = compileBound(bound);
  const evaluations: number[] = [];
  const t0 = performance.now();
  for (let seed = 1; seed <= SEEDS; seed++) {
    const r = falsify(compiled, { strategy, budget: BUDGET, seed, space, shrinkBudget: 0, withoutFiles: true });
    evaluations.push(r.status === 'falsified' ? r.evaluations.toFirstViolation : BUDGET + 1);
  }
  const censored = evaluations.filter((e) => e > BUDGET).length;
  return { evaluations, censored, median: median(evaluations), medianCensored: 2 * censored >= SEEDS, seconds: (performance.now() - t0) / 1000 };
}

const rows = CONJECTURES.filter((c) => c.expected === 'false').map((c) => {
  const targeted = measure(c.bound, c.space, 'targeted');
  const sample = measure(c.bound, c.space, 'sample');
  const ratio = sample.median / targeted.median;
  return { id: c.id, bound: c.bound, targeted, sample, ratio, ratioIsLowerBound: sample.medianCensored };
});
const medianRatio = median(rows.map((r) => r.ratio));
/**
 * Conjectures violated almost everywhere (plain sampling finds them within TAIL_MIN evaluations, median) say little
 * about search: both strategies find them in a few draws. The median ratio over the others is reported beside.
 */
const TAIL_MIN = 20;
const tail = rows.filter((r) => r.sample.median >= TAIL_MIN);
const medianRatioTail = tail.length > 0 ? median(tail.map((r) => r.ratio)) : NaN;

const fmt = (f: StrategyFigures): string => `${f.medianCensored ? '>' : ''}${f.median}`;
const table = new Table({ head: ['conjecture', 'bound', 'targeted median', 'sample median', 'censored t / s', 'ratio s/t'] });
for (const r of rows) {
  table.push([r.id, r.bound, fmt(r.targeted), fmt(r.sample), `${r.targeted.censored} / ${r.sample.censored}`, `${r.ratioIsLowerBound ? '≥ ' : ''}${r.ratio.toFixed(2)}`]);
}
console.log(`model evaluations until the first violation, ${SEEDS} seeds, budget ${BUDGET} (censored runs count as ${BUDGET + 1})`);
console.log(table.toString());
console.log(`median over the ${rows.length} false conjectures of median(sample)/median(targeted): ${medianRatio.toFixed(2)} (target ≥ 5)`);
console.log(`median over the ${tail.length} whose violations sampling needs ≥ ${TAIL_MIN} evaluations to find (${tail.map((r) => r.id).join(', ')}): ${medianRatioTail.toFixed(2)}`);

mkdirSync('bench/results', { recursive: true });
writeFileAtomic.sync(
  'bench/results/falsify.json',
  `${JSON.stringify({ seeds: SEEDS, budget: BUDGET, censoredAs: BUDGET + 1, node: process.version, date: new Date().toISOString(), rows, medianRatio, tailMin: TAIL_MIN, tail: tail.map((r) => r.id), medianRatioTail }, null, 2)}\n`,
);
