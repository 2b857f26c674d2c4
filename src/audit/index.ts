/**
 * Public entry of src/audit: the float64 implementation against high-precision decimal (ulps, bits of
 * error, relative error), GD in any number type, the audit run with its shrunk worst case, and its reports.
 * One hand-written list.
 */
export { type GenericTrainResult, genericTrain } from './genericTrain.js';
export { type ValueError, bitsFromUlps, relativeDifference, valueError } from './valueError.js';
export {
  QUANTITIES,
  TRUSTED_DIGITS,
  type Quantity,
  type QuantityErrors,
  type NetworkAudit,
  type AuditOptions,
  type Float64Subject,
  type Float64Values,
  auditNetwork,
  kernelSubject,
} from './auditNetwork.js';
export { auditScenario } from './auditScenario.js';
export { type QuantityStats, quantile, summarise } from './summarise.js';
export { type ShrinkResult, type ShrinkOptions, shrinkWorst } from './shrinkWorst.js';
export { AUDIT_MAX_SIZES, type AuditProgress, type RunAuditOptions, auditArbitrary, runAudit } from './runAudit.js';
export { AUDIT_REPORT_FORMAT, type AuditReport, type AuditSource, type ScenarioRecord, auditReportToJson } from './auditReport.js';
export { auditReplayCommand, auditSummaryLines, auditTable, formatFigure } from './auditTable.js';
