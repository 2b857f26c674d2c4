/**
 * The hardened mathjs instance that parses and evaluates user bound expressions (`falsify --bound`), and
 * the time limit under which user code runs.
 *
 * Hardening, in three layers (mathjs security guide, https://mathjs.org/docs/expressions/security.html):
 * 1. The instance is built with `create(factories, config)` from the factories of the whitelisted
 *    functions only, so `evaluate`, `compile`, `simplify`, `derivative`, `resolve`, `createUnit`, `reviver`,
 *    units, matrices, BigNumbers, complex numbers, `factorial`, `range`… are not in it at all. Numbers are
 *    plain float64 (`number: 'number'`) and `predictable: true` keeps them real (sqrt(−1) is NaN, not a
 *    complex number).
 * 2. As the guide prescribes, `import`, `createUnit`, `reviver`, `evaluate`, `parse`, `simplify`,
 *    `derivative`, `resolve` and `compile` are then overridden in the namespace by functions that throw (the
 *    parser is captured first, the way the guide keeps `limitedEvaluate`).
 * 3. Before anything is compiled, bound.ts checks every node of the parsed tree against a whitelist of node
 *    types, operators, functions and symbols (see `validateBoundTree`), so none of the names above can even
 *    be reached.
 */
import { createRequire } from 'node:module';
import vm from 'node:vm';
import type { MathNode } from 'mathjs';

/**
 * mathjs, loaded on first use (its CommonJS build, synchronously): it takes about 1 s to load, and every
 * `resnet-mf` command but `falsify` starts without it.
 */
function loadMathjs(): typeof import('mathjs') {
  return createRequire(import.meta.url)('mathjs') as typeof import('mathjs');
}

/**
 * The functions a bound may call, with their [fewest, most] arguments. All are closed-form on float64
 * arguments (no loop depends on an argument's value), which is what bounds the evaluation work.
 */
export const ALLOWED_FUNCTIONS: Readonly<Record<string, readonly [number, number]>> = {
  abs: [1, 1], sqrt: [1, 1], cbrt: [1, 1], square: [1, 1], exp: [1, 1], expm1: [1, 1], log: [1, 2],
  log10: [1, 1], log2: [1, 1], log1p: [1, 1], pow: [2, 2], min: [1, 64], max: [1, 64], hypot: [1, 64],
  sin: [1, 1], cos: [1, 1], tan: [1, 1], atan: [1, 1], sinh: [1, 1], cosh: [1, 1], tanh: [1, 1],
  floor: [1, 1], ceil: [1, 1], sign: [1, 1],
};

/** Arithmetic operators (OperatorNode.fn) allowed inside the two sides of a comparison. */
export const ARITHMETIC_OPERATORS: readonly string[] = ['add', 'subtract', 'multiply', 'divide', 'pow', 'unaryMinus', 'unaryPlus'];

/** Named constants a bound may use besides the measured quantities. */
export const CONSTANTS: Readonly<Record<string, number>> = { pi: Math.PI, e: Math.E };

/** Functions disabled by overriding, per the mathjs security guide (plus compile, which this instance lacks). */
const DISABLED = ['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve', 'compile'];

let parser: ((expr: string) => MathNode) | null = null;

/**
 * The parser of the hardened instance (built on first use).
 * @example hardenedParse('E <= E0').type // 'OperatorNode'
 * @throws mathjs SyntaxError for text that does not parse (bound.ts turns it into InvalidArgumentError).
 */
export function hardenedParse(expression: string): MathNode {
  if (!parser) {
    const mathjs = loadMathjs() as unknown as Record<string, unknown> & Pick<typeof import('mathjs'), 'create'>;
    // the parser, the arithmetic operators and the allowed functions: nothing else is in the instance
    const names = new Set(['parse', ...ARITHMETIC_OPERATORS, ...Object.keys(ALLOWED_FUNCTIONS)]);
    const factories = Object.fromEntries([...names].map((name) => [`${name}Dependencies`, mathjs[`${name}Dependencies`]]));
    const math = mathjs.create(factories as Parameters<typeof mathjs.create>[0], { number: 'number', predictable: true });
    const captured = math.parse as unknown as (expr: string) => MathNode;
    const disabled: Record<string, () => never> = {};
    for (const name of DISABLED) {
      disabled[name] = () => {
        throw new Error(`Function ${name} is disabled`);
      };
    }
    math.import(disabled, { override: true });
    parser = captured;
  }
  return parser(expression);
}

/** Thrown by `runWithTimeLimit` when the work is stopped. */
export class TimeLimitError extends Error {
  readonly limitMs: number;
  constructor(limitMs: number) {
    super(`stopped after the time limit of ${limitMs} ms`);
    this.name = 'TimeLimitError';
    this.limitMs = limitMs;
  }
}

/**
 * Runs the synchronous `work` and returns its value, stopping it after `limitMs` milliseconds of wall time.
 * The stop is V8's TerminateExecution, driven by node:vm's watchdog thread, so it interrupts any JavaScript,
 * an infinite loop included (not an await: `work` must be synchronous). Costs about 0.1 ms a call.
 * @throws TimeLimitError when the limit is reached; whatever `work` throws, unchanged.
 * @example runWithTimeLimit(() => 1 + 1, 100) // 2
 */
export function runWithTimeLimit<T>(work: () => T, limitMs: number): T {
  const context = vm.createContext({ work });
  try {
    return vm.runInContext('work()', context, { timeout: limitMs }) as T;
  } catch (err) {
    if (typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new TimeLimitError(limitMs);
    }
    throw err;
  }
}
