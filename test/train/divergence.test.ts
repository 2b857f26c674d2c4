/**
 * findNonFinite (src/train/divergence.ts): a NaN or ±∞ planted in θ, z, the loss or the gradient at a known
 * layer must be reported with that quantity, that layer and a message naming both; the order of the checks
 * (states, then the loss, then the gradient) is the documented one.
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { initNetwork } from '../../src/init/index.js';
import { createWorkspace } from '../../src/model/workspace.js';
import { findNonFinite } from '../../src/train/index.js';

const [d, L, M, N] = [2, 4, 3, 5];
const k = 2 * d + 1;
const net = initNetwork({ d, L, M, activation: tanh, init: 'linear', seed: 4 });
const tail = '(reduce --dt or the initial scale)';

function finiteWorkspace() {
  const ws = createWorkspace(d, L, M, N);
  ws.z.fill(0.5);
  ws.grad.fill(-0.25);
  return ws;
}

describe('findNonFinite', () => {
  it('finds nothing when every value is finite', () => {
    expect(findNonFinite(net, finiteWorkspace(), 0.75, 3)).toBeNull();
    expect(findNonFinite(net, null, 0, 3)).toBeNull();
  });

  it('parameters: a NaN at the last entry of layer 2 (and one in layer 3) is reported as layer 2', () => {
    const theta = Float64Array.from(net.theta);
    theta[3 * M * k] = Infinity;
    theta[2 * M * k + M * k - 1] = NaN;
    expect(findNonFinite({ ...net, theta }, null, 0, 7)).toEqual({
      step: 7,
      layer: 2,
      quantity: 'parameters',
      message: `training diverged at step 7: parameters of layer l=2 is non-finite ${tail}`,
    });
  });

  it('state z: ∞ in the block z_3 is the output of layer 2; states come before the loss and the gradient', () => {
    const ws = finiteWorkspace();
    ws.z[4 * N * d + 1] = NaN;
    ws.z[3 * N * d + N * d - 1] = Infinity;
    ws.grad[0] = NaN;
    expect(findNonFinite(net, ws, NaN, 2)).toEqual({
      step: 2,
      layer: 2,
      quantity: 'state z',
      message: `training diverged at step 2: state z_3, the output of layer l=2, is non-finite ${tail}`,
    });
    const first = finiteWorkspace();
    first.z[N * d] = -Infinity;
    expect(findNonFinite(net, first, 1, 0)).toMatchObject({ layer: 0, quantity: 'state z', message: `training diverged at step 0: state z_1, the output of layer l=0, is non-finite ${tail}` });
  });

  it('loss: a non-finite E with finite states is the loss, with no layer; it comes before the gradient', () => {
    const ws = finiteWorkspace();
    ws.grad[5] = NaN;
    expect(findNonFinite(net, ws, Infinity, 3)).toEqual({
      step: 3,
      layer: null,
      quantity: 'loss',
      message: `training diverged at step 3: loss is non-finite ${tail}`,
    });
  });

  it('gradient: −∞ at the last entry of layer 1 is reported as layer 1', () => {
    const ws = finiteWorkspace();
    ws.grad[3 * M * k] = NaN;
    ws.grad[M * k + M * k - 1] = -Infinity;
    expect(findNonFinite(net, ws, 0.5, 4)).toEqual({
      step: 4,
      layer: 1,
      quantity: 'gradient',
      message: `training diverged at step 4: gradient of layer l=1 is non-finite ${tail}`,
    });
  });
});
