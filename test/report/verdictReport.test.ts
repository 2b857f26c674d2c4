/**
 * Texts shared by every report: the replay command reproduces the verdict (with --runs when the run had it),
 * a line from a report file stays one line with no control character, a confidence level keeps its digits.
 */
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../properties/index.js';
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
