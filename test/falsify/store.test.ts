import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, MalformedInputError } from '../../src/errors.js';
import { compileBound } from '../../src/falsify/bound.js';
import { measureQuantities, QUANTITY_NAMES, type Quantities } from '../../src/falsify/quantities.js';
import { replayViolation } from '../../src/falsify/replay.js';
import type { FalsifyScenario } from '../../src/falsify/scenarioSpace.js';
import { falsify } from '../../src/falsify/search.js';
import { type BoundRef, COUNTEREXAMPLE_FORMAT, type FoundViolation, loadStore, parseRecord, storeHook, storeViolation } from '../../src/falsify/store.js';
import type { Bound } from '../../src/falsify/bound.js';

const made: string[] = [];
function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'resnet-mf-store-'));
  made.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const scenario: FalsifyScenario = {
  d: 2, N: 4, L: 4, M: 4, activation: 'tanh', delta: 0.5, init: 'linear', scale: 1, dataset: 'ball', yScale: 1,
  dt: 0.25, steps: 2, seed: 1, eps: 0.1, eta: 0.1,
};
const ref: BoundRef = { kind: 'expression', source: 'E <= E0 / 1000' };

function violation(over: Partial<FoundViolation> = {}): FoundViolation {
  const quantities = { ...(Object.fromEntries(QUANTITY_NAMES.map((n) => [n, 0.5])) as Quantities), E_ref: NaN, err_depth: Infinity, E: -Infinity };
  return { phase: 'found', scenario, quantities, margin: -0.25, seed: 7, strategy: 'targeted', evaluations: 3, ...over };
}

