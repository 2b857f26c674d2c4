/**
 * The claim registry as a mutation-testing killer (`npm run mutation`, not part of `npm test`): every claim,
 * nominal subject, at the quick profile and the suite seed. A mutant of src/ that makes any claim fail or
 * turn inconclusive is killed by the registry. The ci profile holds the same claims with larger budgets; the
 * quick profile keeps one mutant's test run within seconds (docs/mutation.md).
 *
 * Order: Stryker stops a mutant's run at the first failing test, so the claims that are both cheap and exact
 * (bit-for-bit kernel = generic network, exact adjoint identities) come first; the others follow in registry
 * order. The order changes only the time, not which mutants die.
 *
 * With MUTATION_KILLERS=fast only those cheap exact claims run: the first stage of tools/mutation.mjs, whose
 * undetected mutants are then retested against every claim (docs/mutation.md).
 */
import { describe, expect, it } from 'vitest';
import { CLAIMS } from '../../properties/index.js';
import { SUITE_SEED } from '../helpers/claimSuite.js';

const FIRST = ['generic-equals-kernel', 'output-adjoint', 'forward-bound', 'neuron-invariance', 'homogeneity', 'energy-dissipation', 'gradient-adjoint'];
const rank = (id: string) => (FIRST.includes(id) ? FIRST.indexOf(id) : FIRST.length);
const unknown = FIRST.filter((id) => !CLAIMS.some((c) => c.id === id));
if (unknown.length > 0) throw new Error(`registry.mutation.ts: FIRST names claims not in the registry: ${unknown.join(', ')}`);
const ordered = CLAIMS.map((claim, index) => ({ claim, index }))
  .sort((a, b) => rank(a.claim.id) - rank(b.claim.id) || a.index - b.index)
  .map(({ claim }) => claim)
  .filter((claim) => process.env.MUTATION_KILLERS !== 'fast' || FIRST.includes(claim.id));

describe.each(ordered.map((c) => [c.id, c] as const))('claim %s', (_id, claim) => {
  it('holds under the quick profile', () => {
    const verdict = claim.run({ profile: 'quick', seed: SUITE_SEED });
    if (verdict.status === 'fail') throw new Error(`${verdict.message}\nreplay: seed ${verdict.seed} path ${verdict.path}`);
    if (verdict.status === 'inconclusive') throw new Error(`inconclusive: ${verdict.reason}`);
    expect(verdict.status).toBe('pass');
  });
});
