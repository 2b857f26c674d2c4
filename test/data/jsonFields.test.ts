/** The JSON readers' shared checks: a key given twice is refused with its path, a byte-order mark is skipped. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MalformedInputError } from '../../src/errors.js';
import { parseText, refuseDuplicateKeys } from '../../src/data/jsonFields.js';

const refused = (text: string, source = 'file'): string => {
  try {
    refuseDuplicateKeys(text, source);
  } catch (e) {
    expect(e).toBeInstanceOf(MalformedInputError);
    return (e as MalformedInputError).field;
  }
  return 'accepted';
};

describe('refuseDuplicateKeys', () => {
  it.each([
    ['{"a":1,"a":2}', 'file.a'],
    ['{"a":1,"b":{"c":1,"c":1}}', 'file.b.c'],
    ['{"a":[0,{"k":1},{"k":1,"k":2}]}', 'file.a[2].k'],
    ['[{"x":1},{"x":1,"y":2,"x":3}]', 'file[1].x'],
    ['{"a b":1, "a b" :2}', 'file["a b"]'],
    ['{"q\\"":1,"q\\"":2}', 'file["q\\""]'],
    ['{"\\u0061":1,"a":2}', 'file.a'],
  ])('refuses %s naming %s', (text, field) => {
    expect(refused(text)).toBe(field);
  });

  it.each([
    ['{"a":{"a":{"a":1}}}'],
    ['[{"a":1},{"a":1}]'],
    ['{"a":"a","b":"a:","c":["a","a"]}'],
    ['{"k":"\\\\","k2":"\\"k\\":"}'],
  ])('accepts %s (the same key in different objects, or as a value)', (text) => {
    expect(refused(text)).toBe('accepted');
  });

  it('names the path after a separator of the caller (":" for reports)', () => {
    expect(() => refuseDuplicateKeys('{"jobs":[{"runs":1,"runs":2}]}', 'shard.json', ':')).toThrow('shard.json:jobs[0].runs=');
  });

  it('does not recurse: nesting 100 000 levels deep is scanned', () => {
    const deep = `${'['.repeat(100_000)}{"a":1,"a":2}${']'.repeat(100_000)}`;
    expect(refused(deep, 'f')).toBe(`f${'[0]'.repeat(100_000)}.a`);
  });

  it('property: JSON.stringify never gives a duplicate; adding a key already present is refused at its path', () => {
    const object = fc.dictionary(fc.string(), fc.jsonValue(), { minKeys: 1 });
    fc.assert(
      fc.property(fc.jsonValue(), object, fc.nat(), (value, o, pick) => {
        expect(refused(JSON.stringify(value))).toBe('accepted');
        const keys = Object.keys(o);
        const key = keys[pick % keys.length]!;
        const text = JSON.stringify({ outer: [o] });
        const twice = `${text.slice(0, -3)},${JSON.stringify(key)}:0}]}`;
        expect(JSON.parse(twice)).toBeTruthy();
        const field = refused(twice);
        expect(field.startsWith('file.outer[0]')).toBe(true);
      }),
      { seed: 20261207, numRuns: 300 },
    );
  });
});

describe('parseText', () => {
  it('skips a UTF-8 byte-order mark', () => {
    expect(parseText('\uFEFF{"a":[1]}', 'f')).toEqual({ a: [1] });
  });

  it('refuses a key given twice with the message naming it', () => {
    expect(() => parseText('{"format":"x","format":"y"}', 'model')).toThrow(
      'model.format="a second value" must be given once in its object (JSON.parse would silently keep the last of the values)',
    );
  });
});
