/**
 * The journal of a `resnet-mf calibrate` run: the text file beside its report (calibrationJournalPath) that
 * keeps every verdict as soon as it is decided, so that an interrupted or killed calibration loses nothing it
 * computed and a second run with the same settings continues where the first stopped.
 *
 * Format: JSON Lines in lossless JSON (src/check/checkUnit.ts encodeLossless: NaN, ±Infinity and −0 in
 * figures and counterexamples survive). Line 1 is the header, with the settings every verdict depends on
 * (profile, selected claims, --runs, planted bug, --impl command) and the Node/V8 versions; every further line is one
 * JournalEntry: the nominal verdict of one claim under one seed, appended and fsync'd when decided. One line
 * per verdict rather than per seed: a seed runs every selected claim (minutes under the ci profile), and a
 * verdict is the smallest result that replays on its own.
 *
 * Reading is strict: a complete line that is not a valid entry is refused with its line number. Only a final
 * line without its newline that does not parse, which is what a kill during an append leaves, is dropped.
 */
import { decodeLossless, encodeLossless } from '../check/checkUnit.js';
import type { Profile, Verdict } from '../check/index.js';
import { InvalidArgumentError, MalformedInputError } from '../errors.js';
import type { PlantName } from '../planted/index.js';
import { array, figures, integer, key, member, number, rate, record, replayPath, text_ } from './reportFields.js';
import { MAX_SEED } from './seedRange.js';
import { readJournalLines } from './journalLines.js';

export const JOURNAL_FORMAT = 'resnet-mf/calibrate-journal@1';

/** What a calibration's verdicts depend on besides the seed; a journal is continued only under the same settings. */
export interface CalibrationSettings {
  profile: Profile;
  /** The selected claim ids, in the order given (compared as a set). */
  claims: string[];
  /** --runs, or null for each claim's budget under the profile. */
  runs: number | null;
  /** The planted bug (--plant), or null. */
  plant: PlantName | null;
  /** The external subject's command (--impl), or null for resnet-mf's own; absent in journals written before --impl. */
  impl: string | null;
}

/** Line 1 of a journal. */
export interface JournalHeader extends CalibrationSettings {
  format: typeof JOURNAL_FORMAT;
  node: string;
  v8: string;
  startedAt: string;
}

/** One journal line after the header: the nominal verdict of `claim` under `seed`, and the seconds it took. */
export interface JournalEntry {
  seed: number;
  claim: string;
  seconds: number;
  verdict: Verdict;
}

/** A journal as read: its header (null for an empty file), its entries, and what to keep of the file. */
export interface JournalContents {
  header: JournalHeader | null;
  entries: JournalEntry[];
  /** Length in bytes of the valid part of the file; an append starts there (the file is cut to it first). */
  validBytes: number;
  /** The valid part does not end with a newline (its last entry lacked one): write one before appending. */
  needsNewline: boolean;
  /** The truncated final line that was dropped (1-based), or null. */
  droppedLine: number | null;
}

/** reports/calibrate.json → reports/calibrate.jsonl; any other name gets `.jsonl` appended. */
export function calibrationJournalPath(out: string): string {
  return /\.json$/i.test(out) ? `${out}l` : `${out}.jsonl`;
}

/** The header line (with its newline) of a journal started now. */
export function journalHeaderLine(settings: CalibrationSettings): string {
  const header: JournalHeader = { format: JOURNAL_FORMAT, ...settings, node: process.version, v8: process.versions.v8, startedAt: new Date().toISOString() };
  return `${encodeLossless(header)}\n`;
}

/** One entry's line, with its newline. */
export function journalEntryLine(entry: JournalEntry): string {
  return `${encodeLossless(entry)}\n`;
}

const FLAG_OF: Record<keyof CalibrationSettings, string> = { profile: '--profile', claims: '--claim', runs: '--runs', plant: '--plant', impl: '--impl' };

/**
 * Reads a journal's text for a run with `settings`.
 * @param source the journal's path, for messages
 * @throws InvalidArgumentError naming the flag (--profile, --claim, --runs, --plant, --impl) whose value differs from the
 *   journal's header; MalformedInputError naming `source:N` for a complete line N that is not a header or entry
 *   (not JSON, a missing or mistyped field, a claim or profile other than the header's, a verdict given twice)
 */
