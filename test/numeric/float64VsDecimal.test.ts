/**
 * Each float64 activation against the decimal backend (P = 50) in ulps: within the bound its docstring
 * derives (the same bounds test/activations uses against its own references). Inputs are doubles; the
 * decimal input is their 50-digit rounding (relative change ≤ 1e−49: invisible at the ulp scale, except for
 * sin at huge |r|, which is measured at P = 400 where the double is held exactly).
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ACTIVATION_NAMES, makeActivation, type ActivationName } from '../../src/activations/index.js';
import { decimalBackend } from '../../src/numeric/index.js';
import { GRID } from '../activations/contract.js';
import { D, ulpError } from '../activations/ulp.js';

/** [σ, σ', σ''] bounds in ulps, from each activation's docstring. */
const BOUNDS: Readonly<Record<ActivationName, readonly [number, number, number]>> = {
  identity: [0, 0, 0],
  tanh: [5.5, 14, 20.5],
  sigmoid: [5, 8, 11],
  softplus: [5, 5, 8],
  sin: [1, 1, 1],
  gaussian: [6, 7, 9],
  regularized_relu: [4, 2, 1],
  cubic: [4, 2, 0],
};
const FUNCTIONS = ['sigma', 'dsigma', 'd2sigma'] as const;
/**
 * Slack for the 50-digit rounding of the input (relative ≤ 5e−50) times the condition number of σ (≤ 1e24
 * on these inputs: sin near its zeros at |r| ≤ 1e5): below 1e−9 ulps, so exact functions still get ~0.
 */
const INPUT_SLACK = 1e-6;
const B = decimalBackend(50);
const WORST = new Map<string, { err: number; at: number }>();

/** The ulp errors of σ, σ', σ'' at r; non-finite float64 results must equal the decimal's nearest double. */
function errors(name: ActivationName, r: number, P = 50): number[] {
  const f = makeActivation(name === 'regularized_relu' ? { name, delta: 0.5 } : { name });
  const backend = P === 50 ? B : decimalBackend(P);
  const dec = backend.activation(f);
  const x = backend.field.fromFloat64(r);
  return FUNCTIONS.map((fn, i) => {
    const got = f[fn](r);
    const ref = dec[fn](x);
    if (!Number.isFinite(got)) return got === backend.field.toFloat64(ref) ? 0 : Infinity;
    const err = ulpError(got, new D(ref));
    const key = `${name}.${fn}`;
    if (err > (WORST.get(key)?.err ?? -1)) WORST.set(key, { err, at: r });
    expect(err, `${key}(${r}) = ${got}, decimal ${ref}`).toBeLessThanOrEqual(BOUNDS[name][i] + INPUT_SLACK);
    return err;
  });
}

const moderate = fc.tuple(fc.boolean(), fc.double({ min: -3, max: 3, noNaN: true })).map(([n, e]) => (n ? -1 : 1) * 10 ** e);
const near = (points: number[]) => fc.tuple(fc.constantFrom(...points), fc.integer({ min: -40, max: 40 })).map(([p, k]) => p + k * 2 ** -50 * Math.abs(p));

describe('float64 activations against the 50-digit decimal backend, in ulps', () => {
  it.each([...ACTIVATION_NAMES])('%s on the grid and at moderate magnitudes', (name) => {
    const grid = GRID.filter((r) => name !== 'sin' || Math.abs(r) <= 1e5);
    for (const r of [...grid, Math.sqrt(3), -Math.sqrt(3), 0.5, -0.5, 1, -1]) errors(name, r);
    fc.assert(fc.property(moderate, (r) => {
      errors(name, r);
    }), { seed: 1234, numRuns: name === 'sin' || name === 'tanh' ? 150 : 250 });
  });

  it('cubic next to its zeros ±√3 (σ) and ±1 (σ′), where r − r³/3 would cancel', () => {
    fc.assert(fc.property(near([Math.sqrt(3), -Math.sqrt(3), 1, -1]), (r) => {
      errors('cubic', r);
    }), { seed: 77, numRuns: 200 });
  });

  it('sin at 1e300, 1e22 and 2^1000 at P = 400, which holds those doubles exactly', () => {
    for (const r of [1e300, -1e22, 2 ** 1000]) errors('sin', r, 400);
  });
});

afterAll(() => {
  if (!process.env.ULP_REPORT) return;
  for (const [key, w] of WORST) console.log(`${key}: worst ${w.err.toFixed(3)} ulps at r = ${w.at}`);
});
