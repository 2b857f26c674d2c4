/**
 * The HTML pages (src/report/htmlReport.ts) as text: whatever a run's texts hold (a message, reason,
 * counterexample or path from a hostile shard report), the page has exactly one script element, the inline JSON
 * data block, which parses back to the report; every text is escaped; the policy forbids scripts and requests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, checkHtml, htmlTable } from '../../src/report/htmlReport.js';
import type { CheckReport } from '../../src/report/verdictReport.js';

const RUN = {
  format: 'resnet-mf/check-report@1', profile: 'quick', seed: 7, node: 'v20.20.2', v8: '11.3', startedAt: '2026-12-07T10:00:00.000Z',
  seconds: 3.5, interrupted: false, notRun: [] as string[],
} as const;

function report(text: string): CheckReport {
  const base = { profile: 'quick', seed: 7, runs: 3, figures: { x: 1 }, undecided: 0, undecidedReasons: {}, title: text, catalogue: 1, replay: `resnet-mf check ${text}`, seconds: 0.5 };
  return {
    ...RUN,
    verdicts: [
      { ...base, id: 'depth-rate', control: false, status: 'fail', message: text, counterexample: { s: text }, path: '0' },
      { ...base, id: 'zero-loss', control: false, status: 'inconclusive', reason: text, undecided: 2, undecidedReasons: { [text]: 2 } },
      { ...base, id: 'zero-loss', control: true, status: 'pass' },
    ],
  } as CheckReport;
}

describe('HTML report text', () => {
  it('property: any text from the run is escaped; the one script block is the JSON report and parses back', () => {
    const hostile = fc.oneof(fc.string(), fc.constantFrom('</script><script>alert(1)</script>', '<!--', '<img src=x onerror=alert(1)>', '&lt;', '"\'`', '\u2028\u2029', ']]>'));
    fc.assert(
      fc.property(hostile, (text) => {
        const html = checkHtml(report(text), new Map());
        expect(html.match(/<script/gi)).toHaveLength(1);
        const block = /<script type="application\/json" id="report">([\s\S]*?)<\/script>/.exec(html);
        expect(JSON.parse(block?.[1] ?? '')).toEqual(JSON.parse(JSON.stringify(report(text))));
        expect(html).not.toMatch(/<img/i); // the text, escaped, stays text
      }),
      { seed: 20261207, numRuns: 200 },
    );
  });

  it('the page states its policy, the run and each verdict not as expected with its replay command', () => {
    const html = checkHtml({ ...report('m < 1'), plant: 'drop-inv-L' } as CheckReport, new Map());
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`);
    expect(CONTENT_SECURITY_POLICY).toMatch(/^default-src 'none';/);
    expect(html).toContain('<dt>implementation</dt><dd>resnet-mf 0.1.0 with the planted bug drop-inv-L (a subject built in src/planted)</dd>');
    expect(html).toContain('<h3>FAIL: depth-rate</h3>');
    expect(html).toContain('<h3>inconclusive: zero-loss</h3>');
    expect(html).toContain('<h3>CONTROL MISSED: zero-loss (negative control)</h3>');
    expect(html).toContain('<pre>resnet-mf check m &lt; 1</pre>');
    expect(html).toContain('<title>resnet-mf check: 0 as expected, 3 not.</title>');
  });

  it('tables escape their cells and mark the rows not as expected', () => {
    expect(htmlTable({ head: ['a<'], rows: [['x&'], ['y']] }, new Set([1]))).toBe('<table>\n<thead><tr><th>a&lt;</th></tr></thead>\n<tbody>\n<tr><td>x&amp;</td></tr>\n<tr class="bad"><td>y</td></tr>\n</tbody>\n</table>');
  });
});
