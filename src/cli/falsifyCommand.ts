/**
 * `resnet-mf falsify`: attacks a conjectured bound (an expression, a predicate module or a catalogue
 * conjecture) with the targeted search of src/falsify/search.ts, stores every violation in the counterexample
 * store before shrinking, and writes the minimal counterexample's replay files. `--replay` re-checks the store.
 *
 * Exit codes: 0 the bound was not falsified within the budget (or, with --replay, no stored violation
 * reproduces; --list-* print and exit 0); 1 falsified (or a stored violation reproduces); 2 bad input (a
 * rejected expression, a bad flag, a corrupt store file): one stderr line, nothing run, nothing written.
 * See docs/falsify.md.
 */
import { existsSync, unlinkSync } from 'node:fs';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { nonFiniteAsString } from '../data/jsonFields.js';
import { InvalidArgumentError } from '../errors.js';
import { type Bound, compileBound } from '../falsify/bound.js';
import { ALLOWED_FUNCTIONS, CONSTANTS } from '../falsify/hardenedMath.js';
import { loadPredicateBound } from '../falsify/predicate.js';
import { QUANTITY_DOCS, QUANTITY_NAMES } from '../falsify/quantities.js';
import { boundOf, replayViolation } from '../falsify/replay.js';
import { type FalsifyOptions, falsify, SHRINK_BUDGET, type Strategy, STRATEGIES } from '../falsify/search.js';
import { type BoundRef, DEFAULT_STORE_DIR, loadStore, storeHook, storeViolation } from '../falsify/store.js';
import { oneOf, parseIntegerFlag } from '../validate.js';
import { DEFAULT_SEED } from './checkCommand.js';
import { CommandFailure } from './failure.js';
import { checkOutputPath, writeTextFileAtomic } from './io.js';
import { conjectureBound, type FalsifyProfile, listConjectures, profileBudget, PROFILE_NAMES } from './falsifyConjectures.js';

interface FalsifyFlags {
  bound?: string;
  predicate?: string;
  conjecture?: string;
  listConjectures?: boolean;
  listNames?: boolean;
  replay?: boolean;
  budget?: string;
  shrinkBudget?: string;
  seed: string;
  profile: string;
  strategy: string;
  store: string;
  out: string;
}

/** The reference of every name a bound may use, one line each (for --list-names and --help). */
export function namesHelp(): string {
  const width = Math.max(...QUANTITY_NAMES.map((n) => n.length));
  const lines = QUANTITY_NAMES.map((n) => `  ${n.padEnd(width)}  ${QUANTITY_DOCS[n]}`);
  lines.push(`  constants: ${Object.keys(CONSTANTS).join(', ')}; functions: ${Object.keys(ALLOWED_FUNCTIONS).join(', ')}`);
  lines.push('  operators: + - * / ^ (unary -), comparisons < <= > >= == != (chains allowed), and, or, not');
  return lines.join('\n');
}

