/**
 * Ctrl-C for a long command: one SIGINT turns `interrupted()` true (and calls `onInterrupt`) instead of killing the
 * process, until `stop()`. Listen before printing anything, so that a Ctrl-C prompted by the first line is never
 * the default kill; the command then finishes what is in progress and writes what it decided.
 */
export interface InterruptListener {
  interrupted(): boolean;
  /** Stops listening (a later SIGINT kills the process again). */
  stop(): void;
}

/** Starts listening for one SIGINT. */
export function listenForInterrupt(onInterrupt: () => void = () => undefined): InterruptListener {
  let interrupted = false;
  const handler = () => {
    interrupted = true;
    onInterrupt();
  };
  process.once('SIGINT', handler);
  return { interrupted: () => interrupted, stop: () => process.removeListener('SIGINT', handler) };
}
