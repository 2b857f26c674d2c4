#!/usr/bin/env node
// The mutation score per directory of src/ and the surviving mutants, from StrykerJS JSON reports
// (`npm run mutation` writes reports/mutation/<dirs>.fast.json and <dirs>.retest.json; docs/mutation.md).
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
const named = args.filter((a) => a !== '--markdown' && a !== '--');
for (const a of named) if (a.startsWith('-')) fail(`unknown option ${a}; ${USAGE}`);
for (const a of named) {
  if (!existsSync(a)) fail(`${a}: no such report file`);
  if (!statSync(a).isFile()) fail(`${a}: not a file; expected a JSON report`);
}

const dir = 'reports/mutation';
const reports = named.length > 0 ? named : listReports(dir);
if (reports.length === 0) fail(`no report in ${dir}/; run \`npm run mutation\` first`);

/** A mutant's identity across runs (Stryker's ids are per run): mutator, place and replacement. */
const mutantKey = (m) => `${m.mutatorName}|${m.location.start.line}:${m.location.start.column}-${m.location.end.line}:${m.location.end.column}|${m.replacement}`;

const STATUSES = ['Killed', 'Survived', 'NoCoverage', 'Timeout', 'CompileError', 'RuntimeError', 'Ignored', 'Pending'];

/**
 * Reports oldest first by modification time, except that a stage-2 report (<name>.retest.json) always comes after
 * its stage-1 report (<name>.fast.json), whatever their times: it retested that report's survivors.
 */
function readOrder(paths) {
  const mtime = new Map(paths.map((p) => [p, statSync(p).mtimeMs]));
  const effective = (p) => {
    const stage1 = p.replace(/\.retest\.json$/, '.fast.json');
    return p.endsWith('.retest.json') && mtime.has(stage1) ? Math.max(mtime.get(p), mtime.get(stage1) + 1e-3) : mtime.get(p);
  };
  return [...paths].sort((a, b) => effective(a) - effective(b));
}

/** Checks one mutant of files[name] in `path` against the report schema's fields this tool reads. */
function checkMutant(path, name, m, lineCount) {
  const where = `${path}: files["${name}"].mutants[${m?.id ?? '?'}]`;
  if (!STATUSES.includes(m?.status)) fail(`${where}: field "status" is ${JSON.stringify(m?.status)}; expected one of ${STATUSES.join(', ')}`);
  if (typeof m.mutatorName !== 'string') fail(`${where}: field "mutatorName" must be a string`);
  const { start, end } = m.location ?? {};
  const ok = [start?.line, start?.column, end?.line, end?.column].every((v) => Number.isInteger(v) && v >= 1);
  if (!ok || end.line > lineCount || start.line > end.line) fail(`${where}: field "location" must hold 1-based start and end lines and columns within the file's ${lineCount} lines`);
}

/**
 * Per source file, the newest report's result for each mutant: reports are read oldest first; a report whose
 * copy of the file has the same source overrides the results of the mutants it holds (a retest of some lines
 * holds only those), one with another source replaces the file's results altogether (the older ones are stale).
 */
const files = {};
for (const path of readOrder(reports)) {
  let report;
  try {
    report = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    fail(`${path}: not a readable JSON mutation report (${oneLine(e.message, 200)})`);
  }
  if (typeof report?.files !== 'object' || report.files === null || Array.isArray(report.files)) {
    fail(`${path}: field "files" missing or not an object; expected a mutation-testing-report-schema report`);
  }
  for (const [name, file] of Object.entries(report.files)) {
    if (typeof file?.source !== 'string' || !Array.isArray(file?.mutants)) fail(`${path}: files["${name}"] needs "source" (a string) and "mutants" (an array)`);
    const lineCount = file.source.split('\n').length;
    for (const m of file.mutants) checkMutant(path, name, m, lineCount);
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

function oneLine(text, max = 70) {
  const s = text.replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 3)}…` : s;
}

function fail(message) {
  console.error(`mutation-summary: ${message}`);
  process.exit(2);
}
