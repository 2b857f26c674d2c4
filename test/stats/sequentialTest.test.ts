import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { randomStream } from '../../src/init/random.js';
import { clopperPearson } from '../../src/stats/binomial.js';
import {
  type SequentialPlan,
  decideAtLook,
  sequentialPlan,
  sequentialTest,
  sequentialTestAsync,
} from '../../src/stats/sequentialTest.js';

/**
 * Exact outcome probabilities of a plan when events have probability p: the law of k at each look among
 * the runs not yet stopped, propagated by the Bernoulli recursion (O(nMax²), no sampling).
 */
function exactOutcome(plan: SequentialPlan, p: number): { holds: number; fails: number; expectedN: number } {
  const nMax = plan.looks[plan.looks.length - 1]!;
  const dist = new Float64Array(nMax + 1);
  dist[0] = 1;
  let n = 0;
  let holds = 0;
  let fails = 0;
  let stoppedN = 0;
  for (const look of plan.looks) {
    for (; n < look; n++) {
      for (let k = n + 1; k >= 1; k--) dist[k] = dist[k]! * (1 - p) + dist[k - 1]! * p;
      dist[0] = dist[0]! * (1 - p);
    }
    for (let k = 0; k <= look; k++) {
      if (dist[k] === 0) continue;
      const d = decideAtLook(k, look, plan.p0, plan.levelPerLook).decision;
      if (d === 'continue') continue;
      if (d === 'holds') holds += dist[k]!;
      else fails += dist[k]!;
      stoppedN += look * dist[k]!;
      dist[k] = 0;
    }
  }
  return { holds, fails, expectedN: stoppedN + (1 - holds - fails) * nMax };
}

/** A driver for an arbitrary plan (used for the uncorrected negative control). */
function runPlan(plan: SequentialPlan, draw: () => boolean): 'holds' | 'fails' | 'undecided' {
  let k = 0;
  let n = 0;
  for (const look of plan.looks) {
    for (; n < look; n++) if (draw()) k++;
    const d = decideAtLook(k, n, plan.p0, plan.levelPerLook).decision;
    if (d !== 'continue') return d;
  }
  return 'undecided';
}

/** Wrong decisions among R seeded runs with event probability p (wrong = 'fails' if p ≥ p0, else 'holds'). */
function simulatedWrong(run: (draw: () => boolean) => string, p: number, p0: number, R: number, seed: number): number {
  const wrong = p >= p0 ? 'fails' : 'holds';
  let count = 0;
  for (let r = 0; r < R; r++) {
    const rng = randomStream(seed, 'test', 'sequential', String(p), String(r));
    if (run(() => rng.uniform() < p) === wrong) count++;
  }
  return count;
}

/**
 * "The wrong-decision rate is within the stated α": the 99.9 % Clopper–Pearson interval of the simulated rate
 * must reach down to α. A test with true rate ≤ α fails this with probability ≤ 0.0005 (one tail); the seeds
 * are fixed, so the outcome is the same on every run. With R = 2000 the margin above α is about
 * 3.1 sqrt(α(1 − α)/R) ≈ 0.015 at α = 0.05, so a rate of 0.15 (the uncorrected test) cannot pass.
 */
function withinAlpha(wrong: number, R: number, alpha: number): boolean {
  return clopperPearson(wrong, R, 0.999)[0] <= alpha;
}

const P0 = 0.9;
const ALPHA = 0.05;
const NMAX = 2000;
const plan = sequentialPlan({ p0: P0, alpha: ALPHA, nMax: NMAX });

