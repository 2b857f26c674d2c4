/**
 * The planted bugs as subjects (src/planted): how they are named, what each changes, and that nothing else
 * changes — the library's own computations are the same before, during and after a planted subject answers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { initNetwork } from '../../src/init/index.js';
import { makeActivation, tanh } from '../../src/activations/index.js';
import { loadDataset } from '../../src/data/index.js';
import { lossAndGradient, type Network } from '../../src/model/index.js';
import { CAPABILITIES, INTERNALS, builtinSubject } from '../../src/subject/index.js';
import { PLANT_ENV, PLANTED_BUG_IDS, PLANTED_BUGS, parsePlantedBug, plantedBugFromEnvironment, plantedBugOfCommand, plantedSubject } from '../../src/planted/index.js';

const saved = process.env[PLANT_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[PLANT_ENV];
  else process.env[PLANT_ENV] = saved;
});

const netOf = (activation = tanh, L = 4, M = 3): Network => initNetwork({ d: 2, L, M, activation, init: 'linear', seed: 5 });
const data = loadDataset('ball', { d: 2, N: 5, seed: 2 });
const same = (a: Float64Array, b: Float64Array) => a.length === b.length && a.every((v, p) => Object.is(v, b[p]));

describe('naming a planted bug', () => {
  it('RESNET_MF_PLANT is read at every call: unset or empty is none', () => {
    delete process.env[PLANT_ENV];
    expect(plantedBugFromEnvironment()).toBeNull();
    process.env[PLANT_ENV] = 'drop-inv-L';
    expect(plantedBugFromEnvironment()).toBe('drop-inv-L');
    process.env[PLANT_ENV] = '';
    expect(plantedBugFromEnvironment()).toBeNull();
  });

  it('rejects an unknown id in RESNET_MF_PLANT, naming the variable and listing the valid ids', () => {
    process.env[PLANT_ENV] = 'no-such-bug';
    expect(() => plantedBugFromEnvironment()).toThrow(InvalidArgumentError);
    expect(() => plantedBugFromEnvironment()).toThrow(/^RESNET_MF_PLANT="no-such-bug" must be one of drop-inv-L, double-inv-M, .*adjoint-no-identity, or <family>@<δ> of a graded family \(layer-scale, .*state-rounding\)$/);
  });

  it('--plant wins over RESNET_MF_PLANT; parsePlantedBug names its field and accepts exactly the catalogue ids', () => {
    process.env[PLANT_ENV] = 'drop-inv-L';
    expect(plantedBugOfCommand('wrong-dsigma')).toBe('wrong-dsigma');
    expect(plantedBugOfCommand(undefined)).toBe('drop-inv-L');
    for (const id of PLANTED_BUG_IDS) expect(parsePlantedBug(id, '--plant')).toBe(id);
    expect(() => parsePlantedBug('Drop-inv-L', '--plant')).toThrow(/^--plant="Drop-inv-L" must be one of /);
    expect(() => parsePlantedBug(3, '--plant')).toThrow(InvalidArgumentError);
  });

  it('has one catalogue entry per id, each with where, description and at least one catching claim', () => {
    expect(PLANTED_BUGS.map((b) => b.id)).toEqual([...PLANTED_BUG_IDS]);
    expect(PLANTED_BUGS.length).toBeGreaterThanOrEqual(12);
    for (const b of PLANTED_BUGS) {
      expect(b.where).toMatch(/src\//);
      expect(b.description.length).toBeGreaterThan(20);
      expect(b.caughtBy.length).toBeGreaterThan(0);
    }
  });
});

describe('a planted subject', () => {
  it('has the capabilities of any subject and not resnet-mf\'s internals; one object per bug', () => {
    for (const id of PLANTED_BUG_IDS) {
      const subject = plantedSubject(id);
      expect(subject.capabilities).toEqual([...CAPABILITIES]);
      expect(subject.capabilities).not.toContain(INTERNALS);
      expect(subject.name).toContain(id);
      expect(plantedSubject(id)).toBe(subject);
    }
  });

  it('differs from resnet-mf\'s own implementation in what its bug changes', () => {
    const net = netOf();
    const softplusNet = { ...netOf(makeActivation({ name: 'softplus' })), theta: netOf().theta.map((v) => 400 * v) };
    const own = builtinSubject.evaluate([{ net, data }], true)[0];
    const init = { d: 2, L: 5, M: 7, scale: 1, seed: 9 };
    for (const id of PLANTED_BUG_IDS) {
      const subject = plantedSubject(id);
      const ev = subject.evaluate([{ net, data }], true)[0];
      const differs =
        !same(ev.outputs, own.outputs) ||
        !same(ev.grad as Float64Array, own.grad as Float64Array) ||
        !same(subject.train([{ net, data, dt: 0.1, steps: 1 }])[0], builtinSubject.train([{ net, data, dt: 0.1, steps: 1 }])[0]) ||
        !same(subject.init([init])[0], builtinSubject.init([init])[0]) ||
        !same(subject.evaluate([{ net: softplusNet, data }], false)[0].outputs, builtinSubject.evaluate([{ net: softplusNet, data }], false)[0].outputs);
      expect(differs, id).toBe(true);
    }
  });

  it('leaves the library\'s own computations alone: the kernel gives the same bits before and after every planted subject answered', () => {
    const net = netOf();
    const before = lossAndGradient(net, data);
    const initBefore = initNetwork({ d: 2, L: 4, M: 3, activation: tanh, init: 'linear', seed: 5 }).theta;
    for (const id of PLANTED_BUG_IDS) {
      plantedSubject(id).evaluate([{ net, data }], true);
      plantedSubject(id).init([{ d: 2, L: 4, M: 3, scale: 1, seed: 5 }]);
    }
    const after = lossAndGradient(net, data);
    expect(same(after.grad, before.grad) && same(after.outputs, before.outputs)).toBe(true);
    expect(same(initNetwork({ d: 2, L: 4, M: 3, activation: tanh, init: 'linear', seed: 5 }).theta, initBefore)).toBe(true);
  });

  it('biased-gaussian draws from resnet-mf\'s own uniforms with the radius √(−log U): every entry is the correct draw divided by √2', () => {
    const c = { d: 1, L: 3, M: 4, scale: 1, seed: 11 };
    const right = builtinSubject.init([c])[0];
    const biased = plantedSubject('biased-gaussian').init([c])[0];
    for (let p = 0; p < right.length; p++) expect(biased[p]).toBeCloseTo(right[p] / Math.SQRT2, 14);
  });

  it('iid-init-for-paths draws resnet-mf\'s i.i.d. layers: not affine along depth', () => {
    const theta = plantedSubject('iid-init-for-paths').init([{ d: 1, L: 3, M: 2, scale: 1, seed: 4 }])[0];
    const k = 3;
    // θ_1 − θ_0 ≠ θ_2 − θ_1 for a path a + (l/L) c
    const secondDifference = theta[2 * 2 * k] - 2 * theta[2 * k] + theta[0];
    expect(Math.abs(secondDifference)).toBeGreaterThan(1e-3);
  });

  it('lr-without-ML steps with h = Δs: its step is the correct step divided by M L', () => {
    const net = netOf();
    const dt = 0.05;
    const theta = plantedSubject('lr-without-ML').train([{ net, data, dt, steps: 1 }])[0];
    const correct = builtinSubject.train([{ net, data, dt: dt / (net.M * net.L), steps: 1 }])[0];
    for (let p = 0; p < theta.length; p++) expect(theta[p]).toBeCloseTo(correct[p], 14);
  });
});
