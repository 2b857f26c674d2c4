/**
 * The planted bugs' network (src/planted/defectiveNetwork.ts): without defects it is the network of theory.md §1
 * (two subject claims, whose references are the 40-digit network, pass it); each defect changes exactly what its
 * catalogue entry says, checked against resnet-mf's kernel on a transformed network where one exists.
 */
import { describe, expect, it } from 'vitest';
import { tanh } from '../../src/activations/index.js';
import { loadDataset } from '../../src/data/index.js';
import { initNetwork } from '../../src/init/index.js';
import { lossAndGradient, type Network } from '../../src/model/index.js';
import { defectiveLossAndGradient } from '../../src/planted/index.js';
import { variedSubject } from '../../src/subject/index.js';
import { findClaim } from '../../properties/index.js';
import { scaleU } from '../../properties/plantedBugs.js';
import { relativeDistance } from '../helpers/relativeDistance.js';

const net: Network = initNetwork({ d: 2, L: 4, M: 3, activation: tanh, init: 'linear', seed: 5, scale: 1.5 });
const data = loadDataset('ball', { d: 2, N: 5, seed: 2 });
const k = 2 * net.d + 1;
const correct = lossAndGradient(net, data);


describe('the planted bugs\' network without defects', () => {
  it('is the network: loss-outputs and gradient-decimal pass it (ci profile)', () => {
    const plain = variedSubject('defect-free planted network', { lossAndGradient: (n, d) => defectiveLossAndGradient(n, d, {}) });
    for (const id of ['loss-outputs', 'gradient-decimal']) {
      const verdict = findClaim(id)?.run({ profile: 'ci', seed: 20261129, subject: plain });
      expect(verdict?.status, `${id}: ${JSON.stringify(verdict)}`).toBe('pass');
    }
  }, 120_000);

  it('agrees with the kernel to rounding on a small network', () => {
    const plain = defectiveLossAndGradient(net, data, {});
    expect(relativeDistance(plain.outputs, correct.outputs)).toBeLessThan(1e-14);
    expect(relativeDistance(plain.grad, correct.grad)).toBeLessThan(1e-13);
    expect(Math.abs(plain.loss - correct.loss) / correct.loss).toBeLessThan(1e-14);
  });
});

describe('each defect', () => {
  it('layer scale 1/M (drop-inv-L) is the correct network with u scaled by L, in the outputs and in ∂E/∂w, ∂E/∂b', () => {
    const bug = defectiveLossAndGradient(net, data, { layerScale: (M) => 1 / M });
    const scaled = lossAndGradient(scaleU(net, net.L), data);
    expect(relativeDistance(bug.outputs, scaled.outputs)).toBeLessThan(1e-14);
    const wb = (g: Float64Array) => g.filter((_, p) => p % k >= net.d);
    expect(relativeDistance(wb(bug.grad), wb(scaled.grad))).toBeLessThan(1e-13);
  });

  it('terminal factor 2 (readout-gradient-factor) doubles ∂E/∂θ and leaves E and the outputs alone', () => {
    const bug = defectiveLossAndGradient(net, data, { terminalFactor: 2 });
    expect(relativeDistance(bug.outputs, correct.outputs)).toBeLessThan(1e-14);
    expect(relativeDistance(bug.grad, correct.grad.map((g) => 2 * g))).toBeLessThan(1e-13);
  });

  it('bias-gradient factor −1 (bias-gradient-sign) negates ∂E/∂b only', () => {
    const bug = defectiveLossAndGradient(net, data, { biasGradientFactor: -1 });
    expect(relativeDistance(bug.grad, correct.grad.map((g, p) => (p % k === 2 * net.d ? -g : g)))).toBeLessThan(1e-13);
  });

  it('θ of the next layer (off-by-one-layer) gives the outputs of the network whose layer l holds θ_{min(l+1, L−1)}', () => {
    const bug = defectiveLossAndGradient(net, data, { thetaLayer: (l, L) => Math.min(l + 1, L - 1) });
    const theta = new Float64Array(net.theta.length);
    for (let l = 0; l < net.L; l++) theta.set(net.theta.subarray(Math.min(l + 1, net.L - 1) * net.M * k, (Math.min(l + 1, net.L - 1) + 1) * net.M * k), l * net.M * k);
    expect(relativeDistance(bug.outputs, lossAndGradient({ ...net, theta }, data).outputs)).toBeLessThan(1e-14);
  });

  it('float32 states (float32-forward) move the outputs by about 2⁻²⁴, not more', () => {
    const bug = defectiveLossAndGradient(net, data, { float32States: true });
    const distance = relativeDistance(bug.outputs, correct.outputs);
    expect(distance).toBeGreaterThan(1e-10);
    expect(distance).toBeLessThan(net.L * 2 ** -23);
  });

  it('the adjoint defects (adjoint-at-next, wrong-index-sum, adjoint-no-identity) leave E, the outputs and the last layer\'s ∂E/∂u alone and change ∂E/∂θ', () => {
    for (const defects of [{ dsigmaAtNext: true }, { neuronShift: 1 }, { noIdentity: true }]) {
      const bug = defectiveLossAndGradient(net, data, defects);
      expect(relativeDistance(bug.outputs, correct.outputs)).toBeLessThan(1e-14);
      const lastU = (g: Float64Array) => g.filter((_, p) => p >= (net.L - 1) * net.M * k && p % k < net.d);
      expect(relativeDistance(lastU(bug.grad), lastU(correct.grad))).toBeLessThan(1e-13);
      expect(relativeDistance(bug.grad, correct.grad), JSON.stringify(defects)).toBeGreaterThan(1e-6);
    }
  });
});
