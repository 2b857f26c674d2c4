/**
 * One self-contained HTML page per report (`check --html`, `report merge --html`, `audit --html`,
 * `estimate --html`): the run (seed, profile, Node and V8 versions, implementation), the tables, the plots as
 * inline SVG (drawn by Vega's headless renderer, as the .svg files beside the JSON report), each failure with
 * its counterexample and replay command, and the JSON report itself inline (a `<script type="application/json">`
 * block, data that runs nothing). The page loads nothing: its Content-Security-Policy allows no script, no
 * network request and no font, only its own styles and images, so it opens the same offline, from a CI
 * artifact, or in a mail client.
 *
 * Every text that comes from a run (a message, a counterexample, a reason, a path) is escaped (escape-html).
 */
import escapeHtml from 'escape-html';
import { nonFiniteAsString } from '../data/jsonFields.js';
import type { AuditReport } from '../audit/auditReport.js';
import { auditReplayCommand, auditRows, auditSummaryLines, formatFigure } from '../audit/auditTable.js';
import { VERSION } from '../version.js';
import { type EstimateReport, estimateRows, exponentRows } from './estimateReport.js';
import { optional, type TableRows } from './table.js';
import { type CheckReport, describeRate, failureLines, falseAlarmText, isGood, runName, verdictLabel, verdictRows } from './verdictReport.js';

/** The policy of every page: nothing but its own inline styles and data: images. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; margin-top: 2em; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; margin: 0.5em 0; } th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; text-align: left; }
td { white-space: pre-wrap; } tr.bad td { background: #fde8e8; } th { background: #f3f3f3; }
dl.run { display: grid; grid-template-columns: max-content 1fr; gap: 0.1em 1em; } dl.run dt { font-weight: 600; } dl.run dd { margin: 0; }
pre { background: #f6f6f6; padding: 0.6em; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
figure { margin: 1em 0; } figure svg { max-width: 100%; height: auto; } figcaption { color: #555; }
p.summary.bad { color: #a00; font-weight: 600; }
`;

/** A section of a page: a heading and its HTML body (already escaped). */
export interface HtmlSection {
  heading: string;
  body: string;
}

/** A table as HTML; rows listed in `bad` (their indices) are highlighted. Cell text keeps its line breaks. */
export function htmlTable({ head, rows }: TableRows, bad: ReadonlySet<number> = new Set()): string {
  const header = `<tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map((row, i) => `<tr${bad.has(i) ? ' class="bad"' : ''}>${row.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`);
  return `<table>\n<thead>${header}</thead>\n<tbody>\n${body.join('\n')}\n</tbody>\n</table>`;
}

/** Preformatted text, escaped. */
export function htmlPre(text: string): string {
  return `<pre>${escapeHtml(text)}</pre>`;
}

/** An inline SVG plot with a caption. The SVG is Vega's output; `label` names it for readers and tests. */
export function htmlFigure(svg: string, caption: string, label: string): string {
  return `<figure data-plot="${escapeHtml(label)}">\n${svg}\n<figcaption>${escapeHtml(caption)}</figcaption>\n</figure>`;
}

/** JSON inside a <script type="application/json"> block: every "<" escaped, so no text can close the block. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value, nonFiniteAsString, 1).replace(/</g, '\\u003c');
}

/**
 * The whole page: title, the run as a definition list, the sections, and `data` (the JSON report) inline.
 * @returns the HTML document (UTF-8 text)
 */
export function htmlPage(opts: { title: string; run: [string, string][]; sections: HtmlSection[]; data: unknown }): string {
  const run = opts.run.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n');
  const sections = opts.sections.map((s) => `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.body}\n</section>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(opts.title)}</h1>
