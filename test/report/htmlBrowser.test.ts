/**
 * The HTML reports in a real browser: pages written by `check --html` (a failing run with rate plots),
 * `audit --html` and `estimate --html` are opened in headless Chromium (Debian's package; the test installs it
 * where absent and it may, tools/ensure-chromium.sh), and every page must load with no console error, no page
 * error and no network request, and every plot must have drawn: an inline SVG with data marks of non-zero size
 * and ink on its pixels (the SVG rasterised in the page). The harness's own power is shown on two pages made
 * to fail: one that asks for a remote resource, and one whose plot is blank.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanup, ROOT, run, tempDir } from '../cli/harness.js';

/** What a page showed: its console and page errors, requests it made, and each plot's drawing. */
interface PageReading {
  errors: string[];
  requests: string[];
  plots: { plot: string; width: number; height: number; dataMarks: number; symbols: number; ink: number }[];
  report: unknown;
}

/** The script that reads the plots in the page (plain browser JavaScript). */
const READ_PLOTS = readFileSync(join(ROOT, 'test', 'report', 'readPlots.browser.js'), 'utf8');

let browser: Browser;
let dir: string;

beforeAll(async () => {
  const executablePath = execFileSync(join(ROOT, 'tools', 'ensure-chromium.sh'), { encoding: 'utf8' }).trim();
  browser = await chromium.launch({
    executablePath,
    // as root, in a closed network: no sandbox, no GPU, none of Chromium's own background connections
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  dir = tempDir();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  cleanup();
});

/** Opens `file` and reads it: errors, requests beyond the file itself, and every figure[data-plot]'s drawing. */
async function readPage(file: string): Promise<PageReading> {
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => r.url() !== url && requests.push(r.url()));
  try {
    await page.goto(url, { waitUntil: 'load' });
    const reading = (await page.evaluate(READ_PLOTS)) as Omit<PageReading, 'errors' | 'requests'>;
    return { errors, requests, ...reading };
  } finally {
    await page.close();
  }
}

/** A page that loaded cleanly and whose every plot drew. */
function expectDrawn(page: PageReading, plots: number): void {
  expect(page.errors).toEqual([]);
  expect(page.requests).toEqual([]);
  expect(page.plots).toHaveLength(plots);
  for (const p of page.plots) {
    expect(p.width * p.height, p.plot).toBeGreaterThan(0);
    expect(p.dataMarks, p.plot).toBeGreaterThan(0);
    expect(p.ink, p.plot).toBeGreaterThan(0.005);
  }
}

describe('HTML reports in headless Chromium', () => {
  it('check --html (a failing run): no console error, every rate plot drawn with a point per rung', async () => {
    const r = run(dir, ['check', '--claim', 'forward-bound', 'depth-rate', '--profile', 'quick', '--controls', '--plant', 'drop-inv-L', '--out', 'check.json', '--html', 'check.html']);
    expect(r.status, r.stderr).toBe(1);
    const page = await readPage(join(dir, 'check.html'));
    const report = page.report as { verdicts: { id: string; rate?: { points: { e: number }[] } }[] };
    const rated = report.verdicts.filter((v) => v.rate);
    expect(rated.length).toBe(2);
    expectDrawn(page, rated.length);
    expect(page.plots.map((p) => p.symbols)).toEqual(rated.map((v) => v.rate?.points.filter((q) => q.e > 0).length));
    const html = readFileSync(join(dir, 'check.html'), 'utf8');
    expect(html).toContain('resnet-mf check --claim forward-bound --profile quick --seed 20261129 --path 0 --plant drop-inv-L');
    expect(html).toContain('<tr class="bad"><td>12</td><td>forward-bound</td><td>FAIL</td>');
  });

  it('audit --html and estimate --html: no console error, the plot drawn', async () => {
    const audit = run(dir, ['audit', '--profile', 'quick', '--seed', '12', '--runs', '3', '--steps', '2', '--precision', '30', '--out', 'audit.json', '--html', 'audit.html']);
    expect(audit.status, audit.stderr).toBe(0);
    expectDrawn(await readPage(join(dir, 'audit.html')), 1);
    const estimate = run(dir, ['estimate', '--epsilons', '10,5', '--etas', '0.5', '--max-seeds', '64', '--seed', '3', '--out', 'estimate.json', '--html', 'estimate.html'], 300_000);
    expect(estimate.status, estimate.stderr).toBe(0);
    expectDrawn(await readPage(join(dir, 'estimate.html')), 1);
  });

  it('the harness fails a page that asks for a remote resource, and a page whose plot is blank', async () => {
    const html = readFileSync(join(dir, 'audit.html'), 'utf8');
    const remoteHtml = html.replace('</body>', '<img src="http://192.0.2.1/x.png"><script src="http://192.0.2.1/x.js"></script></body>');
    const blankHtml = html.replace(/(<figure data-plot="audit">\n<svg[^>]*>)[\s\S]*?<\/svg>/, '$1</svg>');
    expect(remoteHtml).not.toBe(html);
    expect(blankHtml).not.toBe(html);
    writeFileSync(join(dir, 'remote.html'), remoteHtml);
    const remote = await readPage(join(dir, 'remote.html'));
    expect(remote.errors.some((e) => e.includes('Content Security Policy'))).toBe(true);
    writeFileSync(join(dir, 'blank.html'), blankHtml);
    const blank = await readPage(join(dir, 'blank.html'));
    expect(blank.plots).toHaveLength(1);
    expect(blank.plots[0].dataMarks).toBe(0);
    expect(blank.plots[0].ink).toBeLessThan(0.005);
  });
});
