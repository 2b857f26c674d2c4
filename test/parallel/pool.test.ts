/**
 * The worker pool (src/parallel/pool.ts): results in input order whatever finishes first, the first failure
 * (lowest input index) named with the task, the same bits with 1 and 2 workers, and --workers validation.
 * Tasks load dist/: run `npx tsc -p tsconfig.json` first.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import {
  closePools, DEFAULT_WORKERS_CAP, defaultWorkers, MAX_WORKERS, mapTasks, parseWorkersFlag, setPoolKeepAlive, TaskError, type TaskRef,
} from '../../src/parallel/pool.js';

const probe = (name: string): TaskRef => ({ module: 'src/parallel/probeTasks.js', name });
type Echo = { value: number; thread: number };

afterAll(closePools);

describe('mapTasks', () => {
  it('returns results in input order when later inputs finish first (2 workers, uneven durations)', async () => {
    // input 0 takes longest, the last ones are instant: completion order is roughly the reverse of input order
    const inputs = [60, 40, 30, 1, 1, 20, 1, 0].map((delayMs, value) => ({ value: value * 10, delayMs }));
    const out = await mapTasks<typeof inputs[number], Echo>(probe('delayedEcho'), inputs, { workers: 2 });
    expect(out.map((r) => r.value)).toEqual([0, 10, 20, 30, 40, 50, 60, 70]);
    // ran in worker threads, not in this one (threadId 0 is the main thread)
    expect(out.every((r) => r.thread !== 0)).toBe(true);
  });

  it('keeps order for CPU-bound tasks too, and workers = 1 runs inline in this thread', async () => {
    const inputs = [25, 5, 15, 0, 10].map((delayMs, value) => ({ value, delayMs }));
    const two = await mapTasks<typeof inputs[number], Echo>(probe('busyEcho'), inputs, { workers: 2 });
    const one = await mapTasks<typeof inputs[number], Echo>(probe('busyEcho'), inputs, { workers: 1 });
    expect(two.map((r) => r.value)).toEqual([0, 1, 2, 3, 4]);
    expect(one.map((r) => r.value)).toEqual([0, 1, 2, 3, 4]);
    expect(one.every((r) => r.thread === 0)).toBe(true);
  });

  it('gives the same bits with 1, 2 and 3 workers (float64 reductions), and the comparison can fail', async () => {
    const inputs = Array.from({ length: 12 }, (_, i) => ({ seed: 17 * i + 1, n: 2000 + 97 * i }));
    const runs = await Promise.all([1, 2, 3].map((workers) => mapTasks<typeof inputs[number], Float64Array>(probe('floatSum'), inputs, { workers })));
    const bytes = runs.map((r) => r.map((a) => Buffer.from(a.buffer).toString('hex')));
    expect(bytes[1]).toEqual(bytes[0]);
    expect(bytes[2]).toEqual(bytes[0]);
    // negative control: a different input order gives different per-index bits
    const shuffled = await mapTasks<typeof inputs[number], Float64Array>(probe('floatSum'), [...inputs].reverse(), { workers: 2 });
    expect(shuffled.map((a) => Buffer.from(a.buffer).toString('hex'))).not.toEqual(bytes[0]);
  });

  it('returns an empty array for no inputs', async () => {
    expect(await mapTasks(probe('failNegative'), [], { workers: 2 })).toEqual([]);
  });

  for (const workers of [1, 2]) {
    it(`rejects with a TaskError naming the task and the lowest failed input index (workers = ${workers})`, async () => {
      const err = await mapTasks(probe('failNegative'), [1, 2, -3, 4, -5, 6], { workers }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TaskError);
      const e = err as TaskError;
      expect(e.index).toBe(2);
      expect(e.message).toBe('task src/parallel/probeTasks.js#failNegative failed on input 2: probe failure at -3');
    });
  }

  it('rejects a missing module, a path outside dist/ and a bad worker count before running anything', async () => {
    await expect(mapTasks({ module: 'src/parallel/nope.js', name: 'x' }, [1], { workers: 2 })).rejects.toThrow(/^task\.module=.*built module/);
    await expect(mapTasks({ module: '../package.json', name: 'x' }, [1], { workers: 2 })).rejects.toThrow(InvalidArgumentError);
    await expect(mapTasks(probe('failNegative'), [1], { workers: 0 })).rejects.toThrow(/^workers=0 must be an integer in \[1, 64\]/);
    await expect(mapTasks(probe('noSuchExport'), [1], { workers: 1 })).rejects.toThrow(/^task\.name=/);
  });
});

describe('setPoolKeepAlive', () => {
  it('rejects a negative or non-numeric keep-alive, naming keepAliveMs', () => {
    expect(() => setPoolKeepAlive(-1)).toThrow(/^keepAliveMs=-1 must be a number ≥ 0/);
    expect(() => setPoolKeepAlive(Number.NaN)).toThrow(/^keepAliveMs=NaN/);
    setPoolKeepAlive(2000); // the default, restored
  });
});

describe('--workers', () => {
  it('accepts integers in [1, MAX_WORKERS]', () => {
    expect(parseWorkersFlag('1')).toBe(1);
    expect(parseWorkersFlag(' 2 ')).toBe(2);
    expect(parseWorkersFlag(String(MAX_WORKERS))).toBe(MAX_WORKERS);
  });
  for (const raw of ['0', '-1', '1.5', 'abc', '', `${MAX_WORKERS + 1}`, '2x', 'Infinity']) {
    it(`rejects ${JSON.stringify(raw)} naming --workers and the range`, () => {
      expect(() => parseWorkersFlag(raw)).toThrow(InvalidArgumentError);
      expect(() => parseWorkersFlag(raw)).toThrow(/^--workers=.* must be an integer in \[1, 64\]$/);
    });
  }
  it('defaults to the available parallelism, within [1, cap]', () => {
    const n = defaultWorkers();
    expect(Number.isInteger(n) && n >= 1 && n <= DEFAULT_WORKERS_CAP).toBe(true);
  });
});
