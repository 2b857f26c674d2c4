/**
 * The journal of `resnet-mf power` (DIR/power.jsonl beside DIR/power.json): every evaluation of a graded bug (the
 * registry's claims against one member `family@δ`) as soon as it is done, so that an interrupted or killed run
 * loses nothing it computed and the same command continues where it stopped.
 *
 * Format: JSON Lines. Line 1 is the header (the settings every evaluation depends on: profile, seed, claims) and
 * the Node/V8 versions; every further line is one PowerEvaluation. Reading is strict, as the calibrate journal's
 * (src/report/calibrationJournal.ts): a complete line that is not valid is refused with its line number; only a
 * final line cut by a kill (no newline, not JSON) is dropped.
 */
import { readJournalLines } from './journalLines.js';
import { InvalidArgumentError, MalformedInputError } from '../errors.js';
import { type PlantName, parsePlant } from '../planted/index.js';
import { createHash } from 'node:crypto';
import type { Claim } from '../check/claim.js';
import { array, bool, integer, member, number, record, text_ } from './reportFields.js';

export const POWER_JOURNAL_FORMAT = 'resnet-mf/power-journal@1';

/** What every evaluation of a power run depends on; a journal is continued only under the same settings. */
export interface PowerSettings {
  profile: 'quick' | 'ci' | 'full';
  seed: number;
  /** The claim ids run against each member, in registry order (compared in order: the cells follow it). */
  claims: string[];
  /**
   * What the claims are at this version: a hash of each claim's id, title, tolerance, budget and control
   * (registryFingerprint). A journal made before a claim changed holds verdicts of another claim: refused.
   */
  fingerprint: string;
}

/** One claim's verdict against one member; 'stopped' when a stopping evaluation left it unfinished. */
export interface PowerCell {
  claim: string;
  status: 'pass' | 'fail' | 'inconclusive' | 'stopped';
  runs: number;
  message: string;
  seconds: number;
}

/** One evaluation: the claims against plantedSubject(plant). */
export interface PowerEvaluation {
  plant: PlantName;
  /** Whether the run stopped at the first claim that caught the bug (then only `caught` is complete information). */
  stopping: boolean;
  cells: PowerCell[];
}

