/**
 * Pins src/limit/gradientFlow.ts: the field F(Θ) = −M L ∇E(Θ) against evaluate(); the returned solution against
 * an independent step-doubling loop written from the docstring (n = J·n0 RK steps of h = S/n, E read at every
 * n/J-th step, estimate max_j |E_2n − E_n|/(2^p − 1), stop when ≤ tol or when 4n > maxSteps); the defaults; every
 * validation message. The recomputation calls the same rungeKuttaStep and evaluate in the same order, so the
 * comparison is bit-exact (toEqual / toBe).
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { InvalidArgumentError } from '../../src/errors.js';
import { initNetwork } from '../../src/init/index.js';
import { gradientFlow, gradientFlowField } from '../../src/limit/gradientFlow.js';
import { EULER, RK4, type ButcherTableau, rungeKuttaStep } from '../../src/limit/rungeKutta.js';
import { createWorkspace, evaluate } from '../../src/model/index.js';

const data = ball({ d: 2, N: 3, seed: 4 });
const net = initNetwork({ d: 2, L: 2, M: 3, activation: tanh, init: 'linear', seed: 6 });

/** E at the J checkpoints and Θ(S) after n steps, written from the docstring. */
function solve(S: number, J: number, n: number, tableau: ButcherTableau = RK4) {
  const field = gradientFlowField(net, data);
  const theta = Float64Array.from(net.theta);
  const ws = createWorkspace(2, 2, 3, 3);
  const E: number[] = [];
  for (let q = 1; q <= n; q++) {
    rungeKuttaStep(tableau, field, (q - 1) * (S / n), theta, S / n);
    if (q % (n / J) === 0) E.push(evaluate({ ...net, theta }, data, ws, false));
  }
  return { E, theta: Array.from(theta) };
}
const estimate = (fine: number[], coarse: number[], p: number) => Math.max(...fine.map((v, j) => Math.abs(v - coarse[j]))) / (2 ** p - 1);

describe('gradientFlowField: F(Θ) = −M L ∇E(Θ), state Θ, time ignored', () => {
  it('equals −M·L times evaluate()’s gradient at the given Θ, not at net.theta', () => {
    const theta = net.theta.map((v, p) => v + 0.01 * (p % 7));
    const ws = createWorkspace(2, 2, 3, 3);
    evaluate({ ...net, theta }, data, ws, true);
    const out = new Float64Array(theta.length);
    gradientFlowField(net, data)(0.7, theta, out);
    expect(Array.from(out)).toEqual(Array.from(ws.grad, (g) => -3 * 2 * g));
    expect(Math.max(...Array.from(out, Math.abs))).toBeGreaterThan(0);
  });
});

describe('gradientFlow: step doubling from J·n0 steps', () => {
  it('stops at the first doubling when tol is large: steps = 2·J·n0, E, Θ(S), estimate and s as recomputed', () => {
    const [S, J, n0] = [0.8, 2, 3];
    const r = gradientFlow(net, data, { S, tol: 1e9, checkpoints: J, n0 });
    const [coarse, fine] = [solve(S, J, J * n0), solve(S, J, 2 * J * n0)];
    expect(r.status).toBe('completed');
    expect(r.steps).toBe(12);
    expect(Array.from(r.E)).toEqual(fine.E);
    expect(Array.from(r.theta)).toEqual(fine.theta);
    expect(r.errorEstimate).toBe(estimate(fine.E, coarse.E, 4));
    expect(r.errorEstimate).toBeGreaterThan(0);
    expect(Array.from(r.s)).toEqual([0.4, 0.8]);
  });

  it('tol equal to the second estimate stops there (≤); the estimate divides by 2^order − 1 (Euler: 1)', () => {
    const runs = [8, 16, 32].map((n) => solve(1, 1, n));
    const e2 = estimate(runs[2].E, runs[1].E, 4);
    expect(e2).toBeLessThan(estimate(runs[1].E, runs[0].E, 4));
    const r = gradientFlow(net, data, { S: 1, tol: e2 });
    expect([r.status, r.steps, r.errorEstimate]).toEqual(['completed', 32, e2]);
    expect(Array.from(r.E)).toEqual(runs[2].E);
    const eu = [8, 16].map((n) => solve(1, 1, n, EULER));
    const euler = gradientFlow(net, data, { S: 1, tol: 1e9, tableau: EULER });
    expect(euler.errorEstimate).toBe(estimate(eu[1].E, eu[0].E, 1));
    expect(Array.from(euler.E)).toEqual(eu[1].E);
  });

  it('maxSteps: stops "unresolved" once 4n > maxSteps (32 → 32 steps, 31 → 16 steps), E of the last solution', () => {
    const a = gradientFlow(net, data, { S: 1, tol: 1e-300, maxSteps: 32 });
    expect([a.status, a.steps]).toEqual(['unresolved', 32]);
    const runs = [16, 32].map((n) => solve(1, 1, n));
    expect(Array.from(a.E)).toEqual(runs[1].E);
    expect(a.errorEstimate).toBe(estimate(runs[1].E, runs[0].E, 4));
    const b = gradientFlow(net, data, { S: 1, tol: 1e-300, maxSteps: 31 });
    expect([b.status, b.steps]).toEqual(['unresolved', 16]);
  });

  it('defaults: checkpoints 1, n0 8, maxSteps 4096, tableau RK4', () => {
    const big = gradientFlow(net, data, { S: 0.5, tol: 1e9 });
    expect([big.steps, big.s.length, big.s[0]]).toEqual([16, 1, 0.5]);
    expect(big.errorEstimate).toBe(estimate(solve(0.5, 1, 16).E, solve(0.5, 1, 8).E, 4));
    const tiny = gradientFlow(net, data, { S: 0.5, tol: 1e-300 });
    expect([tiny.status, tiny.steps]).toEqual(['unresolved', 4096]);
  });
});

describe('bad input: InvalidArgumentError naming the field and the expected range', () => {
  it.each([
    [{ S: 0 }, /^S=0 must be a number > 0$/],
    [{ S: -1 }, /^S=-1 must be a number > 0$/],
    [{ tol: 0 }, /^tol=0 must be a number > 0$/],
    [{ checkpoints: 0 }, /^checkpoints=0 must be an integer in \[1, 65536\]$/],
    [{ checkpoints: 65_537 }, /^checkpoints=65537 must be an integer in \[1, 65536\]$/],
    [{ maxSteps: 0 }, /^maxSteps=0 must be an integer in \[1, 16777216\]$/],
    [{ maxSteps: 2 ** 24 + 1 }, /^maxSteps=16777217 must be an integer in \[1, 16777216\]$/],
    [{ n0: 0 }, /^n0=0 must be an integer in \[1, 4096\]$/],
    [{ n0: 101, maxSteps: 100 }, /^n0=101 must be an integer in \[1, 100\]$/],
  ])('%o', (patch, message) => {
    const opts = { S: 1, tol: 1e-6, ...patch };
    expect(() => gradientFlow(net, data, opts)).toThrow(InvalidArgumentError);
    expect(() => gradientFlow(net, data, opts)).toThrow(message);
  });
});
