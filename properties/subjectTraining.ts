/**
 * Loss curves of a subject's own gradient descent (Subject.train, its own loop and learning-rate rule), measured
 * by resnet-mf: the subject returns Θ at each checkpoint, resnet-mf evaluates E(Θ) and its rounding bound with
 * its own forward pass (the reference evaluation), so the curve is the subject's training and nothing else.
 * Shared by the training claims (depth-training, step-order, curve-collapse).
 */
import type { Dataset } from '../src/data/dataset.js';
import { createWorkspace, type Network } from '../src/model/index.js';
import { type Subject, nonFiniteEntry } from '../src/subject/index.js';
import { lossWithBound } from './evaluations.js';

/** E at Θ_0 and at each checkpoint, and the rounding floor of these values; or where training diverged. */
export type SubjectCurve = { E: Float64Array; floor: number } | { diverged: string };

/**
 * How the checkpoints are asked for: `start`, one request with a case per checkpoint, each K_j steps from Θ_0 (the
 * subject's whole K-step loop runs, so a schedule, momentum or other state within a request shows; Σ K_j steps);
 * `chained`, one request per checkpoint, each continuing from the Θ the previous one returned (K steps in all; plain
 * GD has no state besides Θ, so K₁ steps then K₂ − K₁ steps are K₂ steps, which a subject with state breaks).
 */
export type CheckpointRequests = 'start' | 'chained';

/**
 * The loss of `subject`'s GD from `net` at step size Δs = `dt`, after 0 and after each of `checkpoints` steps. The
 * floor is (K + 1)·max(δE(Θ_0), δE(Θ_K)), K the last checkpoint, δE the rounding bound of one loss evaluation
 * (model/roundingBound.ts): an estimate, as the GD steps add parameter rounding.
 * @param checkpoints increasing step counts ≥ 1
 * @returns `diverged` naming the checkpoint and the entry when a Θ has a non-finite entry or E is not finite
 * @throws SubjectError when the subject fails to answer
 */
export function subjectLossCurve(subject: Subject, net: Network, data: Dataset, dt: number, checkpoints: readonly number[], requests: CheckpointRequests): SubjectCurve {
  const ws = createWorkspace(net.d, net.L, net.M, data.N);
  const E = new Float64Array(checkpoints.length + 1);
  const first = lossWithBound(net, data, net.theta, ws);
  E[0] = first.E;
  const fromStart = requests === 'start' ? subject.train(checkpoints.map((steps) => ({ net, data, dt, steps }))) : null;
  let at: Network = net;
  let last = 0;
  let dE = first.dE;
  for (const [j, k] of checkpoints.entries()) {
    const theta = fromStart ? fromStart[j] : subject.train([{ net: at, data, dt, steps: k - last }])[0];
    const bad = nonFiniteEntry(theta, net);
    if (bad) return { diverged: `θ${bad} after ${k} steps` };
    at = { ...net, theta };
    const { E: e, dE: bound } = lossWithBound(at, data, theta, ws);
    if (!Number.isFinite(e)) return { diverged: `E = ${e} after ${k} steps` };
    E[j + 1] = e;
    last = k;
    if (j === checkpoints.length - 1) dE = Math.max(dE, bound);
  }
  return { E, floor: (last + 1) * dE };
}