<dl class="run">
${run}
</dl>
${sections}
<script type="application/json" id="report">${inlineJson(opts.data)}</script>
</body>
</html>
`;
}

/** The implementation a run checked: this package's, with the planted bug it ran with. */
function implementation(plant: string | null | undefined): string {
  return plant ? `resnet-mf ${VERSION} with the planted bug ${plant} (a subject built in src/planted)` : `resnet-mf ${VERSION} (built-in float64 kernel)`;
}

/**
 * The page of a check report: the run, the verdict table (figures, undecided scenarios; verdicts not as
 * expected highlighted), every verdict not as expected with its counterexample and replay command, and each
 * rate verdict's log–log plot with its fit and the claimed band.
 * @param plots the SVG of each rate verdict, by verdict index (as written beside the JSON report)
 */
export function checkHtml(report: CheckReport & { plant?: string }, plots: ReadonlyMap<number, string>): string {
  const bad = report.verdicts.map((v, i) => (isGood(v) ? -1 : i)).filter((i) => i >= 0);
  const fa = report.falseAlarm;
  const notRun = report.notRun.length > 0 ? `: ${report.notRun.length} claim runs not run (${report.notRun.join(', ')})` : ' (Ctrl-C)';
  const summary = `${report.verdicts.length - bad.length} as expected, ${bad.length} not${report.interrupted ? `; interrupted${notRun}` : ''}.`;
  const sections: HtmlSection[] = [
    {
      heading: 'Verdicts',
      body: `<p class="summary${bad.length > 0 || report.interrupted ? ' bad' : ''}">${escapeHtml(summary)}</p>\n${htmlTable(verdictRows(report), new Set(bad))}` +
        (fa ? `\n<p>False-alarm budget: ${escapeHtml(falseAlarmText(fa))}.</p>` : ''),
    },
  ];
  if (bad.length > 0) {
    const failures = bad.map((i) => {
      const v = report.verdicts[i];
      // a failure's message, then its counterexample laid out; a missed control's or an inconclusive claim's reason
      const what = v.status === 'fail' ? v.message : failureLines(v).join('\n');
      const counterexample = v.status === 'fail' ? `\n<p>Counterexample (shrunk), fast-check path ${escapeHtml(v.path)}:</p>\n${htmlPre(JSON.stringify(v.counterexample, null, 2) ?? String(v.counterexample))}` : '';
      return `<h3>${escapeHtml(`${verdictLabel(v)}: ${runName(v)}`)}</h3>\n${htmlPre(what)}${counterexample}\n<p>Replay:</p>\n${htmlPre(v.replay)}`;
    });
    sections.push({ heading: 'Not as expected', body: failures.join('\n') });
  }
  const figures = report.verdicts.flatMap((v, i) => {
    const svg = plots.get(i);
    return svg && v.rate ? [htmlFigure(svg, `${runName(v)}: ${verdictLabel(v)}; ${describeRate(v.rate)}`, `${v.id}${v.control ? '.control' : ''}`)] : [];
  });
  if (figures.length > 0) sections.push({ heading: 'Rate claims: log–log plots', body: figures.join('\n') });
  return htmlPage({
    title: `resnet-mf check: ${summary}`,
    run: [
      ['profile', report.profile], ['seed', String(report.seed)], ['implementation', implementation(report.plant)],
      ['Node', report.node], ['V8', report.v8], ['started', report.startedAt], ['seconds', report.seconds.toFixed(1)],
    ],
    sections,
    data: report,
  });
}

/**
 * The page of an audit report: the run, the per-quantity table of bits of error against the decimal
 * reference (and, with --fail-above, whether the worst exceeds it), the plot of every network's bits by quantity
 * (auditPlot.ts), the worst case with its shrunk form and replay command, and the verdict on the reference.
 */
export function auditHtml(report: AuditReport, svg: string, failAbove?: number): string {
  const { source, P, steps, dt } = report.settings;
  const { maxBits, quantity } = report.overall;
  const failed = failAbove !== undefined && quantity !== null && maxBits > failAbove;
  const verdict = failAbove === undefined ? '' : `<p class="summary${failed ? ' bad' : ''}">${escapeHtml(failed ? `FAIL: max bits of error ${formatFigure(maxBits)} (${quantity}) exceeds --fail-above ${failAbove}` : `max bits of error ${formatFigure(maxBits)} ≤ --fail-above ${failAbove}`)}</p>\n`;
  const run: [string, string][] = source.kind === 'model'
    ? [['model', source.model], ['data', source.data]]
    : [['profile', source.profile], ['seed', String(source.seed)], ['scenarios', String(source.runs)]];
  return htmlPage({
    title: `resnet-mf audit: float64 against decimal at ${P} digits`,
    run: [
      ...run, ['implementation', implementation(null)], ['decimal digits P (checked against 2P)', String(P)], ['GD steps, Δs', `${steps}, ${dt}`],
      ...optional('fail above (bits)', failAbove?.toString()),
      ['Node', report.node], ['V8', report.v8], ['started', report.startedAt], ['seconds', report.seconds.toFixed(1)],
    ],
    sections: [
      { heading: 'Bits of error by quantity', body: `${verdict}${htmlTable(auditRows(report))}\n${htmlFigure(svg, 'bits of error of every audited network, by quantity', 'audit')}` },
      { heading: 'Worst case and reference', body: htmlPre(auditSummaryLines(report).join('\n')) },
      { heading: 'Replay', body: htmlPre(`${auditReplayCommand(report)}${failAbove !== undefined ? ` --fail-above ${failAbove}` : ''}`) },
    ],
    data: report,
  });
}

/**
 * The page of an estimate report: the run, the smallest sizes per (ε, η), the fitted exponents beside the
 * predicted ones, and the plot of the smallest sizes against 1/ε.
 */
export function estimateHtml(report: EstimateReport, svg: string): string {
  return htmlPage({
    title: `resnet-mf estimate: smallest L and M with P(E ≤ ε) ≥ 1 − η (${report.dataset.name})`,
    run: [
      ['seed', String(report.seed)], ['data set', `${report.dataset.name} (d = ${report.dataset.d}, N = ${report.dataset.N})`], ['implementation', implementation(null)],
      ['strategy', report.strategy], ['α (family-wise), per test', `${report.alpha}, ${report.alphaPerTest.toPrecision(3)}`], ['seeds per test, at most', String(report.maxSeeds)],
      ['Node', report.node], ['started', report.startedAt], ['seconds', report.seconds.toFixed(1)], ['trainings', String(report.trainings)],
      ...optional('interrupted', report.interrupted ? 'yes: searches not finished are undecided' : null),
    ],
    sections: [
      { heading: 'Smallest sizes', body: htmlTable(estimateRows(report)) },
      { heading: 'Exponents', body: htmlTable(exponentRows(report)) },
      { heading: 'Plot', body: htmlFigure(svg, 'smallest L and M on the ladder against 1/ε, per η', 'estimate') },
    ],
    data: report,
  });
}
