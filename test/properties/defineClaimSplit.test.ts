/**
 * A claim run split into its scenarios (Claim.runScenario, combined by combineVerdict) gives exactly the
 * verdict of the whole run (Claim.run): status, runs, worst figures, undecided count, rate report, and on
 * failure the shrunk counterexample, its path and message. This is what `check --workers N`, `check --shard`
 * and `report merge` rest on. Compared through the lossless JSON of src/check/checkUnit.ts (key order,
 * NaN, −0 and ±Infinity included), so "equal" means equal bits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLossless, encodeLossless } from '../../src/check/checkUnit.js';
import { combineVerdict, endsRun, recordOfScenarios, type ScenarioOutcome } from '../../src/check/combineVerdict.js';
import { CLAIMS, type Claim, defineClaim, type Measurement, type Profile, type Verdict } from '../../properties/index.js';

/** The verdict of a run assembled from its scenarios run one by one, stopping at the first that ends it. */
function splitRun(claim: Claim, profile: Profile, seed: number, control: boolean, numRuns: number): { verdict: Verdict; outcomes: ScenarioOutcome[] } {
  const outcomes: ScenarioOutcome[] = [];
  for (let i = 0; i < numRuns; i++) {
    // through the lossless codec, as a worker thread or a shard report hands it over
    const o = decodeLossless(encodeLossless(claim.runScenario({ profile, seed, control, index: i }))) as ScenarioOutcome;
    outcomes.push(o);
    if (endsRun(o)) break;
  }
  return { verdict: combineVerdict({ claim, profile, seed, control }, recordOfScenarios(outcomes, numRuns)), outcomes };
}

/** A synthetic claim exercising every branch: examples, undecided scenarios, NaN and ignored figures, rates, throws, shrinking. */
interface S {
  n: number;
  xs: number[];
}
function syntheticClaim(opts: { threshold: number; controlThreshold: number; undecidedBelow: number; examples: S[] }): Claim {
  const measure = (s: S, threshold: number): Measurement => {
    if (s.n % 101 === 7) throw new Error(`planted throw at n = ${s.n}`);
    const exponent = s.n / 1000 - 0.5;
    return {
      ok: s.n <= threshold,
      decided: s.n >= opts.undecidedBelow,
      reason: s.n % 2 === 0 ? 'even and small' : 'odd and small',
      detail: `n = ${s.n}, threshold ${threshold}`,
      figures: { n: s.n, negSum: -s.xs.reduce((a, b) => a + Math.abs(b), 0), sometimesNaN: s.n % 5 === 0 ? NaN : s.xs.length, notDeclared: 1, zero: s.n % 2 === 0 ? -0 : 0 },
      rate: {
        quantity: 'e', size: 'L', claimed: 0, band: 0.1, used: [2, 4, 8], referenceError: 0,
        fit: { exponent, lo: exponent - 0.1, hi: exponent + 0.1, level: 0.99, prefactor: 1, standardError: 0.05, method: 'synthetic' },
        points: [{ n: 2, e: 1, floor: 0 }],
      },
    };
  };
  return defineClaim<S, number>({
    id: 'synthetic', catalogue: null, title: 'synthetic', source: 'test', assumptions: [], tolerance: 'none',
    budget: { quick: 20, ci: 20, full: 20 },
    statisticalDecisions: 0,
    scenarios: () => fc.record({ n: fc.integer({ min: 0, max: 1000 }), xs: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 4 }) }),
    examples: () => opts.examples,
    figures: { n: { worst: 'max', description: '' }, negSum: { worst: 'min', description: '' }, sometimesNaN: { worst: 'max', description: '' }, zero: { worst: 'min', description: '' } },
    measure: (s, threshold) => measure(s, threshold),
    nominal: opts.threshold,
    control: { description: 'lower threshold', subject: opts.controlThreshold },
  });
}

