/**
 * The bad-input contract of every subcommand: exit code 2, one line (at most two) on stderr starting with
 * "resnet-mf:" that names the field, no stack trace, nothing on stdout (before any work is done), and no
 * output file left behind.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanup, type DataJson, expectBadInput, listing, makeData, makeModel, type ModelJson, runAsync as run, tempDir } from './harness.js';

afterAll(cleanup);

const GOOD_MODEL = (): ModelJson => makeModel(2, 3, 4, 61);
const GOOD_DATA = (): DataJson => makeData(2, 5, 62);

/** Text of a JSON value where a marker string is replaced by raw text (for 1e999, -0, NaN literals). */
const withRaw = (value: unknown, marker: string, raw: string): string => JSON.stringify(value).replace(`"${marker}"`, raw);

interface EvalCase {
  name: string;
  /** model and data file contents (text); undefined = the good one */
  model?: string;
  data?: string;
  /** arguments instead of the default `eval --model model.json --data data.json` */
  args?: string[];
  field: string;
}

function mutateModel(f: (m: ModelJson & Record<string, unknown>) => void): string {
  const m = GOOD_MODEL() as ModelJson & Record<string, unknown>;
  f(m);
  return JSON.stringify(m);
}
function mutateData(f: (d: DataJson & Record<string, unknown>) => void): string {
  const d = GOOD_DATA() as DataJson & Record<string, unknown>;
  f(d);
  return JSON.stringify(d);
}

const evalCases: EvalCase[] = [
  { name: 'unknown activation', model: mutateModel((m) => (m.activation = { name: 'relu' })), field: 'model.activation.name' },
  { name: 'theta[0] with M−1 neurons', model: mutateModel((m) => m.theta[0].pop()), field: 'model.theta[0]' },
  { name: 'theta[1][2] with 2d numbers', model: mutateModel((m) => m.theta[1][2].pop()), field: 'model.theta[1][2]' },
  { name: 'theta entry a string', model: mutateModel((m) => ((m.theta[0][0] as unknown[])[0] = '0.5')), field: 'model.theta[0][0][0]' },
  { name: 'theta entry 1e999', model: withRaw(mutateModelValue((m) => ((m.theta[2][3] as unknown[])[4] = 'RAW')), 'RAW', '1e999'), field: 'model.theta[2][3][4]' },
  { name: 'data.x entry 1e999', data: withRaw(mutateDataValue((d) => ((d.x[1] as unknown[])[0] = 'RAW')), 'RAW', '1e999'), field: 'data.x[1][0]' },
  { name: 'data.y entry 1e999', data: withRaw(mutateDataValue((d) => ((d.y as unknown[])[3] = 'RAW')), 'RAW', '1e999'), field: 'data.y[3]' },
  { name: 'NaN literal in data (not JSON)', data: withRaw(mutateDataValue((d) => ((d.y as unknown[])[0] = 'RAW')), 'RAW', 'NaN'), field: 'data' },
  { name: 'Infinity literal in model (not JSON)', model: withRaw(mutateModelValue((m) => ((m.theta[0][0] as unknown[])[0] = 'RAW')), 'RAW', 'Infinity'), field: 'model' },
  { name: 'ragged data.x', data: mutateData((d) => d.x[2].push(0.5)), field: 'data.x[2]' },
  { name: 'data.y shorter than x', data: mutateData((d) => d.y.pop()), field: 'data.y' },
  { name: 'empty data.x', data: mutateData((d) => { d.x = []; d.y = []; }), field: 'data.x' },
  { name: 'd of data ≠ d of model', data: JSON.stringify(makeData(3, 5, 63)), field: 'data.x' },
  { name: 'zero readout', model: mutateModel((m) => (m.readout = [0, 0])), field: 'model.readout' },
  { name: 'L = 0', model: mutateModel((m) => { m.L = 0; m.theta = []; }), field: 'model.L' },
  { name: 'L = -3', model: mutateModel((m) => (m.L = -3)), field: 'model.L' },
  { name: 'L = 1.5', model: mutateModel((m) => (m.L = 1.5)), field: 'model.L' },
  { name: 'M = 0', model: mutateModel((m) => (m.M = 0)), field: 'model.M' },
  { name: 'd = 0', model: mutateModel((m) => (m.d = 0)), field: 'model.d' },
  { name: 'wrong model format tag', model: mutateModel((m) => ((m as Record<string, unknown>).format = 'resnet-mf/model@2')), field: 'model.format' },
  { name: 'unknown key in model', model: mutateModel((m) => (m.extra = 1)), field: 'model.extra' },
  { name: 'unknown key with a newline and an escape code (one line, escaped)', model: mutateModel((m) => (m['a\nb\u001b[31m'] = 1)), field: 'model["a\\nb\\u001b[31m"]' },
  { name: 'a key given twice in the model', model: JSON.stringify(GOOD_MODEL()).replace(/^\{/, '{"L":1,'), field: 'model.L' },
  { name: 'a key given twice in a nested object', model: mutateModel((m) => (m.activation = { name: 'tanh' })).replace('{"name":"tanh"}', '{"name":"tanh","name":"tanh"}'), field: 'model.activation.name' },
  { name: 'a key given twice in the data', data: JSON.stringify(GOOD_DATA()).replace(/\}$/, ',"y":[1,2,3,4,5]}'), field: 'data.y' },
  { name: 'malformed model JSON', model: '{"format":"resnet-mf/model@1","d":2,', field: 'model' },
  { name: 'empty model file', model: '', field: 'model' },
  { name: 'malformed data JSON', data: '{"format":"resnet-mf/data@1","x":[[1,2]]', field: 'data' },
  { name: 'missing model file', args: ['eval', '--model', 'missing.json', '--data', 'data.json'], field: '--model' },
  { name: 'model path is a directory', args: ['eval', '--model', '.', '--data', 'data.json'], field: '--model' },
  { name: 'empty --model path', args: ['eval', '--model', '', '--data', 'data.json'], field: '--model' },
  { name: 'missing data file', args: ['eval', '--model', 'model.json', '--data', 'nope/data.json'], field: '--data' },
  { name: '--model not given', args: ['eval', '--data', 'data.json'], field: '--model' },
  { name: '--data without a value', args: ['eval', '--model', 'model.json', '--data'], field: '--data' },
  { name: 'unknown option', args: ['eval', '--model', 'model.json', '--data', 'data.json', '--modle', 'x'], field: '--modle' },
];

