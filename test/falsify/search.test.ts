import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { compileBound } from '../../src/falsify/bound.js';
import { measureQuantities } from '../../src/falsify/quantities.js';
import { applyMove, mutableFields, rank } from '../../src/falsify/anneal.js';
import { randomStream } from '../../src/init/index.js';
import {
  type FalsifyScenario,
  type ScenarioSpace,
  INTEGER_FIELDS,
  LOG_INTEGERS,
  REAL_FIELDS,
  gridIndex,
  gridRange,
  restrictSpace,
  scenarioArbitrary,
} from '../../src/falsify/scenarioSpace.js';
import { type FalsifyResult, type ViolationRecord, falsify } from '../../src/falsify/search.js';

/** A false conjecture that is cheap to measure (steps = 0, depth error only): depth error ≤ 50/L² (it is ≈ a/L). */
const bound = compileBound('err_depth <= 50/L^2');
const space = restrictSpace({ inits: ['linear'], activations: ['tanh', 'sin'], reals: { scale: [0.25, 1] }, ints: { steps: [0, 0], N: [1, 4], M: [1, 16] } });

type Falsified = Extract<FalsifyResult, { status: 'falsified' }>;
function run(strategy: 'targeted' | 'sample', seed: number, extra: Partial<Parameters<typeof falsify>[1]> = {}): Falsified {
  const r = falsify(bound, { strategy, budget: 200, seed, space, shrinkBudget: 40, ...extra });
  if (r.status !== 'falsified') throw new Error(`not falsified: ${JSON.stringify(r.best)}`);
  return r;
}

/** Distance of every field from its shrink target (the low end of its range, the first name, seed 0). */
function shrinkDistance(s: FalsifyScenario, sp: ScenarioSpace): number[] {
  const out: number[] = [];
  for (const f of INTEGER_FIELDS) out.push(LOG_INTEGERS.has(f) ? Math.log2((s[f] + 1) / (sp.ints[f][0] + 1)) : s[f] - sp.ints[f][0]);
  for (const f of REAL_FIELDS) out.push(gridIndex(s[f]) - gridRange(sp.reals[f][0], sp.reals[f][1])[0]);
  out.push(sp.activations.indexOf(s.activation), sp.inits.indexOf(s.init), sp.datasets.indexOf(s.dataset), s.seed);
  return out;
}

describe('falsify', () => {
  const records: ViolationRecord[] = [];
  const r = run('targeted', 3, { onViolation: (v) => records.push(v) });

  it('finds a violation, stores the first one before shrinking, and returns a minimal one that still violates', () => {
    expect(r.first.margin).toBeLessThan(0);
    expect(records.map((v) => v.stage)).toEqual(['first', 'minimal']);
    expect(records[0].scenario).toEqual(r.first.scenario);
    expect(records[0].evaluations).toBe(r.evaluations.toFirstViolation);
    expect(records[1].scenario).toEqual(r.minimal.scenario);
    expect(r.minimal.margin).toBeLessThan(0);
    expect(bound.margin(measureQuantities(r.minimal.scenario))).toBeLessThan(0);
    expect(r.evaluations.total).toBe(r.evaluations.search + r.evaluations.shrink + 1);
    expect(r.evaluations.shrink).toBeLessThanOrEqual(40);
  });

  it('shrinks: the minimal counterexample is no larger than the first violation in any field, and smaller in one', () => {
    const a = shrinkDistance(r.first.scenario, space);
    const b = shrinkDistance(r.minimal.scenario, space);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeLessThanOrEqual(a[i]);
    expect(b.reduce((x, y) => x + y, 0)).toBeLessThan(a.reduce((x, y) => x + y, 0));
    expect(r.minimal.numShrinks).toBeGreaterThan(0);
  });

  it('replays: a stored counterexample (JSON round trip) gives its margin bit for bit, and its fast-check path gives it back', () => {
    const stored = JSON.parse(JSON.stringify(records[1].scenario)) as FalsifyScenario;
    expect(Object.is(bound.margin(measureQuantities(stored)), records[1].margin)).toBe(true);
    const back = fc.check(
      fc.property(scenarioArbitrary(space), (s) => bound.margin(measureQuantities(s, bound.names)) >= 0),
      { seed: r.minimal.seed, path: r.minimal.path, examples: [[r.first.scenario]], endOnFailure: true },
    );
    expect(back.counterexample?.[0]).toEqual(r.minimal.scenario);
  });

  it('replays stored scenarios first: the violation is found at the first evaluation', () => {
    const again = run('targeted', 11, { replay: [r.minimal.scenario] });
    expect(again.first.source).toBe('replay');
    expect(again.evaluations.toFirstViolation).toBe(1);
  });

  it('is deterministic: the same seed gives the same result, for both strategies', () => {
    const b = run('targeted', 3);
    expect(b.evaluations).toEqual(r.evaluations);
    expect(b.minimal.scenario).toEqual(r.minimal.scenario);
    expect(Object.is(b.minimal.margin, r.minimal.margin)).toBe(true);
    expect(b.minimal.path).toBe(r.minimal.path);
    const s1 = run('sample', 3);
    const s2 = run('sample', 3);
    expect(s2.evaluations).toEqual(s1.evaluations);
    expect(s2.first.scenario).toEqual(s1.first.scenario);
  });

  it('returns the replay files of the minimal counterexample', () => {
    expect(r.minimal.files?.text.initial).toContain('"format":"resnet-mf/model@1"');
    expect(r.minimal.files?.text.data).toContain('"format":"resnet-mf/data@1"');
  });

  it('does not falsify a true bound (negative control) and spends exactly its budget', () => {
    for (const strategy of ['targeted', 'sample'] as const) {
      const t = falsify(compileBound('err_depth >= 0'), { strategy, budget: 30, seed: 1, space });
      expect(t.status).toBe('survived');
      expect(t.evaluations.search).toBe(30);
    }
  });

  it('rejects bad options by name', () => {
    expect(() => falsify(bound, { strategy: 'random' as 'sample', budget: 1, seed: 1 })).toThrow(InvalidArgumentError);
    expect(() => falsify(bound, { strategy: 'sample', budget: 0, seed: 1 })).toThrow(/budget/);
    expect(() => falsify(bound, { strategy: 'sample', budget: 5, seed: -1 })).toThrow(/seed/);
  });
});

describe('anneal moves', () => {
  it('move only the fields the bound depends on, stay in the space and on its grids', () => {
    expect(mutableFields(space, bound.names).sort()).toEqual(['L', 'M', 'N', 'activation', 'd', 'dataset', 'scale', 'seed'].sort());
    const rng = randomStream(1, 'test');
    const arb = scenarioArbitrary(space);
    let s = fc.sample(arb, { numRuns: 1, seed: 2 })[0];
    for (let i = 0; i < 300; i++) {
      const f = mutableFields(space)[i % mutableFields(space).length];
      const next = applyMove(s, { field: f, direction: i % 3 === 0 ? -1 : 1, step: 1 + (i % 4) }, space, rng);
      if (next === null) continue;
      expect(arb.canShrinkWithoutContext(next)).toBe(true);
      s = next;
    }
  });

  it('rank puts an exact zero margin last', () => {
    expect(rank(0)).toBe(Infinity);
    expect(rank(1e-300)).toBeLessThan(rank(0));
  });
});
