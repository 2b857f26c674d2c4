#!/usr/bin/env node
// The mutation score per directory of src/ and the surviving mutants, from StrykerJS JSON reports
// (`npm run mutation` writes reports/mutation/<dirs>.json; docs/mutation.md).
//
//   node tools/mutation-summary.mjs [REPORT.json ...] [--markdown]
//
// With no report named, every reports/mutation/*.json is read; for each mutant the newest report's result is
// used (a stage-2 retest overrides stage 1 on the lines it retested; a report of older source is dropped).
// Metrics (score = detected / valid, where detected = killed + timed out and valid excludes ignored and
// compile/runtime errors) come from mutation-testing-metrics, the library behind Stryker's own reports.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Table from 'cli-table3';
import { calculateMetrics } from 'mutation-testing-metrics';

const USAGE = 'usage: node tools/mutation-summary.mjs [REPORT.json ...] [--markdown]';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
const markdown = args.includes('--markdown');
const named = args.filter((a) => a !== '--markdown');
for (const a of named) if (a.startsWith('-')) fail(`unknown option ${a}; ${USAGE}`);
for (const a of named) if (!existsSync(a) || !statSync(a).isFile()) fail(`${a}: no such report file`);

const dir = 'reports/mutation';
const reports = named.length > 0 ? named : listReports(dir);
if (reports.length === 0) fail(`no report in ${dir}/; run \`npm run mutation\` first`);

/** A mutant's identity across runs (Stryker's ids are per run): mutator, place and replacement. */
const mutantKey = (m) => `${m.mutatorName}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}|${m.replacement}`;

/**
 * Per source file, the newest report's result for each mutant: reports are read oldest first; a report whose
 * copy of the file has the same source overrides the results of the mutants it holds (a retest of some lines
 * holds only those), one with another source replaces the file's results altogether (the older ones are stale).
 */
const files = {};
const sorted = reports.map((path) => ({ path, mtime: statSync(path).mtimeMs })).sort((a, b) => a.mtime - b.mtime);
for (const { path } of sorted) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`${path}: not a readable JSON mutation report (${e.message})`);
  }
  if (typeof report?.files !== 'object' || report.files === null || Array.isArray(report.files)) {
    fail(`${path}: field "files" missing or not an object; expected a mutation-testing-report-schema report`);
  }
  for (const [name, file] of Object.entries(report.files)) {
    if (typeof file?.source !== 'string' || !Array.isArray(file?.mutants)) fail(`${path}: files["${name}"] needs "source" (a string) and "mutants" (an array)`);
    const key = relative(process.cwd(), name);
    const previous = files[key];
    if (previous === undefined || previous.source !== file.source) {
      files[key] = file;
    } else {
      const merged = new Map(previous.mutants.map((m) => [mutantKey(m), m]));
      for (const m of file.mutants) merged.set(mutantKey(m), m);
      files[key] = { ...file, mutants: [...merged.values()] };
    }
  }
}

const byDirectory = new Map();
for (const [name, file] of Object.entries(files)) {
  const key = name.split('/').slice(0, 2).join('/');
  if (!byDirectory.has(key)) byDirectory.set(key, {});
  byDirectory.get(key)[name] = file;
}

const rows = [...byDirectory.keys()].sort().map((key) => [key, calculateMetrics(byDirectory.get(key)).metrics]);
rows.push(['all', calculateMetrics(files).metrics]);
const header = ['directory', 'mutants', 'killed', 'timeout', 'survived', 'no coverage', 'ignored', 'errors', 'score %'];
const cells = rows.map(([key, m]) => [
  key,
  m.totalMutants,
  m.killed,
  m.timeout,
  m.survived,
  m.noCoverage,
  m.ignored,
  m.totalInvalid,
  Number.isNaN(m.mutationScore) ? '–' : m.mutationScore.toFixed(1),
]);

if (markdown) {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`);
  for (const c of cells) console.log(`| ${c.join(' | ')} |`);
} else {
  const table = new Table({ head: header, style: { head: [], border: [] } });
  table.push(...cells);
  console.log(table.toString());
}

const undetected = [];
const ignoredReasons = new Map();
for (const [name, file] of Object.entries(files)) {
  for (const m of file.mutants) {
    if (m.status === 'Survived' || m.status === 'NoCoverage') undetected.push({ name, m, lines: file.source.split('\n') });
    if (m.status === 'Ignored') ignoredReasons.set(m.statusReason ?? 'ignored', (ignoredReasons.get(m.statusReason ?? 'ignored') ?? 0) + 1);
  }
}
undetected.sort((a, b) => a.name.localeCompare(b.name) || a.m.location.start.line - b.m.location.start.line);
console.log(`\n${undetected.length} undetected mutant(s)${undetected.length ? ':' : '.'}`);
for (const { name, m, lines } of undetected) {
  const { start, end } = m.location;
  const original = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)} …`;
  console.log(`  ${name}:${start.line}:${start.column} ${m.status} ${m.mutatorName}: ${oneLine(original)} → ${oneLine(m.replacement ?? '')}`);
}
if (ignoredReasons.size > 0) {
  console.log('\nignored (not in the score):');
  for (const [reason, count] of [...ignoredReasons].sort((a, b) => b[1] - a[1])) console.log(`  ${count} × ${reason}`);
}

function listReports(path) {
  try {
    return readdirSync(path)
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(path, f));
  } catch {
    return [];
  }
}

function oneLine(text) {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > 70 ? `${s.slice(0, 67)}…` : s;
}

function fail(message) {
  console.error(`mutation-summary: ${message}`);
  process.exit(2);
}
