/**
 * `resnet-mf power` (issue 17): for each graded bug family (src/planted/families.ts), the smallest δ of the ladder
 * 1, 0.3, 0.1, …, 10⁻⁸ at which the registry's claims that measure a subject catch the member `family@δ` under a
 * profile and seed, and the claims that catch it there (docs/power.md).
 *
 * - First the baseline: the defect-free planted network (every network and training-loop family at δ = 0, bit
 *   for bit; the other families at δ = 0 are resnet-mf's own implementation, which `calibrate` covers). A claim
 *   failing there is a false alarm, and voids the table: exit 1.
 * - Then per family the search of src/check/powerSearch.ts (top rung, bottom rung, bisection), each rung a run
 *   that stops at the first catch; then a complete run at the smallest caught δ for the list of its catchers.
 * - Every evaluation goes to the journal DIR/power.jsonl when done (src/report/powerJournal.ts); the same command
 *   continues from it. The JSON report DIR/power.json and --markdown FILE are written atomically at the end.
 *
 * Exit 0 when the baseline passes and every family meets its target (δ ≤ 10⁻⁶ for a family that breaks an exact
 * identity, δ ≤ 0.1 for the others); 1 otherwise; 130 after Ctrl-C (the journal keeps what was done).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Table from 'cli-table3';
import { Command } from 'commander';
import { PROFILES, type Profile } from '../check/claim.js';
import type { ClaimRegistry } from '../check/registry.js';
import { plantCells, plantedApplicable, subjectClaimSelection } from '../check/plantedMatrix.js';
import { smallestCaughtRung } from '../check/powerSearch.js';
import { InvalidArgumentError } from '../errors.js';
import { listenForInterrupt } from '../interrupt.js';
import { closePools, defaultWorkers, parseWorkersFlag } from '../parallel/pool.js';
import { BUG_FAMILIES, BUG_FAMILY_IDS, type BugFamily, type BugFamilyId, DELTA_LADDER, type PlantName, gradedPlant } from '../planted/index.js';
import {
  type PowerCell, type PowerEvaluation, type PowerSettings, caught, parsePowerJournal, powerEntryLine, powerHeaderLine, powerJournalPath, registryFingerprint,
} from '../report/powerJournal.js';
import { firstLine } from '../report/table.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { DEFAULT_SEED } from './checkCommand.js';
import { CommandFailure } from './failure.js';
import { checkOutputs, givenPaths, readTextFile, writeTextFilesAtomic } from './io.js';
import { openJournal } from './journalWriter.js';

/** Largest δ a family must be caught at: 10⁻⁶ when it breaks an exact identity, 0.1 otherwise (issue 17). */
export function targetDelta(family: Pick<BugFamily, 'exact'>): number {
  return family.exact ? 1e-6 : 0.1;
}

/** The plant of the baseline: every network family at δ = 0, the defect-free planted network. */
export const BASELINE_PLANT: PlantName = gradedPlant('layer-scale', 0);

/** One family's row of the report. */
export interface PowerRow {
  id: BugFamilyId;
  title: string;
  exact: boolean;
  target: number;
  /** Smallest δ of the ladder caught, or null when δ = 1 is not caught. */
  smallest: number | null;
  /** The next rung below `smallest`, not caught (null: `smallest` is the bottom rung); 1 when nothing was caught. */
  notCaughtAt: number | null;
  /** Claims that failed at `smallest` (a complete run). */
  caughtBy: string[];
  /** smallest ≠ null and smallest ≤ target. */
  meetsTarget: boolean;
  /** The rungs evaluated, in search order. */
  evaluated: { delta: number; caught: boolean; firstCatch: string | null }[];
  /** The cells of the complete run at `smallest` (or at δ = 1 when nothing was caught). */
  cells: PowerCell[];
  /** The command that replays the first catch at `smallest` (null when nothing was caught). */
  replay: string | null;
}

/** The JSON report of `resnet-mf power`. */
export interface PowerReport {
  format: 'resnet-mf/power-report@1';
  profile: Profile;
  seed: number;
  claims: string[];
  notApplicable: string[];
  ladder: readonly number[];
  node: string;
  v8: string;
  startedAt: string;
  /** Wall clock of this session (a resumed run counts only what it ran itself). */
  seconds: number;
  /** Seconds of claim work in every evaluation the report rests on, from the journal and this session, summed over threads. */
  workSeconds: number;
  baseline: { plant: PlantName; falseAlarms: string[]; cells: PowerCell[] };
  families: PowerRow[];
}

interface PowerFlags {
  profile: string;
  seed: string;
  workers?: string;
  family?: string[];
  claim?: string[];
  out: string;
  markdown?: string;
  fresh?: boolean;
}

