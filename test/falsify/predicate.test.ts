import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, MalformedInputError } from '../../src/errors.js';
import { loadPredicateBound } from '../../src/falsify/predicate.js';
import { QUANTITY_NAMES, type Quantities } from '../../src/falsify/quantities.js';

const dir = mkdtempSync(join(tmpdir(), 'resnet-mf-predicate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let count = 0;
/** A module file with `text` (a fresh name each time: import() caches by URL). */
function module(text: string, ext = '.mjs'): string {
  const path = join(dir, `p${count++}${ext}`);
  writeFileSync(path, text);
  return path;
}
const q = (over: Partial<Record<(typeof QUANTITY_NAMES)[number], number>> = {}): Quantities =>
  ({ ...Object.fromEntries(QUANTITY_NAMES.map((n) => [n, 1])), ...over }) as Quantities;

async function rejection(path: string): Promise<Error> {
  try {
    await loadPredicateBound(path);
  } catch (err) {
    return err as Error;
  }
  throw new Error(`accepted ${path}`);
}

describe('loadPredicateBound', () => {
  it('a margin-returning module: margin, source, names', async () => {
    const b = await loadPredicateBound(module("export const source = 'loss never increases';\nexport const names = ['E0', 'E'];\nexport function bound(q) { return q.E0 - q.E; }\n"));
    expect(b.source).toBe('loss never increases');
    expect(b.names).toEqual(['E', 'E0']);
    expect(b.margin(q({ E: 0.25, E0: 1 }))).toBe(0.75);
    expect(b.margin(q({ E: 2, E0: 1 }))).toBe(-1);
  });

  it('a boolean module: true is margin 1, false −1; default source names the path; CommonJS works', async () => {
    const path = module('exports.bound = (q) => q.E <= q.E0;\n', '.cjs');
    const b = await loadPredicateBound(path);
    expect(b.source).toBe(`predicate ${path}`);
    expect(b.names).toEqual([...QUANTITY_NAMES]);
    expect(b.margin(q({ E: 0 }))).toBe(1);
    expect(b.margin(q({ E: 5 }))).toBe(-1);
  });

  it('the predicate cannot change the quantities it is given', async () => {
    const b = await loadPredicateBound(module("export function bound(q) { 'use strict'; try { q.E = -1; } catch { return 1; } return -1; }\n"));
    expect(b.margin(q())).toBe(1);
  });

  it('errors name --predicate and say what is wrong', async () => {
    const cases: [string, typeof MalformedInputError | typeof InvalidArgumentError, RegExp][] = [
      [join(dir, 'missing.mjs'), MalformedInputError, /must be an existing JavaScript module file/],
      [module('export function bound() { return 1 }', '.ts'), MalformedInputError, /compile the TypeScript first with tsc/],
      [module('x', '.txt'), MalformedInputError, /must be a JavaScript module file \(.js, .mjs, .cjs\)/],
      [module('export function bound( {'), MalformedInputError, /must be a module that loads \((SyntaxError|.*invalid JS syntax)/],
      [module("throw new Error('boom at load')"), MalformedInputError, /a module that loads \(Error: boom at load\)/],
      [module('export const margin = 1;'), InvalidArgumentError, /must be a module exporting a function bound\(q\)/],
      [module("export function bound() { throw new TypeError('bad q'); }"), InvalidArgumentError, /does not throw \(it threw: TypeError: bad q\)/],
      [module("export function bound() { return 'yes'; }"), InvalidArgumentError, /returning a number \(margin\) or a boolean \(holds\), not string/],
      [module('export async function bound() { return 1; }'), InvalidArgumentError, /not a Promise: bound must be synchronous/],
      [module('export function bound() { for (;;); }'), InvalidArgumentError, /that returns within 5000 ms/],
      [module("export const names = ['E', 'loss']; export function bound() { return 1; }"), InvalidArgumentError, /names\)="loss" must be names among L, M/],
      [module('export const source = 42; export function bound() { return 1; }'), InvalidArgumentError, /source\)=42 must be a string/],
    ];
    for (const [path, type, message] of cases) {
      const err = await rejection(path);
      expect(err, path).toBeInstanceOf(type);
      expect(err.message, path).toMatch(/^--predicate/);
      expect(err.message, path).toMatch(message);
      expect(err.message.split('\n'), path).toHaveLength(1);
    }
  });
});
