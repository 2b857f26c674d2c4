/**
 * The audit report for a terminal: the per-quantity table (cli-table3), the worst case with its shrunk
 * version and replay command, and the verdict on the reference (P against 2P).
 */
import { QUANTITIES, TRUSTED_DIGITS } from './auditNetwork.js';
import type { AuditReport } from './auditReport.js';
import { type TableRows, textTable } from '../report/table.js';

/** Shortest readable rendering of a figure (4 significant digits, exponent outside [1e−3, 1e5)). */
export function formatFigure(v: number | null): string {
  if (v === null) return '–';
  if (!Number.isFinite(v)) return String(v);
  if (v === 0 || (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5)) return String(Number(v.toPrecision(4)));
  return v.toExponential(2);
}

/** The table's rows: quantity, scenarios, values, max / median / p99 bits, max ulps, max relative error. */
export function auditRows(report: AuditReport): TableRows {
  const rows = QUANTITIES.map((q) => {
    const s = report.quantities[q];
    return [q, String(s.scenarios), String(s.values), formatFigure(s.maxBits), formatFigure(s.medianBits), formatFigure(s.p99Bits), formatFigure(s.maxUlps), formatFigure(s.maxRelErr)];
  });
  return { head: ['quantity', 'scenarios', 'values', 'max bits', 'median bits', 'p99 bits', 'max ulps', 'max rel. error'], rows };
}

/** The table for a terminal (auditRows). */
export function auditTable(report: AuditReport): string {
  return textTable(auditRows(report));
}

/** The command that reruns this audit (the same seed gives the same scenarios, worst case and shrink). */
export function auditReplayCommand(report: AuditReport): string {
  const { P, steps, dt, source } = report.settings;
  const common = `--precision ${P} --steps ${steps} --dt ${dt}`;
  if (source.kind === 'model') return `resnet-mf audit --model ${source.model} --data ${source.data} ${common}`;
  return `resnet-mf audit --profile ${source.profile} --seed ${source.seed} --runs ${source.runs} ${common}`;
}

/** Significant digits on which two values with relative difference r agree: −log10 r (∞ for r = 0). */
function digitsOfAgreement(r: number): string {
  return r === 0 ? 'all' : formatFigure(-Math.log10(r));
}

/** Lines after the table: worst case, its shrunk form, replay, and whether the reference is trusted. */
export function auditSummaryLines(report: AuditReport): string[] {
  const lines: string[] = [];
  const { worst, reference: ref } = report;
  if (worst === null) {
    lines.push('no network could be audited (every float64 evaluation overflowed)');
  } else {
    const untrusted = ref.unstableScenarios.includes(worst.index) ? ' [reference not stable for this network: not trusted]' : '';
    lines.push(`worst case: ${formatFigure(worst.bits)} bits of error (${worst.quantity}[${worst.valueIndex}]) in #${worst.index}: ${worst.label}${untrusted}`);
    const s = worst.shrunk;
    if (s) {
      const budget = s.budgetExhausted ? `budget of ${s.evaluations} candidates used up` : `${s.evaluations} candidates`;
      const what = s.sameNetwork
        ? `no smaller network reached ${formatFigure(worst.bits)} bits (the shrunk scenario differs only in fields the network ignores)`
        : `${formatFigure(s.bits)} bits (${s.quantity}) in ${s.label}`;
      lines.push(`  shrunk by fast-check (${s.numShrinks} shrinks, ${budget}): ${what}`);
      lines.push(`  fast-check replay: seed ${s.seed}, path ${s.path} (the path starts at run #${worst.index}, the worst scenario)`);
    }
    lines.push(`  replay: ${auditReplayCommand(report)}`);
  }
  const skipped = report.skipped > 0 ? `; ${report.skipped} skipped (float64 non-finite)` : '';
  const versus = `decimal P=${ref.P} against 2P=${ref.P2}`;
  const agreement = ref.maxRelDiff === null ? '' : ` (agree to ≥ ${digitsOfAgreement(ref.maxRelDiff)} digits; required ${TRUSTED_DIGITS})`;
  if (report.audited === 0) lines.push(`reference: nothing audited${skipped}`);
  else if (ref.stable) lines.push(`reference: ${versus}${agreement} in all ${report.audited} networks: the float64 errors above are trusted${skipped}`);
  else {
    lines.push(
      `reference: ${versus}${agreement}: NOT stable in ${ref.unstableScenarios.length} of ${report.audited} networks ` +
        `(#${ref.unstableScenarios.join(', #')}): their float64 errors are not trusted${skipped}`,
    );
  }
  return lines;
}
