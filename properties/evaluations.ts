/**
 * Evaluation helper shared by the claims: the loss with its rounding bound at given parameters.
 */
import type { Dataset } from '../src/data/dataset.js';
import { forward, forwardErrorBound, lossFromOutputs, type Network, type Workspace } from '../src/model/index.js';

/** E(Θ) at `theta` and a bound on its float64 rounding error (model/roundingBound.ts). */
export function lossWithBound(net: Network, data: Dataset, theta: Float64Array, ws: Workspace): { E: number; dE: number } {
  const at: Network = { ...net, theta };
  forward(at, data.x, ws);
  const E = lossFromOutputs(ws.outputs, data.y);
  return { E, dE: forwardErrorBound(at, ws, data.y).loss };
}
