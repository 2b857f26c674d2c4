/**
 * Replaying a stored counterexample (store.ts): rebuild its bound, measure its scenario again, and say
 * whether the violation reproduces.
 */
import { compileBound, holds, type Bound } from './bound.js';
import { loadPredicateBound } from './predicate.js';
import { measureQuantities, type Quantities } from './quantities.js';
import type { BoundRef, StoredViolation } from './store.js';

/** What a replay found: the violation again (margin < 0 or NaN), or a bound that now holds. */
export interface ReplayOutcome {
  stored: StoredViolation;
  status: 'reproduced' | 'no longer violating';
  margin: number;
  quantities: Quantities;
  /** Whether every quantity the bound reads has the same bits as when stored. */
  identical: boolean;
}

/**
 * The bound of a stored violation: an expression is compiled again (and so checked again: a store file is
 * untrusted text like --bound), a predicate module loaded from its stored path, a conjecture looked up by id.
 * @param conjecture the catalogue look-up (by id), given by the caller.
 * @throws InvalidArgumentError / MalformedInputError naming the store file's field.
 */
export async function boundOf(stored: StoredViolation, conjecture: (id: string, field: string) => Bound): Promise<Bound> {
  const ref: BoundRef = stored.bound;
  if (ref.kind === 'expression') return compileBound(ref.source, `${stored.file}.bound.source`);
  if (ref.kind === 'predicate') return loadPredicateBound(ref.module, `${stored.file}.bound.module`);
  return conjecture(ref.id, `${stored.file}.bound.id`);
}

/**
 * Measures the stored scenario again (only the quantities the bound reads) and evaluates the bound.
 * Deterministic: the same scenario gives the same bits on the same Node version, so `identical` is false
 * only across versions or after a change of the measurement.
 * @example replayViolation(loadStore(dir)[0], compileBound('E <= E0')).status // 'reproduced'
 */
export function replayViolation(stored: StoredViolation, bound: Bound): ReplayOutcome {
  const quantities = measureQuantities(stored.scenario, bound.names);
  const margin = bound.margin(quantities);
  const identical = bound.names.every((name) => Object.is(quantities[name], stored.quantities[name]));
  return { stored, status: holds(margin) ? 'no longer violating' : 'reproduced', margin, quantities, identical };
}
