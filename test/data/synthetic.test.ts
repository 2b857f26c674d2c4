import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { initNetwork } from '../../src/init/paths.js';
import { makeActivation } from '../../src/activations/index.js';
import { predict } from '../../src/model/forward.js';
import { ball, nonmonotone1d, teacher, teacherNetwork } from '../../src/data/synthetic.js';
import { bits } from './bits.js';

function rowNorm2(x: Float64Array, d: number, i: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) s += x[i * d + j] ** 2;
  return s;
}

describe('ball', () => {
  it('gives identical bits for the same seed and different data for different seeds', () => {
    const a = ball({ d: 3, N: 50, seed: 11 });
    const b = ball({ d: 3, N: 50, seed: 11 });
    const c = ball({ d: 3, N: 50, seed: 12 });
    expect(bits(a.x)).toEqual(bits(b.x));
    expect(bits(a.y)).toEqual(bits(b.y));
    expect(bits(a.x)).not.toEqual(bits(c.x));
    expect(a.x.length).toBe(150);
    expect(a).toMatchObject({ name: 'ball', d: 3, N: 50 });
  });

  it.each([1, 2, 5, 40])('keeps every point inside the closed unit ball (d = %i)', (d) => {
    const ds = ball({ d, N: 2000, seed: d });
    for (let i = 0; i < ds.N; i++) expect(rowNorm2(ds.x, d, i)).toBeLessThanOrEqual(1);
  });

  it('is uniform in the ball: P(|x| ≤ 2^(−1/d)) = 1/2 within 5 binomial standard deviations', () => {
    const d = 3;
    const N = 4000;
    const ds = ball({ d, N, seed: 5 });
    let inside = 0;
    for (let i = 0; i < N; i++) if (Math.sqrt(rowNorm2(ds.x, d, i)) <= 2 ** (-1 / d)) inside++;
    expect(Math.abs(inside / N - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
  });

  it('labels with y = sin(π x_1)·cos(x_2) (d ≥ 2) and sin(π x_1) (d = 1)', () => {
    const two = ball({ d: 2, N: 20, seed: 3 });
    for (let i = 0; i < 20; i++) expect(two.y[i]).toBe(Math.sin(Math.PI * two.x[2 * i]) * Math.cos(two.x[2 * i + 1]));
    const one = ball({ d: 1, N: 20, seed: 3 });
    for (let i = 0; i < 20; i++) expect(one.y[i]).toBe(Math.sin(Math.PI * one.x[i]));
  });

  it.each([
    [{ d: 0, N: 5, seed: 1 }, 'd='],
    [{ d: 1.5, N: 5, seed: 1 }, 'd='],
    [{ d: 2, N: 0, seed: 1 }, 'N='],
    [{ d: 2, N: -3, seed: 1 }, 'N='],
    [{ d: 2, N: 2_000_000, seed: 1 }, 'N='],
    [{ d: 1000, N: 100_000, seed: 1 }, 'N='],
    [{ d: 2, N: 5, seed: -1 }, 'seed='],
    [{ d: 2, N: 5, seed: 0.5 }, 'seed='],
    [{ d: '2', N: 5, seed: 1 }, 'd='],
  ])('rejects %o naming the field', (opts, field) => {
    expect(() => ball(opts as never)).toThrow(InvalidArgumentError);
    expect(() => ball(opts as never)).toThrow(field);
  });
});

describe('teacher', () => {
  it('labels are the predictions of teacherNetwork on the same x (zero loss reachable)', () => {
    const opts = { d: 2, N: 40, seed: 4, L: 3, M: 5 };
    const ds = teacher(opts);
    const net = teacherNetwork(opts);
    expect([net.L, net.M, net.d]).toEqual([3, 5, 2]);
    expect(bits(ds.y)).toEqual(bits(predict(net, ds.x, ds.N)));
    const mean = ds.y.reduce((a, b) => a + b, 0) / ds.N;
    expect(ds.y.some((v) => v !== mean)).toBe(true);
  });

  it('is reproducible, seed-dependent, and defaults to L = 4, M = 8, tanh', () => {
    const a = teacher({ d: 3, N: 30, seed: 9 });
    const b = teacher({ d: 3, N: 30, seed: 9 });
    const c = teacher({ d: 3, N: 30, seed: 10 });
    expect(bits(a.x)).toEqual(bits(b.x));
    expect(bits(a.y)).toEqual(bits(b.y));
    expect(bits(a.x)).not.toEqual(bits(c.x));
    expect(bits(a.y)).not.toEqual(bits(c.y));
    const net = teacherNetwork({ d: 3, seed: 9 });
    expect([net.L, net.M, net.activation.name]).toEqual([4, 8, 'tanh']);
  });

  it('differs from a student initialised with the same seed', () => {
    const net = teacherNetwork({ d: 2, seed: 1 });
    const student = initNetwork({ d: 2, L: 4, M: 8, activation: makeActivation({ name: 'tanh' }), init: 'linear', seed: 1 });
    expect(bits(net.theta)).not.toEqual(bits(student.theta));
  });

  it('rejects a bad teacher size naming the field', () => {
    expect(() => teacher({ d: 2, N: 5, seed: 1, L: 0 })).toThrow(InvalidArgumentError);
    expect(() => teacher({ d: 2, N: 5, seed: 1, M: 2.5 })).toThrow('M=');
  });
});

describe('nonmonotone1d', () => {
  it.each([3, 4, 5, 10, 101])('is sorted in [−1, 1), labelled 1 − 2x², and not monotone (N = %i)', (N) => {
    for (const seed of [0, 1, 2, 3]) {
      const ds = nonmonotone1d({ N, seed });
      expect(ds.d).toBe(1);
      for (let i = 0; i < N; i++) {
        expect(ds.x[i]).toBeGreaterThanOrEqual(-1);
        expect(ds.x[i]).toBeLessThan(1);
        if (i > 0) expect(ds.x[i]).toBeGreaterThanOrEqual(ds.x[i - 1]);
        expect(ds.y[i]).toBe(1 - 2 * ds.x[i] * ds.x[i]);
      }
      // Neither non-decreasing nor non-increasing: some interior point lies above both ends.
      const mid = ds.y[Math.floor(N / 2)];
      expect(mid).toBeGreaterThan(ds.y[0]);
      expect(mid).toBeGreaterThan(ds.y[N - 1]);
    }
  });

  it('is reproducible and seed-dependent', () => {
    expect(bits(nonmonotone1d({ N: 20, seed: 5 }).x)).toEqual(bits(nonmonotone1d({ N: 20, seed: 5 }).x));
    expect(bits(nonmonotone1d({ N: 20, seed: 5 }).x)).not.toEqual(bits(nonmonotone1d({ N: 20, seed: 6 }).x));
  });

  it('rejects N < 3 and bad seeds', () => {
    expect(() => nonmonotone1d({ N: 2, seed: 0 })).toThrow(InvalidArgumentError);
    expect(() => nonmonotone1d({ N: 2, seed: 0 })).toThrow('N=2');
    expect(() => nonmonotone1d({ N: 10, seed: -2 })).toThrow('seed=');
  });
});
