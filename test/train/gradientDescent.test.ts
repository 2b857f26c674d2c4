import { describe, expect, it } from 'vitest';
import { identity, tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { lossAndGradient } from '../../src/model/index.js';
import { createWorkspace } from '../../src/model/workspace.js';
import { gdStep, train } from '../../src/train/index.js';

describe('gradient descent in training time s', () => {
  const data = ball({ d: 2, N: 6, seed: 1 });
  const net = initNetwork({ d: 2, L: 5, M: 3, activation: tanh, init: 'linear', seed: 2 });

  it('one step is θ − h ∂E/∂θ with h = M L Δs, bit for bit', () => {
    const dt = 0.1;
    const run = train(net, data, { dt, steps: 1 });
    expect(run.status).toBe('completed');
    const { grad } = lossAndGradient(net, data);
    const h = net.M * net.L * dt;
    const expected = net.theta.map((t, p) => t - h * grad[p]);
    expect(Array.from(run.net.theta)).toEqual(Array.from(expected));
  });

  it('records K + 1 points at s = kΔs, and leaves the input network untouched', () => {
    const before = Float64Array.from(net.theta);
    const run = train(net, data, { dt: 0.05, steps: 4 });
    expect(run.trajectory.map((p) => p.s)).toEqual([0, 0.05, 0.1, 0.15000000000000002, 0.2]);
    expect(Array.from(net.theta)).toEqual(Array.from(before));
  });

  it('a diverging run stops with the step, layer and quantity of the first non-finite value', () => {
    const wild = initNetwork({ d: 2, L: 4, M: 2, activation: identity, init: 'linear', seed: 3, scale: 8 });
    const run = train(wild, data, { dt: 1e6, steps: 50 });
    expect(run.status).toBe('diverged');
    if (run.status !== 'diverged') return;
    expect(run.step).toBeGreaterThan(0);
    expect(run.message).toMatch(/^training diverged at step \d+: (state z_\d+, the output of layer l=\d+,|loss|(gradient|parameters) of layer l=\d+) is non-finite/);
    if (run.quantity !== 'loss') expect(run.layer).not.toBeNull();
    expect(run.trajectory.every((p) => Number.isFinite(p.E))).toBe(true);
  });

  it('an overflowing update stops the run at step 1 on the parameters, before any further evaluation', () => {
    // h = M L Δs = ∞: every θ − h·g is ±∞ or NaN, so the first bad parameter is in layer 0.
    const run = train(net, data, { dt: Number.MAX_VALUE, steps: 3 });
    expect(run.status).toBe('diverged');
    if (run.status !== 'diverged') return;
    expect([run.step, run.layer, run.quantity]).toEqual([1, 0, 'parameters']);
    expect(run.message).toBe('training diverged at step 1: parameters of layer l=0 is non-finite (reduce --dt or the initial scale)');
    expect(run.trajectory).toHaveLength(1);
    expect(run.trajectory[0].E).toBe(lossAndGradient(net, data).loss);
    expect(Number.isFinite(run.net.theta[0])).toBe(false);
  });

  it('gdStep returns E(θ) and moves θ to θ − h ∂E/∂θ (h = M L Δs) in place, bit for bit', () => {
    const dt = 0.05;
    const { loss, grad } = lossAndGradient(net, data);
    const h = net.M * net.L * dt;
    const moved = { ...net, theta: Float64Array.from(net.theta) };
    const E = gdStep(moved, data, createWorkspace(net.d, net.L, net.M, data.N), dt);
    expect(E).toBe(loss);
    expect(Array.from(moved.theta)).toEqual(Array.from(net.theta.map((t, p) => t - h * grad[p])));
  });
});
