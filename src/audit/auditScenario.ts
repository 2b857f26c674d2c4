/**
 * The accuracy audit of one generated scenario (src/check/scenarios.ts): builds its network and data and
 * runs auditNetwork on them.
 */
import { type Scenario, buildScenario } from '../check/index.js';
import { type AuditOptions, type NetworkAudit, auditNetwork } from './auditNetwork.js';

/**
 * Float64 against decimal at P digits (and 2P, unless `checkReference` is false) for the outputs, loss,
 * gradient and K-step trajectory of scenario `s`.
 * @param opts - P in [20, 200], K = `steps` ≥ 0, Δs = `dt` > 0 (trusted: validate at the boundary).
 * @returns see auditNetwork.
 * @example auditScenario({ d: 2, N: 3, L: 4, M: 4, activation: 'tanh', delta: 0.5, init: 'linear', scale: 1,
 *   dataset: 'ball', seed: 1 }, { P: 50, steps: 5, dt: 0.05 })
 */
export function auditScenario(s: Scenario, opts: AuditOptions): NetworkAudit {
  const { net, data } = buildScenario(s);
  return auditNetwork(net, data, opts);
}
