import { describe, expect, it } from 'vitest';
import { NonFiniteError, ShapeMismatchError } from '../../src/errors.js';
import { gradToNested, nestLike, stringifyExact } from '../../src/data/nested.js';

describe('nestLike and gradToNested', () => {
  it('reshapes row-major, last index fastest', () => {
    expect(nestLike(Float64Array.of(1, 2, 3, 4, 5, 6), [2, 3])).toEqual([[1, 2, 3], [4, 5, 6]]);
    const flat = Float64Array.from({ length: 2 * 3 * 5 }, (_, i) => i);
    const g = gradToNested(flat, 2, 3, 2);
    expect([g.length, g[0].length, g[0][0].length]).toEqual([2, 3, 5]);
    expect(g[1][2][4]).toBe((1 * 3 + 2) * 5 + 4);
  });

  it('rejects a length that is not L·M·(2d+1)', () => {
    expect(() => gradToNested(new Float64Array(7), 1, 1, 2)).toThrow(ShapeMismatchError);
    expect(() => gradToNested(new Float64Array(7), 1, 1, 2)).toThrow('flat=');
  });
});

describe('stringifyExact', () => {
  it('keeps −0 and subnormals and writes typed arrays as arrays', () => {
    const text = stringifyExact({ g: gradToNested(Float64Array.of(-0, 5e-324, 0.1), 1, 1, 1), t: Float64Array.of(-0) });
    expect(text).toBe('{"g":[[[-0,5e-324,0.1]]],"t":[-0]}');
    expect(Object.is(JSON.parse(text).t[0], -0)).toBe(true);
  });

  it('refuses NaN and Infinity, naming the path', () => {
    expect(() => stringifyExact({ g: [[1, Infinity]] }, 'grad')).toThrow(NonFiniteError);
    expect(() => stringifyExact({ g: [[1, Infinity]] }, 'grad')).toThrow('grad.g[0][1]=Infinity');
  });
});
