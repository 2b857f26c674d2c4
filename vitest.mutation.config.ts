/**
 * The test set of mutation testing (stryker.config.json, `npm run mutation`): the unit tests of the mutated
 * directories and the claim registry at the quick profile (test/mutation/registry.mutation.ts).
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/activations/**/*.test.ts',
      'test/model/**/*.test.ts',
      'test/train/**/*.test.ts',
      'test/init/**/*.test.ts',
      'test/limit/**/*.test.ts',
      'test/mutation/**/*.mutation.ts',
    ],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
