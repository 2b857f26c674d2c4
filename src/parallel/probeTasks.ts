/**
 * Small tasks for the pool's own tests and for checking a pool by hand: they exercise input order, uneven
 * durations, errors and async handlers without any numerical work. Loaded from dist/ like every task
 * (TaskRef { module: 'src/parallel/probeTasks.js', name }).
 */
import { threadId } from 'node:worker_threads';

/** Input of `delayedEcho`: the value to return and how long to wait first (ms ≥ 0). */
export interface DelayedEchoInput {
  value: number;
  delayMs: number;
}

/**
 * Waits `delayMs` (asynchronously), then returns the value with the id of the thread that ran it (0: main).
 * @example mapTasks({ module: 'src/parallel/probeTasks.js', name: 'delayedEcho' }, [{ value: 1, delayMs: 5 }], { workers: 2 })
 */
export async function delayedEcho(input: DelayedEchoInput): Promise<{ value: number; thread: number }> {
  await new Promise((resolve) => setTimeout(resolve, input.delayMs));
  return { value: input.value, thread: threadId };
}

/** Busy-waits `delayMs` (synchronously, blocking its thread), then returns the value and the thread id. */
export function busyEcho(input: DelayedEchoInput): { value: number; thread: number } {
  const end = performance.now() + input.delayMs;
  while (performance.now() < end) {
    // spin: a CPU-bound task
  }
  return { value: input.value, thread: threadId };
}

/** Throws `Error("probe failure at <value>")` when `value` is negative, else returns it. */
export function failNegative(value: number): number {
  if (value < 0) throw new Error(`probe failure at ${value}`);
  return value;
}

/** A float64 reduction whose bits depend on the order of additions: Σ_k sin(seed·k + k²) for k < n. */
export function floatSum(input: { seed: number; n: number }): Float64Array {
  const out = new Float64Array(2);
  for (let k = 0; k < input.n; k++) out[0] += Math.sin(input.seed * k + k * k);
  out[1] = Math.tanh(out[0]) * Math.exp(-input.seed / 1000);
  return out;
}
