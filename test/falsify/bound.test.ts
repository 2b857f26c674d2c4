import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../src/errors.js';
import { compileBound, holds, MAX_BOUND_LENGTH } from '../../src/falsify/bound.js';
import { hardenedParse, runWithTimeLimit, TimeLimitError } from '../../src/falsify/hardenedMath.js';
import { QUANTITY_NAMES, type Quantities } from '../../src/falsify/quantities.js';

/** Quantities with every name 1, then the given ones. */
function q(values: Partial<Record<(typeof QUANTITY_NAMES)[number], number>> = {}): Quantities {
  return { ...(Object.fromEntries(QUANTITY_NAMES.map((n) => [n, 1])) as Quantities), ...values };
}

/** The message of the InvalidArgumentError that compileBound throws for `expr`. */
function rejection(expr: string): string {
  try {
    compileBound(expr);
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidArgumentError);
    expect((err as InvalidArgumentError).field).toBe('--bound');
    return (err as Error).message;
  }
  throw new Error(`compileBound accepted ${expr}`);
}

describe('compileBound margins', () => {
  it('a <= b is b − a; a >= b is a − b', () => {
    const b = compileBound('err_depth <= 2/L^2');
    expect(b.margin(q({ err_depth: 0.1, L: 4 }))).toBe(0.125 - 0.1);
    expect(b.margin(q({ err_depth: 0.2, L: 4 }))).toBe(0.125 - 0.2);
    expect(b.names).toEqual(['L', 'err_depth']);
    expect(b.source).toBe('err_depth <= 2/L^2');
    expect(compileBound('E >= E0').margin(q({ E: 3, E0: 1 }))).toBe(2);
  });

  it('non-strict holds at equality; strict is violated there by −MIN_VALUE', () => {
    expect(compileBound('E <= E0').margin(q({ E: 2, E0: 2 }))).toBe(0);
    expect(holds(compileBound('E <= E0').margin(q({ E: 2, E0: 2 })))).toBe(true);
    for (const expr of ['E < E0', 'E > E0', 'E != E0']) {
      const m = compileBound(expr).margin(q({ E: 2, E0: 2 }));
      expect(m).toBe(-Number.MIN_VALUE);
      expect(holds(m)).toBe(false);
    }
    expect(compileBound('E < E0').margin(q({ E: 1, E0: 2 }))).toBe(1);
    expect(compileBound('E == E0').margin(q({ E: 2, E0: 2 }))).toBe(-0);
    expect(holds(compileBound('E == E0').margin(q({ E: 2, E0: 2 })))).toBe(true);
    expect(compileBound('E == E0').margin(q({ E: 1, E0: 3 }))).toBe(-2);
  });

  it('and is the min, or the max, not the negation (with strictness), chains are conjunctions', () => {
    const both = compileBound('E <= 3 and E0 <= 5');
    expect(both.margin(q({ E: 1, E0: 4 }))).toBe(1);
    const either = compileBound('s < 1 or err_width <= 2/sqrt(M)');
    expect(either.margin(q({ s: 2, err_width: 0.5, M: 4 }))).toBe(0.5);
    expect(either.margin(q({ s: 2, err_width: 1.5, M: 4 }))).toBe(-0.5);
    expect(either.margin(q({ s: 0.25, err_width: 9, M: 4 }))).toBe(0.75);
    expect(compileBound('not (E <= E0)').margin(q({ E: 2, E0: 2 }))).toBe(-Number.MIN_VALUE);
    expect(compileBound('not (E < E0)').margin(q({ E: 2, E0: 2 }))).toBe(Number.MIN_VALUE);
    expect(compileBound('not (E <= E0)').margin(q({ E: 3, E0: 2 }))).toBe(1);
    const chain = compileBound('0 <= E <= E0');
    expect(chain.margin(q({ E: 1, E0: 4 }))).toBe(1);
    expect(chain.margin(q({ E: -1, E0: 4 }))).toBe(-1);
  });

  it('NaN is a violation; or still holds through another part; infinities follow float64', () => {
    expect(compileBound('E <= E0').margin(q({ E: NaN }))).toBeNaN();
    expect(holds(NaN)).toBe(false);
    expect(compileBound('E <= 1 and E0 <= 1').margin(q({ E: NaN }))).toBeNaN();
    expect(compileBound('E <= 1 or E0 <= 2').margin(q({ E: NaN, E0: 1 }))).toBe(1);
    expect(compileBound('E <= 1 or E0 <= 0').margin(q({ E: NaN, E0: 1 }))).toBeNaN();
    expect(compileBound('not (E <= 1)').margin(q({ E: NaN }))).toBeNaN();
    expect(compileBound('E <= E0').margin(q({ E: Infinity }))).toBe(-Infinity);
    expect(compileBound('E <= E0').margin(q({ E: Infinity, E0: Infinity }))).toBeNaN();
    expect(compileBound('err_width <= sqrt(E - 2)').margin(q({ E: 1 }))).toBeNaN(); // sqrt(−1): real NaN, not complex
  });

  it('functions, constants, implicit multiplication and the same bits as plain JavaScript', () => {
    const b = compileBound('err_width <= 2 log(1/eta) / M + max(0, e^(-s)) * pi');
    const v = q({ err_width: 0.3, eta: 0.05, M: 16, s: 0.5 });
    expect(b.margin(v)).toBe((2 * Math.log(1 / 0.05)) / 16 + Math.max(0, Math.E ** -0.5) * Math.PI - 0.3);
    expect(compileBound('E <= E_ref + abs(E0 - E_ref) + hypot(3, 4)').margin(q({ E: 1, E0: 1, E_ref: 1 }))).toBe(5);
  });
});

