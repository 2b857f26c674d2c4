/** Types of tools/mutation-scope.mjs (read by vitest.mutation.config.ts). */
export declare const MUTATED_DIRS: string[];
export declare function mutationScope(env: Record<string, string | undefined>): {
  dirs: string[];
  patterns: string[];
  killers: 'all' | 'fast';
  base: string;
  name: string;
};
export declare function inScope(patterns: string[], path: string): boolean;
export declare function undetectedMutants(report: { files: Record<string, { mutants: object[] }> }, patterns: string[]): { path: string; mutant: object }[];