/** A short hash of what each claim checks (id, title, tolerance, budget, control): changes when a claim does. */
export function registryFingerprint(claims: readonly Pick<Claim, 'id' | 'title' | 'tolerance' | 'budget' | 'controlDescription'>[]): string {
  const text = JSON.stringify(claims.map((c) => [c.id, c.title, c.tolerance, c.budget, c.controlDescription]));
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Whether an evaluation caught its bug: some claim failed. */
export function caught(e: Pick<PowerEvaluation, 'cells'>): boolean {
  return e.cells.some((c) => c.status === 'fail');
}

/** DIR/power.json → DIR/power.jsonl. */
export function powerJournalPath(report: string): string {
  return /\.json$/i.test(report) ? `${report}l` : `${report}.jsonl`;
}

/** The header line (with its newline) of a journal started now. */
export function powerHeaderLine(settings: PowerSettings): string {
  return `${JSON.stringify({ format: POWER_JOURNAL_FORMAT, ...settings, node: process.version, v8: process.versions.v8, startedAt: new Date().toISOString() })}\n`;
}

/** One evaluation's line, with its newline. */
export function powerEntryLine(e: PowerEvaluation): string {
  return `${JSON.stringify(e)}\n`;
}

/** A journal as read. */
export interface PowerJournal {
  /** Whether line 1 (the header) was there. */
  hasHeader: boolean;
  /** The Node version the journal was started with ('' without a header). */
  node: string;
  evaluations: PowerEvaluation[];
  /** Bytes of the valid part; appends start there. */
  validBytes: number;
  needsNewline: boolean;
  droppedLine: number | null;
}

const FLAG_OF = { profile: '--profile', seed: '--seed', claims: '--claim', fingerprint: '--out' } as const;

/**
 * Reads a power journal's text for a run with `settings`.
 * @param source the journal's path, for messages
 * @throws InvalidArgumentError naming --profile, --seed or --claim when the journal was made under another value;
 *   MalformedInputError naming `source:N` for a complete line N that is not a header or an evaluation
 */
export function parsePowerJournal(text: string, source: string, settings: PowerSettings): PowerJournal {
  const out: PowerJournal = { hasHeader: false, node: '', evaluations: [], validBytes: 0, needsNewline: false, droppedLine: null };
  const extent = readJournalLines(text, source, 'a power journal', JSON.parse, (raw, at) => {
    if (out.hasHeader) {
      out.evaluations.push(parseEvaluation(at, raw, settings.claims));
      return;
    }
    const o = record(at, raw);
    if (o.format !== POWER_JOURNAL_FORMAT) throw new MalformedInputError(`${at}:format`, `"${POWER_JOURNAL_FORMAT}" (line 1 of a journal written by resnet-mf power)`, o.format);
    const theirs: PowerSettings = {
      profile: member(`${at}:profile`, o.profile, ['quick', 'ci', 'full']),
      seed: integer(`${at}:seed`, o.seed, 0),
      claims: array(`${at}:claims`, o.claims).map((c, k) => text_(`${at}:claims[${k}]`, c)),
      fingerprint: text_(`${at}:fingerprint`, o.fingerprint),
    };
    const shown = (key: keyof PowerSettings, s: PowerSettings) => (key === 'claims' ? s.claims.join(' ') : String(s[key]));
    for (const key of ['profile', 'seed', 'claims'] as const) {
      if (shown(key, theirs) !== shown(key, settings)) {
        throw new InvalidArgumentError(FLAG_OF[key], `${shown(key, theirs)} as in the journal ${source} (its evaluations were made so; give --fresh to discard it, or another --out)`, shown(key, settings));
      }
    }
    if (theirs.fingerprint !== settings.fingerprint) {
      throw new InvalidArgumentError('--out', `a journal made by this version of the claims (${source} was made when a claim's title, tolerance, budget or control differed, fingerprint ${theirs.fingerprint}; give --fresh to discard it, or another --out)`, settings.fingerprint);
    }
    out.hasHeader = true;
    out.node = text_(`${at}:node`, o.node);
  });
  Object.assign(out, extent);
  return out;
}

function parseEvaluation(at: string, raw: unknown, claims: readonly string[]): PowerEvaluation {
  const o = record(at, raw);
  const plant = parsePlant(text_(`${at}:plant`, o.plant), `${at}:plant`);
  if (!plant.includes('@')) throw new MalformedInputError(`${at}:plant`, 'a graded member <family>@<δ> (power evaluates no catalogue bug)', plant);
  const stopping = bool(`${at}:stopping`, o.stopping);
  const cells = array(`${at}:cells`, o.cells).map((c, k): PowerCell => {
    const f = `${at}:cells[${k}]`;
    const r = record(f, c);
    const seconds = number(`${f}.seconds`, r.seconds);
    if (!(Number.isFinite(seconds) && seconds >= 0)) throw new MalformedInputError(`${f}.seconds`, 'a finite number ≥ 0', r.seconds);
    return {
      // one cell per claim of the header, in its order
      claim: member(`${f}.claim`, r.claim, claims[k] === undefined ? [] : [claims[k]]),
      status: member(`${f}.status`, r.status, stopping ? ['pass', 'fail', 'inconclusive', 'stopped'] : ['pass', 'fail', 'inconclusive']),
      runs: integer(`${f}.runs`, r.runs, 0),
      message: text_(`${f}.message`, r.message),
      seconds,
    };
  });
  if (cells.length !== claims.length) throw new MalformedInputError(`${at}:cells`, `${claims.length} cells, one per claim of the header`, cells.length);
  // a stopping run stops only at a catch: a stopped cell without a failing one would be "not caught" decided on an incomplete run
  if (cells.some((c) => c.status === 'stopped') && !cells.some((c) => c.status === 'fail')) {
    throw new MalformedInputError(`${at}:cells`, 'a failing cell beside the stopped ones (a run stops only when a claim has caught the bug)', 'stopped cells and no fail');
  }
  return { plant, stopping, cells };
}
