import { describe, expect, it } from 'vitest';
import { SLOPES_DISAGREE, TOO_FEW_USABLE_STEPS, asymptoticSlope, type Rung } from '../../properties/slopes.js';

const ladder = (f: (h: number) => number, n = 30, floor = 0): Rung[] =>
  Array.from({ length: n }, (_, k) => {
    const value = f(2 ** -k);
    return { value, usable: value >= 1000 * floor };
  });

describe('asymptoticSlope', () => {
  it('recovers the order of C·h^p (1 + b·h) once the ladder reaches small h', () => {
    for (const p of [0, 1, 2, 3]) {
      const { slope, decided } = asymptoticSlope(ladder((h) => 3 * h ** p * (1 + 5 * h)));
      expect(decided).toBe(true);
      expect(Math.abs(slope - p)).toBeLessThan(0.01);
    }
  });

  it('uses only usable rungs: a remainder that falls under its floor stops the ladder there', () => {
    // ρ = h² with a floor 1e-20: rungs with ρ < 1e-17 are unusable, the slope is read above them.
    const { slope, decided } = asymptoticSlope(ladder((h) => h * h + 1e-20, 40, 1e-20));
    expect(decided).toBe(true);
    expect(Math.abs(slope - 2)).toBeLessThan(0.01);
  });

  it('is undecided when the usable rungs are still pre-asymptotic (local slopes drifting by more than 0.1)', () => {
    // ρ = h·exp(40 h): order 1 only for h ≪ 1/40; keep only the rungs with h ≥ 2^-6.
    const rungs = ladder((h) => h * Math.exp(40 * h), 7);
    expect(asymptoticSlope(rungs)).toEqual({ slope: NaN, decided: false, reason: SLOPES_DISAGREE });
  });

  it('is undecided with fewer than three consecutive usable rungs', () => {
    const rungs: Rung[] = [
      { value: 4, usable: true },
      { value: 2, usable: true },
      { value: 1, usable: false },
      { value: 0.5, usable: true },
    ];
    expect(asymptoticSlope(rungs)).toEqual({ slope: NaN, decided: false, reason: TOO_FEW_USABLE_STEPS });
  });
});
