/**
 * The thread that owns an external subject's process (external.ts calls it synchronously through synckit):
 * it starts the command once, writes one request line to its standard input, and resolves with the next line
 * of its standard output, or with why there is none: the process exited (with the end of its standard error),
 * or did not answer within the time limit (then its whole process group is killed). It never parses an answer:
 * external.ts checks every field.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { runAsWorker } from 'synckit';

/** What a request gives back: the answer line, or why there is none. */
export type WorkerReply = { ok: true; line: string } | { ok: false; why: string };

/** Bytes of the subject's standard error kept for messages. */
const STDERR_TAIL = 2000;

interface Running {
  child: ChildProcess;
  lines: string[];
  waiter: ((line: string | null) => void) | null;
  stderr: string;
  /** Why it stopped (exit code or signal, or the spawn error), once it has. */
  ended: string | null;
}

const running = new Map<string, Running>();

function start(command: string): Running {
  // its own process group, so that a time limit kills the shell and whatever it started
  const child = spawn(command, { shell: true, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const r: Running = { child, lines: [], waiter: null, stderr: '', ended: null };
  const deliver = (line: string | null) => {
    const w = r.waiter;
    r.waiter = null;
    if (w) w(line);
    else if (line !== null) r.lines.push(line);
  };
  createInterface({ input: child.stdout! }).on('line', deliver);
  child.stderr!.on('data', (chunk: Buffer) => {
    r.stderr = (r.stderr + chunk.toString('utf8')).slice(-STDERR_TAIL);
  });
  child.stdin!.on('error', () => undefined); // a closed pipe: the exit handler says why
  child.on('error', (err) => {
    r.ended ??= `could not be started (${err.message})`;
    deliver(null);
  });
  child.on('close', (code, signal) => {
    r.ended ??= signal ? `was killed by ${signal}` : `exited with code ${code}`;
    deliver(null);
  });
  return r;
}

function kill(r: Running): void {
  try {
    if (r.child.pid !== undefined) process.kill(-r.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function stderrText(r: Running): string {
  const tail = r.stderr.trim();
  return tail ? `; its standard error ends: ${tail.slice(-500)}` : '';
}

/** The next output line of the subject, waiting at most timeoutMs. */
function nextLine(r: Running, timeoutMs: number): Promise<WorkerReply> {
  const queued = r.lines.shift();
  if (queued !== undefined) return Promise.resolve({ ok: true, line: queued });
  if (r.ended) return Promise.resolve({ ok: false, why: `the subject ${r.ended}${stderrText(r)}` });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      r.waiter = null;
      r.ended = `did not answer within ${timeoutMs / 1000} s and was killed`;
      kill(r);
      resolve({ ok: false, why: `the subject ${r.ended}${stderrText(r)}` });
    }, timeoutMs);
    r.waiter = (line) => {
      clearTimeout(timer);
      // give the close event's stderr a moment to arrive before saying why the process ended
      if (line === null) setTimeout(() => resolve({ ok: false, why: `the subject ${r.ended}${stderrText(r)}` }), 50);
      else resolve({ ok: true, line });
    };
  });
}

/**
 * Sends `line` (one JSON request, no newline) to the process of `command` (started at the first request) and
 * waits at most timeoutMs for one line of answer; `line` null stops the process.
 */
async function request(command: string, line: string | null, timeoutMs: number): Promise<WorkerReply> {
  let r = running.get(command);
  if (line === null) {
    if (r) {
      r.child.stdin!.end();
      running.delete(command);
    }
    return { ok: true, line: '' };
  }
  if (!r) running.set(command, (r = start(command)));
  if (r.ended) return { ok: false, why: `the subject ${r.ended}${stderrText(r)}` };
  r.child.stdin!.write(`${line}\n`);
  return nextLine(r, timeoutMs);
}

runAsWorker(request);
