/**
 * runAudit on a few tiny generated scenarios (seed 12 draws three networks of ≤ 44 neuron·sample·layers)
 * and on a given model: per-quantity statistics, the reference verdict, the worst case and its shrinking,
 * whose fast-check path replays to the reported scenario.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildScenario, type Scenario } from '../../properties/index.js';
import { type AuditReport, QUANTITIES, auditArbitrary, auditReportToJson, runAudit, shrinkWorst } from '../../src/audit/index.js';

const OPTS = { P: 30, steps: 2, dt: 0.05 };
const SOURCE = { kind: 'scenarios', profile: 'quick', seed: 12, runs: 3, shrinkBudget: 4 } as const;

describe('runAudit', () => {
  let report: AuditReport;
  beforeAll(() => {
    report = runAudit({ ...OPTS, source: SOURCE });
  });

  it('summarises every quantity over the scenarios and names the worst', () => {
    expect(report.audited + report.skipped).toBe(3);
    for (const q of QUANTITIES) {
      const s = report.quantities[q];
      expect(s.scenarios).toBe(report.audited);
      expect(s.medianBits).toBeLessThanOrEqual(s.p99Bits);
      expect(s.p99Bits).toBeLessThanOrEqual(s.maxBits);
      expect(s.maxBits).toBe(Math.log2(s.maxUlps + 1));
    }
    expect(report.overall.maxBits).toBe(Math.max(...QUANTITIES.map((q) => report.quantities[q].maxBits)));
    expect(report.worst?.bits).toBe(report.overall.maxBits);
    expect(report.reference).toMatchObject({ P: 30, P2: 60, stable: true, unstableScenarios: [] });
    expect(JSON.parse(auditReportToJson(report)).format).toBe('resnet-mf/audit-report@1');
  });

  it('draws the scenarios of fc.sample, and the shrink path replays to the reported scenario', () => {
    const arb = auditArbitrary('quick');
    const sampled = fc.sample(arb, { seed: SOURCE.seed, numRuns: SOURCE.runs });
    expect(report.scenarios.map((r) => r.scenario)).toEqual(sampled);
    const shrunk = report.worst?.shrunk;
    expect(shrunk).toBeTruthy();
    if (!shrunk || !report.worst) return;
    expect(shrunk.bits).toBeGreaterThanOrEqual(report.worst.bits);
    expect(shrunk.path.split(':')[0]).toBe(String(report.worst.index));
    expect(replay(arb, SOURCE.seed, shrunk.path)).toEqual(shrunk.scenario);
  });

  it('shrinks to a smaller network when a smaller one reaches the target', () => {
    // Target 1 bit instead of the worst's own: most small networks reach it, so fast-check shrinks far.
    const arb = auditArbitrary('quick');
    const worst = report.scenarios.reduce((a, b) => (size(b.scenario) > size(a.scenario) ? b : a));
    const s = shrinkWorst(arb, { index: worst.index, scenario: worst.scenario as Scenario }, 1, { ...OPTS, seed: SOURCE.seed, budget: 12 });
    expect(s.numShrinks).toBeGreaterThan(0);
    expect(size(s.scenario)).toBeLessThan(size(worst.scenario));
    expect(s.bits).toBeGreaterThanOrEqual(1);
    expect(replay(arb, SOURCE.seed, s.path)).toEqual(s.scenario);
  });

  it('audits one given model once, without shrinking', () => {
    const { net, data } = buildScenario({ d: 2, N: 2, L: 2, M: 2, activation: 'sigmoid', delta: 0.5, init: 'linear', scale: 1, dataset: 'ball', seed: 4 });
    const one = runAudit({ ...OPTS, source: { kind: 'model', net, data, model: 'm.json', dataName: 'd.json' } });
    expect(one.scenarios).toHaveLength(1);
    expect(one.worst?.shrunk).toBeNull();
    expect(one.settings.source).toEqual({ kind: 'model', model: 'm.json', data: 'd.json' });
  });
});

function size(s: Scenario | null): number {
  return s ? s.L * s.M * s.N : 0;
}

/** The scenario at a fast-check path under a seed. */
function replay(arb: fc.Arbitrary<Scenario>, seed: number, path: string): Scenario | undefined {
  let seen: Scenario | undefined;
  fc.check(fc.property(arb, (s) => { seen ??= s; return true; }), { seed, path, numRuns: 1 });
  return seen;
}
