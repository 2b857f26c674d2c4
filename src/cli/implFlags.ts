/**
 * The flags that name an external subject under test, shared by `check` and `calibrate`: --impl <command> and
 * --impl-timeout <seconds> (docs/subject-protocol.md).
 */
import type { ImplSpec } from '../check/checkUnit.js';
import { InvalidArgumentError } from '../errors.js';
import { PLANT_ENV, type PlantName } from '../planted/index.js';
import { DEFAULT_SUBJECT_TIMEOUT } from '../subject/index.js';
import { parseIntegerFlag } from '../validate.js';

/** The help texts of the two flags. */
export const IMPL_HELP = 'check another implementation: a program speaking the subject protocol (docs/subject-protocol.md), run by the shell, e.g. "python3 examples/adapters/numpy_resnet.py"; claims needing a capability it lacks are listed as not applicable';
export const IMPL_TIMEOUT_HELP = `time limit of one answer of the --impl program, an integer in [1, 86400], after which it is killed and the run stops (default ${DEFAULT_SUBJECT_TIMEOUT})`;

/**
 * The --impl program and its time limit, or null without --impl.
 * @param refused a flag given with --impl that cannot be combined with it (its name and why), or null
 * @throws InvalidArgumentError naming --impl (empty, with --plant, or with `refused`) or --impl-timeout (without --impl, or not in [1, 86400] s)
 */
export function parseImplFlags(flags: { impl?: string; implTimeout?: string }, plant: PlantName | null, refused: string | null): ImplSpec | null {
  if (flags.impl === undefined) {
    if (flags.implTimeout !== undefined) throw new InvalidArgumentError('--impl-timeout', 'used with --impl', flags.implTimeout);
    return null;
  }
  const command = flags.impl;
  if (command.trim() === '') throw new InvalidArgumentError('--impl', 'a command that starts the subject (e.g. "python3 examples/adapters/numpy_resnet.py")', command);
  if (plant) throw new InvalidArgumentError('--impl', `used without --plant or ${PLANT_ENV} (a planted bug is a variant of resnet-mf's own implementation; the program plants its own)`, command);
  if (refused) throw new InvalidArgumentError('--impl', refused, command);
  return { command, timeoutSeconds: parseIntegerFlag('--impl-timeout', flags.implTimeout ?? String(DEFAULT_SUBJECT_TIMEOUT), 1, 86_400) };
}
