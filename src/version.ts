/**
 * The version of this package (package.json), for reports: found by walking up from this module's file, which
 * is src/version.ts under vitest and dist/src/version.js when compiled.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function packageVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'resnet-mf' && typeof pkg.version === 'string') return pkg.version;
  }
  return 'unknown';
}

/** e.g. '0.1.0'; 'unknown' when no package.json of resnet-mf is found above this module. */
export const VERSION = packageVersion();
