import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { depthPaths, discretize } from '../../src/limit/depthPaths.js';
import { solveContinuousDepth } from '../../src/limit/continuousDepth.js';
import { richardson, richardsonArray } from '../../src/limit/richardson.js';
import { finalStates, loss } from '../../src/model/index.js';
import { asymptoticSlope } from '../../properties/slopes.js';

const [d, M, N, seed] = [2, 6, 4, 5];
const data = ball({ d, N, seed });
const maxDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, q) => Math.max(m, Math.abs(v - b[q])), 0);
const slopeOf = (errors: number[], floor: number) => asymptoticSlope(errors.map((value) => ({ value, usable: value > 100 * floor })));

describe('Richardson extrapolation in 1/L (2 q_{2L} − q_L)', () => {
  const paths = depthPaths({ kind: 'linear', d, M, activation: tanh, seed, scale: 1.5 });
  const ref = solveContinuousDepth(paths, data, { tol: 1e-14, adjoint: false });
  const Ls = [8, 16, 32, 64, 128];
  const zL = (L: number) => finalStates(discretize(paths, L), data.x, N);
  // Floor: the reference's estimate plus the rounding of z_{2L} (≈ 2L·10ε), ×3 for 2 q_{2L} − q_L.
  const floor = (L: number) => ref.errorEstimate + 3 * 2 * L * 10 * Number.EPSILON;

  it('for linear paths the extrapolated final state has error O(1/L²), the raw one O(1/L)', () => {
    const raw = Ls.map((L) => maxDiff(zL(L), ref.zEnd));
    const extrapolated = Ls.map((L) => maxDiff(richardsonArray(zL(L), zL(2 * L)), ref.zEnd));
    const r = slopeOf(raw, floor(256));
    const x = slopeOf(extrapolated, floor(256));
    expect(r.decided && x.decided).toBe(true);
    expect(Math.abs(r.slope - 1)).toBeLessThan(0.1);
    expect(Math.abs(x.slope - 2)).toBeLessThan(0.1);
  });

  it('the scalar form extrapolates E the same way', () => {
    const E = (L: number) => loss(discretize(paths, L), data);
    // E approaches order 2 from above (local slopes 2.54, 2.33, 2.18, 2.10, 2.05, 2.03 for L = 8 … 512): the ladder
    // must reach L = 512 before two consecutive slopes agree within 0.1.
    const errors = [...Ls, 256, 512].map((L) => Math.abs(richardson(E(L), E(2 * L)) - ref.E));
    const { slope, decided } = slopeOf(errors, floor(1024));
    expect(decided).toBe(true);
    expect(Math.abs(slope - 2)).toBeLessThan(0.1);
  });

  it('negative control: on lacunary (Hölder-1/2) paths, which have no 1/L expansion, it does not reach order 2', () => {
    const rough = depthPaths({ kind: 'lacunary', d, M: 2, activation: tanh, seed, scale: 1 });
    const small = ball({ d, N: 1, seed });
    const exact = solveContinuousDepth(rough, small, { tol: 1e-8, adjoint: false }).zEnd;
    const z = (L: number) => finalStates(discretize(rough, L), small.x, 1);
    const errors = [32, 64, 128, 256].map((L) => maxDiff(richardsonArray(z(L), z(2 * L)), exact));
    // Order 2 would divide the error by 4 per doubling: ≥ 64 over three doublings; rough paths stay far from that.
    expect(errors[0] / errors[3]).toBeLessThan(16);
  });

  it('arrays of different lengths are refused', () => {
    expect(() => richardsonArray(new Float64Array(2), new Float64Array(3))).toThrow(/q2L/);
  });
});