export function falsifyCommand(): Command {
  return new Command('falsify')
    .description('search for a violation of a conjectured bound, store it, shrink it, write replay files; exit 1 if falsified')
    .option('--bound <expr>', 'the bound, a mathjs comparison over the names below, e.g. "err_depth <= 2/L^2"')
    .option('--predicate <file>', 'the bound as a JavaScript module exporting bound(q) → margin or boolean')
    .option('--conjecture <id>', 'a conjecture of the catalogue (see --list-conjectures)')
    .option('--list-conjectures', 'list the catalogue of conjectures and exit')
    .option('--list-names', 'list the quantities a bound may use and exit')
    .option('--replay', 're-check every stored counterexample (only those of the bound, if one is given); exit 1 if one reproduces')
    .option('--budget <evaluations>', `model evaluations for the search (default by --profile: ${PROFILE_NAMES.map((p) => `${p} ${profileBudget(p)}`).join(', ')})`)
    .option('--shrink-budget <evaluations>', `model evaluations for shrinking the first violation (default ${SHRINK_BUDGET}; a conjecture's by --profile)`)
    .option('--profile <name>', `budget profile: ${PROFILE_NAMES.join(', ')}`, 'ci')
    .option('--seed <S>', 'seed of the search (fast-check and annealing)', String(DEFAULT_SEED))
    .option('--strategy <name>', `search strategy: ${STRATEGIES.join(', ')}`, 'targeted')
    .option('--store <dir>', 'counterexample store directory', DEFAULT_STORE_DIR)
    .option('--out <dir>', 'directory for the minimal counterexample: counterexample.json, model.json, data.json, initial.json', join('reports', 'falsify'))
    .addHelpText('after', `\nNames a bound may use:\n${namesHelp()}\n\nExit status: 0 not falsified, 1 falsified (or a stored violation reproduces), 2 bad input.`)
    .action(async (flags: FalsifyFlags) => {
      if (flags.listNames) return void console.log(namesHelp());
      if (flags.listConjectures) return void console.log(listConjectures());
      const given = (['bound', 'predicate', 'conjecture'] as const).filter((k) => flags[k] !== undefined);
      if (given.length > 1) throw new InvalidArgumentError(`--${given[1]}`, `given alone, not together with --${given[0]}`, flags[given[1]]);
      if (given.length === 0 && !flags.replay) {
        throw new InvalidArgumentError('--bound', 'given (or --predicate, --conjecture, --replay, --list-conjectures, --list-names)', '(none)');
      }
      const target = given.length === 1 ? await resolveBound(flags) : null;
      if (flags.replay) return replayStore(flags.store, target?.ref);
      const { bound, ref, space, shrinkBudget: conjectureShrink } = target!;
      const profile = oneOf('--profile', flags.profile, PROFILE_NAMES);
      const budget = flags.budget !== undefined ? parseIntegerFlag('--budget', flags.budget, 1, 1_000_000) : profileBudget(profile);
      const shrinkBudget = flags.shrinkBudget !== undefined ? parseIntegerFlag('--shrink-budget', flags.shrinkBudget, 0, 1_000_000) : conjectureShrink?.(profile) ?? SHRINK_BUDGET;
      const seed = parseIntegerFlag('--seed', flags.seed, 0, 2 ** 31 - 1);
      const strategy = oneOf('--strategy', flags.strategy, STRATEGIES) as Strategy;
      const outFiles = ['counterexample.json', 'model.json', 'data.json', 'initial.json'].map((name) => join(flags.out, name));
      for (const path of outFiles) checkOutputPath('--out', path);
      checkStoreWritable(flags.store);
      const stored = loadStore(flags.store, bound.source);
      const options: FalsifyOptions = {
        strategy, budget, seed, shrinkBudget, ...(space ? { space } : {}),
        replay: stored.map((v) => v.scenario),
        onViolation: storeHook(flags.store, ref, (file, v) => console.log(`${v.stage === 'first' ? 'violation found' : 'shrunk'} (margin ${v.margin}), stored: ${file}`)),
      };
      console.log(`falsify: ${bound.source} (${strategy}, budget ${budget}, seed ${seed}; ${stored.length} stored counterexample(s) replayed first)`);
      const result = falsify(bound, options);
      if (result.status === 'survived') {
        console.log(`not falsified: ${bound.source} held on ${result.evaluations.total} scenario(s) (${strategy}, seed ${seed}); smallest margin ${result.best.margin}`);
        // files of an earlier falsified run in --out would pass for this bound's counterexample
        const stale = outFiles.filter((path) => existsSync(path));
        for (const path of stale) unlinkSync(path);
        if (stale.length > 0) console.log(`  removed an earlier run's counterexample files from ${flags.out}: ${stale.map((p) => basename(p)).join(', ')}`);
        return;
      }
      const m = result.minimal;
      const file = storeViolation(flags.store, ref, { phase: 'shrunk', scenario: m.scenario, quantities: m.quantities, margin: m.margin, seed, path: m.path, strategy, evaluations: result.evaluations.total });
      const [reportPath, modelPath, dataPath, initialPath] = outFiles;
      const report = { ...result, bound: ref, minimal: { ...m, files: undefined } };
      writeTextFileAtomic('--out', reportPath, `${JSON.stringify(report, nonFiniteAsString, 2)}\n`);
      if (m.files?.text.model) writeTextFileAtomic('--out', modelPath, m.files.text.model);
      else if (existsSync(modelPath)) unlinkSync(modelPath); // a trained model of an earlier run would mislead
      if (m.files) writeTextFileAtomic('--out', dataPath, m.files.text.data);
      if (m.files) writeTextFileAtomic('--out', initialPath, m.files.text.initial);
      const shown = bound.names.map((n) => `${n}=${m.quantities[n]}`).join(' ');
      console.log(`falsified: ${bound.source}`);
      console.log(`  first violation after ${result.evaluations.toFirstViolation} evaluation(s) (${result.first.source}); shrunk in ${m.numShrinks} step(s), ${result.evaluations.total} evaluations in all`);
      console.log(`  minimal counterexample: ${JSON.stringify(m.scenario)}`);
      console.log(`  margin ${m.margin}; ${shown}`);
      console.log(`  stored: ${file}; seed ${seed}, path ${m.path || '(none)'}`);
      if (m.files?.text.model) console.log(`  replay: resnet-mf eval --model ${modelPath} --data ${dataPath}   (prints the loss E)`);
      else console.log('  training blew up (E = Infinity): no trained model file');
      console.log(`  replay training: resnet-mf train --model ${initialPath} --data ${dataPath} --dt ${m.scenario.dt} --steps ${m.scenario.steps}`);
      throw new CommandFailure(`falsified: ${bound.source}`);
    });
}

