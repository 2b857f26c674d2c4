/**
 * init-law's power and size, measured on sampled ci scenarios in-process (each costs milliseconds): no false
 * alarm on resnet-mf's draw, the boundary control and the planted bugs caught, and the realistic initialisation
 * bugs a review found (a non-Gaussian law, correlated entries, a NaN, an unseeded generator, a scale applied as
 * a variance) caught too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { identity } from '../../src/activations/index.js';
import { initNetwork, randomStream } from '../../src/init/index.js';
import { plantedSubject } from '../../src/planted/index.js';
import { type InitCase, type Subject, builtinSubject, variedSubject } from '../../src/subject/index.js';
import { type InitScenario, initLawClaim, narrowInitSubject, scenariosOf } from '../../properties/initLaw.js';

const SCENARIOS: InitScenario[] = [{ d: 2, L: 8, M: 64, scale: 2, seed: 1 }, ...fc.sample(scenariosOf('ci'), { numRuns: 39, seed: 11 })];

const failures = (subject: Subject) => SCENARIOS.filter((s) => !initLawClaim.measure(s, false, subject).ok).length;

/** Linear paths θ_l = a + (l/L) c from entries drawn by `draw(rng, m, q)` (m the neuron, q the entry; a first, then c). */
function pathSubject(name: string, draw: (rng: { uniform: () => number }, which: 'a' | 'c', q: number, a: number) => number, seeded = true): Subject {
  const shared = randomStream(7, 'unseeded');
  return variedSubject(name, {
    init: ({ d, L, M, scale, seed }: InitCase) => {
      const k = 2 * d + 1;
      const rng = seeded ? randomStream(seed, 'test') : shared;
      const theta = new Float64Array(L * M * k);
      for (let p = 0; p < M * k; p++) {
        const a = scale * draw(rng, 'a', p % k, 0);
        const c = scale * draw(rng, 'c', p % k, a / scale);
        for (let l = 0; l < L; l++) theta[l * M * k + p] = a + (l / L) * c;
      }
      return theta;
    },
  });
}
const gauss = (rng: { uniform: () => number }) => Math.sqrt(-2 * Math.log1p(-rng.uniform())) * Math.cos(2 * Math.PI * rng.uniform());

describe('init-law', () => {
  it('passes resnet-mf\'s own draw on 40 ci scenarios, and an equivalent draw from another stream', () => {
    expect(failures(builtinSubject)).toBe(0);
    expect(failures(pathSubject('own Box–Muller on another stream', gauss))).toBe(0);
  });

  it('fails the boundary control (sd 0.97·scale) and the planted initialisation bugs on every scenario', () => {
    expect(failures(narrowInitSubject)).toBe(SCENARIOS.length);
    expect(failures(plantedSubject('biased-gaussian'))).toBe(SCENARIOS.length);
    expect(failures(plantedSubject('iid-init-for-paths'))).toBe(SCENARIOS.length);
  });

  it('fails the graded bugs near their boundary: paths at t_l = (l + 1)/L, (a, c) 3 % wide, on every scenario; t_l = (l + 0.1)/L at L = 2', () => {
    expect(failures(plantedSubject('path-time@1'))).toBe(SCENARIOS.length);
    expect(failures(plantedSubject('init-scale@0.03'))).toBe(SCENARIOS.length);
    const m = initLawClaim.measure({ d: 1, L: 2, M: 64, scale: 1, seed: 2 }, false, plantedSubject('path-time@0.1'));
    expect(m.ok).toBe(false);
    expect(m.detail).toMatch(/each entry of a is correlated with the same entry of c: .*here δ ≈ 0\.1/);
  });

  it.each([
    ['uniform entries of variance scale²', pathSubject('uniform', (rng) => Math.sqrt(3) * (2 * rng.uniform() - 1))],
    ['c = a', pathSubject('c = a', (rng, which, _q, a) => (which === 'a' ? gauss(rng) : a))],
    ['c correlated with a (ρ = 0.5)', pathSubject('correlated', (rng, which, _q, a) => (which === 'a' ? gauss(rng) : 0.5 * a + Math.sqrt(0.75) * gauss(rng)))],
    ['a generator not seeded by the seed', pathSubject('unseeded', gauss, false)],
  ])('fails %s on every scenario', (_name, subject) => {
    expect(failures(subject)).toBe(SCENARIOS.length);
  });

  it('fails a scale applied as a variance at the fixed example (scale 2), and a NaN inside a path', () => {
    const asVariance = variedSubject('scale²', { init: (c) => initNetwork({ ...c, scale: c.scale * c.scale, activation: identity, init: 'linear' }).theta });
    expect(initLawClaim.measure(SCENARIOS[0], false, asVariance).ok).toBe(false);
    const nan = variedSubject('NaN at layer 1', {
      init: (c) => {
        const theta = builtinSubject.init([c])[0];
        theta[(2 * c.d + 1) * c.M] = Number.NaN; // θ[1][0][0]
        return theta;
      },
    });
    const m = initLawClaim.measure(SCENARIOS[0], false, nan);
    expect(m.ok).toBe(false);
    expect(m.detail).toContain('θ is not finite at draw 0 (seed 1), layer 1, neuron 0, entry 0: NaN');
  });
});