function mutateModelValue(f: (m: ModelJson) => void): ModelJson {
  const m = GOOD_MODEL();
  f(m);
  return m;
}
function mutateDataValue(f: (d: DataJson) => void): DataJson {
  const d = GOOD_DATA();
  f(d);
  return d;
}

describe.concurrent('eval: bad input', () => {
  for (const c of evalCases) {
    it(`${c.name} → exit 2 naming ${c.field}`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'model.json'), c.model ?? JSON.stringify(GOOD_MODEL()));
      writeFileSync(join(dir, 'data.json'), c.data ?? JSON.stringify(GOOD_DATA()));
      const r = await run(dir, c.args ?? ['eval', '--model', 'model.json', '--data', 'data.json']);
      expectBadInput(r, c.field);
      expect(r.stdout).toBe('');
      expect(listing(dir)).toEqual(['data.json', 'model.json']);
    });
  }

  it('a key given twice: the exact message, naming the key and its path', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(GOOD_MODEL()));
    writeFileSync(join(dir, 'data.json'), JSON.stringify(GOOD_DATA()).replace(/\}$/, ',"y":[1,2,3,4,5]}'));
    const r = await run(dir, ['eval', '--model', 'model.json', '--data', 'data.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('resnet-mf: error: data.y="a second value" must be given once in its object (JSON.parse would silently keep the last of the values)\n');
  });

  it('a UTF-8 byte-order mark before the JSON is accepted: the same output as without it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(GOOD_MODEL()));
    writeFileSync(join(dir, 'data.json'), JSON.stringify(GOOD_DATA()));
    writeFileSync(join(dir, 'bom-model.json'), `\uFEFF${JSON.stringify(GOOD_MODEL())}`);
    writeFileSync(join(dir, 'bom-data.json'), `\uFEFF${JSON.stringify(GOOD_DATA())}`);
    const plain = await run(dir, ['eval', '--model', 'model.json', '--data', 'data.json']);
    const bom = await run(dir, ['eval', '--model', 'bom-model.json', '--data', 'bom-data.json']);
    expect(plain.status, plain.stderr).toBe(0);
    expect(bom.status, bom.stderr).toBe(0);
    expect(bom.stdout).toBe(plain.stdout);
  });

  it('the good files evaluate (the cases above differ from them only in the fault)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(GOOD_MODEL()));
    writeFileSync(join(dir, 'data.json'), JSON.stringify(GOOD_DATA()));
    const r = await run(dir, ['eval', '--model', 'model.json', '--data', 'data.json']);
    expect(r.status, r.stderr).toBe(0);
  });
});