describe('a claim run split into scenarios equals the whole run', () => {
  it('on a synthetic claim over 40 seeds and 4 settings, reaching every kind of verdict (pass, fail, threw, inconclusive, failing example)', () => {
    const settings = [
      { threshold: 960, controlThreshold: 300, undecidedBelow: 0, examples: [{ n: 3, xs: [0.5] }] },
      { threshold: 990, controlThreshold: 500, undecidedBelow: 550, examples: [] },
      { threshold: 950, controlThreshold: 100, undecidedBelow: 0, examples: [{ n: 2, xs: [] }, { n: 999, xs: [-0, 1] }] },
      { threshold: 1000, controlThreshold: 1000, undecidedBelow: 1, examples: [] },
    ];
    const seen = new Set<string>();
    for (const [k, setting] of settings.entries()) {
      const claim = syntheticClaim(setting);
      for (let seed = 1; seed <= 40; seed++) {
        for (const control of [false, true]) {
          const whole = claim.run({ profile: 'ci', seed, control });
          const { verdict, outcomes } = splitRun(claim, 'ci', seed, control, 20);
          expect(encodeLossless(verdict), `setting ${k}, seed ${seed}, control ${control}`).toBe(encodeLossless(whole));
          seen.add(whole.status === 'fail' ? (whole.message.startsWith('threw') ? 'threw' : whole.path.split(':')[0] === '0' && setting.examples.length > 1 ? 'example' : 'fail') : whole.status);
          if (whole.status === 'fail') {
            const f = outcomes.length - 1;
            expect(whole.path.split(':')[0]).toBe(String(f)); // the failing scenario is the path's first step
            expect(whole.runs).toBe(outcomes.filter((o) => o.measured).length);
          } else {
            expect(outcomes).toHaveLength(20);
          }
        }
      }
    }
    expect([...seen].sort()).toEqual(['example', 'fail', 'inconclusive', 'pass', 'threw']);
  });

  it('the index matters: scenario i alone is run i of the whole run, not another draw', () => {
    const claim = syntheticClaim({ threshold: 1000, controlThreshold: 1000, undecidedBelow: 0, examples: [] });
    const ns = Array.from({ length: 8 }, (_, i) => claim.runScenario({ profile: 'ci', seed: 5, index: i }).measured?.figures.n);
    expect(new Set(ns).size).toBeGreaterThan(4);
    const sampled = fc.sample(fc.record({ n: fc.integer({ min: 0, max: 1000 }), xs: fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { maxLength: 4 }) }), { seed: 5, numRuns: 8 });
    expect(ns).toEqual(sampled.map((s) => s.n));
  });

  // Measured (quick profile, this machine): the whole registry split and whole takes ~100 s, nearly all of it in
  // the claims below; the rest takes ~8 s. The CLI tests cover the slow ones' plumbing.
  const SLOW = new Set(['width-training', 'displacement', 'zero-loss', 'quantile-scaling', 'init-variance', 'width-rate', 'gradient-decimal', 'float64-accuracy']);
  const cheap = CLAIMS.filter((c) => !SLOW.has(c.id));
  it.each(cheap.map((c) => [c.id, c] as const))('registry claim %s (quick profile, nominal and control)', (_id, claim) => {
    for (const control of [false, true]) {
      const whole = claim.run({ profile: 'quick', seed: 20261129, control });
      const { verdict } = splitRun(claim, 'quick', 20261129, control, claim.budget.quick);
      expect(encodeLossless(verdict)).toBe(encodeLossless(whole));
      if (control) expect(whole.status).toBe('fail');
    }
  });

  it('a control failing after a scenario that did not fail, under the ci profile: init-variance (undecided, then fails at its 2nd)', () => {
    const claim = CLAIMS.find((c) => c.id === 'init-variance') as Claim;
    const whole = claim.run({ profile: 'ci', seed: 20261129, control: true });
    const { verdict } = splitRun(claim, 'ci', 20261129, true, claim.budget.ci);
    expect(whole.status).toBe('fail');
    expect(whole.runs).toBeGreaterThan(1);
    expect(encodeLossless(verdict)).toBe(encodeLossless(whole));
  });
});

describe('lossless JSON', () => {
  it('keeps NaN, ±Infinity and −0, and re-encodes to the same JSON as the original', () => {
    const value = { a: [NaN, Infinity, -Infinity, -0, 0, 1.5], b: { c: -0 }, t: new Float64Array([1, -0]), u: undefined };
    const back = decodeLossless(encodeLossless(value)) as { a: number[]; b: { c: number } };
    expect(back.a.map((x) => (Object.is(x, -0) ? '-0' : String(x)))).toEqual(['NaN', 'Infinity', '-Infinity', '-0', '0', '1.5']);
    expect(Object.is(back.b.c, -0)).toBe(true);
    expect(JSON.stringify(back)).toBe(JSON.stringify(value));
    expect(encodeLossless(back)).toBe(encodeLossless(value));
    expect(() => decodeLossless('{not json')).toThrow(SyntaxError);
  });
});
