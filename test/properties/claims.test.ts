/**
 * The vitest entry of the claim registry: every claim passes under the ci profile, and every claim's negative
 * control (a planted bug or an out-of-assumption setting) is rejected, with a replayable counterexample.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../properties/index.js';

const SEED = 20261129;

describe.each(CLAIMS.map((c) => [c.id, c] as const))('claim %s', (_id, claim) => {
  it('has a proofs-note with its statement, source, tolerance and negative control', () => {
    const note = readFileSync(claim.note, 'utf8');
    for (const heading of ['**Statement.**', '**Source.**', '**Tolerance', '**Negative control.**']) expect(note).toContain(heading);
  });

  it('holds under the ci profile', () => {
    const verdict = claim.run({ profile: 'ci', seed: SEED });
    if (verdict.status === 'fail') throw new Error(`${verdict.message}\nreplay: seed ${verdict.seed} path ${verdict.path}`);
    expect(verdict.status).toBe('pass');
    expect(verdict.runs).toBeGreaterThanOrEqual(claim.budget.ci);
  });

  it('rejects its negative control, and the counterexample replays', () => {
    const verdict = claim.run({ profile: 'ci', seed: SEED, control: true });
    expect(verdict.status).toBe('fail');
    if (verdict.status !== 'fail') return;
    const replay = claim.run({ profile: 'ci', seed: SEED, control: true, path: verdict.path });
    expect(replay.status).toBe('fail');
    if (replay.status === 'fail') expect(replay.counterexample).toEqual(verdict.counterexample);
  });
});
