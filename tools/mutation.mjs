#!/usr/bin/env node
// `npm run mutation`: StrykerJS in two stages, then the table per directory (docs/mutation.md).
//   1. every mutant of the chosen files against the unit tests and the registry's cheap exact claims
//      (MUTATION_KILLERS=fast): most mutants die here in seconds, and a mutant that loops forever is stopped
//      after 1.5 × that small set's time;
//   2. the lines of the mutants that survived stage 1, against the unit tests and every registry claim
//      (MUTATION_RETEST=<stage-1 report>).
// Every mutant is thus tested against the whole set (a mutant stops at its first failing test in either stage),
// and tools/mutation-summary.mjs takes, for each mutant, its newest result.
// MUTATION_DIRS restricts the files as in stryker.config.mjs; MUTATION_STATIC=1 also runs static mutants.
import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mutationScope, undetectedMutants } from './mutation-scope.mjs';

const USAGE = 'usage: [MUTATION_DIRS=dir,dir/file.ts,...] [MUTATION_STATIC=1] npm run mutation   (takes no arguments; docs/mutation.md)';
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (args.length > 0) {
  console.error(`mutation: unexpected argument ${args[0]}; ${USAGE}`);
  process.exit(2);
}
const env = { ...process.env };
let scope;
try {
  for (const v of ['MUTATION_KILLERS', 'MUTATION_RETEST']) {
    if (env[v] !== undefined) throw new Error(`${v} is set by this script for each stage; unset it (or run \`npx stryker run\` for one stage)`);
  }
  scope = mutationScope({ ...env, MUTATION_KILLERS: 'fast' });
} catch (e) {
  console.error(`mutation: ${e.message}`);
  process.exit(2);
}

/** Runs `stryker run` with extra environment; exits with its status when it fails. */
function stryker(extra) {
  const result = spawnSync('node_modules/.bin/stryker', ['run'], { stdio: 'inherit', env: { ...env, ...extra } });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const stage1 = `reports/mutation/${scope.name}.json`;
console.log(`mutation: stage 1 of 2 (unit tests and the cheap exact claims) over ${scope.dirs.join(', ')}`);
stryker({ MUTATION_KILLERS: 'fast' });
if (!existsSync(stage1)) {
  console.error(`mutation: stage 1 wrote no report ${stage1}`);
  process.exit(1);
}
const report = JSON.parse(readFileSync(stage1, 'utf8'));
const undetected = undetectedMutants(report, scope.patterns);
if (undetected.length === 0) {
  console.log('mutation: no mutant survived stage 1; stage 2 not needed');
} else {
  console.log(`mutation: stage 2 of 2: the lines of ${undetected.length} undetected mutants against every claim`);
  stryker({ MUTATION_KILLERS: 'all', MUTATION_RETEST: stage1 });
}
const summary = spawnSync('node', ['tools/mutation-summary.mjs'], { stdio: 'inherit' });
process.exit(summary.status ?? 1);
