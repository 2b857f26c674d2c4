/**
 * The planted bugs caught only by slow claims (init-variance, width-rate: tens of seconds for their first ci
 * scenario), asserted as in catalogue.test.ts, in a file of their own so that the two files run in parallel.
 */
import { describe, expect, it } from 'vitest';
import { PLANTED_BUGS } from '../../src/planted/index.js';
import { SLOW_CATCHERS, expectCaught } from './expectCaught.js';

const slow = PLANTED_BUGS.filter((b) => b.caughtBy.some((id) => SLOW_CATCHERS.includes(id)));

describe('planted bugs with slow catchers', () => {
  it('are the two whose only measured catchers are init-variance and width-rate', () => {
    expect(slow.map((b) => b.id)).toEqual(['iid-init-for-paths', 'biased-gaussian']);
  });

  it.each(slow.map((b) => [b.id, b] as const))('%s is caught by every claim its catalogue entry lists (ci profile)', (_id, bug) => expectCaught(bug), 300_000);
});
