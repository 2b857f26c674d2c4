/**
 * The assertion of the planted-bug catalogue: every claim a bug's entry lists in caughtBy fails under the ci
 * profile with the default seed against the bug's planted subject, with a message; at least one of them is not
 * generic-equals-kernel. Each failing claim stops at its first failing scenario.
 */
import { expect } from 'vitest';
import { findClaim } from '../../properties/index.js';
import type { PlantedBug } from '../../src/planted/index.js';
import { runAgainst } from '../../src/check/subjectRun.js';

export const SEED = 20261129;

export function expectCaught(bug: PlantedBug): void {
  expect(bug.caughtBy.length).toBeGreaterThan(0);
  for (const id of bug.caughtBy) {
    const claim = findClaim(id);
    if (!claim) throw new Error(`${bug.id}: caughtBy names ${id}, which is not in the registry`);
    const verdict = runAgainst(claim, { plant: bug.id }, false, (subject) => claim.run({ profile: 'ci', seed: SEED, ...(subject ? { subject } : {}) }));
    if (verdict.status !== 'fail') throw new Error(`${bug.id} not caught by ${id}: ${verdict.status} after ${verdict.runs} runs`);
    expect(verdict.runs).toBeGreaterThanOrEqual(1);
    expect(verdict.message.trim().length).toBeGreaterThan(0);
  }
}
