// Mutation testing of the numerical core against the claim registry (`npm run mutation`; docs/mutation.md).
// Environment (set by tools/mutation.mjs, or by hand):
//   MUTATION_DIRS     comma-separated directories of src/ (default all five) or files of them (e.g. model/forward.ts)
//   MUTATION_KILLERS  "all" (default: the unit tests and every registry claim) or "fast" (the unit tests and the
//                     registry's cheap exact claims: test/mutation/registry.mutation.ts)
//   MUTATION_RETEST   a report of an earlier run: mutate only the lines of its undetected mutants
//   MUTATION_STATIC   1: also run static mutants (module-level code); 0 or unset: report them as ignored
// Each run writes reports/mutation/<name>.json and .html: <name> is "all", or the entries joined by "-" with "/"
// as "_" and no ".ts" (model_forward-limit), then ".fast" for MUTATION_KILLERS=fast, ".retest" with MUTATION_RETEST.
import { readFileSync } from 'node:fs';
import { mutationScope, undetectedMutants } from './tools/mutation-scope.mjs';

/** A configuration error as one line on stderr, exit status 2 (Stryker would wrap a thrown error in stack traces). */
function refuse(message) {
  console.error(`stryker.config.mjs: ${message}`);
  process.exit(2);
}

let scope;
try {
  scope = mutationScope(process.env);
} catch (e) {
  refuse(e.message);
}
const { dirs, patterns, name } = scope;
const retest = process.env.MUTATION_RETEST;

/** The lines (file:first-last) of the survived and no-coverage mutants of `report` inside the chosen dirs/files. */
function undetectedLines(report) {
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(report, 'utf8'));
  } catch (e) {
    refuse(`MUTATION_RETEST="${report}": not a readable JSON mutation report (${e.message.replace(/\s+/g, ' ')})`);
  }
  const files = parsed?.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files)) refuse(`MUTATION_RETEST="${report}": field "files" missing or not an object; expected a Stryker JSON report`);
  const ranges = undetectedMutants(parsed, patterns).map(({ path, mutant }) => `${path}:${mutant.location.start.line}-${mutant.location.end.line}`);
  return [...new Set(ranges)];
}

const mutate = retest ? undetectedLines(retest) : patterns.map((p) => (p.endsWith('/') ? `${p}**/*.ts` : p));
if (mutate.length === 0) refuse(`MUTATION_RETEST="${retest}": no undetected mutant in ${dirs.join(', ')}; nothing to retest`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate,
  ignorePatterns: ['scratch', 'reports', 'dist', '.resnet-mf', 'bench', 'docs', '.stryker-tmp*'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['progress-append-only', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0, reportTests: false },
  // Static mutants (module-level constants) need the whole test set each: see docs/mutation.md.
  ignoreStatic: process.env.MUTATION_STATIC !== '1',
  dryRunTimeoutMinutes: 30,
  // A mutant that loops forever is stopped after 1.5 × its tests' time plus 10 s (a timeout counts as detected).
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
