/**
 * The accuracy audit run, in phases: generate scenarios (fast-check, seeded) or take one model; audit each
 * network against decimal at P and 2P digits; summarise per quantity; shrink the worst case.
 */
import fc from 'fast-check';
import { type Scenario, describeScenario, scenarioArbitrary } from '../check/index.js';
import type { Dataset } from '../data/dataset.js';
import type { Network } from '../model/index.js';
import { QUANTITIES, TRUSTED_DIGITS, type AuditOptions, type NetworkAudit, auditNetwork } from './auditNetwork.js';
import { auditScenario } from './auditScenario.js';
import { AUDIT_REPORT_FORMAT, type AuditReport, type AuditSource, type ScenarioRecord } from './auditReport.js';
import { shrinkWorst } from './shrinkWorst.js';
import { summarise } from './summarise.js';

/**
 * Size limits of the audited scenarios: the decimal network costs ~1–4 ms per neuron·sample·layer and
 * evaluation (P = 50 and 100), and each scenario takes 2(K + 1) evaluations.
 */
export const AUDIT_MAX_SIZES = { L: 12, M: 12, N: 6 } as const;

/** The scenarios audited: scenarioArbitrary(profile) within AUDIT_MAX_SIZES. */
export function auditArbitrary(profile: 'quick' | 'ci' | 'full'): fc.Arbitrary<Scenario> {
  return scenarioArbitrary(profile, { max: { ...AUDIT_MAX_SIZES } });
}

export type AuditProgress =
  | { phase: 'audit'; done: number; total: number; label: string; maxBits: number | null; seconds: number }
  | { phase: 'shrink'; evaluations: number; budget: number; bits: number; reached: boolean; label: string };

export type RunAuditOptions = Omit<AuditOptions, 'checkReference'> & {
  source:
    | { kind: 'scenarios'; profile: 'quick' | 'ci' | 'full'; seed: number; runs: number; shrinkBudget: number }
    | { kind: 'model'; net: Network; data: Dataset; model: string; dataName: string };
  onProgress?: (event: AuditProgress) => void;
};

/**
 * Runs the audit and returns its report.
 * @param opts - P in [20, 200], steps K ≥ 0, dt = Δs > 0, and the source (validated at the boundary: CLI).
 * @returns the report (see auditReport.ts); float64 overflow in a scenario is recorded as 'non-finite'.
 * @throws Error when the worst scenario does not reproduce while shrinking (non-determinism).
 * @example runAudit({ P: 50, steps: 5, dt: 0.05, source: { kind: 'scenarios', profile: 'quick', seed: 1, runs: 4, shrinkBudget: 5 } })
 */
export function runAudit(opts: RunAuditOptions): AuditReport {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const { source, onProgress, ...audit } = opts;
  const jobs: { label: string; scenario: Scenario | null; run: () => NetworkAudit }[] =
    source.kind === 'model'
      ? [{ label: `${source.model} on ${source.dataName}`, scenario: null, run: () => auditNetwork(source.net, source.data, audit) }]
      : fc.sample(auditArbitrary(source.profile), { seed: source.seed, numRuns: source.runs }).map((s) => ({
          label: describeScenario(s),
          scenario: s,
          run: () => auditScenario(s, audit),
        }));

  // Phase 1: audit every network.
  const audited: Extract<NetworkAudit, { status: 'audited' }>[] = [];
  const records: ScenarioRecord[] = jobs.map((job, index) => {
    const t0 = performance.now();
    const result = job.run();
    const seconds = (performance.now() - t0) / 1000;
    onProgress?.({ phase: 'audit', done: index + 1, total: jobs.length, label: job.label, maxBits: result.status === 'audited' ? result.maxBits : null, seconds });
    const base = { index, label: job.label, scenario: job.scenario, seconds };
    if (result.status !== 'audited') return { ...base, ...result };
    audited.push(result);
    const quantities = Object.fromEntries(
      QUANTITIES.map((q) => {
        const s = summarise([result.quantities[q]]);
        return [q, { values: s.values, maxBits: s.maxBits, maxUlps: s.maxUlps, maxRelErr: s.maxRelErr, referenceRelDiff: s.referenceRelDiff }];
      }),
    ) as Extract<ScenarioRecord, { status: 'audited' }>['quantities'];
    const { maxBits, worstQuantity, worstIndex, referenceRelDiff, referenceStable } = result;
    return { ...base, status: 'audited', maxBits, worstQuantity, worstIndex, referenceRelDiff, referenceStable, quantities };
  });

  // Phase 2: statistics per quantity, and the reference check.
  const quantities = Object.fromEntries(QUANTITIES.map((q) => [q, summarise(audited.map((a) => a.quantities[q]))])) as AuditReport['quantities'];
  let overall: AuditReport['overall'] = { maxBits: 0, quantity: null };
  for (const q of QUANTITIES) {
    if (quantities[q].values > 0 && (overall.quantity === null || quantities[q].maxBits > overall.maxBits)) overall = { maxBits: quantities[q].maxBits, quantity: q };
  }
  const auditedRecords = records.filter((r): r is Extract<ScenarioRecord, { status: 'audited' }> => r.status === 'audited');
  const relDiffs = auditedRecords.map((r) => r.referenceRelDiff ?? 0);
  const reference: AuditReport['reference'] = {
    P: audit.P,
    P2: 2 * audit.P,
    requiredRelDiff: 10 ** -TRUSTED_DIGITS,
    maxRelDiff: relDiffs.length > 0 ? Math.max(...relDiffs) : null,
    stable: auditedRecords.every((r) => r.referenceStable === true),
    unstableScenarios: auditedRecords.filter((r) => r.referenceStable !== true).map((r) => r.index),
  };

  // Phase 3: the worst case, shrunk.
  let worst: AuditReport['worst'] = null;
  const top = auditedRecords.reduce<(typeof auditedRecords)[number] | null>((best, r) => (best === null || r.maxBits > best.maxBits ? r : best), null);
  if (top) {
    worst = { index: top.index, label: top.label, scenario: top.scenario, bits: top.maxBits, quantity: top.worstQuantity, valueIndex: top.worstIndex, shrunk: null };
    if (source.kind === 'scenarios' && top.scenario && top.maxBits > 0) {
      const shrunk = shrinkWorst(auditArbitrary(source.profile), { index: top.index, scenario: top.scenario }, top.maxBits, {
        ...audit,
        seed: source.seed,
        budget: source.shrinkBudget,
        onCandidate: (c) => onProgress?.({ phase: 'shrink', evaluations: c.evaluations, budget: c.budget, bits: c.bits, reached: c.reached, label: describeScenario(c.scenario) }),
      });
      worst.shrunk = { ...shrunk, label: describeScenario(shrunk.scenario) };
    }
  }

  const settingsSource: AuditSource = source.kind === 'model' ? { kind: 'model', model: source.model, data: source.dataName } : { ...source };
  return {
    format: AUDIT_REPORT_FORMAT,
    settings: { P: audit.P, steps: audit.steps, dt: audit.dt, source: settingsSource },
    node: process.version,
    v8: process.versions.v8,
    startedAt,
    seconds: (performance.now() - started) / 1000,
    audited: audited.length,
    skipped: records.length - audited.length,
    quantities,
    overall,
    reference,
    worst,
    scenarios: records,
  };
}