/** Flags of a quick generated training; a case overrides one flag. */
const TRAIN: Record<string, string> = {
  '--dataset': 'iris', '--depth': '2', '--width': '3', '--dt': '0.1', '--steps': '2', '--seed': '1', '--out': 'out/model.json',
};
function trainArgs(override: Record<string, string | null>): string[] {
  const flags = { ...TRAIN, ...override };
  return ['train', ...Object.entries(flags).flatMap(([k, v]) => (v === null ? [] : [k, v]))];
}

/** The non-numeric values of the contract (--dt also gets overflow 1e999 and -Infinity). */
const NON_NUMERIC = ['abc', '', 'NaN', '1e'];

describe.concurrent('train: bad flags', () => {
  const cases: [string, Record<string, string | null>, string][] = [
    ...[...NON_NUMERIC, '1e999', '-Infinity'].map((v): [string, Record<string, string | null>, string] => [`--dt ${JSON.stringify(v)}`, { '--dt': v }, '--dt']),
    ['--dt 0', { '--dt': '0' }, '--dt'],
    ['--dt -0', { '--dt': '-0' }, '--dt'],
    ...[...NON_NUMERIC, '1.5', '-1'].map((v): [string, Record<string, string | null>, string] => [`--steps ${JSON.stringify(v)}`, { '--steps': v }, '--steps']),
    ['--depth 0', { '--depth': '0' }, '--depth'],
    ['--width 0', { '--width': '0' }, '--width'],
    ['--width 2.5', { '--width': '2.5' }, '--width'],
    ['no --depth', { '--depth': null }, '--depth'],
    ...NON_NUMERIC.map((v): [string, Record<string, string | null>, string] => [`--seed ${JSON.stringify(v)}`, { '--seed': v }, '--seed']),
    ['--scale 0', { '--scale': '0' }, '--scale'],
    ['--every 0', { '--every': '0' }, '--every'],
    ['--every ""', { '--every': '' }, '--every'],
    ['no --width', { '--width': null }, '--width'],
    ['--activation relu', { '--activation': 'relu' }, '--activation'],
    ['--activation regularized_relu without --delta', { '--activation': 'regularized_relu' }, '--delta'],
    ['--delta -1', { '--activation': 'regularized_relu', '--delta': '-1' }, '--delta'],
    ['--init nope', { '--init': 'nope' }, '--init'],
    ['--dataset nope', { '--dataset': 'nope' }, '--dataset'],
    ['no --dataset and no --data', { '--dataset': null }, '--data'],
    ['--dim with iris (d fixed to 4)', { '--dim': '3' }, '--dim=3'],
    ['--samples above the 150 rows of iris', { '--samples': '1000' }, '--samples=1000'],
    ['no --dt', { '--dt': null }, '--dt'],
  ];
  for (const [name, override, field] of cases) {
    it(`${name} → exit 2 naming ${field}`, async () => {
      const dir = tempDir();
      const r = await run(dir, trainArgs(override));
      expectBadInput(r, field);
      expect(r.stdout).toBe('');
      expect(listing(dir)).toEqual([]);
    });
  }
});

describe.concurrent('train: bad files', () => {
  const cases: [string, string | undefined, string | undefined, string][] = [
    ['unknown activation in the model', mutateModel((m) => (m.activation = { name: 'swish' })), undefined, 'model.activation.name'],
    ['wrong theta shape', mutateModel((m) => m.theta[0].push([0, 0, 0, 0, 0])), undefined, 'model.theta[0]'],
    ['1e999 in data.x', undefined, withRaw(mutateDataValue((d) => ((d.x[0] as unknown[])[1] = 'RAW')), 'RAW', '1e999'), 'data.x[0][1]'],
    ['d of data ≠ d of model', undefined, JSON.stringify(makeData(1, 4, 64)), 'data.x'],
    ['malformed model', '{', undefined, 'model'],
  ];
  for (const [name, model, data, field] of cases) {
    it(`${name} → exit 2 naming ${field}, no --out file`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'model.json'), model ?? JSON.stringify(GOOD_MODEL()));
      writeFileSync(join(dir, 'data.json'), data ?? JSON.stringify(GOOD_DATA()));
      const r = await run(dir, ['train', '--model', 'model.json', '--data', 'data.json', '--dt', '0.1', '--steps', '3', '--out', 'out/t.json']);
      expectBadInput(r, field);
      expect(r.stdout).toBe('');
      expect(listing(dir)).toEqual(['data.json', 'model.json']);
    });
  }

  it('--model together with --depth → exit 2 naming --depth', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'model.json'), JSON.stringify(GOOD_MODEL()));
    writeFileSync(join(dir, 'data.json'), JSON.stringify(GOOD_DATA()));
    const r = await run(dir, ['train', '--model', 'model.json', '--data', 'data.json', '--depth', '3', '--dt', '0.1', '--steps', '1']);
    expectBadInput(r, '--depth');
  });
});

