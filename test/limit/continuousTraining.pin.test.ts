/**
 * Pins src/limit/continuousTraining.ts: depthGridTrajectory is exactly the loss trajectory of GD on the depth-L
 * grid (initNetwork 'linear' with the options' seed, scale — default 1 — and learning-rate rule), and
 * continuousTraining returns exactly s_k = kΔs, E = 2 E_2L − E_L, ε = |E_2L − E_L|, the two grids and L_ref, or
 * the divergence status of the grid that diverged; every refusal names its field. All comparisons are exact
 * (toEqual/toBe): both sides run the same deterministic computation or the documented one-operation formula.
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { initNetwork } from '../../src/init/index.js';
import { continuousTraining, depthGridTrajectory } from '../../src/limit/continuousTraining.js';
import { train } from '../../src/train/index.js';

const data = ball({ d: 2, N: 3, seed: 8 });
const base = { M: 3, activation: tanh, seed: 6, data, dt: 0.1, steps: 4 };

/** The loss trajectory of GD on the depth-L grid, as documented. */
function gd(L: number, scale = 1, learningRate?: (M: number, L: number, dt: number) => number): number[] {
  const net = initNetwork({ d: 2, L, M: 3, activation: tanh, init: 'linear', seed: 6, scale });
  const run = train(net, data, { dt: 0.1, steps: 4, ...(learningRate ? { learningRate } : {}) });
  return run.trajectory.map((p) => p.E);
}

describe('depthGridTrajectory', () => {
  it('is the GD loss trajectory of the depth-L grid (default scale 1, given scale, given rule)', () => {
    const t = depthGridTrajectory(base, 3);
    expect(t).toBeInstanceOf(Float64Array);
    expect(Array.from(t as Float64Array)).toEqual(gd(3));
    expect(Array.from(depthGridTrajectory({ ...base, scale: 0.5 }, 3) as Float64Array)).toEqual(gd(3, 0.5));
    const rule = (M: number, L: number, dt: number) => M * dt;
    expect(Array.from(depthGridTrajectory({ ...base, learningRate: rule }, 3) as Float64Array)).toEqual(gd(3, 1, rule));
    // The controls differ from the default (so each option is seen).
    expect(gd(3, 0.5)[4]).not.toBe(gd(3)[4]);
    expect(gd(3, 1, rule)[4]).not.toBe(gd(3)[4]);
  });

  it('refuses steps not an integer in [1, 10^6] and dt ≤ 0, naming the field', () => {
    expect(() => depthGridTrajectory({ ...base, steps: 0 }, 2)).toThrow('steps=0 must be an integer in [1, 1000000]');
    expect(() => depthGridTrajectory({ ...base, steps: 1.5 }, 2)).toThrow(InvalidArgumentError);
    expect(() => depthGridTrajectory({ ...base, steps: 1_000_001 }, 2)).toThrow(/^steps=/);
    expect(() => depthGridTrajectory({ ...base, dt: 0 }, 2)).toThrow('dt=0 must be a number > 0');
    expect(depthGridTrajectory({ ...base, steps: 1 }, 2)).toHaveLength(2);
  });

  it('reports divergence as a status with the depth and train’s message', () => {
    const r = depthGridTrajectory({ ...base, dt: 1e306 }, 2);
    expect(r).not.toBeInstanceOf(Float64Array);
    const net = initNetwork({ d: 2, L: 2, M: 3, activation: tanh, init: 'linear', seed: 6 });
    const run = train(net, data, { dt: 1e306, steps: 4 });
    expect(run.status).toBe('diverged');
    expect(r).toEqual({ status: 'diverged', L: 2, message: run.status === 'diverged' ? run.message : '' });
  });
});

describe('continuousTraining', () => {
  it('returns s_k = kΔs, E = 2 E_2L − E_L, ε = |E_2L − E_L|, both grids and L_ref', () => {
    const r = continuousTraining({ ...base, Lref: 3 });
    if (r.status !== 'completed') throw new Error(r.message);
    const [coarse, fine] = [gd(3), gd(6)];
    expect(Array.from(r.coarse)).toEqual(coarse);
    expect(Array.from(r.fine)).toEqual(fine);
    expect(Array.from(r.s)).toEqual([0, 0.1, 0.2, 0.30000000000000004, 0.4]);
    expect(Array.from(r.E)).toEqual(coarse.map((c, k) => 2 * fine[k] - c));
    expect(Array.from(r.error)).toEqual(coarse.map((c, k) => Math.abs(fine[k] - c)));
    expect(r.Lref).toBe(3);
    expect(r.error.every((e) => e > 0)).toBe(true);
  });

  it('a diverging coarse grid is returned as its status (L = L_ref); a diverging fine grid with L = 2 L_ref', () => {
    const coarseFails = continuousTraining({ ...base, Lref: 2, dt: 1e306 });
    expect(coarseFails).toMatchObject({ status: 'diverged', L: 2 });
    // A rule that blows up only on the fine grid.
    const rule = (M: number, L: number, dt: number) => (L === 4 ? 1e306 : M * L * dt);
    const fineFails = continuousTraining({ ...base, Lref: 2, learningRate: rule });
    expect(fineFails).toMatchObject({ status: 'diverged', L: 4 });
    expect((fineFails as { message: string }).message.length).toBeGreaterThan(0);
  });

  it('refuses L_ref outside the integers [1, 10^6] and an empty data set, naming the field', () => {
    expect(() => continuousTraining({ ...base, Lref: 0 })).toThrow('Lref=0 must be an integer in [1, 1000000]');
    expect(() => continuousTraining({ ...base, Lref: 2.5 })).toThrow(/^Lref=2.5/);
    expect(() => continuousTraining({ ...base, Lref: 1_000_001 })).toThrow(/^Lref=/);
    const empty = { ...data, N: 0, x: new Float64Array(0), y: new Float64Array(0) };
    expect(() => continuousTraining({ ...base, Lref: 1, data: empty })).toThrow('data.N=0 must be at least 1 sample');
    expect(() => continuousTraining({ ...base, Lref: 1, steps: 0 })).toThrow(/^steps=0/);
    const one = continuousTraining({ ...base, Lref: 1, steps: 1 });
    expect(one).toMatchObject({ status: 'completed', Lref: 1 });
    // One sample is a data set (the check is N ≥ 1, not N > 1).
    const single = { d: 2, N: 1, x: data.x.slice(0, 2), y: data.y.slice(0, 1) };
    expect(continuousTraining({ ...base, Lref: 1, steps: 1, data: { ...data, ...single } })).toMatchObject({ status: 'completed', Lref: 1 });
  });
});
