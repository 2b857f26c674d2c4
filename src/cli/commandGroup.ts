/** A command with subcommands (`report merge`, `data export`). */
import { Command } from 'commander';

/** A command whose subcommands take the parent's settings (exit override, one-line errors) when it does. */
export class CommandGroup extends Command {
  override copyInheritedSettings(source: Command): this {
    super.copyInheritedSettings(source);
    for (const sub of this.commands) sub.copyInheritedSettings(this);
    return this;
  }
}
