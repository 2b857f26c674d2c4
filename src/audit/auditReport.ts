/**
 * The JSON report of an accuracy audit (format `resnet-mf/audit-report@1`): settings, per-quantity
 * statistics, the reference check (P against 2P), the worst case with its shrunk version and replay data,
 * and one line per audited scenario.
 */
import { nonFiniteAsString } from '../data/jsonFields.js';
import type { Scenario } from '../check/index.js';
import type { Quantity } from './auditNetwork.js';
import type { ShrinkResult } from './shrinkWorst.js';
import type { QuantityStats } from './summarise.js';

export const AUDIT_REPORT_FORMAT = 'resnet-mf/audit-report@1';

/** Where the audited networks came from: generated scenarios, or one model and data file. */
export type AuditSource =
  | { kind: 'scenarios'; profile: 'quick' | 'ci' | 'full'; seed: number; runs: number; shrinkBudget: number }
  | { kind: 'model'; model: string; data: string };

/** One audited network: its max bits (and where), its reference check, and per-quantity maxima. */
export type ScenarioRecord = {
  /** Index in fc.sample(arb, { seed, numRuns: runs }) (0 for a model file). */
  index: number;
  label: string;
  scenario: Scenario | null;
  seconds: number;
} & (
  | {
      status: 'audited';
      maxBits: number;
      worstQuantity: Quantity;
      /** Index of the worst value within its quantity (layout of the quantity, see auditNetwork.ts). */
      worstIndex: number;
      referenceRelDiff: number | null;
      referenceStable: boolean | null;
      quantities: Record<Quantity, { values: number; maxBits: number; maxUlps: number; maxRelErr: number; referenceRelDiff: number | null }>;
    }
  | { status: 'non-finite'; reason: string }
);

export interface AuditReport {
  format: typeof AUDIT_REPORT_FORMAT;
  settings: { P: number; steps: number; dt: number; source: AuditSource };
  node: string;
  v8: string;
  startedAt: string;
  seconds: number;
  /** Networks audited, and skipped because a float64 value was non-finite (no accuracy statement). */
  audited: number;
  skipped: number;
  quantities: Record<Quantity, QuantityStats>;
  /** The largest bits of error over every quantity, and which. */
  overall: { maxBits: number; quantity: Quantity | null };
  reference: {
    P: number;
    P2: number;
    /** Agreement required between P and 2P: relative difference ≤ 10^−(P−5). */
    requiredRelDiff: number;
    maxRelDiff: number | null;
    /** Every audited network's P reference agreed with 2P: only then are the float64 errors trusted. */
    stable: boolean;
    unstableScenarios: number[];
  };
  worst: {
    index: number;
    label: string;
    scenario: Scenario | null;
    bits: number;
    quantity: Quantity;
    valueIndex: number;
    /** Shrunk with fast-check (generated scenarios with bits > 0 only). */
    shrunk: (ShrinkResult & { label: string }) | null;
  } | null;
  scenarios: ScenarioRecord[];
}

/**
 * The report as JSON text: ±∞ and NaN (a zero reference met by a nonzero float64 value has infinite
 * relative error) are written as the strings "Infinity", "-Infinity", "NaN", which JSON cannot hold as numbers.
 */
export function auditReportToJson(report: AuditReport): string {
  return `${JSON.stringify(report, nonFiniteAsString, 2)}\n`;
}
