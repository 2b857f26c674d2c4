import { describe, expect, it } from 'vitest';
import { compileBound } from '../../src/falsify/bound.js';
import { CATALOGUE_BUDGET, CATALOGUE_SHRINK_BUDGET, CONJECTURES, findConjecture } from '../../src/falsify/conjectures.js';
import { measureQuantities } from '../../src/falsify/quantities.js';
import { restrictSpace } from '../../src/falsify/scenarioSpace.js';
import { falsify } from '../../src/falsify/search.js';

const SEED = 1;

describe('the conjecture catalogue', () => {
  it('has at least 3 supported and 5 false conjectures, each compiling over a valid space', () => {
    expect(CONJECTURES.filter((c) => c.expected === 'supported').length).toBeGreaterThanOrEqual(3);
    expect(CONJECTURES.filter((c) => c.expected === 'false').length).toBeGreaterThanOrEqual(5);
    expect(new Set(CONJECTURES.map((c) => c.id)).size).toBe(CONJECTURES.length);
    for (const c of CONJECTURES) {
      expect(compileBound(c.bound).names.length).toBeGreaterThan(0);
      expect(restrictSpace(c.space).maxCost).toBeGreaterThan(0);
      expect(c.rationale).toMatch(/theory\.md §\d/);
    }
    expect(() => findConjecture('nope')).toThrow(/conjecture/);
  });

  for (const c of CONJECTURES.filter((x) => x.expected === 'false')) {
    it(`falsifies ${c.id}: ${c.bound} (ci budget, targeted), and the shrunk counterexample replays its violation`, () => {
      const bound = compileBound(c.bound);
      const r = falsify(bound, { strategy: 'targeted', budget: CATALOGUE_BUDGET.ci, seed: SEED, space: c.space, shrinkBudget: CATALOGUE_SHRINK_BUDGET.ci, withoutFiles: true });
      expect(r.status).toBe('falsified');
      if (r.status !== 'falsified') return;
      const replayed = bound.margin(measureQuantities(JSON.parse(JSON.stringify(r.minimal.scenario))));
      expect(Object.is(replayed, r.minimal.margin)).toBe(true);
      expect(replayed >= 0).toBe(false);
    });
  }

  for (const c of CONJECTURES.filter((x) => x.expected === 'supported')) {
    it(`does not falsify ${c.id}: ${c.bound} (ci budget, both strategies, 2 seeds)`, () => {
      for (const strategy of ['targeted', 'sample'] as const) {
        for (const seed of [SEED, SEED + 1]) {
          const r = falsify(compileBound(c.bound), { strategy, budget: CATALOGUE_BUDGET.ci, seed, space: c.space, withoutFiles: true });
          expect(r.status).toBe('survived');
          if (r.status === 'survived') expect(r.evaluations.search).toBe(CATALOGUE_BUDGET.ci);
        }
      }
    });
  }
});
