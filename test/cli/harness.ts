/**
 * Helpers of the command-line tests: run the real `resnet-mf` (bin/resnet-mf.js → dist/, built by the test
 * script's tsc) in a temporary directory, and build small model and data files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'resnet-mf.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a spawned command: this one's, without colour, and without the GitHub Actions variables (when
 * the suite itself runs in Actions, a command under test would otherwise annotate the suite's job and append to its
 * summary); a test that wants them passes them in `env`.
 */
function childEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { GITHUB_ACTIONS: _actions, GITHUB_STEP_SUMMARY: _summary, ...rest } = process.env;
  return { ...rest, NO_COLOR: '1', FORCE_COLOR: '0', ...env };
}

/** Runs `resnet-mf args…` with cwd `cwd` (relative paths in args are relative to it). */
export function run(cwd: string, args: readonly string[], timeoutMs = 60_000, env: Record<string, string> = {}): Run {
  if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) {
    throw new Error('dist/ is not built: run `npx tsc -p tsconfig.json` before these tests');
  }
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    // no colour, no TTY progress bar: stderr is a pipe anyway
    env: childEnv(env),
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * As `run`, without blocking: the bad-input suites run their many short commands a few at a time
 * (describe.concurrent), which roughly halves their wall time on a two-core machine; startup dominates.
 */
export function runAsync(cwd: string, args: readonly string[], timeoutMs = 60_000): Promise<Run> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: childEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}

/** A fresh temporary directory; `cleanup` removes every directory made so far. */
const made: string[] = [];
export function tempDir(prefix = 'resnet-mf-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

/** The files in `dir`, sorted (to see that a failed run left nothing behind, not even a temporary file). */
export function listing(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** A deterministic stream of doubles in (−1, 1) with full 53-bit mantissas (xorshift-style, 32-bit ops). */
export function uniforms(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const next32 = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
  return () => {
    const hi = next32() >>> 5; // 27 bits
    const lo = next32() >>> 6; // 26 bits
    return 2 * ((hi * 67108864 + lo) / 9007199254740992) - 1;
  };
}

export interface ModelJson {
  format: 'resnet-mf/model@1';
  d: number;
  L: number;
  M: number;
  activation: { name: string; delta?: number };
  readout: number[];
  theta: number[][][];
}

export interface DataJson {
  format: 'resnet-mf/data@1';
  x: number[][];
  y: number[];
}

/** A model with theta[l][m] = [u_1..u_d, w_1..w_d, b], entries of size `scale` (uniform in (−scale, scale)). */
export function makeModel(d: number, L: number, M: number, seed: number, activation = 'tanh', scale = 1): ModelJson {
  const rnd = uniforms(seed);
  const theta = Array.from({ length: L }, () =>
    Array.from({ length: M }, () => Array.from({ length: 2 * d + 1 }, () => scale * rnd())),
  );
  const readout = Array.from({ length: d }, (_, j) => (j === 0 ? 1 : 0.5 * rnd()));
  return { format: 'resnet-mf/model@1', d, L, M, activation: { name: activation }, readout, theta };
}

export function makeData(d: number, N: number, seed: number): DataJson {
  const rnd = uniforms(seed);
  const x = Array.from({ length: N }, () => Array.from({ length: d }, () => rnd()));
  const y = Array.from({ length: N }, () => rnd());
  return { format: 'resnet-mf/data@1', x, y };
}

/** The non-comment lines of a `train` run: [step, s, E, dissipation]. */
export function lossCurve(stdout: string): { step: number; s: number; E: number; dissipation: number }[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const [step, s, E, dissipation] = line.trim().split(/\s+/).map(Number);
      return { step, s, E, dissipation };
    });
}

/**
 * The bad-input contract: exit code 2, stderr one line (or two: commander adds a usage hint) starting with
 * "resnet-mf:" and naming `field`, no stack trace.
 */
export function expectBadInput(r: Run, field: string): void {
  const lines = r.stderr.split('\n').filter((line) => line.trim() !== '');
  const context = `stderr:\n${r.stderr}\nstdout:\n${r.stdout}`;
  expect(r.status, context).toBe(2);
  expect(lines.length, context).toBe(1);
  expect(lines[0], context).toMatch(/^resnet-mf: /);
  // the field as a whole token: `field=received must be …` (our errors) or `'--flag …'` (commander's),
  // so that `model` does not pass for a message about `model.theta[0]`
  const escaped = field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  expect(lines[0], context).toMatch(new RegExp(`(^|[\\s'"])${escaped}(=|'|\\s|$)`));
  expectNoStackTrace(r);
}

export function expectNoStackTrace(r: Run): void {
  const all = `${r.stdout}\n${r.stderr}`;
  expect(all).not.toMatch(/^\s+at /m);
  expect(all).not.toMatch(/node:internal|Node\.js v\d/);
}

/**
 * Runs the command and sends one SIGINT (Ctrl-C) as soon as stderr has matched `when` (a second one would kill
 * the process outright); resolves with the exit code and the output.
 */
export function runInterrupted(cwd: string, args: readonly string[], when: RegExp): Promise<Run> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: childEnv() });
    let stdout = '';
    let stderr = '';
    let sent = false;
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
      if (!sent && when.test(stderr)) sent = child.kill('SIGINT');
    });
    child.on('close', (status) => resolvePromise({ status, stdout, stderr }));
  });
}
