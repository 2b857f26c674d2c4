/**
 * The rate record of a shard report is drawn (Vega) and printed: every field it is drawn or printed with is
 * checked, and nothing else is kept, so that a hostile shard cannot reach the plot's renderer (a Vega signal
 * object as the size symbol would be evaluated as an expression) or break it (a line separator in a title).
 */
import { describe, expect, it } from 'vitest';
import { MalformedInputError } from '../../src/errors.js';
import { rate } from '../../src/report/reportFields.js';

const GOOD = {
  quantity: 'e', size: 'L', claimed: -1, band: 0.1,
  fit: { exponent: -1, lo: -1.1, hi: -0.9, level: 0.99, prefactor: 1, standardError: 0.01, method: 'OLS' },
  points: [{ n: 8, e: 0.1, floor: 1e-12 }, { n: 16, e: 0.05, floor: 1e-12 }], used: [8, 16], referenceError: 1e-12,
};

describe('rate records of shard reports', () => {
  it('a good record is kept field for field, and fields beyond the format are dropped', () => {
    expect(rate('r', GOOD)).toEqual({ rate: GOOD });
    expect(rate('r', { ...GOOD, extra: { signal: '1+1' } }).rate).toEqual(GOOD);
    expect(rate('r', undefined)).toEqual({});
  });

  it.each([
    ['a Vega signal as the size symbol', { ...GOOD, size: { signal: "'L=' + (2+2)" } }, 'r.size'],
    ['a line separator in the quantity', { ...GOOD, quantity: 'error\u2028e' }, 'r.quantity'],
    ['an escape sequence in the quantity', { ...GOOD, quantity: '\u001b[31mred' }, 'r.quantity'],
    ['used as a string', { ...GOOD, used: '16' }, 'r.used'],
    ['a text as an interval end', { ...GOOD, fit: { ...GOOD.fit, lo: 'x' } }, 'r.fit.lo'],
    ['no rungs', { ...GOOD, points: undefined }, 'r.points'],
    ['a rung without its floor', { ...GOOD, points: [{ n: 8, e: 0.1 }] }, 'r.points[0].floor'],
  ])('%s: a MalformedInputError naming %s', (_what, record, field) => {
    expect(() => rate('r', record)).toThrow(MalformedInputError);
    expect(() => rate('r', record)).toThrow(new RegExp(`^${field.replace(/[.[\]]/g, '\\$&')}=`));
  });
});
