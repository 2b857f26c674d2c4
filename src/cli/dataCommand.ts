/**
 * `resnet-mf data export NAME [--samples N] [--dim d] [--seed S] [--out FILE]`: a built-in data set in the data
 * JSON format (resnet-mf/data@1, src/data/json.ts), so that another implementation reads exactly the x and y
 * this one trains on (every number round-trip exact). To stdout, or written atomically to --out.
 */
import { Command } from 'commander';
import { DATASET_NAMES, dataToJson } from '../data/index.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { CommandGroup } from './commandGroup.js';
import { loadData } from './dataFlags.js';
import { checkOutputPath, writeTextFileAtomic } from './io.js';

interface ExportFlags {
  samples?: string;
  dim?: string;
  seed: string;
  out?: string;
}

export function dataCommand(): Command {
  const exportCommand = new Command('export')
    .description(`write a built-in data set as data JSON: ${DATASET_NAMES.join(', ')}`)
    .argument('<name>', `the data set: ${DATASET_NAMES.join(', ')}`)
    .option('--samples <N>', 'number of samples N (default: the data set\'s own)')
    .option('--dim <d>', 'dimension d of a synthetic data set (ball, teacher)')
    .option('--seed <S>', 'seed of the data set\'s stream (as given to train and eval)', '1')
    .option('--out <file>', 'write the JSON here (atomically) instead of to stdout')
    .action((name: string, flags: ExportFlags) => {
      if (flags.out !== undefined) checkOutputPath('--out', flags.out);
      const seed = parseIntegerFlag('--seed', flags.seed, 0, Number.MAX_SAFE_INTEGER);
      const dataset = oneOf('<name>', name, DATASET_NAMES);
      const text = dataToJson(loadData({ dataset, samples: flags.samples, dim: flags.dim }, seed));
      if (flags.out !== undefined) writeTextFileAtomic('--out', flags.out, text);
      else process.stdout.write(text);
    });
  return new CommandGroup('data').description('built-in data sets as data JSON (resnet-mf/data@1)').addCommand(exportCommand);
}
