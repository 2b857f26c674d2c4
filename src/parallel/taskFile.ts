/**
 * Where a pool task's compiled module lives: dist/<module> under the project root (the nearest directory above
 * this file whose package.json is resnet-mf's), whether the caller runs from dist/ (the CLI) or from src/ under
 * vitest: tasks always load compiled JS.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '../errors.js';
import type { TaskRef } from './pool.js';

/** The project root: the nearest directory above this file holding package.json. */
let rootCache: string | null = null;
export function projectRoot(): string {
  if (rootCache !== null) return rootCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && isOurPackage(candidate)) return (rootCache = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json of resnet-mf above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

function isOurPackage(path: string): boolean {
  try {
    return (JSON.parse(readFileSync(path, 'utf8')) as { name?: unknown }).name === 'resnet-mf';
  } catch {
    return false;
  }
}

/**
 * The absolute path of a task's compiled module.
 * @throws InvalidArgumentError when the module is not a relative .js path or is not built
 */
export function taskFile(task: TaskRef): string {
  if (!/^[\w./-]+\.js$/.test(task.module) || task.module.startsWith('/') || task.module.split('/').includes('..')) {
    throw new InvalidArgumentError('task.module', 'a .js path relative to dist/ (e.g. src/parallel/trainingTask.js)', task.module);
  }
  const file = join(projectRoot(), 'dist', task.module);
  if (!existsSync(file)) throw new InvalidArgumentError('task.module', `a built module (run \`npx tsc -p tsconfig.json\`): ${file} is missing`, task.module);
  return file;
}