export function powerCommand(registry: ClaimRegistry): Command {
  return new Command('power')
    .description('for each graded bug family, the smallest δ on the ladder 1, 0.3, 0.1, …, 1e-8 that the registry catches, and the claims that catch it (docs/power.md); exit 1 if a family misses its target or the defect-free baseline fails a claim')
    .option('--profile <name>', `budget profile: ${PROFILES.join(', ')}`, 'ci')
    .option('--seed <S>', 'fast-check seed', String(DEFAULT_SEED))
    .option('--workers <N>', `worker threads (default: ${defaultWorkers()}, the cores); the table is the same for every N`)
    .option('--family <id...>', `only these families: ${BUG_FAMILY_IDS.join(', ')}`)
    .option('--claim <id...>', "only these claims (default: every claim that measures a subject; those that read resnet-mf's internals do not apply)")
    .option('--out <dir>', 'directory of the JSON report power.json and its journal power.jsonl', 'reports')
    .option('--markdown <file>', "also write the table as Markdown (a whole file: the table of docs/power.md's \"Measured\" section)")
    .option('--fresh', 'discard the journal of an earlier run instead of continuing it')
    .action(async (flags: PowerFlags) => {
      const profile = oneOf('--profile', flags.profile, PROFILES) as Profile;
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const workers = flags.workers !== undefined ? parseWorkersFlag(flags.workers) : defaultWorkers();
      const familyIds = flags.family ? [...new Set(flags.family.map((f) => oneOf('--family', f, BUG_FAMILY_IDS) as BugFamilyId))] : [...BUG_FAMILY_IDS];
      const families = BUG_FAMILIES.filter((f) => familyIds.includes(f.id));
      const { claims, notApplicable } = subjectClaimSelection(registry, flags.claim, 'graded bug');
      if (flags.out.trim() === '') throw new InvalidArgumentError('--out', 'a directory path (not empty)', flags.out);
      const out = join(flags.out, 'power.json');
      const journalPath = powerJournalPath(out);
      checkOutputs([['--out', out], ['--out (its journal)', journalPath], ...givenPaths(flags, ['markdown'])]);
      const settings: PowerSettings = { profile, seed, claims: claims.map((c) => c.id), fingerprint: registryFingerprint(claims) };
      const { contents: journal, writer } = await openJournal(
        journalPath,
        '--out (its journal)',
        () => !flags.fresh && existsSync(journalPath)
          ? parsePowerJournal(readTextFile('--out (its journal)', journalPath), journalPath, settings)
          : { hasHeader: false, node: '', evaluations: [], validBytes: 0, needsNewline: false, droppedLine: null },
        (j) => ({ keepBytes: j.validBytes, prefix: j.hasHeader ? (j.needsNewline ? '\n' : '') : powerHeaderLine(settings) }),
      );
      const known = new Map<string, PowerEvaluation>();
      const remember = (e: PowerEvaluation) => {
        const key = e.plant;
        const had = known.get(key);
        if (!had || (had.stopping && !e.stopping)) known.set(key, e); // a complete run answers every question
      };
      for (const e of journal.evaluations) remember(e);
      if (journal.droppedLine !== null) console.error(`journal ${journalPath}: dropped its truncated last line ${journal.droppedLine} (cut by a kill); that evaluation runs again`);
      if (journal.hasHeader && journal.node !== process.version) console.error(`journal ${journalPath} was started with Node ${journal.node}; this is ${process.version}: a verdict may differ bit for bit between versions`);
      if (notApplicable.length > 0) console.error(`not applicable to a graded bug (they read resnet-mf's internals): ${notApplicable.join(', ')}`);

      const ctrlC = listenForInterrupt();
      const started = performance.now();
      const startedAt = new Date().toISOString();
      let secondsPerScenario: Map<string, number> | undefined;
      /** The evaluation of `plant` (from the journal, or run now); `complete`: every claim run to its verdict. */
      const evaluate = async (plant: PlantName, complete: boolean): Promise<PowerEvaluation> => {
        const had = known.get(plant);
        if (had && (!complete || !had.stopping)) return had;
        const cells = await plantCells(registry, plant, claims, { profile, seed, workers, stopAtFirstCatch: !complete, interrupted: ctrlC.interrupted, ...(secondsPerScenario ? { secondsPerScenario } : {}) });
        if (ctrlC.interrupted()) throw new CommandFailure(`interrupted: what was done is in the journal ${journalPath}; run the same command again to continue`, 130);
        const e: PowerEvaluation = { plant, stopping: !complete, cells };
        writer.append(powerEntryLine(e));
        remember(e);
        return e;
      };

      const rows: PowerRow[] = [];
      let baseline: PowerEvaluation;
      try {
        console.error(`power: profile ${profile}, seed ${seed}, ${claims.length} claims, ${families.length} famil${families.length === 1 ? 'y' : 'ies'}, ladder ${DELTA_LADDER[0]} … ${DELTA_LADDER[DELTA_LADDER.length - 1]}; journal ${journalPath}; ${workers} worker${workers > 1 ? 's' : ''}`);
        const t0 = performance.now();
        baseline = await evaluate(BASELINE_PLANT, true);
        secondsPerScenario = new Map(baseline.cells.map((c) => [c.claim, c.seconds / Math.max(1, c.runs)]));
        const alarms = baseline.cells.filter((c) => c.status !== 'pass').map((c) => `${c.claim} (${c.status})`);
        console.error(`baseline ${BASELINE_PLANT}: ${alarms.length === 0 ? `every claim passes` : `NOT PASSED: ${alarms.join(', ')}`} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
        for (const [k, family] of families.entries()) {
          const t1 = performance.now();
          const row = await familyRow(family, evaluate);
          const first = row.smallest === null ? undefined : row.cells.find((c) => c.status === 'fail');
          if (first) row.replay = `resnet-mf check --claim ${first.claim} --profile ${profile} --seed ${seed} --plant ${gradedPlant(family.id, row.smallest as number)}`;
          rows.push(row);
          console.error(`[${k + 1}/${families.length}] ${family.id}: ${row.smallest === null ? 'not caught at δ = 1' : `caught at δ = ${row.smallest}`}${row.notCaughtAt !== null ? `, not at ${row.notCaughtAt}` : ''} (${row.evaluated.length} rung${row.evaluated.length === 1 ? '' : 's'}, ${((performance.now() - t1) / 1000).toFixed(1)} s)`);
        }
      } finally {
        ctrlC.stop();
        writer.close();
        await closePools();
      }
      const report: PowerReport = {
        format: 'resnet-mf/power-report@1', profile, seed, claims: claims.map((c) => c.id), notApplicable, ladder: DELTA_LADDER,
        node: process.version, v8: process.versions.v8, startedAt, seconds: (performance.now() - started) / 1000,
        workSeconds: [...known.values()].reduce((sum, e) => sum + e.cells.reduce((t, c) => t + c.seconds, 0), 0),
        baseline: { plant: BASELINE_PLANT, falseAlarms: baseline.cells.filter((c) => c.status !== 'pass').map((c) => c.claim), cells: baseline.cells },
        families: rows,
      };
      const files: [string, string, string][] = [['--out', out, `${JSON.stringify(report, null, 2)}\n`]];
      if (flags.markdown !== undefined) files.push(['--markdown', flags.markdown, powerMarkdown(report, plantedApplicable(registry.claims).length)]);
      writeTextFilesAtomic(files);
      process.stdout.write(`${powerTable(report)}\n`);
      console.error(`report written to ${files.map(([, path]) => path).join(', ')}; journal ${journalPath}`);
      const failure = powerFailure(report);
      if (failure !== null) throw new CommandFailure(failure, 1);
    });
}

/** Why `report` fails (exit 1), or null: the baseline did not pass every claim, or a family missed its target. */
export function powerFailure(report: Pick<PowerReport, 'baseline' | 'families'>): string | null {
  if (report.baseline.falseAlarms.length > 0) return `the defect-free baseline did not pass ${report.baseline.falseAlarms.join(', ')}: a false alarm (or an undecided run), so the table says nothing`;
  const missed = report.families.filter((r) => !r.meetsTarget).map((r) => r.id);
  return missed.length > 0 ? `families not caught at their target δ: ${missed.join(', ')}` : null;
}

/** The search over the ladder for one family, then the complete run at its smallest caught δ. */
export async function familyRow(family: BugFamily, evaluate: (plant: PlantName, complete: boolean) => Promise<PowerEvaluation>): Promise<PowerRow> {
  const plantAt = (i: number) => gradedPlant(family.id, DELTA_LADDER[i]);
  const firstCatch = new Map<number, string | null>();
  const search = await smallestCaughtRung(DELTA_LADDER.length, async (i) => {
    const e = await evaluate(plantAt(i), false);
    firstCatch.set(i, e.cells.find((c) => c.status === 'fail')?.claim ?? null);
    return caught(e);
  });
  const at = search.smallest ?? 0;
  const full = await evaluate(plantAt(at), true);
  if (search.smallest !== null && !caught(full)) {
    // both runs are deterministic: a disagreement is a bug of resnet-mf, never a verdict
    throw new Error(`power: the complete run of ${plantAt(at)} caught nothing, while its stopping run did (${full.cells.map((c) => `${c.claim} ${c.status}`).join(', ')})`);
  }
  // the rung below the answer, evaluated and missed; when nothing was caught, the top rung
  const lower = search.smallest === null ? search.evaluated[0] : search.evaluated.find((r) => r.index === (search.smallest as number) + 1 && !r.caught);
  const target = targetDelta(family);
  const smallest = search.smallest === null ? null : DELTA_LADDER[search.smallest];
  return {
    id: family.id, title: family.title, exact: family.exact, target,
    smallest, notCaughtAt: lower ? DELTA_LADDER[lower.index] : null,
    caughtBy: smallest === null ? [] : full.cells.filter((c) => c.status === 'fail').map((c) => c.claim),
    meetsTarget: smallest !== null && smallest <= target,
    evaluated: search.evaluated.map((r) => ({ delta: DELTA_LADDER[r.index], caught: r.caught, firstCatch: firstCatch.get(r.index) ?? null })),
    cells: full.cells,
    replay: null,
  };
}

/** δ as the table shows it: 1, 0.3, 1e-6. */
function deltaText(delta: number | null): string {
  return delta === null ? '–' : delta >= 1e-3 ? String(delta) : delta.toExponential(0);
}

function rowCells(r: PowerRow): string[] {
  return [
    r.id, r.exact ? 'exact' : 'law', r.smallest === null ? 'not at 1' : deltaText(r.smallest), deltaText(r.notCaughtAt), deltaText(r.target),
    r.meetsTarget ? 'yes' : 'NO', r.caughtBy.join(', ') || '–',
  ];
}

/** The terminal table: one row per family. */
export function powerTable(report: PowerReport): string {
  const table = new Table({ head: ['family', 'kind', 'caught at δ', 'not at δ', 'target', 'met', 'claims that catch it at that δ'], style: { head: [], border: [] }, wordWrap: true, colWidths: [22, 7, 11, 10, 8, 5, 60] });
  for (const r of report.families) table.push(rowCells(r));
  const base = report.baseline.falseAlarms.length === 0 ? 'baseline (δ = 0): every claim passes' : `baseline (δ = 0): FAILED ${report.baseline.falseAlarms.join(', ')}`;
  const replays = report.families.filter((r) => r.replay).map((r) => `replay ${r.id}: ${r.replay}`);
  return [table.toString(), base, ...replays].join('\n');
}

/**
 * The report as Markdown (docs/power.md's table): the command that made it, the baseline, a row per family.
 * @param registrySize the number of claims that measure a subject (a report of all of them was made without --claim)
 */
export function powerMarkdown(report: PowerReport, registrySize: number): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const allFamilies = report.families.length === BUG_FAMILY_IDS.length;
  const flags = `${allFamilies ? '' : ` --family ${report.families.map((f) => f.id).join(' ')}`}${report.claims.length === registrySize ? '' : ` --claim ${report.claims.join(' ')}`}`;
  const lines = [
    `Measured by \`resnet-mf power --profile ${report.profile} --seed ${report.seed}${flags}\` (${report.claims.length} claims that measure a subject; ${report.seconds.toFixed(0)} s of wall clock in the last session, ${report.workSeconds.toFixed(0)} s of claim work summed over threads and sessions; Node ${report.node}).`,
    '',
    report.baseline.falseAlarms.length === 0
      ? `Baseline \`${report.baseline.plant}\` (the defect-free planted network): every claim passes.`
      : `**Baseline \`${report.baseline.plant}\` failed ${report.baseline.falseAlarms.join(', ')}: a false alarm, so this table says nothing.**`,
    '',
    '| family | deviation | kind | caught at δ | not caught at δ | target | met | claims that catch it at that δ |',
    '|---|---|---|---:|---:|---:|---|---|',
    ...report.families.map((r) => {
      const [id, kind, at, notAt, target, met, by] = rowCells(r);
      return `| \`${id}\` | ${cell(r.title)} | ${kind} | ${at} | ${notAt} | ${target} | ${met} | ${by === '–' ? '–' : by.split(', ').map((c) => `\`${c}\``).join(', ')} |`;
    }),
    '',
  ];
  for (const r of report.families.filter((f) => f.caughtBy.length > 0)) {
    const first = r.cells.find((c) => c.status === 'fail');
    if (first) lines.push(`- \`${r.id}@${r.smallest}\`, \`${first.claim}\`: ${cell(firstLine(first.message))}${r.replay ? ` (replay: \`${r.replay}\`)` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
