/**
 * The vitest contract every registered claim meets: it has a proofs-note, it holds under the ci profile, and
 * its negative control (a planted bug or an out-of-assumption setting) is rejected with a counterexample that
 * replays. Claim groups call it from their own test files so that vitest runs the groups in parallel.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../properties/index.js';

export const SUITE_SEED = 20261129;

export function describeClaims(claims: readonly Claim[]): void {
  describe.each(claims.map((c) => [c.id, c] as const))('claim %s', (_id, claim) => {
    it('has a proofs-note with its statement, source, tolerance and negative control', () => {
      const note = readFileSync(claim.note, 'utf8');
      for (const heading of ['**Statement.**', '**Source.**', '**Tolerance', '**Negative control.**']) expect(note).toContain(heading);
    });

    it('holds under the ci profile', () => {
      const verdict = claim.run({ profile: 'ci', seed: SUITE_SEED });
      if (verdict.status === 'fail') throw new Error(`${verdict.message}\nreplay: seed ${verdict.seed} path ${verdict.path}`);
      if (verdict.status === 'inconclusive') throw new Error(`inconclusive: ${verdict.reason}`);
      expect(verdict.status).toBe('pass');
      expect(verdict.runs).toBeGreaterThanOrEqual(claim.budget.ci);
    });

    it('rejects its negative control, and the counterexample replays', () => {
      const verdict = claim.run({ profile: 'ci', seed: SUITE_SEED, control: true });
      if (verdict.status !== 'fail') throw new Error(`control not rejected: ${verdict.status} ${JSON.stringify(verdict.figures)}`);
      const replay = claim.run({ profile: 'ci', seed: SUITE_SEED, control: true, path: verdict.path });
      expect(replay.status).toBe('fail');
      if (replay.status === 'fail') expect(replay.counterexample).toEqual(verdict.counterexample);
    });
  });
}
