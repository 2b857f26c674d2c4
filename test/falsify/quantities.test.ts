import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dataFromValue, modelFromValue } from '../../src/data/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { loss } from '../../src/model/index.js';
import { QUANTITY_DOCS, QUANTITY_NAMES, measureQuantities, scenarioModelAndData } from '../../src/falsify/quantities.js';
import {
  DEFAULT_SPACE,
  type FalsifyScenario,
  checkScenario,
  logInteger,
  logReal,
  restrictSpace,
  scenarioArbitrary,
  scenarioCost,
} from '../../src/falsify/scenarioSpace.js';

const base: FalsifyScenario = {
  d: 2, N: 4, L: 8, M: 8, activation: 'tanh', delta: 0.5, init: 'linear', scale: 1, dataset: 'ball', yScale: 1,
  dt: 0.25, steps: 4, seed: 3, eps: 0.125, eta: 0.25,
};

describe('measureQuantities', () => {
  it('documents every name', () => {
    for (const n of QUANTITY_NAMES) expect(QUANTITY_DOCS[n].length).toBeGreaterThan(20);
  });

  it('is deterministic bit for bit, and asking for fewer names leaves the others unchanged', () => {
    const a = measureQuantities(base);
    const b = measureQuantities(JSON.parse(JSON.stringify(base)) as FalsifyScenario);
    const some = measureQuantities(base, ['E', 'err_depth']);
    for (const n of QUANTITY_NAMES) expect(Object.is(a[n], b[n])).toBe(true);
    for (const n of ['E', 'E0', 'err_depth', 'grad_norm', 'displacement'] as const) expect(Object.is(some[n], a[n])).toBe(true);
    expect(some.E_ref).toBeNaN();
    expect(a.s).toBe(1);
    expect(a.E).toBeLessThan(a.E0); // a gentle step on tanh decreases the loss
    expect(a.displacement).toBeGreaterThan(0);
  });

  it('gives E = E0, zero displacement at steps = 0; the seed changes the measurement', () => {
    const q = measureQuantities({ ...base, steps: 0 }, ['E']);
    expect(q.E).toBe(q.E0);
    expect(q.displacement).toBe(0);
    expect(measureQuantities({ ...base, seed: 4 }, ['E']).E).not.toBe(measureQuantities(base, ['E']).E);
  });

  it('measures a first-order depth error for linear paths: L·err_depth settles as L doubles', () => {
    const e = [16, 32, 64, 128].map((L) => L * measureQuantities({ ...base, L, steps: 0 }, ['err_depth']).err_depth);
    for (let i = 1; i < e.length; i++) expect(Math.abs(e[i] / e[i - 1] - 1)).toBeLessThan(0.1);
    expect(e[3]).toBeGreaterThan(0);
  });

  it('the forward bound: for i.i.d. layers with |σ| ≤ 1, err_depth = max|z_L − x| ≤ max|u| (negative control: identity σ exceeds it)', () => {
    const s = { ...base, init: 'iid' as const, scale: 0.5, steps: 0 };
    for (let seed = 0; seed < 5; seed++) expect(measureQuantities({ ...s, seed }, ['err_depth']).err_depth).toBeLessThanOrEqual(4.29);
    const wild = measureQuantities({ ...s, activation: 'identity', scale: 4, L: 1, M: 1, seed: 2 }, ['err_depth']).err_depth;
    expect(wild).toBeGreaterThan(0.5 * 4); // unbounded σ: no such bound at scale 0.5·8
  });

  it('measures a width error that shrinks with M on average over seeds', () => {
    const rms = (M: number): number => {
      let s2 = 0;
      for (let seed = 0; seed < 6; seed++) s2 += measureQuantities({ ...base, M, seed, L: 2, N: 4 }, ['err_width']).err_width ** 2;
      return Math.sqrt(s2 / 6);
    };
    expect(rms(64)).toBeLessThan(rms(2));
  });

  it('reports a blow-up as +Infinity (huge Δs on an unbounded activation)', () => {
    const q = measureQuantities({ ...base, activation: 'identity', scale: 4, dt: 64, steps: 64, yScale: 4 }, ['E']);
    expect(q.E).toBe(Infinity);
  });
});