interface Target {
  bound: Bound;
  ref: BoundRef;
  space?: FalsifyOptions['space'];
  shrinkBudget?: (profile: FalsifyProfile) => number;
}

async function resolveBound(flags: FalsifyFlags): Promise<Target> {
  if (flags.bound !== undefined) {
    const bound = compileBound(flags.bound);
    return { bound, ref: { kind: 'expression', source: bound.source } };
  }
  if (flags.predicate !== undefined) {
    const bound = await loadPredicateBound(flags.predicate);
    return { bound, ref: { kind: 'predicate', source: bound.source, module: resolve(flags.predicate) } };
  }
  const c = conjectureBound(flags.conjecture!, '--conjecture');
  return { bound: c.bound, ref: { kind: 'conjecture', source: c.bound.source, id: c.id }, space: c.space, shrinkBudget: c.shrinkBudget };
}

/**
 * --replay: re-measures every stored violation (of the given bound only, when one is given). A record of a
 * predicate module is replayed only when that module is the one given with --predicate: loading a module runs
 * its code, and a store file (perhaps shared through version control) must not choose which code runs.
 */
async function replayStore(dir: string, given: BoundRef | undefined): Promise<void> {
  const source = given?.source;
  const stored = loadStore(dir, source);
  if (stored.length === 0) return void console.log(`no stored counterexample${source ? ` of ${source}` : ''} in ${dir}`);
  let reproduced = 0;
  let skipped = 0;
  for (const v of stored) {
    if (v.bound.kind === 'predicate' && !(given?.kind === 'predicate' && given.module === v.bound.module)) {
      skipped++;
      console.log(`skipped: ${v.file} (predicate module ${v.bound.module}): a module runs code; replay it with --replay --predicate ${v.bound.module}`);
      continue;
    }
    const bound = await boundOf(v, (id, field) => conjectureBound(id, field).bound);
    const r = replayViolation(v, bound);
    if (r.status === 'reproduced') reproduced++;
    const bits = r.identical ? 'same bits' : 'measurements differ from the stored ones';
    console.log(`${r.status}: ${v.file} (${v.bound.source}): margin ${r.margin}, stored ${v.margin}; ${bits}`);
  }
  console.log(`${reproduced} of ${stored.length - skipped} replayed counterexample(s) reproduce${skipped > 0 ? ` (${skipped} predicate record(s) skipped)` : ''}`);
  if (reproduced > 0) throw new CommandFailure(`${reproduced} stored counterexample(s) reproduce`);
}

/**
 * The store must be writable before the search starts, since a violation is stored the moment it is found:
 * the directory, or (when it does not exist yet) its nearest existing ancestor, must be a writable
 * directory. Nothing is created here.
 * @throws InvalidArgumentError naming --store.
 */
function checkStoreWritable(dir: string): void {
  let path = resolve(dir);
  while (!existsSync(path) && dirname(path) !== path) path = dirname(path);
  let ok = false;
  try {
    accessSync(path, fsConstants.W_OK);
    ok = statSync(path).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new InvalidArgumentError('--store', `a writable directory (${path} is not one)`, dir);
}
