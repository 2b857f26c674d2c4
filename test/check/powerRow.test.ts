/**
 * One family's row of `resnet-mf power` (src/cli/powerCommand.ts familyRow, powerFailure) against a fake
 * evaluation: the target boundary, the complete run at the answer, and a contradiction that is an error, never a row.
 */
import { describe, expect, it } from 'vitest';
import { familyRow, powerFailure, targetDelta } from '../../src/cli/powerCommand.js';
import { BUG_FAMILIES, DELTA_LADDER, type PlantName, gradedPart } from '../../src/planted/index.js';
import type { PowerEvaluation } from '../../src/report/powerJournal.js';

const law = BUG_FAMILIES.find((f) => f.id === 'path-time') as (typeof BUG_FAMILIES)[number];
const exact = BUG_FAMILIES.find((f) => f.id === 'learning-rate') as (typeof BUG_FAMILIES)[number];

/** A fake evaluation: caught (by `claim`) exactly when δ ≥ threshold; records what was asked. */
function fake(threshold: number, asked: { plant: PlantName; complete: boolean }[], completeCatches = true) {
  return async (plant: PlantName, complete: boolean): Promise<PowerEvaluation> => {
    asked.push({ plant, complete });
    const delta = (gradedPart(plant) as { delta: number }).delta;
    const hit = delta >= threshold && (!complete || completeCatches);
    return {
      plant, stopping: !complete,
      cells: [
        { claim: 'init-law', status: hit ? 'fail' : 'pass', runs: 1, message: hit ? 'caught' : '', seconds: 0 },
        { claim: 'gd-step', status: hit && !complete ? 'stopped' : 'pass', runs: 0, message: '', seconds: 0 },
      ],
    };
  };
}

describe('familyRow', () => {
  it('meets the target when caught exactly at it (0.1 for a law, 1e-6 for an exact family), not one rung above', async () => {
    expect(targetDelta(law)).toBe(0.1);
    expect(targetDelta(exact)).toBe(1e-6);
    const atTarget = await familyRow(law, fake(0.1, []));
    expect(atTarget).toMatchObject({ smallest: 0.1, notCaughtAt: 0.03, meetsTarget: true, caughtBy: ['init-law'] });
    expect((await familyRow(law, fake(0.3, []))).meetsTarget).toBe(false);
    expect((await familyRow(exact, fake(1e-6, []))).meetsTarget).toBe(true);
    expect((await familyRow(exact, fake(3e-6, []))).meetsTarget).toBe(false);
  });

  it('lists the catchers from a complete run at the smallest caught δ, after stopping runs only', async () => {
    const asked: { plant: PlantName; complete: boolean }[] = [];
    const row = await familyRow(law, fake(0.1, asked));
    expect(asked.filter((a) => a.complete)).toEqual([{ plant: 'path-time@0.1', complete: true }]);
    expect(asked.at(-1)).toEqual({ plant: 'path-time@0.1', complete: true });
    expect(row.evaluated.every((e) => DELTA_LADDER.includes(e.delta))).toBe(true);
    expect(row.evaluated).toContainEqual({ delta: 0.03, caught: false, firstCatch: null });
  });

  it('a family not caught at δ = 1 has no smallest δ and no catchers', async () => {
    expect(await familyRow(law, fake(2, []))).toMatchObject({ smallest: null, notCaughtAt: 1, caughtBy: [], meetsTarget: false });
  });

  it('refuses to report a row when the complete run contradicts the stopping runs', async () => {
    await expect(familyRow(law, fake(0.1, [], false))).rejects.toThrow(/the complete run of path-time@0.1 caught nothing/);
  });
});

describe('powerFailure', () => {
  const ok = { smallest: 1e-8, meetsTarget: true };
  it('fails on a baseline that did not pass (a false alarm or an undecided run), then on a missed target', () => {
    expect(powerFailure({ baseline: { plant: 'layer-scale@0', falseAlarms: [], cells: [] }, families: [ok as never] })).toBeNull();
    expect(powerFailure({ baseline: { plant: 'layer-scale@0', falseAlarms: ['gd-step'], cells: [] }, families: [ok as never] })).toMatch(/baseline did not pass gd-step/);
    expect(powerFailure({ baseline: { plant: 'layer-scale@0', falseAlarms: [], cells: [] }, families: [{ id: 'path-time', meetsTarget: false } as never] })).toBe('families not caught at their target δ: path-time');
  });
});
