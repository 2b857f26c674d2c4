/**
 * The worker-pool task of `check --workers N` and `check --shard i/n` (src/parallel/pool.ts loads this module
 * from dist/ in each worker; REGISTRY.unitTask names it): looks the unit's claim up in this registry and runs it (src/check/checkUnit.ts).
 * It lives in the claims folder because it is the one module a worker thread loads that knows the claims.
 */
import { type CheckUnit, type CheckUnitResult, runUnit } from '../src/check/checkUnit.js';
import { findClaim } from './registry.js';

/**
 * Runs one unit of a claim of this registry.
 * @throws Error when the claim id is not in the registry (the caller built the unit from the registry)
 */
export function runCheckUnit(unit: CheckUnit): CheckUnitResult {
  return runUnit(findClaim(unit.claim), unit);
}
