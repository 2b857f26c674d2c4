import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // When the suite itself runs in GitHub Actions, a check run in-process would annotate the suite's job and
    // append to its summary (src/report/githubActions.ts); the tests of those outputs set the variables themselves.
    env: { GITHUB_ACTIONS: '', GITHUB_STEP_SUMMARY: '' },
  },
});
