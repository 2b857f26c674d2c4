/**
 * Every planted bug of the catalogue (src/planted/catalogue.ts) is caught under the ci profile (default seed)
 * by each claim its entry lists in caughtBy (expectCaught.ts). That the same claims pass without the bug is the
 * claim suites' business (test/properties/claims-*.test.ts).
 */
import { describe, it } from 'vitest';
import { PLANTED_BUGS } from '../../src/planted/index.js';
import { expectCaught } from './expectCaught.js';

describe.each(PLANTED_BUGS.map((b) => [b.id, b] as const))('planted bug %s', (_id, bug) => {
  it('is caught by every claim its catalogue entry lists (ci profile)', () => expectCaught(bug), 300_000);
});
