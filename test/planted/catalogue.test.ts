/**
 * Every planted bug of the catalogue (src/planted/catalogue.ts) is caught under the ci profile (default seed)
 * by each claim its entry lists in caughtBy (expectCaught.ts). That the same claims pass without the bug is the
 * claim suites' business (test/properties/claims-*.test.ts). The bugs whose only catchers are slow claims are
 * in slowCatchers.test.ts, so that vitest runs the two files in parallel.
 */
import { describe, it } from 'vitest';
import { PLANTED_BUGS } from '../../src/planted/index.js';
import { SLOW_CATCHERS, expectCaught } from './expectCaught.js';

const fast = PLANTED_BUGS.filter((b) => !b.caughtBy.some((id) => SLOW_CATCHERS.includes(id)));

describe.each(fast.map((b) => [b.id, b] as const))('planted bug %s', (_id, bug) => {
  it('is caught by every claim its catalogue entry lists (ci profile)', () => expectCaught(bug));
});
