import { describe, expect, it } from 'vitest';
import * as numeric from '../../src/numeric/index.js';

describe('numeric entry file', () => {
  it('exports exactly the documented public names (types are erased)', () => {
    expect(Object.keys(numeric).sort()).toEqual([
      'MAX_DECIMAL_PRECISION', 'UNIT_ROUNDOFF', 'bitsOfError', 'decimalBackend', 'doubleToBigIntFraction',
      'doubleToExactDecimalString', 'float64Backend', 'gamma', 'nearestDoubleFromDecimalString',
      'nearestDoubleFromFraction', 'rationalBackend', 'ulp', 'ulpDistance',
    ]);
  });

  it('names each backend', () => {
    expect([numeric.float64Backend.field.name, numeric.decimalBackend(30).field.name, numeric.rationalBackend.field.name])
      .toEqual(['float64', 'decimal(30)', 'rational']);
  });
});