describe('scenarioModelAndData', () => {
  it('writes model and data that evaluate to the measured E, bit for bit (and Θ(0) to E0)', () => {
    const q = measureQuantities(base, ['E']);
    const files = scenarioModelAndData(base);
    const data = dataFromValue(files.data);
    expect(loss(modelFromValue(files.model), data)).toBe(q.E);
    expect(loss(modelFromValue(files.initial), data)).toBe(q.E0);
    expect(JSON.parse(files.text.data)).toEqual(files.data);
  });
});

describe('scenario space', () => {
  it('draws within the box and under the cost cap', () => {
    const space = restrictSpace({ ints: { L: [4, 64] }, activations: ['tanh', 'sin'] });
    for (const s of fc.sample(scenarioArbitrary(space), { numRuns: 200, seed: 1 })) {
      expect(s.L).toBeGreaterThanOrEqual(4);
      expect(s.L).toBeLessThanOrEqual(64);
      expect(['tanh', 'sin']).toContain(s.activation);
      expect(scenarioCost(s)).toBeLessThanOrEqual(space.maxCost);
      expect(checkScenario(s)).toEqual(s);
    }
  });

  it('reaches every integer and grid real, so any targeted scenario can be shrunk', () => {
    const L = logInteger(1, 256);
    for (let v = 1; v <= 256; v++) expect(L.canShrinkWithoutContext(v)).toBe(true);
    expect(L.canShrinkWithoutContext(257)).toBe(false);
    const steps = logInteger(0, 64);
    for (let v = 0; v <= 64; v++) expect(steps.canShrinkWithoutContext(v)).toBe(true);
    const dt = logReal(2 ** -6, 4);
    for (let k = -24; k <= 8; k++) expect(dt.canShrinkWithoutContext(2 ** (k / 4))).toBe(true);
    expect(dt.canShrinkWithoutContext(0.3)).toBe(false);
  });

  it('fast-check shrinks an example handed to it to the boundary of the failure', () => {
    const ex: FalsifyScenario = { ...base, d: 3, L: 200, M: 2, activation: 'sin', init: 'iid', scale: 2, seed: 12345 };
    expect(scenarioArbitrary().canShrinkWithoutContext(ex)).toBe(true);
    const r = fc.check(fc.property(scenarioArbitrary(), (s) => s.L < 100), { examples: [[ex]], seed: 1, numRuns: 1 });
    expect(r.failed).toBe(true);
    const min = (r.counterexample as [FalsifyScenario])[0];
    expect(min.L).toBe(100);
    expect(min.M).toBe(DEFAULT_SPACE.ints.M[0]);
    expect(min.seed).toBe(0);
  });

  it('checkScenario names the bad field', () => {
    expect(() => checkScenario({ ...base, L: 0 })).toThrow(/scenario\.L/);
    expect(() => checkScenario({ ...base, activation: 'relu' })).toThrow(/scenario\.activation/);
    expect(() => checkScenario({ ...base, extra: 1 })).toThrow(/scenario\.extra/);
    expect(() => checkScenario({ ...base, dt: Number.NaN })).toThrow(/scenario\.dt/);
    expect(() => checkScenario(null)).toThrow(InvalidArgumentError);
  });

  it('restrictSpace only narrows', () => {
    expect(restrictSpace({ ints: { L: [1, 1000] } }).ints.L).toEqual([1, 256]);
    expect(() => restrictSpace({ ints: { L: [300, 400] } })).toThrow(/L/);
    expect(() => restrictSpace({ activations: ['cubic'] })).toThrow(/activations/);
  });
});
