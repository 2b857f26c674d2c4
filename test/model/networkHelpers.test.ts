/**
 * The small helpers of src/model: parameter layout (neuronSize, neuronOffset, withTheta), the workspace size
 * check, scaledGradient (G = M L ∂E/∂θ, theory.md §1) and finalStates. Each is pinned by values stated here, not
 * recomputed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { initNetwork } from '../../src/init/index.js';
import {
  checkWorkspaceSize,
  createWorkspace,
  finalStates,
  forward,
  MAX_WORKSPACE_ENTRIES,
  neuronOffset,
  neuronSize,
  scaledGradient,
  withTheta,
} from '../../src/model/index.js';

describe('parameter layout (L, M, 2d+1)', () => {
  it('k = 2d + 1 and θ_{l,m} starts at (l M + m) k', () => {
    expect([1, 2, 5].map(neuronSize)).toEqual([3, 5, 11]);
    // d = 3 (k = 7), M = 4: layer 2, neuron 1 is neuron 9, at 63.
    expect(neuronOffset(2, 1, 4, 3)).toBe(63);
    expect(neuronOffset(0, 0, 4, 3)).toBe(0);
    expect(neuronOffset(1, 0, 5, 1)).toBe(15);
  });

  it('withTheta keeps d, L, M and σ, copies the readout and uses the new θ itself', () => {
    const net = initNetwork({ d: 2, L: 3, M: 2, activation: makeActivation({ name: 'tanh' }), init: 'linear', seed: 4 });
    const theta = new Float64Array(net.theta.length).fill(0.5);
    const copy = withTheta(net, theta);
    expect([copy.d, copy.L, copy.M, copy.activation]).toEqual([2, 3, 2, net.activation]);
    expect(copy.theta).toBe(theta);
    expect(Array.from(copy.readout)).toEqual(Array.from(net.readout));
    expect(copy.readout).not.toBe(net.readout);
  });
});

describe('checkWorkspaceSize', () => {
  const max = MAX_WORKSPACE_ENTRIES;
  it('accepts L·N·M and (L+1)·N·d equal to the limit, and checks (L+1), not L', () => {
    expect(() => checkWorkspaceSize(1, max - 1, 1, 1)).not.toThrow(); // L·N·M = max − 1, (L+1)·N·d = max
    expect(() => checkWorkspaceSize(1, max, 1, 1)).toThrow(InvalidArgumentError); // L·N·M = max, (L+1)·N·d = max + 1
    expect(() => checkWorkspaceSize(1, 1, max, 1)).not.toThrow(); // L·N·M = max, (L+1)·N·d = 2
  });
  it('refuses one entry more, naming the product and the limit', () => {
    expect(() => checkWorkspaceSize(1, 1, max + 1, 1)).toThrow(/^L·N·M=100000001 must be at most 100000000 \(the forward pass keeps r, σ\(r\) and σ'\(r\)/);
    expect(() => checkWorkspaceSize(1, 2, max / 2 + 1, 1)).toThrow(/L·N·M/);
    expect(() => checkWorkspaceSize(1, 2, max / 4 + 1, 2)).toThrow(/^L·N·M=100000004 /); // N counts too, as a factor
    expect(() => checkWorkspaceSize(2, 1, 1, max / 4 + 1)).toThrow(/^\(L\+1\)·N·d=100000004 must be at most 100000000 \(the states of every layer and sample\)/);
    expect(() => checkWorkspaceSize(2, 1, 1, max / 4)).not.toThrow();
  });
});

describe('scaledGradient', () => {
  it('is M L times each entry, in a new array', () => {
    const grad = Float64Array.of(1, -0.5, 0.25, 3);
    const G = scaledGradient(grad, 4, 3);
    expect(Array.from(G)).toEqual([12, -6, 3, 36]);
    expect(G).not.toBe(grad);
    expect(Array.from(grad)).toEqual([1, -0.5, 0.25, 3]);
  });
});

describe('finalStates', () => {
  it('is z_L of the forward pass, (N, d) row-major, and nothing else', () => {
    const net = initNetwork({ d: 2, L: 3, M: 4, activation: makeActivation({ name: 'tanh' }), init: 'linear', seed: 9 });
    const data = ball({ d: 2, N: 5, seed: 2 });
    const ws = createWorkspace(2, 3, 4, 5);
    forward(net, data.x, ws);
    const zL = finalStates(net, data.x, 5);
    expect(zL.length).toBe(10);
    expect(Array.from(zL)).toEqual(Array.from(ws.z.subarray(3 * 5 * 2)));
    // z_L differs from the input (the layers did something) and from z_{L−1}.
    expect(Array.from(zL)).not.toEqual(Array.from(data.x));
    expect(Array.from(zL)).not.toEqual(Array.from(ws.z.subarray(2 * 5 * 2, 3 * 5 * 2)));
  });
});