describe('sequentialPlan', () => {
  it('looks at n0·2^j then nMax, n0 raised to where holds is reachable, level 1 − 2α/J', () => {
    const p = sequentialPlan({ p0: 0.9, alpha: 0.01, nMax: 1000 });
    expect(p.looks).toEqual([63, 126, 252, 504, 1000]);
    expect(p.levelPerLook).toBeCloseTo(1 - 0.02 / 5, 15);
    // At the first look, k = n reaches holds: lo = β^{1/n} ≥ p0.
    expect(decideAtLook(63, 63, 0.9, p.levelPerLook).decision).toBe('holds');
    expect(sequentialPlan({ p0: 0.5, nMax: 100, n0: 10, alpha: 0.05 }).looks).toEqual([10, 20, 40, 80, 100]);
    expect(sequentialPlan({ p0: 0.999, nMax: 100 }).looks).toEqual([100]);
  });

  it('refuses bad options, naming the field', () => {
    expect(() => sequentialPlan({ p0: 1, nMax: 10 })).toThrow(InvalidArgumentError);
    expect(() => sequentialPlan({ p0: 1, nMax: 10 })).toThrow(/^p0=1 must be a number in \(0, 1\)/);
    expect(() => sequentialPlan({ p0: 0.9, nMax: 0 })).toThrow(/^nMax=0 /);
    expect(() => sequentialPlan({ p0: 0.9, nMax: 10, alpha: 0 })).toThrow(/^alpha=0 /);
    expect(() => sequentialPlan({ p0: 0.9, nMax: 10, n0: 1.5 })).toThrow(/^n0=1.5 /);
  });
});

describe('sequentialTest: false-alarm rate', () => {
  // Exact (no sampling): P(wrong decision) ≤ α for p on the boundary, on each side near it, and far from it.
  it('has exact wrong-decision probability ≤ α for every p (three plans)', () => {
    const plans = [plan, sequentialPlan({ p0: 0.99, alpha: 0.01, nMax: 3000 }), sequentialPlan({ p0: 0.5, alpha: 0.05, nMax: 500 })];
    for (const pl of plans) {
      const eta = 1 - pl.p0;
      for (const f of [-0.9, -0.5, -0.2, -0.05, 0, 0.05, 0.2, 0.5, 0.9]) {
        const p = pl.p0 + f * Math.min(eta, pl.p0);
        const o = exactOutcome(pl, p);
        expect(p >= pl.p0 ? o.fails : o.holds).toBeLessThanOrEqual(pl.alpha);
      }
    }
  });

  // Seeded simulation of the function itself: 2000 runs at p = p0 and at p0 ± 0.02 (α = 0.05).
  it('has a simulated wrong-decision rate within α, agreeing with the exact value', () => {
    for (const p of [P0 - 0.02, P0, P0 + 0.02]) {
      const R = 2000;
      const wrong = simulatedWrong((draw) => sequentialTest(() => draw(), { p0: P0, alpha: ALPHA, nMax: NMAX }).status, p, P0, R, 21);
      expect(withinAlpha(wrong, R, ALPHA)).toBe(true);
      const exact = exactOutcome(plan, p);
      const [lo, hi] = clopperPearson(wrong, R, 0.999);
      const exactWrong = p >= P0 ? exact.fails : exact.holds;
      expect(lo <= exactWrong && exactWrong <= hi).toBe(true);
    }
  });

  // Negative control: the same looks without the Bonferroni split (each look at level 1 − 2α) raise the
  // false-alarm rate at p = p0 to ≈ 0.15 (exact); the same check must reject it.
  it('rejects the uncorrected test (repeated looks at the nominal level)', () => {
    const naive: SequentialPlan = { ...plan, levelPerLook: 1 - 2 * ALPHA };
    expect(exactOutcome(naive, P0).fails).toBeGreaterThan(2 * ALPHA);
    const wrong = simulatedWrong((draw) => runPlan(naive, draw), P0, P0, 2000, 22);
    expect(withinAlpha(wrong, 2000, ALPHA)).toBe(false);
  });
});

