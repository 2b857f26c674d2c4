/**
 * The whitelist check of a parsed bound expression: the only gate between user text and evaluation.
 *
 * Allowed, and nothing else:
 * - ConstantNode holding a finite number (no strings, booleans, null, 1e999);
 * - SymbolNode naming a measured quantity (QUANTITY_NAMES) or a constant (pi, e);
 * - FunctionNode calling a function of ALLOWED_FUNCTIONS by its plain name, with an allowed number of
 *   arguments;
 * - OperatorNode: + − * / ^ and unary ± inside arithmetic; < <= > >= == != (also chained, a RelationalNode)
 *   and `and`, `or`, `not` only above the comparisons;
 * - ParenthesisNode.
 * Rejected with a message naming the construct: assignments, function definitions, property access (a.b,
 * cos.constructor), indexing, arrays/matrices, objects, ranges, blocks (a; b), conditionals (a ? b : c),
 * strings, units, any other operator (mod, factorial !, transpose ', bitwise, xor, to…) and any other name.
 * Sizes: at most MAX_BOUND_NODES nodes, nesting depth at most MAX_BOUND_DEPTH. Every maximal constant
 * sub-expression (no quantity in it) must evaluate to a finite number, so `9^9^9^9` or `1/0` is an error,
 * not an infinite bound.
 */
import type { MathNode } from 'mathjs';
import { QUANTITY_NAMES, type QuantityName } from './quantities.js';
import { ALLOWED_FUNCTIONS, ARITHMETIC_OPERATORS, CONSTANTS } from './hardenedMath.js';

/** Largest number of nodes in a bound's tree. */
export const MAX_BOUND_NODES = 400;
/** Deepest nesting of a bound's tree (a sum of n terms nests n deep). */
export const MAX_BOUND_DEPTH = 64;

export const RELATIONAL_OPERATORS: readonly string[] = ['smaller', 'smallerEq', 'larger', 'largerEq', 'equal', 'unequal'];
const LOGICAL_OPERATORS: readonly string[] = ['and', 'or', 'not'];

const REJECTED_NODES: Readonly<Record<string, string>> = {
  AssignmentNode: 'an assignment (x = …)',
  FunctionAssignmentNode: 'a function definition (f(x) = …)',
  AccessorNode: 'a property access or index (a.b, a["b"], a[1])',
  IndexNode: 'an index (a[1])',
  ArrayNode: 'an array or matrix ([…])',
  ObjectNode: 'an object ({…})',
  RangeNode: 'a range (a:b)',
  BlockNode: 'several statements (; or newline)',
  ConditionalNode: 'a conditional (a ? b : c; use `or`: `s < 1 or err_width <= …`)',
};

/** Names a bound may use: the quantities, then the constants. */
export const KNOWN_NAMES: readonly string[] = [...QUANTITY_NAMES, ...Object.keys(CONSTANTS)];

/** `fail(expected)` throws the caller's error; the validator never returns after calling it. */
export type Fail = (expected: string) => never;

/**
 * Checks `root` against the whitelist and the structure `comparison (and|or comparison)…`.
 * @returns the quantity names used, in QUANTITY_NAMES order.
 * @throws whatever `fail` throws, with the first offending construct described.
 */
