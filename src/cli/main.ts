/**
 * The resnet-mf command: `eval`, `train`, `check`, `calibrate`, `audit`, `estimate`, `falsify`, `report`, `planted`, `power`, `data`. Bad input ends with exit code 2 and one line naming the
 * field; an unsuccessful outcome (a failed claim, a diverged training) with exit code 1; never a stack trace.
 */
import { Command, CommanderError } from 'commander';
import type { ClaimRegistry } from '../check/registry.js';
import { InvalidArgumentError, ResnetMfError } from '../errors.js';
import { PLANT_ENV, plantedBugFromEnvironment } from '../planted/index.js';
import { oneLine } from '../report/verdictReport.js';
import { auditCommand } from './auditCommand.js';
import { calibrateCommand } from './calibrateCommand.js';
import { checkCommand } from './checkCommand.js';
import { dataCommand } from './dataCommand.js';
import { estimateCommand } from './estimateCommand.js';
import { evalCommand } from './evalCommand.js';
import { falsifyCommand } from './falsifyCommand.js';
import { plantedCommand } from './plantedCommand.js';
import { powerCommand } from './powerCommand.js';
import { CommandFailure } from './failure.js';
import { guardOptions } from './optionGuards.js';
import { reportCommand } from './reportCommand.js';
import { trainCommand } from './trainCommand.js';

export const EXIT_BAD_INPUT = 2;

/**
 * Runs the command line `argv` (as process.argv) with the claims of `registry` (`check`, `calibrate`,
 * `planted`, `power`, `report merge`) and returns the exit code.
 */
export async function main(argv: readonly string[], registry: ClaimRegistry): Promise<number> {
  const program = new Command('resnet-mf')
    .description('Executable checks of the mean-field theory of deep residual networks')
    .exitOverride()
    // one line: commander puts its "(Did you mean --model?)" suggestion on a line of its own
    .configureOutput({
      outputError: (text, write) => write(`resnet-mf: ${text.trimEnd().replace(/\s*\n\s*/g, ' ')} (run with --help for usage)\n`),
    });
  for (const sub of [evalCommand(), trainCommand(), checkCommand(registry), calibrateCommand(registry), auditCommand(), estimateCommand(), falsifyCommand(), reportCommand(registry), plantedCommand(registry), powerCommand(registry), dataCommand()]) program.addCommand(sub.copyInheritedSettings(program));
  guardOptions(program);
  try {
    // RESNET_MF_PLANT is read here, in the main thread, so that a bad value is bad input before any worker starts.
    const planted = plantedBugFromEnvironment();
    if (planted) process.stderr.write(`resnet-mf: ${PLANT_ENV}=${planted}: check and calibrate run the claims against resnet-mf with planted bug ${planted} (the other commands ignore it)\n`);
    if (argv.length <= 2) throw new InvalidArgumentError('<command>', `one of: ${program.commands.map((c) => c.name()).join(', ')} (resnet-mf --help for usage)`, undefined);
    await program.parseAsync([...argv]);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    if (err instanceof ResnetMfError) {
      process.stderr.write(`resnet-mf: error: ${oneLine(err.message)}\n`);
      return EXIT_BAD_INPUT;
    }
    if (err instanceof CommandFailure) {
      process.stderr.write(`resnet-mf: ${oneLine(err.message)}\n`);
      return err.exitCode;
    }
    throw err;
  }
}
