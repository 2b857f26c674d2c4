import { afterEach, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { predict } from '../../src/model/index.js';
import { initNetwork } from '../../src/init/index.js';
import { tanh } from '../../src/activations/index.js';
import { PLANT_ENV, PLANTED_BUG_IDS, PLANTED_BUGS, activePlantedBug, parsePlantedBug, resetPlantedBugSwitch, withPlantedBug } from '../../src/planted/index.js';

const saved = process.env[PLANT_ENV];
afterEach(() => {
  if (saved === undefined) delete process.env[PLANT_ENV];
  else process.env[PLANT_ENV] = saved;
  resetPlantedBugSwitch();
});

describe('the planted-bug switch', () => {
  it('is off by default and reads RESNET_MF_PLANT at first use', () => {
    delete process.env[PLANT_ENV];
    resetPlantedBugSwitch();
    expect(activePlantedBug()).toBeNull();
    process.env[PLANT_ENV] = 'drop-inv-L';
    expect(activePlantedBug()).toBeNull(); // read once, at first use
    resetPlantedBugSwitch();
    expect(activePlantedBug()).toBe('drop-inv-L');
    process.env[PLANT_ENV] = '';
    resetPlantedBugSwitch();
    expect(activePlantedBug()).toBeNull();
  });

  it('rejects an unknown id in RESNET_MF_PLANT, naming the variable and listing the valid ids', () => {
    process.env[PLANT_ENV] = 'no-such-bug';
    resetPlantedBugSwitch();
    expect(() => activePlantedBug()).toThrow(InvalidArgumentError);
    expect(() => activePlantedBug()).toThrow(/^RESNET_MF_PLANT="no-such-bug" must be one of drop-inv-L, double-inv-M, .*adjoint-no-identity$/);
  });

  it('parsePlantedBug names its field and accepts exactly the catalogue ids', () => {
    for (const id of PLANTED_BUG_IDS) expect(parsePlantedBug(id, '--plant')).toBe(id);
    expect(() => parsePlantedBug('Drop-inv-L', '--plant')).toThrow(/^--plant="Drop-inv-L" must be one of /);
    expect(() => parsePlantedBug(3, '--plant')).toThrow(InvalidArgumentError);
  });

  it('withPlantedBug sets the bug for the call and restores the previous one, also after a throw', () => {
    delete process.env[PLANT_ENV];
    resetPlantedBugSwitch();
    expect(withPlantedBug('wrong-dsigma', () => activePlantedBug())).toBe('wrong-dsigma');
    expect(activePlantedBug()).toBeNull();
    withPlantedBug('drop-inv-L', () => {
      expect(withPlantedBug(null, () => activePlantedBug())).toBeNull();
      expect(() => withPlantedBug('off-by-one-layer', () => {
        throw new Error('boom');
      })).toThrow('boom');
      expect(activePlantedBug()).toBe('drop-inv-L');
    });
    expect(activePlantedBug()).toBeNull();
    expect(() => withPlantedBug('nope' as never, () => 1)).toThrow(/^planted bug="nope" must be one of /);
  });

  it('changes the real computation only while planted', () => {
    const net = initNetwork({ d: 2, L: 4, M: 3, activation: tanh, init: 'linear', seed: 5 });
    const x = Float64Array.from([0.3, -0.2, 0.5, 0.1]);
    const before = predict(net, x, 2);
    const planted = withPlantedBug('drop-inv-L', () => predict(net, x, 2));
    expect(Array.from(planted)).not.toEqual(Array.from(before));
    expect(Array.from(predict(net, x, 2))).toEqual(Array.from(before));
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
