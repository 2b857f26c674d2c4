/**
 * `resnet-mf planted`: the detection matrix of the planted-bug catalogue (docs/planted-bugs.md). For each bug
 * (--bug, default all), every selected claim that measures a subject (--claim, default all; nominal runs, not
 * the controls) runs against resnet-mf with the bug planted; a table per bug lists the claims that caught it, the scenarios run to the first failure
 * (verdict.runs) and the first line of the failure message. Writes the JSON report atomically (--out DIR:
 * DIR/planted.json) and, with --markdown FILE, the same tables as Markdown. Exits 0 when every bug is caught
 * by at least one claim, 1 otherwise.
 */
import { join } from 'node:path';
import Table from 'cli-table3';
import { Command } from 'commander';
import { PROFILES, type Profile } from '../check/claim.js';
import type { ClaimRegistry } from '../check/registry.js';
import { InvalidArgumentError } from '../errors.js';
import { closePools, defaultWorkers, parseWorkersFlag } from '../parallel/pool.js';
import { PLANTED_BUG_IDS, type PlantedBugId, parsePlantedBug } from '../planted/index.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { DEFAULT_SEED } from './checkCommand.js';
import { CommandFailure } from './failure.js';
import { checkOutputs, givenPaths, writeTextFilesAtomic } from './io.js';
import { firstLine } from '../report/table.js';
import { plantedApplicable, plantedRow, type PlantedRow, subjectClaimSelection } from '../check/plantedMatrix.js';

interface PlantedFlags {
  profile: string;
  seed: string;
  workers?: string;
  bug?: string[];
  claim?: string[];
  out: string;
  markdown?: string;
  junit?: string;
}

/** The JSON report of `resnet-mf planted`. */
export interface PlantedReport {
  format: 'resnet-mf/planted-report@1';
  profile: Profile;
  seed: number;
  claims: string[];
  /** Selected claims that read resnet-mf's internals, so do not apply to a planted subject: not run. */
  notApplicable: string[];
  node: string;
  v8: string;
  startedAt: string;
  seconds: number;
  bugs: PlantedRow[];
}

