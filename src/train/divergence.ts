/**
 * Detection of non-finite values during training, located by quantity and layer.
 */
import type { Network } from '../model/network.js';
import type { Workspace } from '../model/workspace.js';

export interface NonFiniteReport {
  step: number;
  layer: number | null;
  quantity: 'state z' | 'loss' | 'gradient' | 'parameters';
  message: string;
}

/**
 * The first non-finite quantity after an evaluation at `step`: states z_l (by layer), then the loss, then
 * the gradient (by layer); with ws = null only the parameters are checked. null when all are finite.
 */
export function findNonFinite(net: Network, ws: Workspace | null, E: number, step: number): NonFiniteReport | null {
  const { d, M } = net;
  const k = 2 * d + 1;
  const where = (quantity: NonFiniteReport['quantity'], layer: number | null): string => {
    if (layer === null) return `${quantity} is non-finite`;
    if (quantity === 'state z') return `state z_${layer + 1}, the output of layer l=${layer}, is non-finite`;
    return `${quantity} of layer l=${layer} is non-finite`;
  };
  const report = (quantity: NonFiniteReport['quantity'], layer: number | null): NonFiniteReport => ({
    step,
    layer,
    quantity,
    message: `training diverged at step ${step}: ${where(quantity, layer)} (reduce --dt or the initial scale)`,
  });
  if (ws === null) {
    const l = firstBadBlock(net.theta, M * k);
    return l === null ? null : report('parameters', l);
  }
  // z_0 = x is finite (validated), so a non-finite block z_k has k ≥ 1 and is the output of layer k − 1.
  const zBlock = firstBadBlock(ws.z, ws.N * d);
  if (zBlock !== null) return report('state z', Math.max(0, zBlock - 1));
  if (!Number.isFinite(E)) return report('loss', null);
  const gLayer = firstBadBlock(ws.grad, M * k);
  return gLayer === null ? null : report('gradient', gLayer);
}

/** Index of the first block (of `blockSize` entries) that holds a non-finite value, or null. */
function firstBadBlock(values: Float64Array, blockSize: number): number | null {
  for (let p = 0; p < values.length; p++) {
    if (!Number.isFinite(values[p])) return Math.floor(p / blockSize);
  }
  return null;
}
