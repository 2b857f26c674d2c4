/**
 * Shrinking the worst case of an audit to a smaller scenario that is at least as inaccurate.
 *
 * The property "bits(s) < worstBits" fails on the worst scenario by construction. fast-check is started
 * on it and shrinks it: each smaller candidate that still reaches worstBits becomes the new counterexample.
 * bits(s) is the max bits of error over all quantities against the P-digit reference (no 2P check: the
 * candidates are only compared).
 *
 * How fast-check is started on the worst scenario: not as an `examples` entry. A value passed as an example
 * has no shrink context, and the scenario arbitrary cannot shrink a value without one (its log-grid scales
 * are `.map`s without an inverse), so fast-check would not shrink at all. Instead the worst scenario is
 * regenerated with its context: the audit draws its scenarios with fc.sample(arb, { seed, numRuns }), whose
 * i-th value is the value of run i of fc.check(…, { seed }), so `path: String(i)` with numRuns 1 starts the
 * check at exactly that scenario (verified on the first call).
 *
 * Budget: shrinking could try hundreds of candidates at up to seconds each, so at most `budget` candidates
 * are evaluated; after that the property answers "not a counterexample" without computing, fast-check
 * runs out of candidates at once, and the smallest counterexample found so far is the result. The budget
 * counts evaluations (not time), so a seed gives the same result on any machine. Candidates that differ
 * only in fields the network ignores (δ unless the activation is the regularised ReLU, d on Iris) are
 * answered from a cache and not counted: fast-check often steps through them.
 *
 * Replay: fc.check(fc.property(arb, bitsBelowWorst), { seed, path }) walks straight to the shrunk scenario
 * (the path's first step is the worst scenario's index i), without the budget.
 */
import fc from 'fast-check';
import type { Scenario } from '../check/index.js';
import { type AuditOptions, type NetworkAudit, type Quantity } from './auditNetwork.js';
import { auditScenario } from './auditScenario.js';

export interface ShrinkResult {
  /** The smallest scenario found that reaches worstBits (the worst scenario itself if none smaller did). */
  scenario: Scenario;
  /** Its max bits of error (≥ worstBits) and where. */
  bits: number;
  quantity: Quantity;
  /** fast-check's replay data: seed and counterexample path (its first step is the worst scenario's index). */
  seed: number;
  path: string;
  /** True when the shrunk scenario differs from the worst only in fields its network ignores (δ, d on Iris). */
  sameNetwork: boolean;
  /** Successful shrink steps, candidates evaluated, and whether the budget ran out. */
  numShrinks: number;
  evaluations: number;
  budgetExhausted: boolean;
}

export interface ShrinkOptions extends Omit<AuditOptions, 'checkReference'> {
  seed: number;
  /** Most candidates evaluated (≥ 0). */
  budget: number;
  /** Called after each evaluated candidate. */
  onCandidate?: (info: { evaluations: number; budget: number; bits: number; reached: boolean; scenario: Scenario }) => void;
}

/**
 * Shrinks the worst scenario, `worst.scenario` = fc.sample(arb, { seed, numRuns })[worst.index], whose max
 * bits of error is `worstBits`.
 * @returns the minimal scenario found, with its replay seed and path.
 * @throws Error when run `worst.index` of `arb` under `seed` is not `worst.scenario`, or does not reproduce
 *   worstBits (the audit would not be deterministic).
 * @example shrinkWorst(auditArbitrary('ci'), { index: 3, scenario }, 12.5, { seed: 1, P: 50, steps: 5, dt: 0.05, budget: 20 })
 */
export function shrinkWorst(
  arb: fc.Arbitrary<Scenario>,
  worst: { index: number; scenario: Scenario },
  worstBits: number,
  opts: ShrinkOptions,
): ShrinkResult {
  const { seed, budget, onCandidate, ...audit } = opts;
  let evaluations = 0;
  let budgetExhausted = false;
  // the last candidate that reached worstBits: fast-check's final counterexample
  const found: { last: { scenario: Scenario; result: Extract<NetworkAudit, { status: 'audited' }> } | null } = { last: null };
  // An error inside the property would be taken by fast-check for a counterexample and shrunk: keep it, stop
  // evaluating, and rethrow it after the check.
  let error: unknown = null;
  const cache = new Map<string, NetworkAudit>();
  const bitsBelowWorst = (s: Scenario): boolean => {
    if (error !== null) return true;
    try {
      // The worst scenario itself is always evaluated first, so that its reproduction is checked.
      if (evaluations === 0 && JSON.stringify(s) !== JSON.stringify(worst.scenario)) {
        throw new Error(`run ${worst.index} under seed ${seed} is ${JSON.stringify(s)}, not the worst scenario`);
      }
      const key = networkKey(s);
      let result = cache.get(key);
      if (result === undefined) {
        if (evaluations >= budget + 1) {
          budgetExhausted = true;
          return true;
        }
        evaluations++;
        result = auditScenario(s, { ...audit, checkReference: false });
        cache.set(key, result);
        const bits = result.status === 'audited' ? result.maxBits : -Infinity;
        onCandidate?.({ evaluations: evaluations - 1, budget, bits, reached: bits >= worstBits, scenario: s });
      }
      const reached = result.status === 'audited' && result.maxBits >= worstBits;
      if (reached && result.status === 'audited') found.last = { scenario: s, result };
      return !reached;
    } catch (err) {
      error = err;
      return true;
    }
  };
  const details = fc.check(fc.property(arb, bitsBelowWorst), { seed, numRuns: 1, path: String(worst.index) });
  if (error !== null) throw error;
  const last = found.last;
  if (!details.failed || details.counterexamplePath === null || last === null || JSON.stringify(details.counterexample[0]) !== JSON.stringify(last.scenario)) {
    throw new Error(`the worst scenario did not reproduce its ${worstBits} bits of error when shrinking`);
  }
  return {
    scenario: last.scenario,
    bits: last.result.maxBits,
    quantity: last.result.worstQuantity,
    sameNetwork: networkKey(last.scenario) === networkKey(worst.scenario),
    seed,
    path: details.counterexamplePath,
    numShrinks: details.numShrinks,
    evaluations: evaluations - 1,
    budgetExhausted,
  };
}

/** The scenario without the fields its network ignores: equal keys build the same network and data. */
function networkKey(s: Scenario): string {
  return JSON.stringify({ ...s, delta: s.activation === 'regularized_relu' ? s.delta : null, d: s.dataset === 'iris' ? null : s.d });
}