describe.concurrent('--out into a directory that cannot be created', () => {
  /** Paths whose directory cannot be created even by root: below a regular file, below a dangling symlink, under /proc. */
  function badOuts(dir: string): [string, string][] {
    writeFileSync(join(dir, 'a-file'), 'not a directory\n');
    symlinkSync(join(dir, 'does-not-exist'), join(dir, 'dangling'));
    const outs: [string, string][] = [
      ['below a regular file', 'a-file/sub/out.json'],
      ['below a dangling symlink', 'dangling/sub/out.json'],
      ['an existing directory', '.'],
    ];
    if (existsSync('/proc/self')) outs.push(['under /proc', `/proc/resnet-mf-test-${process.pid}/out.json`]);
    return outs;
  }

  it('train: exit 2 naming --out, no stack trace, no file, and it does not hang', async () => {
    const dir = tempDir();
    for (const [what, out] of badOuts(dir)) {
      const before = listing(dir);
      const r = await run(dir, trainArgs({ '--out': out, '--steps': '1' }), 20_000);
      expectBadInput(r, '--out');
      expect(r.stderr, what).toContain(JSON.stringify(out));
      expect(listing(dir), what).toEqual(before);
    }
  });

  it('check: exit 2 naming --out', async () => {
    const dir = tempDir();
    for (const [what, out] of badOuts(dir)) {
      const before = listing(dir);
      const r = await run(dir, ['check', '--profile', 'quick', '--claim', 'forward-bound', '--out', out], 20_000);
      expectBadInput(r, '--out');
      expect(listing(dir), what).toEqual(before);
    }
  });

  it('--out through a symbolic link writes its target and keeps the link; a cycle of links is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'old.json'), 'old\n');
    symlinkSync('old.json', join(dir, 'link.json'));
    symlinkSync('sub/new.json', join(dir, 'dangling.json'));
    for (const [link, target] of [['link.json', 'old.json'], ['dangling.json', 'sub/new.json']]) {
      const r = await run(dir, trainArgs({ '--out': link, '--steps': '1' }));
      expect(r.status, r.stderr).toBe(0);
      expect(lstatSync(join(dir, link)).isSymbolicLink(), link).toBe(true);
      expect(readFileSync(join(dir, target), 'utf8'), link).toMatch(/"format": ?"resnet-mf\/model@1"/);
    }
    // a link whose text climbs out of a linked directory: `..` is resolved where the link really is
    mkdirSync(join(dir, 'real', 'sub'), { recursive: true });
    symlinkSync('real/sub', join(dir, 'lnk'));
    writeFileSync(join(dir, 'real', 'target.json'), 'old\n');
    symlinkSync('../target.json', join(dir, 'real', 'sub', 'out.json'));
    const climbed = await run(dir, trainArgs({ '--out': 'lnk/out.json', '--steps': '1' }));
    expect(climbed.status, climbed.stderr).toBe(0);
    expect(readFileSync(join(dir, 'real', 'target.json'), 'utf8')).toMatch(/"format": ?"resnet-mf\/model@1"/);
    expect(existsSync(join(dir, 'target.json'))).toBe(false);

    symlinkSync('loop-b.json', join(dir, 'loop-a.json'));
    symlinkSync('loop-a.json', join(dir, 'loop-b.json'));
    const before = listing(dir);
    const r = await run(dir, trainArgs({ '--out': 'loop-a.json', '--steps': '1' }));
    expectBadInput(r, '--out');
    expect(r.stderr).toContain('ELOOP');
    expect(listing(dir)).toEqual(before);
  });

  it.skipIf(process.getuid?.() === 0)('an unwritable directory (skipped as root, who may write anywhere)', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'ro'));
    chmodSync(join(dir, 'ro'), 0o500);
    try {
      const r = await run(dir, trainArgs({ '--out': 'ro/sub/out.json', '--steps': '1' }));
      expectBadInput(r, '--out');
      expect(listing(join(dir, 'ro'))).toEqual([]);
    } finally {
      chmodSync(join(dir, 'ro'), 0o700);
    }
  });
});

