/**
 * The direction of dependence (README, architecture): nothing in src/ imports the claims folder, whose
 * registry bin/resnet-mf.js passes in; and the library's computations never reach the planted bugs (src/planted),
 * which only the check engine, the commands and the reports name (issue 16: one mechanism for bugs, subjects). Checked on every import and export specifier of every source file,
 * static and dynamic, so that a new one cannot slip in.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Relative module specifiers of `text`: `from '…'`, `import '…'`, `import('…')`. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}\/[^'"]+)\1/g)].map((m) => m[2]);
}

describe('architecture', () => {
  it('the specifier scan sees static, type-only, re-export and dynamic imports', () => {
    const text = "import { a } from '../x.js';\nimport type { B } from './y.js';\nexport { c } from '../../z.js';\nconst m = await import('./w.js');\nimport './side.js';";
    expect(specifiers(text)).toEqual(['../x.js', './y.js', '../../z.js', './w.js', './side.js']);
  });

  it('no module of src/ imports the claims folder (properties/)', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((s) => relative(ROOT, resolve(dirname(file), s)).split(/[\\/]/)[0] === 'properties')
        .map((s) => `${relative(ROOT, file)}: ${s}`),
    );
    expect(offending).toEqual([]);
  });

  it('the network, its training, initialisation, activations, limits and subjects never import src/planted', () => {
    const computing = ['model', 'train', 'init', 'activations', 'limit', 'numeric', 'subject', 'stats', 'data', 'audit', 'estimate', 'falsify', 'parallel'];
    const files = computing.flatMap((dir) => sourceFiles(join(ROOT, 'src', dir)));
    expect(files.length).toBeGreaterThan(60);
    const offending = files.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((s) => relative(join(ROOT, 'src'), resolve(dirname(file), s)).split(/[\\/]/)[0] === 'planted')
        .map((s) => `${relative(ROOT, file)}: ${s}`),
    );
    expect(offending).toEqual([]);
  });
});
