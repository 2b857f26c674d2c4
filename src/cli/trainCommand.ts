/**
 * `resnet-mf train`: K steps of GD with h = M L Δs from a model file or a generated model, printing the
 * loss curve and writing the trained model atomically.
 */
import { Command } from 'commander';
import { makeActivation, regularizedRelu, ACTIVATION_NAMES } from '../activations/index.js';
import { InvalidArgumentError } from '../errors.js';
import { CommandFailure } from './failure.js';
import { checkCompatible, DATASET_NAMES, modelToJson, parseModelJson } from '../data/index.js';
import type { Dataset } from '../data/dataset.js';
import { INIT_KINDS, initNetwork } from '../init/index.js';
import { checkWorkspaceSize, type Network } from '../model/index.js';
import { train } from '../train/index.js';
import { oneOf, parseIntegerFlag, parseNumberFlag, positiveNumber } from '../validate.js';
import { loadData } from './dataFlags.js';
import { checkOutputs, givenPaths, readTextFile, writeTextFileAtomic } from './io.js';

interface TrainFlags {
  model?: string;
  data?: string;
  dataset?: string;
  depth?: string;
  width?: string;
  activation: string;
  delta?: string;
  init: string;
  scale: string;
  seed: string;
  samples?: string;
  dim?: string;
  dt: string;
  steps: string;
  out?: string;
  every?: string;
}

export function trainCommand(): Command {
  return new Command('train')
    .description('train with gradient descent in training time s (learning rate h = M L Δs); prints the loss curve')
    .option('--model <file>', 'start from this model JSON (else generate one with --depth/--width/...)')
    .option('--data <file>', 'data JSON (format resnet-mf/data@1)')
    .option('--dataset <name>', `built-in data set: ${DATASET_NAMES.join(', ')}`)
    .option('--depth <L>', 'depth L of a generated model')
    .option('--width <M>', 'width M of a generated model')
    .option('--activation <name>', `activation of a generated model: ${ACTIVATION_NAMES.join(', ')}`, 'tanh')
    .option('--delta <δ>', 'width δ of regularized_relu')
    .option('--init <kind>', `initialisation of a generated model: ${INIT_KINDS.join(', ')}`, 'linear')
    .option('--scale <std>', 'standard deviation of the initial parameters', '1')
    .option('--seed <S>', 'seed of the generated model and data set', '1')
    .option('--samples <N>', 'number of samples of a built-in data set')
    .option('--dim <d>', 'dimension d of a synthetic data set (ball, teacher)')
    .requiredOption('--dt <Δs>', 'training-time step Δs > 0')
    .requiredOption('--steps <K>', 'number of GD steps K ≥ 0')
    .option('--out <file>', 'write the trained model JSON here')
    .option('--every <n>', 'print every n-th step (default: about 20 lines)')
    .action((flags: TrainFlags, cmd: Command) => {
      const explicit = (name: string) => cmd.getOptionValueSource(name) === 'cli';
      if (flags.model !== undefined) {
        for (const name of ['activation', 'delta', 'init', 'scale']) {
          if (explicit(name)) throw new InvalidArgumentError(`--${name}`, 'omitted when --model is given (the model file sets it)', cmd.getOptionValue(name));
        }
      } else if (flags.delta !== undefined && flags.activation !== 'regularized_relu') {
        throw new InvalidArgumentError('--delta', 'given only with --activation regularized_relu', flags.delta);
      }
      const dt = positiveNumber('--dt', parseNumberFlag('--dt', flags.dt));
      const steps = parseIntegerFlag('--steps', flags.steps, 0, 100_000_000);
      const seed = parseIntegerFlag('--seed', flags.seed, 0, Number.MAX_SAFE_INTEGER);
      // the trained model never replaces the model or data it was read from
      if (flags.out !== undefined) checkOutputs([['--out', flags.out]], givenPaths(flags, ['model', 'data']));
      const data = loadData(flags, seed);
      const net = loadModel(flags, data, seed);
      checkCompatible(net, data);
      checkWorkspaceSize(net.d, net.L, net.M, data.N);
      const every = flags.every !== undefined ? parseIntegerFlag('--every', flags.every, 1, 100_000_000) : Math.max(1, Math.ceil(steps / 20));
      console.log(`# d=${net.d} N=${data.N} L=${net.L} M=${net.M} activation=${net.activation.name} Δs=${dt} h=M·L·Δs=${Number((net.M * net.L * dt).toPrecision(12))}`);
      console.log('# step          s                 E        (1/(ML))Σ|G|²');
      const result = train(net, data, {
        dt,
        steps,
        onPoint: (p, k) => {
          if (k % every === 0 || k === steps) {
            console.log(`${String(k).padStart(6)} ${p.s.toPrecision(6).padStart(10)} ${p.E.toPrecision(10).padStart(17)} ${p.dissipation.toPrecision(6).padStart(16)}`);
          }
        },
      });
      if (result.status === 'diverged') throw new CommandFailure(result.message);
      if (flags.out !== undefined) {
        writeTextFileAtomic('--out', flags.out, modelToJson(result.net));
        console.log(`# wrote ${flags.out}`);
      }
    });
}

function loadModel(flags: TrainFlags, data: Dataset, seed: number): Network {
  if (flags.model !== undefined) {
    for (const f of ['depth', 'width'] as const) {
      if (flags[f] !== undefined) throw new InvalidArgumentError(`--${f}`, 'omitted when --model is given', flags[f]);
    }
    return parseModelJson(readTextFile('--model', flags.model), 'model');
  }
  for (const f of ['depth', 'width'] as const) {
    if (flags[f] === undefined) throw new InvalidArgumentError(`--${f}`, 'given for a generated model (or --model FILE)', undefined);
  }
  const L = parseIntegerFlag('--depth', flags.depth as string, 1, 10_000_000);
  const M = parseIntegerFlag('--width', flags.width as string, 1, 10_000_000);
  const name = oneOf('--activation', flags.activation, ACTIVATION_NAMES);
  const activation = name === 'regularized_relu'
    ? regularizedRelu(deltaFlag(flags.delta), '--delta')
    : makeActivation({ name }, '--activation');
  const init = oneOf('--init', flags.init, INIT_KINDS);
  const scale = positiveNumber('--scale', parseNumberFlag('--scale', flags.scale));
  return initNetwork({ d: data.d, L, M, activation, init, seed, scale });
}

/** The --delta of regularized_relu: required, a number > 0. */
function deltaFlag(text: string | undefined): number {
  if (text === undefined) throw new InvalidArgumentError('--delta', 'given (a number > 0) with --activation regularized_relu', undefined);
  return positiveNumber('--delta', parseNumberFlag('--delta', text));
}
