/** A command with subcommands (`report merge`, `data export`). */
import { Command } from 'commander';
import { InvalidArgumentError } from '../errors.js';

/**
 * A command whose subcommands take the parent's settings (exit override, one-line errors) when it does. Given no
 * subcommand, or an unknown one, it ends with one error line naming them (commander would print its whole help).
 */
export class CommandGroup extends Command {
  constructor(name: string) {
    super(name);
    this.argument('[command]').action((given: string | undefined) => {
      throw new InvalidArgumentError(`${name} <command>`, `one of: ${this.commands.map((c) => c.name()).join(', ')}`, given);
    });
  }

  override copyInheritedSettings(source: Command): this {
    super.copyInheritedSettings(source);
    for (const sub of this.commands) sub.copyInheritedSettings(this);
    return this;
  }
}
