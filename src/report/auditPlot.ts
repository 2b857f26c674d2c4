/**
 * The plot of an audit: for each quantity (outputs, loss, gradient, trajectory…), the bits of error of every
 * audited network, one point per network, so that the spread and the outliers are seen beside the table's
 * max, median and p99. Vega-Lite, rendered to SVG (vegaSvg.ts).
 */
import type { TopLevelSpec } from 'vega-lite';
import { QUANTITIES } from '../audit/auditNetwork.js';
import type { AuditReport } from '../audit/auditReport.js';
import { vegaLiteSvg } from './vegaSvg.js';

/** The Vega-Lite specification: bits of error (x) by quantity (y), a point per audited network and quantity. */
export function auditPlotSpec(report: AuditReport): TopLevelSpec {
  const values = report.scenarios.flatMap((s) =>
    s.status === 'audited'
      ? QUANTITIES.filter((q) => Number.isFinite(s.quantities[q].maxBits)).map((q) => ({ quantity: q, bits: s.quantities[q].maxBits }))
      : [],
  );
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `bits of error of float64 against decimal (P = ${report.settings.P})`, subtitle: `${report.audited} networks; a point per network and quantity` },
    width: 480,
    height: { step: 28 },
    data: { values },
    mark: { type: 'tick', thickness: 2 },
    encoding: {
      x: { field: 'bits', type: 'quantitative', title: 'max bits of error', scale: { nice: false, padding: 8 } }, // no tick on the plot's edge, no negative bits on the axis
      y: { field: 'quantity', type: 'nominal', sort: [...QUANTITIES], title: null },
    },
  };
}

/** Renders the plot to an SVG document. */
export async function auditPlotSvg(report: AuditReport): Promise<string> {
  return vegaLiteSvg(auditPlotSpec(report));
}
