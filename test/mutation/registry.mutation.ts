/**
 * The claim registry as a mutation-testing killer (`npm run mutation`, not part of `npm test`): every claim,
 * nominal subject, at the quick profile and the suite seed. A mutant of src/ that makes any claim fail or
 * turn inconclusive is killed by the registry. The ci profile holds the same claims with larger budgets; the
 * quick profile keeps one mutant's test run within seconds (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../properties/index.js';
import { SUITE_SEED } from '../helpers/claimSuite.js';

describe.each(CLAIMS.map((c) => [c.id, c] as const))('claim %s', (_id, claim) => {
  it('holds under the quick profile', () => {
    const verdict = claim.run({ profile: 'quick', seed: SUITE_SEED });
    if (verdict.status === 'fail') throw new Error(`${verdict.message}\nreplay: seed ${verdict.seed} path ${verdict.path}`);
    if (verdict.status === 'inconclusive') throw new Error(`inconclusive: ${verdict.reason}`);
    expect(verdict.status).toBe('pass');
  });
});
