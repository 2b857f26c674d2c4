/**
 * The public functions that take a layer index, an offset or arrays whose lengths their loops trust refuse
 * bad ones with the error hierarchy, naming the argument (before, an index out of range read past an array and
 * returned a wrong number, or NaN, without a word).
 */
import { describe, expect, it } from 'vitest';
import { makeActivation } from '../../src/activations/index.js';
import { ball } from '../../src/data/index.js';
import { InvalidArgumentError, NonFiniteError, ShapeMismatchError } from '../../src/errors.js';
import { initNetwork } from '../../src/init/index.js';
import { depthPaths, solveContinuousDepth, solveToTolerance, type VectorField } from '../../src/limit/index.js';
import { adjointAtLayer, createWorkspace, forward, layerH, type LayerField, lipschitzConstant, mixedLayerLoss } from '../../src/model/index.js';

const d = 2;
const L = 3;
const M = 4;
const N = 5;
const k = 2 * d + 1;
const tanh = makeActivation({ name: 'tanh' });
const net = initNetwork({ d, L, M, activation: tanh, init: 'linear', seed: 3 });
const data = ball({ d, N, seed: 4 });
const ws = createWorkspace(d, L, M, N);
forward(net, data.x, ws);
const field = (): LayerField => ({ d, N, z: new Float64Array(N * d), lambda: new Float64Array(N * d), zError: new Float64Array(N), lambdaError: new Float64Array(N) });

describe('layer indices, offsets and lengths are checked', () => {
  it('adjointAtLayer: l in [0, L]', () => {
    expect(adjointAtLayer(net, data, ws, L)).toHaveLength(N * d);
    for (const l of [-1, L + 1, 1.5, NaN]) expect(() => adjointAtLayer(net, data, ws, l), String(l)).toThrow(/^l=/);
    expect(() => adjointAtLayer(net, data, ws, L + 1)).toThrow(InvalidArgumentError);
  });

  it('layerH: offset inside theta, field lengths N·d and N, gradient ≥ 2d+1', () => {
    expect(Number.isFinite(layerH(net, field(), net.theta, (L * M - 1) * k).h)).toBe(true);
    expect(() => layerH(net, field(), net.theta, L * M * k)).toThrow(/^offset=/);
    expect(() => layerH(net, field(), net.theta, -1)).toThrow(InvalidArgumentError);
    expect(() => layerH(net, { ...field(), z: new Float64Array(N * d - 1) }, net.theta, 0)).toThrow(/^field\.z=typed array of length 9 must be length N·d = 10/);
    expect(() => layerH(net, { ...field(), lambdaError: new Float64Array(N + 1) }, net.theta, 0)).toThrow(ShapeMismatchError);
    expect(() => layerH(net, field(), net.theta, 0, new Float64Array(k - 1))).toThrow(/^gradient=/);
  });

  it('mixedLayerLoss: l in [0, L), θ* of length 2d+1 and finite, ε in [0, 1]', () => {
    const star = new Float64Array(k).fill(0.1);
    expect(Number.isFinite(mixedLayerLoss(net, data, L - 1, star, 0.5).E)).toBe(true);
    expect(() => mixedLayerLoss(net, data, L, star, 0.5)).toThrow(/^l=/);
    expect(() => mixedLayerLoss(net, data, 0, new Float64Array(k + 1), 0.5)).toThrow(/^thetaStar=/);
    expect(() => mixedLayerLoss(net, data, 0, Float64Array.from([0, 0, NaN, 0, 0]), 0.5)).toThrow(NonFiniteError);
    expect(() => mixedLayerLoss(net, data, 0, star, 1.5)).toThrow(/^eps=/);
    expect(() => mixedLayerLoss(net, data, 0, star, NaN)).toThrow(NonFiniteError);
    expect(() => mixedLayerLoss(net, ball({ d: 3, N, seed: 1 }), 0, star, 0.5)).toThrow(/^data\.d=/);
  });

  it("lipschitzConstant: Θ' of theta's length, data of the network's d", () => {
    expect(lipschitzConstant(net, net.theta, data).C).toBeGreaterThan(0);
    expect(() => lipschitzConstant(net, net.theta.subarray(1), data)).toThrow(/^thetaPrime=/);
    expect(() => lipschitzConstant(net, net.theta, ball({ d: 3, N, seed: 1 }))).toThrow(/^data\.d=/);
  });

  it("the solvers' tol, n0 and maxSteps", () => {
    const paths = depthPaths({ kind: 'linear', d, M: 2, activation: tanh, seed: 1 });
    for (const [opts, field] of [[{ tol: 0 }, 'tol'], [{ n0: 0 }, 'n0'], [{ n0: 2.5 }, 'n0'], [{ maxSteps: 1 }, 'maxSteps'], [{ n0: 64, maxSteps: 32 }, 'n0']] as const) {
      expect(() => solveContinuousDepth(paths, data, opts), JSON.stringify(opts)).toThrow(new RegExp(`^${field}=`));
    }
    const field: VectorField = (_t, z, out) => void (out[0] = -z[0]!);
    for (const [opts, name] of [[{ tol: -1 }, 'tol'], [{ tol: NaN }, 'tol'], [{ tol: 1e-6, n0: 0 }, 'n0'], [{ tol: 1e-6, maxSteps: 0.5 }, 'maxSteps']] as const) {
      expect(() => solveToTolerance(field, Float64Array.of(1), opts), JSON.stringify(opts)).toThrow(new RegExp(`^${name}=`));
    }
  });
});