describe.concurrent('check: bad flags', () => {
  const cases: [string, string[], string][] = [
    ['--claim nonexistent', ['--claim', 'nonexistent'], '--claim'],
    ['--profile huge', ['--profile', 'huge'], '--profile'],
    ...[...NON_NUMERIC, '2147483648'].map((v): [string, string[], string] => [`--seed ${JSON.stringify(v)}`, ['--seed', v], '--seed']),
    ['--runs 0', ['--runs', '0'], '--runs'],
    ['--runs ""', ['--runs', ''], '--runs'],
    ['--path ""', ['--claim', 'forward-bound', '--path', ''], '--path'],
    ['--path without one --claim', ['--path', '0:1'], '--path'],
    ['--path garbage', ['--claim', 'forward-bound', '--path', 'garbage'], '--path'],
    ['--path that does not exist', ['--claim', 'forward-bound', '--path', '99:99:99'], '--path'],
    ['unknown option', ['--profil', 'quick'], '--profil'],
    ['a single-valued flag given twice', ['--seed', '1', '--seed', '2'], '--seed'],
    ['--out given twice', ['--out', 'a.json'], '--out'],
    ['a flag where a value belongs', ['--runs', '--claim', 'forward-bound'], '--runs'],
  ];
  for (const [name, args, field] of cases) {
    it(`${name} → exit 2 naming ${field}`, async () => {
      const dir = tempDir();
      const profile = args.includes('--profile') ? [] : ['--profile', 'quick'];
      const r = await run(dir, ['check', ...profile, ...args, '--out', 'r.json']);
      expectBadInput(r, field);
      expect(r.stdout).toBe('');
      expect(listing(dir)).toEqual([]);
    });
  }
});

describe.concurrent('flags given twice, or without their value', () => {
  it('--profile --claim x names --profile, exactly', async () => {
    const dir = tempDir();
    const r = await run(dir, ['check', '--profile', '--claim', 'x']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('resnet-mf: error: --profile="--claim" must be a value, not the flag --claim (the value of --profile is missing)\n');
    expect(listing(dir)).toEqual([]);
  });

  it('train --dt 0.1 --dt 0.2: exit 2 with the exact message, no --out file', async () => {
    const dir = tempDir();
    const r = await run(dir, trainArgs({ '--dt': '0.1' }).concat(['--dt', '0.2']));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('resnet-mf: error: --dt="0.2" must be given once (it takes one value; it was given "0.1" already)\n');
    expect(listing(dir)).toEqual([]);
  });

  it.each([
    ['1e-400', 'resnet-mf: error: --dt="1e-400" must be a number float64 can hold (this nonzero literal underflows to 0)\n'],
    ['1e999', 'resnet-mf: error: --dt="1e999" must be a finite number (this literal overflows float64)\n'],
  ])('train --dt %s: the message quotes the literal as given, not the double it rounds to', async (dt, message) => {
    const dir = tempDir();
    const r = await run(dir, trainArgs({ '--dt': dt }));
    expect(r.stderr).toBe(message);
    expect(r.status).toBe(2);
    expect(listing(dir)).toEqual([]);
  });

  it('a list flag may be given twice: --claim a --claim b runs both', async () => {
    const dir = tempDir();
    const r = await run(dir, ['check', '--profile', 'quick', '--runs', '2', '--claim', 'forward-bound', '--claim', 'lipschitz-parameters', '--out', 'r.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 as expected, 0 not/);
  });
});

describe.concurrent('top level', () => {
  it('an unknown command → exit 2 naming it', async () => {
    expectBadInput(await run(tempDir(), ['evaluate']), 'evaluate');
  });

  it('no command, or a group without its subcommand → one line naming what is missing (not the whole help)', async () => {
    expectBadInput(await run(tempDir(), []), '<command>');
    expectBadInput(await run(tempDir(), ['data']), 'data <command>');
    expectBadInput(await run(tempDir(), ['report']), 'report <command>');
    const r = await run(tempDir(), ['data', 'exprot']);
    expectBadInput(r, 'data <command>');
    expect(r.stderr).toContain('"exprot" must be one of: export');
  });
});
