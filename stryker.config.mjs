// Mutation testing of the numerical core against the claim registry (`npm run mutation`; docs/mutation.md).
// MUTATION_DIRS (comma-separated, default all five) restricts the run to some directories of src/; each run
// writes reports/mutation/<dirs>.json and .html.
const ALL = ['model', 'train', 'activations', 'init', 'limit'];
const dirs = (process.env.MUTATION_DIRS ?? ALL.join(',')).split(',').map((d) => d.trim()).filter(Boolean);
for (const d of dirs) if (!ALL.includes(d)) throw new Error(`MUTATION_DIRS: unknown directory "${d}"; expected some of ${ALL.join(', ')}`);
const name = dirs.length === ALL.length ? 'all' : dirs.join('-');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: dirs.map((d) => `src/${d}/**/*.ts`),
  ignorePatterns: ['scratch', 'reports', 'dist', '.resnet-mf', 'bench', 'docs'],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  reporters: ['progress-append-only', 'clear-text', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // Static mutants (module-level constants) need the whole test set each: see docs/mutation.md.
  ignoreStatic: process.env.MUTATION_STATIC !== '1',
  dryRunTimeoutMinutes: 30,
  timeoutMS: 60000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