export function parseCalibrationJournal(text: string, source: string, settings: CalibrationSettings): JournalContents {
  const contents: JournalContents = { header: null, entries: [], validBytes: 0, needsNewline: false, droppedLine: null };
  const seen = new Map<string, number>();
  const extent = readJournalLines(text, source, 'a calibrate journal', decodeLossless, (raw, at, line, n) => {
    if (contents.header === null) {
      contents.header = parseHeader(at, raw);
      checkSettings(contents.header, settings, source);
    } else {
      const entry = parseEntry(at, raw, contents.header);
      const key = `${entry.seed} ${entry.claim}`;
      const first = seen.get(key);
      if (first !== undefined) throw new MalformedInputError(at, `a verdict not yet in the journal (line ${first} has seed ${entry.seed} of ${entry.claim})`, line);
      seen.set(key, n);
      contents.entries.push(entry);
    }
  });
  Object.assign(contents, extent);
  return contents;
}

function parseHeader(at: string, raw: unknown): JournalHeader {
  const o = record(at, raw);
  if (o.format !== JOURNAL_FORMAT) throw new MalformedInputError(`${at}:format`, `"${JOURNAL_FORMAT}" (line 1 of a journal written by resnet-mf calibrate)`, o.format);
  return {
    format: JOURNAL_FORMAT,
    profile: member(`${at}:profile`, o.profile, ['quick', 'ci', 'full']),
    claims: array(`${at}:claims`, o.claims).map((c, k) => text_(`${at}:claims[${k}]`, c)),
    runs: o.runs === null ? null : integer(`${at}:runs`, o.runs, 1),
    plant: o.plant === null ? null : (text_(`${at}:plant`, o.plant) as PlantName),
    impl: o.impl === undefined || o.impl === null ? null : text_(`${at}:impl`, o.impl),
    node: text_(`${at}:node`, o.node),
    v8: text_(`${at}:v8`, o.v8),
    startedAt: text_(`${at}:startedAt`, o.startedAt),
  };
}

/** Refuses a run whose settings differ from the journal's, naming the first flag that differs. */
function checkSettings(header: JournalHeader, settings: CalibrationSettings, source: string): void {
  const shown = (key: keyof CalibrationSettings, s: CalibrationSettings): string => {
    if (key === 'claims') return [...s.claims].sort().join(' ');
    if (key === 'runs') return s.runs === null ? "(the profile's budget)" : String(s.runs);
    if (key === 'plant') return s.plant ?? '(none)';
    if (key === 'impl') return s.impl ?? "(resnet-mf's own implementation)";
    return s.profile;
  };
  for (const key of ['profile', 'claims', 'runs', 'plant', 'impl'] as const) {
    const theirs = shown(key, header);
    if (theirs !== shown(key, settings)) {
      const expected = key === 'impl' && header.impl !== null ? JSON.stringify(theirs) : theirs; // a command has spaces
      throw new InvalidArgumentError(FLAG_OF[key], `${expected} as in the journal ${source} (its verdicts were made so; give --fresh to discard it, or another --out)`, shown(key, settings));
    }
  }
}

function parseEntry(at: string, raw: unknown, header: JournalHeader): JournalEntry {
  const o = record(at, raw);
  const seed = integer(`${at}:seed`, o.seed, 0);
  if (seed > MAX_SEED) throw new MalformedInputError(`${at}:seed`, `an integer ≤ ${MAX_SEED}`, seed);
  const claim = member(`${at}:claim`, o.claim, header.claims);
  const v = record(`${at}:verdict`, o.verdict);
  const f = (name: string) => `${at}:verdict.${name}`;
  if (v.id !== claim) throw new MalformedInputError(f('id'), `"${claim}" (the entry's claim)`, v.id);
  if (v.seed !== seed) throw new MalformedInputError(f('seed'), `${seed} (the entry's seed)`, v.seed);
  if (v.profile !== header.profile) throw new MalformedInputError(f('profile'), `"${header.profile}" (the header's)`, v.profile);
  if (v.control !== false) throw new MalformedInputError(f('control'), 'false (calibrate runs nominal claims only)', v.control);
  for (const [r, k] of Object.entries(record(f('undecidedReasons'), v.undecidedReasons))) {
    key(f(`undecidedReasons.${r}`), r);
    integer(f(`undecidedReasons.${r}`), k, 1);
  }
  integer(f('runs'), v.runs, 0);
  integer(f('undecided'), v.undecided, 0);
  figures(f('figures'), v.figures);
  rate(f('rate'), v.rate);
  const status = member(f('status'), v.status, ['pass', 'fail', 'inconclusive']);
  if (status === 'inconclusive') text_(f('reason'), v.reason);
  if (status === 'fail') {
    if (!('counterexample' in v)) throw new MalformedInputError(f('counterexample'), 'present', undefined);
    replayPath(f('path'), v.path); // printed in replay commands
    text_(f('message'), v.message);
  }
  // checked, and kept as written (its fields in their order: the verdict as `check` gives it)
  const verdict = v as unknown as Verdict;
  return { seed, claim, seconds: number(`${at}:seconds`, o.seconds), verdict };
}
