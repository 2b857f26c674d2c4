/**
 * The thread that owns an external subject's process (external.ts calls it synchronously through synckit):
 * it starts the command once, under supervisor.ts (a process group of its own that dies with resnet-mf), writes
 * one request line to its standard input, and resolves with the next line of its standard output, or with why
 * there is none: the process exited (with the end of its standard error), closed its output, wrote a line longer
 * than allowed, or did not answer within the time limit. Whenever the subject can no longer answer, its
 * whole process group is killed. It never parses an answer: external.ts checks every field.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAsWorker } from 'synckit';

/** What a request gives back: the answer line, or why there is none. */
export type WorkerReply = { ok: true; line: string } | { ok: false; why: string };

/** Characters of the subject's standard error kept for messages. */
const STDERR_TAIL = 2000;
/** How long an ended output waits for the exit status that explains it, milliseconds. */
const EXIT_GRACE_MS = 200;

const SUPERVISOR = join(dirname(fileURLToPath(import.meta.url)), 'supervisor.js');

interface Running {
  child: ChildProcess;
  /** Complete answer lines not yet asked for. */
  lines: string[];
  /** The line being received, in chunks, and its length. */
  partial: string[];
  partialLength: number;
  waiter: (() => void) | null;
  stderr: string;
  /** Its standard output has ended. */
  outputEnded: boolean;
  /** How the process ended (exit status, signal, spawn error), once it has. */
  exit: string | null;
  /** Why resnet-mf stopped listening to it (a line too long, the time limit, its output closed while running). */
  refused: string | null;
  /** The longest answer line accepted, characters. */
  maxChars: number;
}

const running = new Map<string, Running>();

function kill(r: Running): void {
  try {
    if (r.child.pid !== undefined) process.kill(-r.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Stops listening to the subject for `reason`, and kills its group. */
function refuse(r: Running, reason: string): void {
  r.refused ??= reason;
  kill(r);
  wake(r);
}

function wake(r: Running): void {
  const w = r.waiter;
  r.waiter = null;
  w?.();
}

function start(command: string, maxChars: number): Running {
  const child = spawn(process.execPath, [SUPERVISOR, command], { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
  const r: Running = { child, lines: [], partial: [], partialLength: 0, waiter: null, stderr: '', outputEnded: false, exit: null, refused: null, maxChars };
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    if (r.refused) return;
    let from = 0;
    for (let nl = chunk.indexOf('\n'); nl >= 0; nl = chunk.indexOf('\n', from)) {
      r.partial.push(chunk.slice(from, nl));
      r.lines.push(r.partial.join('').replace(/\r$/, ''));
      r.partial = [];
      r.partialLength = 0;
      from = nl + 1;
    }
    if (from < chunk.length) {
      r.partial.push(chunk.slice(from));
      r.partialLength += chunk.length - from;
      if (r.partialLength > r.maxChars) return refuse(r, `wrote an answer line longer than ${r.maxChars} characters, and was killed`);
    }
    if (r.lines.length > 0) wake(r);
  });
  child.stdout!.on('end', () => {
    r.outputEnded = true;
    wake(r);
  });
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => {
    r.stderr = (r.stderr + chunk).slice(-STDERR_TAIL);
  });
  child.stdin!.on('error', () => undefined); // a closed pipe: the exit says why
  child.on('error', (err) => {
    r.exit ??= `could not be started (${err.message})`;
    wake(r);
  });
  child.on('close', (code, signal) => {
    r.exit ??= signal ? `was killed by ${signal}` : `exited with code ${code}`;
    kill(r); // what it left running in its group
    wake(r);
  });
  return r;
}

/** Why the subject cannot answer, in words, with the end of its standard error. */
function why(r: Running): string {
  const tail = r.stderr.trim();
  const reason = r.refused ?? r.exit ?? 'closed its standard output';
  return `the subject ${reason}${tail ? `; its standard error ends: ${tail.slice(-500)}` : ''}`;
}

/** The next answer line, waiting at most timeoutMs. */
function nextLine(r: Running, timeoutMs: number): Promise<WorkerReply> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const settle = (): void => {
      const line = r.lines.shift();
      if (line !== undefined) return finish({ ok: true, line });
      if (r.refused || r.exit) return finish({ ok: false, why: why(r) });
      if (r.outputEnded) {
        // the output ended: give the exit status (and the standard error) a moment to arrive, to say why
        r.waiter = settle;
        setTimeout(() => {
          if (!r.exit) refuse(r, 'closed its standard output while still running, and was killed');
        }, EXIT_GRACE_MS);
        return;
      }
      r.waiter = settle;
    };
    const finish = (reply: WorkerReply): void => {
      clearTimeout(timer);
      r.waiter = null;
      resolve(reply);
    };
    timer = setTimeout(() => refuse(r, `did not answer within ${timeoutMs / 1000} s and was killed`), timeoutMs);
    settle();
  });
}

/**
 * Sends `line` (one JSON request, no newline) to the process of `command` (started at the first request) and
 * waits at most timeoutMs for one line of answer of at most maxChars characters; `line` null ends the process
 * (its input closed, then its group killed).
 */
async function request(command: string, line: string | null, timeoutMs: number, maxChars: number): Promise<WorkerReply> {
  let r = running.get(command);
  if (line === null) {
    if (r) {
      r.child.stdin!.end();
      running.delete(command);
      const done = r;
      setTimeout(() => kill(done), EXIT_GRACE_MS).unref();
    }
    return { ok: true, line: '' };
  }
  if (!r) running.set(command, (r = start(command, maxChars)));
  if (r.refused || r.exit) return { ok: false, why: why(r) };
  r.child.stdin!.write(`${line}\n`);
  return nextLine(r, timeoutMs);
}

runAsWorker(request);