export function validateBoundTree(root: MathNode, fail: Fail, evaluateConstant: (node: MathNode) => unknown): QuantityName[] {
  const used = new Set<string>();
  let count = 0;
  const visit = (node: MathNode, depth: number): void => {
    if (++count > MAX_BOUND_NODES) fail(`an expression of at most ${MAX_BOUND_NODES} terms`);
    if (depth > MAX_BOUND_DEPTH) fail(`an expression nested at most ${MAX_BOUND_DEPTH} deep`);
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ConstantNode': {
        const v = n.value;
        if (typeof v === 'string') fail(`numbers only, not the string ${JSON.stringify(v.slice(0, 20))}`);
        if (typeof v !== 'number') fail(`numbers only, not ${String(v)}`);
        if (!Number.isFinite(v)) fail(`finite numbers only (${node.toString()} is not finite in float64)`);
        return;
      }
      case 'SymbolNode': {
        const name = n.name as string;
        if (!KNOWN_NAMES.includes(name)) {
          const what = Object.hasOwn(ALLOWED_FUNCTIONS, name) ? `${name} is a function: call it as ${name}(…)` : `${name} is not a known name`;
          fail(`an expression over the known names (${what}; known: ${KNOWN_NAMES.join(', ')})`);
        }
        if ((QUANTITY_NAMES as readonly string[]).includes(name)) used.add(name);
        return;
      }
      case 'FunctionNode': {
        const fn = n.fn as MathNode & { name?: string };
        const args = n.args as MathNode[];
        if (fn.type !== 'SymbolNode' || !fn.name || !Object.hasOwn(ALLOWED_FUNCTIONS, fn.name)) {
          const name = fn.type === 'SymbolNode' ? fn.name : fn.toString();
          fail(`an expression calling only the allowed functions (${name} is not one of them; allowed: ${Object.keys(ALLOWED_FUNCTIONS).join(', ')})`);
        }
        const [least, most] = ALLOWED_FUNCTIONS[fn.name];
        if (args.length < least || args.length > most) {
          fail(`a call of ${fn.name} with ${least === most ? least : `${least} to ${most}`} argument(s), not ${args.length}`);
        }
        for (const arg of args) visit(arg, depth + 1);
        return;
      }
      case 'OperatorNode': {
        const fn = n.fn as string;
        if (!ARITHMETIC_OPERATORS.includes(fn) && !RELATIONAL_OPERATORS.includes(fn) && !LOGICAL_OPERATORS.includes(fn)) {
          fail(`an expression with the operators + - * / ^ < <= > >= == != and or not only (${String(n.op)} is not allowed)`);
        }
        for (const arg of n.args as MathNode[]) visit(arg, depth + 1);
        return;
      }
      case 'RelationalNode': {
        for (const c of n.conditionals as string[]) {
          if (!RELATIONAL_OPERATORS.includes(c)) fail(`a chain of comparisons (${c} is not one)`);
        }
        for (const p of n.params as MathNode[]) visit(p, depth + 1);
        return;
      }
      case 'ParenthesisNode':
        visit(n.content as MathNode, depth + 1);
        return;
      default:
        fail(`a comparison of arithmetic expressions, not ${REJECTED_NODES[node.type] ?? `a ${node.type}`}`);
    }
  };
  visit(root, 0);
  checkLogicLayer(root, fail, evaluateConstant);
  return QUANTITY_NAMES.filter((name) => used.has(name));
}

/** The top: comparisons joined by and / or / not; comparisons hold arithmetic only. */
function checkLogicLayer(node: MathNode, fail: Fail, evaluateConstant: (node: MathNode) => unknown): void {
  const n = unwrap(node) as MathNode & Record<string, unknown>;
  if (n.type === 'OperatorNode' && LOGICAL_OPERATORS.includes(n.fn as string)) {
    for (const arg of n.args as MathNode[]) checkLogicLayer(arg, fail, evaluateConstant);
    return;
  }
  const sides = n.type === 'RelationalNode' ? (n.params as MathNode[])
    : n.type === 'OperatorNode' && RELATIONAL_OPERATORS.includes(n.fn as string) ? (n.args as MathNode[]) : null;
  if (!sides) {
    fail('a comparison (<, <=, >, >=, ==, !=) of two arithmetic expressions, or comparisons joined by and, or, not');
  }
  for (const side of sides) {
    if (checkArithmetic(side, fail, evaluateConstant)) checkFinite(side, fail, evaluateConstant);
  }
}

/** An operand: no comparison or logic inside; a constant part must be finite. Returns whether it is constant. */
function checkArithmetic(node: MathNode, fail: Fail, evaluateConstant: (node: MathNode) => unknown): boolean {
  const n = node as MathNode & Record<string, unknown>;
  if (n.type === 'RelationalNode' || (n.type === 'OperatorNode' && !ARITHMETIC_OPERATORS.includes(n.fn as string))) {
    fail(`comparisons and and/or/not at the top level only, not inside arithmetic (${node.toString().slice(0, 40)})`);
  }
  let constant: boolean;
  if (n.type === 'ConstantNode') return true;
  if (n.type === 'SymbolNode') constant = Object.hasOwn(CONSTANTS, n.name as string);
  else {
    const children = n.type === 'ParenthesisNode' ? [n.content as MathNode] : (n.args as MathNode[]);
    // every child checked (no short-circuit), so that each maximal constant part is folded once
    const flags = children.map((child) => checkArithmetic(child, fail, evaluateConstant));
    constant = flags.every(Boolean);
    if (!constant) {
      children.forEach((child, i) => {
        if (flags[i]) checkFinite(child, fail, evaluateConstant);
      });
    }
  }
  return constant;
}

function checkFinite(node: MathNode, fail: Fail, evaluateConstant: (node: MathNode) => unknown): void {
  const value = evaluateConstant(node);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    fail(`an expression whose constant parts are finite (${node.toString().slice(0, 40)} evaluates to ${String(value)})`);
  }
}

function unwrap(node: MathNode): MathNode {
  let n = node;
  while (n.type === 'ParenthesisNode') n = (n as MathNode & { content: MathNode }).content;
  return n;
}