export function plantedCommand(registry: ClaimRegistry): Command {
  return new Command('planted')
    .description('run the claims with each planted bug of the catalogue and show which claims catch it; exit 1 if a bug is caught by none')
    .option('--profile <name>', `budget profile: ${PROFILES.join(', ')}`, 'ci')
    .option('--seed <S>', 'fast-check seed', String(DEFAULT_SEED))
    .option('--workers <N>', `worker threads (default: ${defaultWorkers()}, the cores); the matrix is the same for every N`)
    .option('--bug <id...>', `only these bugs: ${PLANTED_BUG_IDS.join(', ')}`)
    .option('--claim <id...>', 'only these claims (default: every claim of the registry that measures a subject; claims that read resnet-mf\'s internals do not apply to a planted bug, and a selection of only those is bad input, exit 2)')
    .option('--out <dir>', 'directory of the JSON report planted.json', 'reports')
    .option('--markdown <file>', 'also write the tables as Markdown (e.g. for docs/planted-bugs.md)')
    .option('--junit <file>', 'also write the matrix as JUnit XML (a test case per bug, failing when no claim caught it)')
    .action(async (flags: PlantedFlags) => {
      const profile = oneOf('--profile', flags.profile, PROFILES) as Profile;
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const workers = flags.workers !== undefined ? parseWorkersFlag(flags.workers) : defaultWorkers();
      const bugs: PlantedBugId[] = flags.bug ? [...new Set(flags.bug.map((b) => parsePlantedBug(b, '--bug')))] : [...PLANTED_BUG_IDS];
      const { claims, notApplicable } = subjectClaimSelection(registry, flags.claim, 'planted bug');
      if (flags.out.trim() === '') throw new InvalidArgumentError('--out', 'a directory path (not empty)', flags.out);
      const out = join(flags.out, 'planted.json');
      checkOutputs([['--out', out], ...givenPaths(flags, ['markdown', 'junit'])]);
      const started = performance.now();
      const report: PlantedReport = {
        format: 'resnet-mf/planted-report@1', profile, seed, claims: claims.map((c) => c.id), notApplicable,
        node: process.version, v8: process.versions.v8, startedAt: new Date().toISOString(), seconds: 0, bugs: [],
      };
      if (notApplicable.length > 0) console.error(`not applicable to a planted subject (they read resnet-mf's internals): ${notApplicable.join(', ')}`);
      try {
        for (const [k, id] of bugs.entries()) {
          const t0 = performance.now();
          const row = await plantedRow(registry, id, claims, profile, seed, workers);
          report.bugs.push(row);
          console.error(`[${k + 1}/${bugs.length}] ${id}: caught by ${row.caughtBy.length} of ${claims.length} claims (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
          process.stdout.write(`${bugTable(row)}\n`);
        }
      } finally {
        await closePools();
      }
      report.seconds = (performance.now() - started) / 1000;
      const files: [string, string, string][] = [['--out', out, `${JSON.stringify(report, null, 2)}\n`]];
      if (flags.markdown !== undefined) files.push(['--markdown', flags.markdown, plantedMarkdown(report, plantedApplicable(registry.claims).length)]);
      if (flags.junit !== undefined) files.push(['--junit', flags.junit, (await import('../report/junitReport.js')).plantedJUnit(report, plantedApplicable(registry.claims).length)]);
      writeTextFilesAtomic(files);
      console.error(`report written to ${files.map(([, path]) => path).join(', ')}`);
      const missed = report.bugs.filter((b) => b.caughtBy.length === 0).map((b) => b.id);
      if (missed.length > 0) throw new CommandFailure(`planted bugs caught by no claim: ${missed.join(', ')}`, 1);
    });
}

/** The terminal table of one bug: the claims that caught it, runs to the first failure, the message's first line. */
export function bugTable(row: PlantedRow): string {
  const table = new Table({ head: ['claim', 'runs', 'message (first line)'], style: { head: [], border: [] }, wordWrap: true, colWidths: [24, 6, 90] });
  for (const c of row.cells.filter((c) => c.status === 'fail')) table.push([c.claim, String(c.runs), firstLine(c.message)]);
  if (row.caughtBy.length === 0) table.push([{ colSpan: 3, content: 'caught by no claim' }]);
  const others = row.cells.filter((c) => c.status !== 'fail');
  const inconclusive = others.filter((c) => c.status === 'inconclusive').map((c) => c.claim);
  const tail = others.length === 0 ? '' : `\nnot caught by the other ${others.length} claim(s)${inconclusive.length ? ` (inconclusive: ${inconclusive.join(', ')})` : ''}`;
  return `${row.id}: ${row.title}\n${table.toString()}${tail}`;
}

/**
 * The report as Markdown: a summary table (bug → claims that caught it), then one table per bug.
 * @param registrySize the number of claims of the registry that measure a subject (a report of all of them is measured without --claim)
 */
export function plantedMarkdown(report: PlantedReport, registrySize: number): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = [
    `Measured by \`resnet-mf planted --profile ${report.profile} --seed ${report.seed}${selection(report, registrySize)}\` (${report.claims.length} claims that measure a subject, nominal runs against resnet-mf with the bug planted; ${report.seconds.toFixed(0)} s of wall clock, Node ${report.node}). The claims that read resnet-mf's internals do not apply to a planted subject, as they do not to any other implementation: each has its own negative control.`,
    '',
    '| bug | caught by (runs to the first failure) |',
    '|---|---|',
    ...report.bugs.map((b) => `| \`${b.id}\` | ${b.caughtBy.length ? b.cells.filter((c) => c.status === 'fail').map((c) => `\`${c.claim}\` (${c.runs})`).join(', ') : '**none**'} |`),
    '',
  ];
  for (const b of report.bugs) {
    lines.push(`### \`${b.id}\`: ${cell(b.title)}`, '', '| claim | runs | message (first line) |', '|---|---:|---|');
    for (const c of b.cells.filter((c) => c.status === 'fail')) lines.push(`| \`${c.claim}\` | ${c.runs} | ${cell(firstLine(c.message))} |`);
    if (b.caughtBy.length === 0) lines.push('| (none) | | |');
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** The --bug and --claim flags that reproduce the report's selection (none when it covers the whole catalogue and registry). */
function selection(report: PlantedReport, registrySize: number): string {
  const bugs = report.bugs.map((b) => b.id);
  const allBugs = bugs.length === PLANTED_BUG_IDS.length;
  const allClaims = report.claims.length === registrySize;
  return `${allBugs ? '' : ` --bug ${bugs.join(' ')}`}${allClaims ? '' : ` --claim ${report.claims.join(' ')}`}`;
}
