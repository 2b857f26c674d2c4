/**
 * The process between resnet-mf and an external subject (`node supervisor.js "<command>"`, started by
 * externalWorker.ts as the leader of a process group of its own): it runs the command with the shell in that
 * group, on its own standard input, output and error, and makes sure nothing of it outlives resnet-mf:
 *  - when resnet-mf goes away (this process's parent changes), it kills the whole group, itself included;
 *  - when the command exits, it sends SIGTERM to what the command left running in the group (a subject that ends
 *    on end of input while its forks still run; this process ignores the signal) and exits with the command's
 *    status (128 + n for signal n, as a shell reports it); externalWorker.ts then kills the group as well, if
 *    resnet-mf is still there to see this process close.
 * It closes its own copies of standard input and output, so that a subject that closes its output is seen to
 * do so at once. A time limit is enforced by externalWorker.ts, which kills the group.
 */
import { spawn } from 'node:child_process';
import { closeSync } from 'node:fs';
import { constants } from 'node:os';

/** How often the parent is looked at, milliseconds. */
const WATCH_MS = 250;

function killGroup(signal: NodeJS.Signals): void {
  try {
    process.kill(-process.pid, signal);
  } catch {
    // the group is gone
  }
}

const command = process.argv[2] ?? '';
const parent = process.ppid;
const child = spawn(command, { shell: true, stdio: 'inherit' });
closeSync(0);
closeSync(1);
const watch = setInterval(() => {
  if (process.ppid !== parent) killGroup('SIGKILL');
}, WATCH_MS);
child.on('error', (err) => {
  process.stderr.write(`could not start the subject: ${err.message}\n`);
  clearInterval(watch);
  process.exitCode = 127;
});
process.on('SIGTERM', () => undefined); // the group's SIGTERM below is for the command's leftovers, not for this process
child.on('exit', (code, signal) => {
  clearInterval(watch);
  process.exitCode = code ?? 128 + (signal ? constants.signals[signal] : 0);
  killGroup('SIGTERM');
});
