/**
 * The catalogue of conjectures (src/falsify/conjectures.ts) as the `falsify` command sees it: look-up by id,
 * the listing, and the budgets of a profile.
 */
import { InvalidArgumentError } from '../errors.js';
import { type Bound, compileBound } from '../falsify/bound.js';
import { CATALOGUE_BUDGET, CATALOGUE_SHRINK_BUDGET, CONJECTURES } from '../falsify/conjectures.js';
import type { FalsifyOptions } from '../falsify/search.js';

export const PROFILE_NAMES = ['quick', 'ci', 'full'] as const;
export type FalsifyProfile = (typeof PROFILE_NAMES)[number];

/** Model evaluations of the search by profile (the catalogue's budgets, for any bound). */
export function profileBudget(profile: FalsifyProfile): number {
  return CATALOGUE_BUDGET[profile];
}

/** A catalogue entry as the command uses it. */
export interface ConjectureTarget {
  id: string;
  /**
   * The compiled bound, its source tagged with the id (`E <= E0 [conjecture monotone-any-step]`): two
   * conjectures may share a bound over different spaces, and the store replays by source, so a
   * counterexample of one must not be replayed against the other.
   */
  bound: Bound;
  space: FalsifyOptions['space'];
  shrinkBudget: (profile: FalsifyProfile) => number;
}

/**
 * The conjecture `id` of the catalogue.
 * @throws InvalidArgumentError naming `field`, listing the ids.
 */
export function conjectureBound(id: string, field: string): ConjectureTarget {
  const c = CONJECTURES.find((x) => x.id === id);
  if (!c) throw new InvalidArgumentError(field, `one of ${CONJECTURES.map((x) => x.id).join(', ')}`, id);
  const compiled = compileBound(c.bound, `conjecture ${c.id}`);
  const bound: Bound = Object.freeze({ ...compiled, source: `${compiled.source} [conjecture ${c.id}]` });
  return { id: c.id, bound, space: c.space, shrinkBudget: (profile) => CATALOGUE_SHRINK_BUDGET[profile] };
}

/** Two lines per conjecture: id, expected outcome, bound; then its rationale. */
export function listConjectures(): string {
  const width = Math.max(...CONJECTURES.map((c) => c.id.length));
  return CONJECTURES.map((c) => `${c.id.padEnd(width)}  ${c.expected.padEnd(9)}  ${c.bound}\n${' '.repeat(width + 2)}${c.rationale}`).join('\n');
}
