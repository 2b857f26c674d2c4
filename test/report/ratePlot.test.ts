import { describe, expect, it } from 'vitest';
import type { RateReport } from '../../properties/index.js';
import { ratePlotSvg } from '../../src/report/ratePlot.js';
import { describeRate } from '../../src/report/verdictReport.js';
import { asymptoticRange, logLogFit } from '../../src/stats/index.js';

const points = [8, 16, 32, 64, 128, 256].map((n) => ({ n, e: 0.3 / n, floor: 1e-6 }));
const used = asymptoticRange(points);
const rate: RateReport = {
  quantity: 'max_i |z_L − z(1)|',
  size: 'L',
  claimed: -1,
  band: 0.1,
  fit: logLogFit(used),
  points,
  used: used.map((p) => p.n),
  referenceError: 1e-13,
};

describe('rate plots', () => {
  it('describes the fit in one line with the exponent, interval, sizes and reference error', () => {
    expect(describeRate(rate)).toBe('exponent -1 [-1, -1] (99 %) in L over L = 32, 64, 128, 256; claimed -1 ± 0.1; reference error 1e-13');
  });

  it('renders an SVG with one symbol per rung and the fit in its subtitle', async () => {
    const svg = await ratePlotSvg('depth-rate', rate);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('depth-rate');
    expect(svg).toContain('exponent -1 [-1, -1]');
    // one point mark per rung: Vega draws each as a <path> inside the "mark-symbol" group
    const symbols = svg.split('class="mark-symbol')[1]?.split('</g>')[0] ?? '';
    expect((symbols.match(/<path /g) ?? []).length).toBe(points.length);
  });
});
