/**
 * What the check engine needs of a claim registry. The registry itself lives in the claims folder
 * (properties/registry.ts) and is passed in by the command line's entry point (bin/resnet-mf.js → main), so
 * nothing in src/ imports a claim: one direction of dependence, claims → engine.
 */
import { InvalidArgumentError } from '../errors.js';
import type { TaskRef } from '../parallel/pool.js';
import type { Claim } from './claim.js';

export interface ClaimRegistry {
  /** Every claim, in catalogue order (theory.md §6); ids are unique. */
  readonly claims: readonly Claim[];
  /**
   * The pool task that runs one unit (src/check/checkUnit.ts CheckUnit → CheckUnitResult) in a worker thread: a
   * module of the registry's, which looks the unit's claim up by id and calls runUnit.
   */
  readonly unitTask: TaskRef;
}

/** The claim of `registry` with this id, or undefined. */
export function claimById(registry: ClaimRegistry, id: string): Claim | undefined {
  return registry.claims.find((c) => c.id === id);
}

/**
 * The claims named by --claim (deduplicated, in the order given), or all.
 * @throws InvalidArgumentError naming --claim for an unknown id
 */
export function selectClaims(registry: ClaimRegistry, ids: string[] | undefined): Claim[] {
  if (!ids) return [...registry.claims];
  return [...new Set(ids)].map((id) => {
    const claim = claimById(registry, id);
    if (!claim) throw new InvalidArgumentError('--claim', `one of ${registry.claims.map((c) => c.id).join(', ')}`, id);
    return claim;
  });
}
