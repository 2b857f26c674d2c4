/**
 * Two mistakes commander lets through on the command line, refused as bad input (exit 2) naming the flag:
 * - a single-valued flag given twice (`--seed 1 --seed 2`): commander keeps the last value silently;
 * - a flag taken as another flag's value (`--profile --claim x`): commander gives `--profile` the value
 *   "--claim" and then reports the stray `x`, naming neither.
 * A flag's value never starts with "--" here (negative numbers start with one dash).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from '../errors.js';

/**
 * Installs both checks on `command` and its subcommands, before it parses.
 * @throws InvalidArgumentError (while parsing) naming the flag, e.g. `--seed="2" must be given once …`.
 */
export function guardOptions(command: Command): void {
  for (const option of command.options) {
    if (!option.required && !option.optional) continue; // a switch: giving it twice means the same
    const flag = option.long ?? option.short ?? option.name();
    let earlier: string | undefined;
    command.on(`option:${option.name()}`, (value: unknown) => {
      if (typeof value !== 'string') return;
      if (value.startsWith('--')) {
        throw new InvalidArgumentError(flag, `a value, not the flag ${value.split('=')[0]} (the value of ${flag} is missing)`, value);
      }
      if (option.variadic) return; // --claim a --claim b adds to the list
      if (earlier !== undefined) throw new InvalidArgumentError(flag, `given once (it takes one value; it was given ${JSON.stringify(earlier)} already)`, value);
      earlier = value;
    });
  }
  for (const sub of command.commands) guardOptions(sub);
}
