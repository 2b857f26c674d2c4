/**
 * `resnet-mf eval --model FILE --data FILE [--precision P | --exact]`: loss, outputs and unscaled gradient
 * ∂E/∂θ as JSON. In float64 (default) every number is printed round-trip exact; with --precision P the
 * network runs in decimal at P + 20 significant digits and every number is printed rounded to P digits; with
 * --exact (polynomial activations: identity, cubic) it runs in exact rationals and prints fractions "p/q".
 */
import { Command } from 'commander';
import { Decimal } from 'decimal.js';
import { checkCompatible, DATASET_NAMES, gradToNested, parseModelJson, stringifyExact } from '../data/index.js';
import { InvalidArgumentError } from '../errors.js';
import { checkWorkspaceSize, genericLossAndGradient, lossAndGradient, type Network } from '../model/index.js';
import type { Dataset } from '../data/dataset.js';
import { type Backend, MAX_DECIMAL_PRECISION, decimalBackend, rationalBackend } from '../numeric/index.js';
import { parseIntegerFlag } from '../validate.js';
import { type DataFlags, loadData } from './dataFlags.js';
import { CommandFailure } from './failure.js';
import { readTextFile } from './io.js';

interface EvalFlags extends DataFlags {
  model: string;
  seed: string;
  precision?: string;
  exact?: boolean;
}

export function evalCommand(): Command {
  return new Command('eval')
    .description('evaluate a model on data: prints {"loss", "outputs": [N], "grad"} with grad nested like theta (∂E/∂θ, unscaled)')
    .requiredOption('--model <file>', 'model JSON (format resnet-mf/model@1)')
    .option('--data <file>', 'data JSON (format resnet-mf/data@1)')
    .option('--dataset <name>', `a built-in data set instead of --data: ${DATASET_NAMES.join(', ')}`)
    .option('--samples <N>', 'number of samples of the built-in data set')
    .option('--dim <d>', 'dimension d of a synthetic data set (ball, teacher)')
    .option('--seed <S>', 'seed of the built-in data set (as given to train)', '1')
    .option('--precision <P>', `evaluate in decimal with P significant digits (1..${MAX_DECIMAL_PRECISION}); numbers printed as strings`)
    .option('--exact', 'evaluate in exact rational arithmetic (identity and cubic activations); numbers printed as "p/q"')
    .action((flags: EvalFlags) => {
      if (flags.exact && flags.precision !== undefined) throw new InvalidArgumentError('--exact', 'not given together with --precision', true);
      const P = flags.precision === undefined ? undefined : parseIntegerFlag('--precision', flags.precision, 1, MAX_DECIMAL_PRECISION);
      const net = parseModelJson(readTextFile('--model', flags.model), 'model');
      const data = loadData(flags, parseIntegerFlag('--seed', flags.seed, 0, Number.MAX_SAFE_INTEGER));
      checkCompatible(net, data);
      checkWorkspaceSize(net.d, net.L, net.M, data.N);
      // Evaluate with EVAL_GUARD_DIGITS more digits than printed, so rounding inside the network (cancellation
      // in a residual, say) does not reach the P digits shown.
      if (P !== undefined) {
        const working = Math.min(P + EVAL_GUARD_DIGITS, MAX_DECIMAL_PRECISION);
        const label = `decimal, ${working} digits, printed to ${P}`;
        return printInBackend(decimalBackend(working), net, data, (x) => roundToDigits(x, P), label);
      }
      if (flags.exact) return printInBackend(rationalBackend, net, data, (x) => rationalBackend.field.toText(x), 'exact rational');
      const { loss, outputs, grad } = lossAndGradient(net, data);
      // valid input whose evaluation overflows float64: an unsuccessful outcome (exit 1), like a diverged training
      const overflow = !Number.isFinite(loss) ? 'loss' : !outputs.every(Number.isFinite) ? 'outputs' : !grad.every(Number.isFinite) ? 'grad' : null;
      if (overflow) throw new CommandFailure(`eval overflowed: ${overflow} is non-finite for this model and data (parameters or data too large for float64)`);
      const report = { loss, outputs, grad: gradToNested(grad, net.L, net.M, net.d) };
      process.stdout.write(`${stringifyExact(report, 'eval')}\n`);
    });
}

/** Extra digits carried by `eval --precision P` beyond the P printed. */
export const EVAL_GUARD_DIGITS = 20;

/** x rounded half-to-even to P significant digits, as text (−0 as "-0…"). */
function roundToDigits(x: Decimal, P: number): string {
  return (x.isZero() && x.isNeg() ? '-' : '') + x.toPrecision(P, Decimal.ROUND_HALF_EVEN);
}

/** Runs the generic network in `backend` and prints every number with `text`. */
function printInBackend<T>(backend: Backend<T>, net: Network, data: Dataset, text: (x: T) => string, label: string): void {
  const activationField = backend === (rationalBackend as Backend<unknown>) ? '--exact' : '--precision';
  let result;
  try {
    result = genericLossAndGradient(backend, net, data);
  } catch (err) {
    if (err instanceof InvalidArgumentError && err.field.startsWith('activation')) {
      throw new InvalidArgumentError(`model.activation (with ${activationField})`, err.expected, net.activation.name);
    }
    throw err;
  }
  const k = 2 * net.d + 1;
  const grad = Array.from({ length: net.L }, (_, l) =>
    Array.from({ length: net.M }, (_, m) => result.grad.slice((l * net.M + m) * k, (l * net.M + m + 1) * k).map(text)),
  );
  const report = { arithmetic: label, loss: text(result.loss), outputs: result.outputs.map(text), grad };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}
