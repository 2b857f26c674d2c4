/** Whether a run is a GitHub Actions step; apart from githubActions.ts so that checking it loads no @actions/core. */

/** True when the process runs as a GitHub Actions step (the variable the runner sets). */
export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}
