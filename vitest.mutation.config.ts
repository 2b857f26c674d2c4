/**
 * The test set of mutation testing (stryker.config.mjs, `npm run mutation`): the unit tests of the mutated
 * directories and the claim registry at the quick profile (test/mutation/registry.mutation.ts).
 */
import { defineConfig } from 'vitest/config';
import { MUTATED_DIRS, mutationScope } from './tools/mutation-scope.mjs';

// Stage 1 of tools/mutation.mjs (MUTATION_KILLERS=fast): only the unit tests of the mutated directories (and, in
// registry.mutation.ts, the cheap exact claims); every other run: all of them.
const scope = mutationScope(process.env);
const unitDirs = scope.killers === 'fast' ? MUTATED_DIRS.filter((d) => scope.dirs.some((m) => m === d || m.startsWith(`${d}/`))) : MUTATED_DIRS;

export default defineConfig({
  test: {
    include: [...unitDirs.map((d) => `test/${d}/**/*.test.ts`), 'test/mutation/**/*.mutation.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
