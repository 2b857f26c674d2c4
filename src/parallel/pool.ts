/**
 * A worker-thread pool for independent units of work (issue 5 item 3): seed ensembles, size ladders, claims.
 * A task is a named export of a compiled module under dist/ (piscina loads it in each worker thread), called
 * with one structured-cloneable input. Results come back in INPUT order, whatever finishes first, so a run that
 * combines them in that order is bit-identical whatever the number of workers (float64 arithmetic in V8 is
 * deterministic: the same function on the same input gives the same bits in any thread).
 *
 * workers = 1 runs the tasks inline in this thread, one after the other, in input order (no worker started):
 * the sequential baseline. workers ≥ 2 uses one piscina pool per worker count, created lazily and closed as
 * soon as no mapTasks call is running on it (idle threads are unref'd by piscina, so the CLI exits promptly
 * either way). Dispatch is in input order; at most `workers` tasks of one call are in flight.
 */
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { InvalidArgumentError } from '../errors.js';
import { parseIntegerFlag } from '../validate.js';
import { taskFile } from './taskFile.js';

/** A task: a named export of a compiled module under dist/, called with one structured-cloneable input. */
export interface TaskRef {
  /** Module path relative to the project root's dist/, e.g. 'src/parallel/trainingTask.js'. */
  module: string;
  /** Name of the exported function (sync or async) taking the input. */
  name: string;
}

export interface PoolOptions {
  /** Worker threads ≥ 1; 1 = run inline in this thread (no worker started). */
  workers: number;
}

/** Largest accepted worker count (more threads than this only add memory and scheduling overhead). */
export const MAX_WORKERS = 64;
/** Cap of defaultWorkers(). */
export const DEFAULT_WORKERS_CAP = 16;

/** A task failed: names the task and the input index; the original message (and stack text) is kept. */
export class TaskError extends Error {
  constructor(
    readonly task: TaskRef,
    readonly index: number,
    readonly original: unknown,
  ) {
    super(`task ${task.module}#${task.name} failed on input ${index}: ${messageOf(original)}`, { cause: original });
    this.name = 'TaskError';
  }
}

/** The default worker count: os.availableParallelism(), capped at DEFAULT_WORKERS_CAP, at least 1. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(DEFAULT_WORKERS_CAP, os.availableParallelism()));
}

/**
 * Parses `--workers N`: an integer in [1, MAX_WORKERS].
 * @throws InvalidArgumentError naming --workers and the allowed range
 */
export function parseWorkersFlag(raw: string): number {
  return parseIntegerFlag('--workers', raw, 1, MAX_WORKERS);
}

/**
 * fn(input) for every input on `workers` worker threads; results in INPUT order, whatever finishes first.
 * After a failure no further input is dispatched; the tasks in flight are awaited, then the call rejects with a
 * TaskError for the lowest failed input index (with workers = 1: the first failure in input order).
 * @param task the exported function (see TaskRef); loaded from dist/ in every mode
 * @param inputs structured-cloneable values (copied to the worker: typed arrays, plain objects, numbers)
 * @throws InvalidArgumentError for workers outside [1, MAX_WORKERS] or a bad/missing module; TaskError
 * @example await mapTasks<TrainingSpec, TrainingOutcome>({ module: 'src/parallel/trainingTask.js', name: 'runTraining' }, specs, { workers: 2 })
 */
export async function mapTasks<I, O>(task: TaskRef, inputs: readonly I[], opts: PoolOptions): Promise<O[]> {
  const workers = opts.workers;
  if (!(Number.isInteger(workers) && workers >= 1 && workers <= MAX_WORKERS)) {
    throw new InvalidArgumentError('workers', `an integer in [1, ${MAX_WORKERS}]`, workers);
  }
  const file = taskFile(task);
  const out = new Array<O>(inputs.length);
  if (inputs.length === 0) return out;
  if (workers === 1) {
    const fn = await inlineHandler(file, task);
    for (let i = 0; i < inputs.length; i++) {
      try {
        out[i] = (await fn(inputs[i])) as O;
      } catch (err) {
        throw new TaskError(task, i, err);
      }
    }
    return out;
  }
  const lease = acquire(workers);
  let next = 0;
  const failures: { index: number; error: unknown }[] = [];
  const lane = async (): Promise<void> => {
    while (failures.length === 0 && next < inputs.length) {
      const i = next++;
      try {
        out[i] = (await lease.pool.run(inputs[i], { filename: file, name: task.name })) as O;
      } catch (error) {
        failures.push({ index: i, error });
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, inputs.length) }, lane));
  } finally {
    release(lease);
  }
  if (failures.length > 0) {
    const { index, error } = failures.reduce((a, b) => (b.index < a.index ? b : a));
    throw new TaskError(task, index, error);
  }
  return out;
}

type Handler = (input: unknown) => unknown;
const inlineCache = new Map<string, Handler>();

async function inlineHandler(file: string, task: TaskRef): Promise<Handler> {
  const key = `${file}#${task.name}`;
  const known = inlineCache.get(key);
  if (known) return known;
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  const fn = mod[task.name];
  if (typeof fn !== 'function') throw new InvalidArgumentError('task.name', `a function exported by ${task.module}`, task.name);
  inlineCache.set(key, fn as Handler);
  return fn as Handler;
}

interface Lease {
  pool: Piscina;
  workers: number;
}
/** One pool per worker count, with the number of mapTasks calls using it. */
const pools = new Map<number, { pool: Piscina; users: number }>();

function acquire(workers: number): Lease {
  let entry = pools.get(workers);
  if (!entry) {
    // minThreads = maxThreads: all threads start at once (a worker's start-up, ~50 ms, is paid once per call
    // at most); idle threads are unref'd, and the pool is closed when its last user leaves.
    entry = { pool: new Piscina({ minThreads: workers, maxThreads: workers, idleTimeout: 1000, concurrentTasksPerWorker: 1 }), users: 0 };
    pools.set(workers, entry);
  }
  entry.users++;
  return { pool: entry.pool, workers };
}

function release(lease: Lease): void {
  const entry = pools.get(lease.workers);
  if (!entry || entry.pool !== lease.pool) return;
  entry.users--;
  if (entry.users > 0) return;
  // Keep the threads for a moment (consecutive batches of one run reuse them), then close the pool.
  if (!Number.isFinite(keepAliveMs)) return;
  const timer = setTimeout(() => {
    if (pools.get(lease.workers) === entry && entry.users === 0) {
      pools.delete(lease.workers);
      void entry.pool.destroy();
    }
  }, keepAliveMs);
  timer.unref();
}

/** How long an unused pool keeps its threads before it is closed (an unref'd timer: never delays exit). */
let keepAliveMs = 2000;

/**
 * Sets how long an unused pool keeps its (warm) threads, in ms ≥ 0 (default 2000); Infinity keeps them until
 * closePools() (idle threads are unref'd: they never keep the process alive).
 * @throws InvalidArgumentError naming keepAliveMs
 */
export function setPoolKeepAlive(ms: number): void {
  if (!(typeof ms === 'number' && ms >= 0)) throw new InvalidArgumentError('keepAliveMs', 'a number ≥ 0 (ms) or Infinity', ms);
  keepAliveMs = ms;
}

/** Closes every pool now (tests, or a command that wants its threads gone before it returns). */
export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((e) => e.pool.destroy()));
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
