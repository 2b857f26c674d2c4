/**
 * The journal of `resnet-mf power` (src/report/powerJournal.ts): it reads back what was written, continues only
 * under the same settings (naming the flag that differs), refuses a malformed complete line with its number, and
 * drops only a last line cut by a kill.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MalformedInputError } from '../../src/errors.js';
import { type PowerEvaluation, caught, parsePowerJournal, powerEntryLine, powerHeaderLine, powerJournalPath } from '../../src/report/powerJournal.js';

const settings = { profile: 'ci' as const, seed: 7, claims: ['gd-step', 'init-law'], fingerprint: 'abc' };
const entry: PowerEvaluation = {
  plant: 'layer-scale@0.001',
  stopping: true,
  cells: [
    { claim: 'gd-step', status: 'fail', runs: 1, message: 'step error 3e-3', seconds: 0.2 },
    { claim: 'init-law', status: 'stopped', runs: 0, message: 'not finished', seconds: 0 },
  ],
};
const text = powerHeaderLine(settings) + powerEntryLine(entry);

describe('the power journal', () => {
  it('reads back its header and evaluations; caught means some claim failed', () => {
    const j = parsePowerJournal(text, 'p.jsonl', settings);
    expect(j.hasHeader).toBe(true);
    expect(j.evaluations).toEqual([entry]);
    expect(j.validBytes).toBe(Buffer.byteLength(text));
    expect(caught(j.evaluations[0])).toBe(true);
    expect(caught({ cells: [{ ...entry.cells[0], status: 'inconclusive' }] })).toBe(false);
    expect(powerJournalPath('reports/power.json')).toBe('reports/power.jsonl');
  });

  it('refuses another claim order, profile, seed, claim set or version of the claims, naming the flag', () => {
    expect(() => parsePowerJournal(text, 'p.jsonl', { ...settings, claims: ['init-law', 'gd-step'] })).toThrow(/^--claim=/);
    expect(() => parsePowerJournal(text, 'p.jsonl', { ...settings, fingerprint: 'def' })).toThrow(/^--out="def" must be a journal made by this version of the claims/);
    expect(() => parsePowerJournal(text, 'p.jsonl', { ...settings, profile: 'quick' })).toThrow(/^--profile="quick" must be ci as in the journal p.jsonl/);
    expect(() => parsePowerJournal(text, 'p.jsonl', { ...settings, seed: 8 })).toThrow(/^--seed="8" must be 7/);
    expect(() => parsePowerJournal(text, 'p.jsonl', { ...settings, claims: ['gd-step'] })).toThrow(InvalidArgumentError);
  });

  it('drops a last line cut by a kill, and refuses a malformed complete line with its number', () => {
    const cut = text + powerEntryLine(entry).slice(0, 30);
    const j = parsePowerJournal(cut, 'p.jsonl', settings);
    expect(j.droppedLine).toBe(3);
    expect(j.validBytes).toBe(Buffer.byteLength(text));
    expect(() => parsePowerJournal(`${text}{not json\n`, 'p.jsonl', settings)).toThrow(/^p\.jsonl:3=/);
    const wrongClaim = powerEntryLine({ ...entry, cells: [{ ...entry.cells[0], claim: 'nope' }, entry.cells[1]] });
    expect(() => parsePowerJournal(text + wrongClaim, 'p.jsonl', settings)).toThrow(MalformedInputError);
    expect(() => parsePowerJournal(text + powerEntryLine({ ...entry, plant: 'no-family@1' as never }), 'p.jsonl', settings)).toThrow(/p\.jsonl:3:plant/);
    expect(() => parsePowerJournal(text + powerEntryLine({ ...entry, cells: [entry.cells[0]] }), 'p.jsonl', settings)).toThrow(/2 cells, one per claim/);
    expect(() => parsePowerJournal('{"format":"other"}\n', 'p.jsonl', settings)).toThrow(/p\.jsonl:1:format/);
  });

  it('refuses an evaluation whose cells contradict it: a claim twice, stopped cells without a catch, a complete run with a stopped cell', () => {
    const line = (e: unknown) => `${JSON.stringify(e)}\n`;
    const twice = { ...entry, stopping: false, cells: [{ ...entry.cells[0], status: 'pass' }, { ...entry.cells[0], status: 'pass' }] };
    expect(() => parsePowerJournal(text + line(twice), 'p.jsonl', settings)).toThrow(/p\.jsonl:3:cells\[1\]\.claim=.* must be one of init-law/);
    const allStopped = { ...entry, cells: entry.cells.map((c) => ({ ...c, status: 'stopped' })) };
    expect(() => parsePowerJournal(text + line(allStopped), 'p.jsonl', settings)).toThrow(/a failing cell beside the stopped ones/);
    const completeStopped = { ...entry, stopping: false };
    expect(() => parsePowerJournal(text + line(completeStopped), 'p.jsonl', settings)).toThrow(/p\.jsonl:3:cells\[1\]\.status/);
    const infinite = `${text}${line(entry).replace('"seconds":0.2', '"seconds":1e999')}`;
    expect(() => parsePowerJournal(infinite, 'p.jsonl', settings)).toThrow(/cells\[0\]\.seconds=.* must be a finite number ≥ 0/);
    expect(() => parsePowerJournal(text + line({ ...entry, plant: 'drop-inv-L' }), 'p.jsonl', settings)).toThrow(/a graded member/);
  });
});