describe('storeViolation / loadStore', () => {
  it('writes one JSON file that reads back field for field, NaN and infinities included', () => {
    const dir = join(temp(), 'a', 'b'); // created on demand
    const file = storeViolation(dir, ref, violation({ margin: NaN, path: '0:1' }));
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text).format).toBe(COUNTEREXAMPLE_FORMAT);
    expect(JSON.parse(text).quantities.E_ref).toBe('NaN');
    const [back] = loadStore(dir);
    expect(back.file).toBe(file);
    expect(back.bound).toEqual(ref);
    expect(back.scenario).toEqual(scenario);
    expect(back.margin).toBeNaN();
    expect(back.quantities.E_ref).toBeNaN();
    expect(back.quantities.err_depth).toBe(Infinity);
    expect(back.quantities.E).toBe(-Infinity);
    expect(back.quantities.L).toBe(0.5);
    expect(back.path).toBe('0:1');
    expect(back.seed).toBe(7);
    expect(back.version.node).toBe(process.version);
    expect(back.version.resnetMf).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('the same bound and scenario is one file: the shrunk record replaces the found one; no temporary file is left', () => {
    const dir = temp();
    const a = storeViolation(dir, ref, violation());
    const b = storeViolation(dir, ref, violation({ phase: 'shrunk', margin: -0.5 }));
    expect(b).toBe(a);
    expect(readdirSync(dir)).toEqual([a.slice(dir.length + 1)]);
    expect(loadStore(dir)[0].phase).toBe('shrunk');
    expect(loadStore(dir)[0].margin).toBe(-0.5);
    // a scenario read back (keys in another order) is still the same file
    expect(storeViolation(dir, ref, violation({ scenario: loadStore(dir)[0].scenario }))).toBe(a);
  });

  it('storeHook: the first violation is on disk before shrinking evaluates anything, the minimal one after', () => {
    const dir = temp();
    const inner = compileBound('E <= E0 / 2');
    let violated = false;
    const seenDuringShrink: number[] = [];
    const spy: Bound = {
      source: inner.source,
      names: inner.names,
      margin: (q) => {
        if (violated) seenDuringShrink.push(readdirSync(dir).length);
        const m = inner.margin(q);
        violated ||= !(m >= 0);
        return m;
      },
    };
    const result = falsify(spy, { strategy: 'targeted', budget: 20, seed: 5, shrinkBudget: 10, withoutFiles: true, onViolation: storeHook(dir, ref) });
    expect(result.status).toBe('falsified');
    expect(seenDuringShrink.length).toBeGreaterThan(0);
    expect(seenDuringShrink.every((n) => n >= 1)).toBe(true);
    const stored = loadStore(dir);
    expect(stored[0].phase).toBe('shrunk');
    if (result.status === 'falsified') expect(stored[0].scenario).toEqual(result.minimal.scenario);
  });

  it('filters by bound source, lists shrunk records first, ignores temporary files of an interrupted write', () => {
    const dir = temp();
    storeViolation(dir, ref, violation({ scenario: { ...scenario, seed: 2 } }));
    storeViolation(dir, ref, violation({ phase: 'shrunk', scenario: { ...scenario, seed: 3 } }));
    storeViolation(dir, { kind: 'expression', source: 'E <= 0' }, violation());
    writeFileSync(join(dir, 'abcdef0123-abcdef0123.json.3829182'), '{"half": ');
    expect(loadStore(dir)).toHaveLength(3);
    const mine = loadStore(dir, ref.source);
    expect(mine.map((v) => [v.phase, v.scenario.seed])).toEqual([['shrunk', 3], ['found', 2]]);
    expect(loadStore(join(dir, 'missing'))).toEqual([]);
  });

  it('a store that cannot be written is an error naming --store', () => {
    const dir = temp();
    writeFileSync(join(dir, 'file'), 'x');
    expect(() => storeViolation(join(dir, 'file', 'sub'), ref, violation())).toThrow(MalformedInputError);
    expect(() => storeViolation(join(dir, 'file', 'sub'), ref, violation())).toThrow(/^--store=".*sub" must be a writable directory/);
  });

  it('a corrupt file stops the load with an error naming the file', () => {
    const dir = temp();
    const file = storeViolation(dir, ref, violation());
    writeFileSync(file, '{"format": "resnet-mf/counterexample@1", ');
    expect(() => loadStore(dir)).toThrow(MalformedInputError);
    expect(() => loadStore(dir)).toThrow(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=".*not JSON.*" must be a counterexample record`));
    const record = JSON.parse(readFileSync(storeViolation(dir, ref, violation({ scenario: { ...scenario, seed: 9 } })), 'utf8'));
    const bad = join(dir, '0000000000-0000000000.json');
    writeFileSync(bad, JSON.stringify({ ...record, scenario: { ...scenario, L: -1 } }));
    expect(() => parseRecord(bad)).toThrow(InvalidArgumentError);
    expect(() => parseRecord(bad)).toThrow(`${bad}.scenario.L=-1 must be an integer`);
    writeFileSync(bad, JSON.stringify({ ...record, quantities: { ...record.quantities, E: 'lots' } }));
    expect(() => parseRecord(bad)).toThrow(`${bad}.quantities.E="lots" must be a number (or "NaN", "Infinity", "-Infinity")`);
    writeFileSync(bad, JSON.stringify({ ...record, format: 'other' }));
    expect(() => parseRecord(bad)).toThrow(`${bad}.format="other" must be "${COUNTEREXAMPLE_FORMAT}"`);
  });
});

describe('replayViolation', () => {
  it('a stored violation reproduces with the same bits; a bound that holds there is reported as no longer violating', () => {
    const dir = temp();
    const bound = compileBound('E <= E0 / 1000');
    const q = measureQuantities(scenario, bound.names);
    const margin = bound.margin(q);
    expect(margin).toBeLessThan(0); // the training does not divide the loss by 1000 in 2 steps
    storeViolation(dir, ref, { phase: 'found', scenario, quantities: q, margin, seed: 1 });
    const [stored] = loadStore(dir);
    const again = replayViolation(stored, bound);
    expect(again.status).toBe('reproduced');
    expect(again.identical).toBe(true);
    expect(Object.is(again.margin, margin)).toBe(true);
    const fixed = replayViolation(stored, compileBound('E <= E0'));
    expect(fixed.status).toBe('no longer violating');
    // negative control: stored quantities that differ from a fresh measurement are flagged
    const tampered = { ...stored, quantities: { ...stored.quantities, E: stored.quantities.E * 2 } };
    expect(replayViolation(tampered, bound).identical).toBe(false);
  });
});