describe('compileBound rejections (nothing runs)', () => {
  const cases: [string, RegExp][] = [
    ["import('fs')", /import is not one of them; allowed: abs, sqrt/],
    ['evaluate("1")', /evaluate is not one of them; allowed/],
    ['parse', /parse is not a known name; known: L, M, d, N, s, dt, eps, eta, E, E0, E_ref, err_depth, err_width, grad_norm, displacement, pi, e/],
    ['parse("1") <= 1', /parse is not one of them/],
    ['createUnit("x")', /createUnit is not one of them/],
    ['f(x) = f(x)', /not a function definition/],
    ['[1, 2]', /not an array or matrix/],
    ['"str"', /numbers only, not the string "str"/],
    ['E <= "str"', /numbers only, not the string "str"/],
    ['a.b', /not a property access/],
    ['x = 1', /not an assignment/],
    ['cos.constructor', /not a property access/],
    ['E <= cos.constructor("return process")()', /a valid mathjs expression \(Value expected/],
    ['E <= cos.constructor("return process")', /cos\.constructor is not one of them; allowed/],
    ['E <= sin["constructor"](1)', /sin\["constructor"\] is not one of them; allowed/],
    ['E <= 9^9^9^9', /constant parts are finite \(9 \^ 9 \^ 9 \^ 9 evaluates to Infinity\)/],
    ['E <= 1/0 + L', /1 \/ 0 evaluates to Infinity/],
    ['E <= 1e999', /finite numbers only/],
    ['E <= factorial(1e6)', /factorial is not one of them/],
    ['E <= 5!', /! is not allowed/],
    ['E <= L mod 2', /mod is not allowed/],
    ['E <= x', /x is not a known name; known: L, M/],
    ['E <= sqrt', /sqrt is a function: call it as sqrt/],
    ['E + E0', /a comparison \(<, <=, >, >=, ==, !=\)/],
    ['E', /a comparison/],
    ['(E <= 1) + 1 <= 2', /top level only, not inside arithmetic/],
    ['E <= 1 ? 1 : 2', /not a conditional/],
    ['E <= E0; E <= 1', /not several statements/],
    ['E <= {a: 1}', /not an object/],
    ['E <= L[1]', /not an index|not a property access/],
    ['E <= 1:3', /not a range/],
    ['E <= 1 xor E0 <= 1', /xor is not allowed/],
    ['E <= min()', /a call of min with 1 to 64 argument\(s\), not 0/],
    ['E <= true', /numbers only, not true/],
    ['E <= 5 cm', /cm is not a known name/],
    ['E <=', /a valid mathjs expression \(Unexpected end of expression/],
    ['', /it is empty/],
    ['('.repeat(65) + 'E' + ')'.repeat(65) + ' <= 1', /nested at most 64 brackets deep/],
    [`E <= ${Array.from({ length: 80 }, () => 'L').join('+')}`, /nested at most 64 deep/],
    [`E <= ${'-'.repeat(900)}L`, /nested (at most 64 deep|less deeply)/],
    ['x'.repeat(100_000), /at most 1000 characters long \(it has 100000\)/],
  ];
  it.each(cases.map(([expr, message]) => [expr.length > 80 ? `${expr.slice(0, 40)}… (${expr.length} characters)` : expr, expr, message] as const))('%s', (_label, expr, message) => {
    const m = rejection(expr);
    expect(m).toMatch(message);
    expect(m.split('\n')).toHaveLength(1);
  });

  it('the length limit is the documented one', () => {
    expect(MAX_BOUND_LENGTH).toBe(1000);
    expect(() => compileBound(`E <= ${'1+'.repeat(200)}1`)).toThrow(/at most 400 terms|nested at most 64/);
  });

  it('a bound at the size limits compiles and evaluates', () => {
    // 60 terms (depth 61 < 64), well under 1000 characters
    const expr = `E <= ${Array.from({ length: 60 }, (_, i) => `${i}/L`).join('+')}`;
    const b = compileBound(expr);
    expect(b.margin(q({ E: 0, L: 1 }))).toBe(Array.from({ length: 60 }, (_, i) => i).reduce((a, c) => a + c, 0));
  });
});

describe('the hardened instance and the time limit', () => {
  it('parses but cannot evaluate, import or parse from inside an expression', () => {
    const escape = hardenedParse('import({}, {override: true})');
    expect(() => escape.compile().evaluate(new Map())).toThrow(/Function import is disabled/);
    expect(() => hardenedParse('parse("1+1")').compile().evaluate(new Map())).toThrow(/Function parse is disabled/);
    expect(() => hardenedParse('evaluate("1+1")').compile().evaluate(new Map())).toThrow(/Function evaluate is disabled/);
    expect(() => hardenedParse('createUnit("x")').compile().evaluate(new Map())).toThrow(/Function createUnit is disabled/);
    expect(() => hardenedParse('factorial(5)').compile().evaluate(new Map())).toThrow(/Undefined function factorial/);
  });

  it('runWithTimeLimit stops an infinite loop with TimeLimitError and passes values and errors through', () => {
    expect(() =>
      runWithTimeLimit(() => {
        for (;;);
      }, 50),
    ).toThrow(TimeLimitError);
    expect(runWithTimeLimit(() => 6 * 7, 1000)).toBe(42);
    expect(() =>
      runWithTimeLimit(() => {
        throw new RangeError('inner');
      }, 1000),
    ).toThrow(/inner/);
  });
});
