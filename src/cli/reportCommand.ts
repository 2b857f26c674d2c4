/**
 * `resnet-mf report merge <shard reports...> --out <file>`: combines the shard reports of one
 * `check --shard i/n` run (src/check/reportMerge.ts) into the report an unsharded `check` writes, with its
 * plots, its verdict table and its exit status (0, or 1 when a verdict is not as expected). Bad input (a
 * missing, unreadable or malformed file, shards of different runs, a shard missing or given twice) is one
 * error line and exit 2, before anything is written.
 */
import { Command } from 'commander';
import type { ClaimRegistry } from '../check/registry.js';
import { mergeShards } from '../check/reportMerge.js';
import { parseShardReport } from '../check/shardReport.js';
import { DEFAULT_OUT } from './checkCommand.js';
import { plotPath, writeCheckOutputs } from './checkOutputs.js';
import { CommandGroup } from './commandGroup.js';
import { checkOutputs, givenPaths, readTextFile } from './io.js';

export function reportCommand(registry: ClaimRegistry): Command {
  const merge = new Command('merge')
    .description('merge the shard reports of `check --shard i/n` (every shard 1..n once) into the check report and verdict table of the unsharded run')
    .argument('<shards...>', 'shard reports written by `resnet-mf check --shard i/n`')
    .option('--out <file>', 'JSON check report; rate plots are written beside it as with check', DEFAULT_OUT)
    .option('--junit <file>', 'also write the merged verdicts as JUnit XML, as `check --junit` does')
    .option('--html <file>', 'also write the merged run\'s HTML page, as `check --html` does')
    .action(async (files: string[], flags: { out: string; junit?: string; html?: string }) => {
      const shards = files.map((file) => ({ file, report: parseShardReport(readTextFile('<shards>', file), file) }));
      const report = mergeShards(shards, registry.claims);
      const plots = report.verdicts.map((v): [string, string] => ['--out (its plot)', plotPath(flags.out, v.id, v.control)]);
      checkOutputs([['--out', flags.out], ...plots, ...givenPaths(flags, ['junit', 'html'])], files.map((f): [string, string] => ['<shards>', f]));
      await writeCheckOutputs(registry, report, flags.out, report.verdicts.length, { junit: flags.junit, html: flags.html, inputs: files });
    });
  return new CommandGroup('report').description('work with reports: `report merge` combines the shard reports of `check --shard i/n`').addCommand(merge);
}
