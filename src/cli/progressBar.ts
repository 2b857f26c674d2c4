/**
 * The progress bar of the long commands (check, estimate, calibrate): a cli-progress bar on stderr when stderr
 * is a terminal, else null, and the command prints plain progress lines instead (CI logs, pipes, tests).
 */
import cliProgress from 'cli-progress';

/**
 * A bar with the given cli-progress format on a terminal's stderr, or null when stderr is not a TTY.
 * @example progressBar('{bar} {value}/{total} {claim}')?.start(10, 0, { claim: '' })
 */
export function progressBar(format: string): cliProgress.SingleBar | null {
  return process.stderr.isTTY ? new cliProgress.SingleBar({ format, stream: process.stderr }, cliProgress.Presets.shades_classic) : null;
}
