import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLAIMS, CLAIM_GROUPS } from '../../properties/index.js';

describe('the claim registry', () => {
  it('runs every group from a test file of its own, so that every claim is tested', () => {
    for (const group of Object.keys(CLAIM_GROUPS)) expect(existsSync(`test/properties/claims-${group}.test.ts`), group).toBe(true);
  });

  it('has unique ids, each with its proofs-note, in catalogue order', () => {
    expect(new Set(CLAIMS.map((c) => c.id)).size).toBe(CLAIMS.length);
    for (const c of CLAIMS) expect(existsSync(c.note), c.note).toBe(true);
    const numbers = CLAIMS.map((c) => c.catalogue ?? Infinity);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});
