/**
 * Fuzzing the readers: each input reader gets mutated valid inputs (bytes deleted, duplicated or truncated,
 * structural characters, hostile tokens and duplicate keys inserted, numbers replaced) and must return a result
 * or throw an error of the hierarchy (ResnetMfError: one that names its field), never a TypeError, RangeError or
 * other crash. Readers: model JSON, data JSON, shard reports, calibrate journals, falsify counterexample records,
 * bound expressions. A hang would fail the test at its timeout. The run count is FUZZ_RUNS per reader (env
 * RESNET_MF_FUZZ_RUNS for a longer run).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CLAIMS, findClaim, type Claim } from '../../properties/index.js';
import { makeActivation } from '../../src/activations/index.js';
import { ball, dataToJson, modelToJson, parseDataJson, parseModelJson } from '../../src/data/index.js';
import { ResnetMfError } from '../../src/errors.js';
import { compileBound } from '../../src/falsify/bound.js';
import { QUANTITY_NAMES, type Quantities } from '../../src/falsify/quantities.js';
import { parseRecord, storeViolation } from '../../src/falsify/store.js';
import { initNetwork } from '../../src/init/index.js';
import { journalEntryLine, journalHeaderLine, parseCalibrationJournal } from '../../src/report/calibrationJournal.js';
import { checkJobs, shardUnits } from '../../src/check/shardPlan.js';
import { parseShardReport, SHARD_FORMAT, type ShardReport, shardReportText } from '../../src/check/shardReport.js';

const FUZZ_RUNS = Number(process.env.RESNET_MF_FUZZ_RUNS ?? 300);

const TOKENS = ['"', '{', '}', '[', ']', ',', ':', '1e999', '-1e999', '-0', 'NaN', 'Infinity', 'null', 'true', '""', '"__proto__"', '{"__proto__":{"x":1}}', '\u0000', '\uFEFF', '\\', '\\u', '[[[[[[[[', '{"a":1,"a":2}', '9'.repeat(400), '1e-400', '0x10', '.5', '+1', '"format"', '"resnet-mf/model@1"', ' '];

/** A mutation of `text`: positions are taken modulo its length. */
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), token: fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('number' as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, m: Mutation): string {
  const i = m.at % (text.length + 1);
  switch (m.op) {
    case 'delete':
      return text.slice(0, i) + text.slice(i + m.length);
    case 'insert':
      return text.slice(0, i) + m.token + text.slice(i);
    case 'duplicate':
      return text.slice(0, i + m.length) + text.slice(i, i + m.length) + text.slice(i + m.length);
    case 'truncate':
      return text.slice(0, i);
    case 'number': {
      const numbers = [...text.matchAll(/-?\d+(\.\d+)?([eE][-+]?\d+)?/g)];
      if (numbers.length === 0) return text;
      const n = numbers[m.at % numbers.length]!;
      return text.slice(0, n.index) + m.token + text.slice(n.index! + n[0].length);
    }
  }
}

/** Reading `text` gives a result or an error of the hierarchy; anything else is returned for the report. */
function crash(read: (text: string) => unknown, text: string): unknown {
  try {
    read(text);
    return null;
  } catch (e) {
    return e instanceof ResnetMfError ? null : e;
  }
}

function fuzz(name: string, valid: string, read: (text: string) => unknown): void {
  it(`${name}: ${FUZZ_RUNS} mutated inputs give a result or a named error, never a crash`, () => {
    expect(crash(read, valid)).toBeNull();
    read(valid); // the seed input itself is valid
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
        const text = ms.reduce(mutate, valid);
        const e = crash(read, text);
        if (e !== null) throw new Error(`${String(e)} on ${JSON.stringify(text.slice(0, 300))}`);
      }),
      { seed: 20261207, numRuns: FUZZ_RUNS },
    );
  }, Math.max(120_000, 100 * FUZZ_RUNS)); // a longer run gets a longer hang guard
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('reader fuzzing', () => {
  it('can fail: a reader that lets JSON.parse\'s SyntaxError through is reported with the input', () => {
    const valid = dataToJson(ball({ d: 1, N: 2, seed: 1 }));
    const bare = (t: string) => JSON.parse(t) as unknown;
    const failure = (() => {
      try {
        fc.assert(
          fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ms) => {
            const e = crash(bare, ms.reduce(mutate, valid));
            if (e !== null) throw new Error(String(e));
          }),
          { seed: 20261207, numRuns: 100 },
        );
      } catch (e) {
        return e as Error;
      }
      return null;
    })();
    expect(failure?.message).toMatch(/Counterexample/);
    expect(String(failure?.cause)).toMatch(/SyntaxError/);
  });

  const net = initNetwork({ d: 2, L: 2, M: 3, activation: makeActivation({ name: 'tanh' }), init: 'linear', seed: 1 });
  fuzz('model JSON', modelToJson(net), (t) => parseModelJson(t));
  fuzz('data JSON', dataToJson(ball({ d: 2, N: 4, seed: 2 })), (t) => parseDataJson(t));

  const claim = findClaim('forward-bound') as Claim;
  const jobs = checkJobs([claim], 'none', 'quick', 2);
  const shard: ShardReport = {
    format: SHARD_FORMAT, shard: { index: 1, count: 1 }, profile: 'quick', seed: 3, runs: 2, controls: 'none', claims: [claim.id], registry: CLAIMS.map((c) => c.id),
    node: process.version, v8: process.versions.v8, startedAt: '2026-12-07T00:00:00.000Z', seconds: 0, interrupted: false,
    jobs: jobs.map((j) => ({ ...j, results: [], skipped: [] })),
  };
  for (const { job, index } of shardUnits(jobs, shard.shard)) {
    shard.jobs[job]!.results.push({ index, seconds: 0, outcome: claim.runScenario({ profile: 'quick', seed: 3, control: false, index }) });
  }
  fuzz('shard report', shardReportText(shard), (t) => parseShardReport(t, 'shard.json'));

  const settings = { profile: 'quick' as const, claims: [claim.id], runs: 2, plant: null, impl: null };
  const verdict = claim.run({ profile: 'quick', seed: 3, numRuns: 2 });
  const journal = journalHeaderLine(settings) + journalEntryLine({ seed: 3, claim: claim.id, seconds: 0.5, verdict });
  fuzz('calibrate journal', journal, (t) => parseCalibrationJournal(t, 'cal.jsonl', settings));

  const dir = mkdtempSync(join(tmpdir(), 'resnet-mf-fuzz-'));
  made.push(dir);
  const quantities = Object.fromEntries(QUANTITY_NAMES.map((n) => [n, 0.5])) as Quantities;
  const scenario = { d: 2, N: 4, L: 4, M: 4, activation: 'tanh', delta: 0.5, init: 'linear', scale: 1, dataset: 'ball', yScale: 1, dt: 0.25, steps: 2, seed: 1, eps: 0.1, eta: 0.1 } as const;
  const stored = storeViolation(dir, { kind: 'expression', source: 'E <= E0' }, { phase: 'found', scenario, quantities, margin: -0.25, seed: 7, strategy: 'targeted', evaluations: 3 } as never);
  const recordText = readFileSync(stored, 'utf8');
  const file = join(dir, 'fuzzed.json');
  fuzz('falsify counterexample record', recordText, (t) => {
    writeFileSync(file, t);
    return parseRecord(file);
  });

  fuzz('bound expression', 'E <= E0 * exp(-2 * s) + 1e-3 * L^-1', (t) => compileBound(t));
});