describe('sequentialTest: power and behaviour', () => {
  it('decides correctly far from p0 with high probability within the budget', () => {
    const strict = sequentialPlan({ p0: P0, alpha: 0.01, nMax: NMAX });
    expect(exactOutcome(strict, 0.95).holds).toBeGreaterThan(0.999);
    expect(exactOutcome(strict, 0.85).fails).toBeGreaterThan(0.999);
    // Simulated: 300 runs each side, all must decide correctly (exact miss probability < 10⁻³: P(≥ 1 miss)
    // < 0.3 would be too loose, so allow ≤ 3 misses: P(> 3 | mean 0.3) < 4·10⁻⁴).
    for (const [p, want] of [[0.95, 'holds'], [0.85, 'fails']] as const) {
      let ok = 0;
      for (let r = 0; r < 300; r++) {
        const rng = randomStream(23, 'test', 'power', String(p), String(r));
        if (sequentialTest(() => rng.uniform() < p, { p0: P0, alpha: 0.01, nMax: NMAX }).status === want) ok++;
      }
      expect(ok).toBeGreaterThanOrEqual(297);
    }
  });

  it('returns k, n, interval, looks; stops at a look; never claims holds from zero failures below reach', () => {
    const all = sequentialTest(() => true, { p0: 0.9, alpha: 0.01, nMax: 1000 });
    expect(all).toMatchObject({ status: 'holds', k: 63, n: 63, looksTaken: 1 });
    expect(all.interval[0]).toBeGreaterThanOrEqual(0.9);
    const none = sequentialTest(() => false, { p0: 0.9, alpha: 0.01, nMax: 1000 });
    expect(none).toMatchObject({ status: 'fails', k: 0, n: 63 });
    // 40 successes in 40 runs do not establish P ≥ 0.9 at α = 0.01 (one look: lo = 0.01^{1/40} = 0.891);
    // 50 in 50 do (lo = 0.01^{1/50} = 0.912).
    const small = sequentialTest(() => true, { p0: 0.9, alpha: 0.01, nMax: 40 });
    expect(small).toMatchObject({ status: 'undecided', reason: 'budget', k: 40, n: 40 });
    expect(sequentialTest(() => true, { p0: 0.9, alpha: 0.01, nMax: 50 })).toMatchObject({ status: 'holds', n: 50 });
    const seen: number[] = [];
    sequentialTest((i) => (seen.push(i), i % 10 !== 0), { p0: 0.9, alpha: 0.01, nMax: 300 });
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i));
  });

  it('is deterministic given the seed', () => {
    const run = () => {
      const rng = randomStream(5, 'test', 'replay');
      return sequentialTest(() => rng.uniform() < 0.91, { p0: 0.9, nMax: 4000 });
    };
    expect(run()).toEqual(run());
  });
});

describe('sequentialTestAsync', () => {
  it('agrees with the synchronous test on the same outcomes', async () => {
    const outcome = (i: number) => randomStream(7, 'test', 'async', String(i)).uniform() < 0.95;
    const sync = sequentialTest(outcome, { p0: 0.9, nMax: 2000 });
    const batched = await sequentialTestAsync(
      async (start, count) => {
        let k = 0;
        for (let i = start; i < start + count; i++) if (outcome(i)) k++;
        return k;
      },
      { p0: 0.9, nMax: 2000, maxBatch: 50 },
    );
    expect(batched).toEqual(sync);
  });

  it('stops when aborted, keeping the counts so far', async () => {
    // Batches of 25 cut at the first look n1 = 64: 25, 25, 14 | 25, 25, then the abort.
    const controller = new AbortController();
    let batches = 0;
    const res = await sequentialTestAsync(
      (_start, count) => {
        if (++batches === 5) controller.abort();
        return count - 1;
      },
      { p0: 0.9, nMax: 2000, maxBatch: 25, signal: controller.signal },
    );
    expect(res.plan.looks[0]).toBe(64);
    expect(res).toMatchObject({ status: 'undecided', reason: 'aborted', n: 114, k: 109 });
    expect(res.interval[0]).toBeGreaterThan(0.85);
  });

  it('refuses a batch count outside [0, count]', async () => {
    await expect(sequentialTestAsync(() => 99, { p0: 0.9, nMax: 100, maxBatch: 10 })).rejects.toThrow(
      /^sampleBatch result=99 must be an integer in \[0, 10\]/,
    );
  });
});
