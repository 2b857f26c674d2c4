// Mutation testing of the numerical core against the claim registry (`npm run mutation`; docs/mutation.md).
// MUTATION_DIRS (comma-separated, default all five) restricts the run to some directories of src/, or to some
// files of them (e.g. model/forward.ts); each run writes reports/mutation/<dirs>.json and .html.
import { existsSync } from 'node:fs';

const ALL = ['model', 'train', 'activations', 'init', 'limit'];
const dirs = (process.env.MUTATION_DIRS ?? ALL.join(',')).split(',').map((d) => d.trim());
for (const d of dirs) {
  const known = ALL.includes(d) || (/^[a-z]+\/[A-Za-z0-9]+\.ts$/.test(d) && ALL.includes(d.split('/')[0]) && existsSync(`src/${d}`));
  if (!known) throw new Error(`MUTATION_DIRS="${process.env.MUTATION_DIRS}": "${d}" is not one of ${ALL.join(', ')} or an existing file <directory>/<name>.ts of one`);
}
const name = ALL.every((d) => dirs.includes(d)) && dirs.length === ALL.length ? 'all' : dirs.map((d) => d.replace('/', '_').replace(/\.ts$/, '')).join('-');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: dirs.map((d) => (d.endsWith('.ts') ? `src/${d}` : `src/${d}/**/*.ts`)),
  ignorePatterns: ['scratch', 'reports', 'dist', '.resnet-mf', 'bench', 'docs', '.stryker-tmp*'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['progress-append-only', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // Static mutants (module-level constants) need the whole test set each: see docs/mutation.md.
  ignoreStatic: process.env.MUTATION_STATIC !== '1',
  dryRunTimeoutMinutes: 30,
  // A mutant that loops forever is stopped after 1.5 × its tests' time plus 10 s (a timeout counts as detected).
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
