// Which source files a mutation run covers and what its report is called, from the environment
// (stryker.config.mjs and tools/mutation.mjs read it the same way; docs/mutation.md).
import { existsSync } from 'node:fs';
import { relative } from 'node:path';

export const MUTATED_DIRS = ['model', 'train', 'activations', 'init', 'limit'];

/**
 * @param {Record<string, string | undefined>} env MUTATION_DIRS, MUTATION_KILLERS, MUTATION_RETEST, MUTATION_STATIC
 * @returns {{ dirs: string[], patterns: string[], killers: 'all' | 'fast', base: string, name: string }}
 *   patterns: `src/<dir>/` or `src/<dir>/<file>.ts`; name: the report's name without extension
 * @throws Error naming the variable and the expected values
 */
export function mutationScope(env) {
  const dirs = (env.MUTATION_DIRS ?? MUTATED_DIRS.join(',')).split(',').map((d) => d.trim());
  for (const d of dirs) {
    const known = MUTATED_DIRS.includes(d) || (/^[a-z]+\/[A-Za-z0-9]+\.ts$/.test(d) && MUTATED_DIRS.includes(d.split('/')[0]) && existsSync(`src/${d}`));
    if (!known) throw new Error(`MUTATION_DIRS="${env.MUTATION_DIRS}": "${d}" is not one of ${MUTATED_DIRS.join(', ')} or an existing file <directory>/<name>.ts of one`);
  }
  const repeated = dirs.find((d, i) => dirs.indexOf(d) !== i);
  if (repeated !== undefined) throw new Error(`MUTATION_DIRS="${env.MUTATION_DIRS}": "${repeated}" is named twice`);
  if (env.MUTATION_STATIC !== undefined && env.MUTATION_STATIC !== '0' && env.MUTATION_STATIC !== '1') {
    throw new Error(`MUTATION_STATIC="${env.MUTATION_STATIC}": expected 1 (also run static mutants) or 0`);
  }
  if (env.MUTATION_RETEST !== undefined && env.MUTATION_RETEST.trim() === '') throw new Error('MUTATION_RETEST is empty; expected the path of a stage-1 JSON report');
  const killers = env.MUTATION_KILLERS ?? 'all';
  if (killers !== 'all' && killers !== 'fast') throw new Error(`MUTATION_KILLERS="${killers}": expected "all" or "fast"`);
  const patterns = dirs.map((d) => (d.endsWith('.ts') ? `src/${d}` : `src/${d}/`));
  const everything = MUTATED_DIRS.every((d) => dirs.includes(d)) && dirs.length === MUTATED_DIRS.length;
  const base = everything ? 'all' : dirs.map((d) => d.replace('/', '_').replace(/\.ts$/, '')).join('-');
  const name = `${base}${killers === 'fast' ? '.fast' : ''}${env.MUTATION_RETEST ? '.retest' : ''}`;
  return { dirs, patterns, killers, base, name };
}

/** Whether the repository-relative `path` is inside one of the scope's patterns. */
export function inScope(patterns, path) {
  return patterns.some((p) => (p.endsWith('/') ? path.startsWith(p) : path === p));
}

/**
 * The survived and not-covered mutants of a parsed Stryker JSON report whose files lie in the scope's patterns.
 * @returns {{ path: string, mutant: object }[]} path relative to the working directory
 */
export function undetectedMutants(report, patterns) {
  return Object.entries(report.files).flatMap(([file, { mutants }]) => {
    const path = relative(process.cwd(), file);
    if (!inScope(patterns, path)) return [];
    return mutants.filter((m) => m.status === 'Survived' || m.status === 'NoCoverage').map((mutant) => ({ path, mutant }));
  });
}
