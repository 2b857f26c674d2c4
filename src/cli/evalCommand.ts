/**
 * `resnet-mf eval --model FILE --data FILE`: loss, outputs and unscaled gradient ∂E/∂θ as exact JSON.
 */
import { Command } from 'commander';
import { checkCompatible, gradToNested, parseDataJson, parseModelJson, stringifyExact } from '../data/index.js';
import { lossAndGradient } from '../model/index.js';
import { CommandFailure } from './failure.js';
import { readTextFile } from './io.js';

export function evalCommand(): Command {
  return new Command('eval')
    .description('evaluate a model on data: prints {"loss", "outputs": [N], "grad"} with grad nested like theta (∂E/∂θ, unscaled)')
    .requiredOption('--model <file>', 'model JSON (format resnet-mf/model@1)')
    .requiredOption('--data <file>', 'data JSON (format resnet-mf/data@1)')
    .action((opts: { model: string; data: string }) => {
      const net = parseModelJson(readTextFile('--model', opts.model), 'model');
      const data = parseDataJson(readTextFile('--data', opts.data), 'data');
      checkCompatible(net, data);
      const { loss, outputs, grad } = lossAndGradient(net, data);
      // valid input whose evaluation overflows float64: an unsuccessful outcome (exit 1), like a diverged training
      const overflow = !Number.isFinite(loss) ? 'loss' : !outputs.every(Number.isFinite) ? 'outputs' : !grad.every(Number.isFinite) ? 'grad' : null;
      if (overflow) throw new CommandFailure(`eval overflowed: ${overflow} is non-finite for this model and data (parameters or data too large for float64)`);
      const report = { loss, outputs, grad: gradToNested(grad, net.L, net.M, net.d) };
      process.stdout.write(`${stringifyExact(report, 'eval')}\n`);
    });
}
