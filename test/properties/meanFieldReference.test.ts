/** The large-width reference shared by claims 3 and 21 (properties/widthTraining.ts meanFieldReference). */
import { describe, expect, it } from 'vitest';
import { largeWidthReference } from '../../src/limit/index.js';
import { M_REF, REF_SEEDS, type WidthTrainingScenario, meanFieldReference, referenceSeed, widthTrainingSetting } from '../../properties/widthTraining.js';

const scenario: WidthTrainingScenario = { d: 1, N: 3, L: 2, activation: 'tanh', scale: 0.5, dataset: 'ball', seed: 11 };

describe('meanFieldReference', () => {
  it('is largeWidthReference of the mean-field setting, bit for bit, computed once per scenario and worker thread', () => {
    const direct = largeWidthReference(widthTrainingSetting(scenario), M_REF, Array.from({ length: REF_SEEDS }, (_, k) => referenceSeed(scenario, k)), true);
    const first = meanFieldReference(scenario);
    expect(first).toEqual(direct);
    // The control's scenario (lazy scaling, fewer seeds) has the same reference: the mean-field one.
    expect(meanFieldReference({ ...scenario, lazy: true, seeds: 64 })).toBe(first);
    // Every field the reference depends on is in the key: changing one gives another reference.
    const variants: Partial<WidthTrainingScenario>[] = [{ scale: 0.6 }, { seed: 12 }, { activation: 'sigmoid' }, { L: 3 }, { N: 4 }, { d: 2 }];
    for (const change of variants) {
      const other = meanFieldReference({ ...scenario, ...change });
      expect(other, JSON.stringify(change)).not.toBe(first);
      expect(other.E[other.E.length - 1], JSON.stringify(change)).not.toBe(first.E[first.E.length - 1]);
    }
  });
});
