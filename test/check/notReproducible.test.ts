/**
 * A scenario that fails and then passes when measured again (a subject whose answers depend on its history, e.g. one
 * that breaks on its 7th request) is a failure said to be not reproducible, and it keeps what the failing
 * measurement found: its detail and figures, not the passing re-measurement's.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineClaim } from '../../src/check/defineClaim.js';

/** A stateful subject: its 3rd answer is NaN, every other answer 1. */
function flakySubject(): { answer: () => number } {
  let calls = 0;
  return { answer: () => (++calls === 3 ? Number.NaN : 1) };
}

function flakyClaim(subject: { answer: () => number }) {
  return defineClaim<{ n: number }, { answer: () => number }>({
    id: 'flaky', catalogue: null, title: 'flaky', source: 'test', assumptions: [], tolerance: 'none',
    budget: { quick: 10, ci: 10, full: 10 }, statisticalDecisions: 0,
    scenarios: () => fc.record({ n: fc.integer({ min: 0, max: 9 }) }),
    figures: { value: { worst: 'max', description: '' } },
    measure: (s, sub) => {
      const value = sub.answer();
      return Number.isFinite(value) ? { ok: true, detail: `n=${s.n}: value ${value}`, figures: { value } } : { ok: false, detail: `n=${s.n}: the subject answered ${value}`, figures: { value } };
    },
    nominal: subject,
    control: { description: 'none', subject },
  });
}

describe('a failure that does not reproduce', () => {
  it('Claim.run: FAIL, not reproducible, with the failing measurement\'s detail and figures', () => {
    const v = flakyClaim(flakySubject()).run({ profile: 'quick', seed: 1, control: false });
    expect(v.status).toBe('fail');
    if (v.status !== 'fail') return;
    expect(v.message).toMatch(/^not reproducible: the scenario failed \(n=\d: the subject answered NaN\), then passed when measured again .*: n=\d: value 1$/);
    expect(v.figures.value).toBeNaN();
  });

  it('Claim.runScenario: the same', () => {
    const claim = flakyClaim(flakySubject());
    const outcomes = [0, 1, 2].map((index) => claim.runScenario({ profile: 'quick', seed: 1, control: false, index }));
    const failed = outcomes.find((o) => o.failure !== undefined);
    expect(failed?.failure?.message).toMatch(/^not reproducible: the scenario failed \(n=\d: the subject answered NaN\)/);
  });
});
