/** Claim 19 (d = 1 obstruction) under the shared claim contract, plus checks of its scenario building blocks. */
import { describe, expect, it } from 'vitest';
import { predict } from '../../src/model/index.js';
import { isotonicLoss } from '../../src/stats/index.js';
import {
  type ObstructionScenario,
  obstructionData,
  obstructionNetwork,
} from '../../properties/obstruction.js';
import { CLAIM_GROUPS } from '../../properties/index.js';
import { layerKappa, monotoneLayersGate } from '../../properties/obstructionGate.js';
import { describeClaims } from '../helpers/claimSuite.js';

describeClaims(CLAIM_GROUPS.obstruction);

const base: ObstructionScenario = {
  N: 12, L: 4, M: 6, activation: 'tanh', delta: 0.5, init: 'linear', scale: 0.5, labels: 'random', readout: 1, dt: 0.1, steps: 0, fold: false, seed: 0,
};

/** Outputs on a dense grid of [−1.5, 1.5]: nondecreasing (sign +1) or nonincreasing (sign −1)? */
function monotoneOnGrid(s: ObstructionScenario): boolean {
  const net = obstructionNetwork(s);
  const x = Float64Array.from({ length: 2001 }, (_, i) => -1.5 + (3 * i) / 2000);
  const g = predict(net, x, x.length);
  for (let i = 1; i < g.length; i++) if (Math.sign(s.readout) * (g[i] - g[i - 1]) < 0) return false;
  return true;
}

describe('d1-obstruction building blocks', () => {
  it('random labels are non-monotone for every seed (isotonic and antitone losses both > 0)', () => {
    for (let seed = 0; seed < 200; seed++) {
      for (const N of [3, 4, 12]) {
        const data = obstructionData({ ...base, N, seed });
        expect(isotonicLoss(data.x, data.y)).toBeGreaterThan(0);
        expect(isotonicLoss(data.x, data.y.map((v) => -v))).toBeGreaterThan(0);
      }
    }
  });

  it('a certified network (κ < 1) is monotone on a dense grid beyond the data, with the sign of a', () => {
    let certified = 0;
    for (let seed = 0; seed < 20; seed++) {
      const s = { ...base, seed, scale: 1, L: 1 + (seed % 4), readout: seed % 2 === 0 ? 1 : -1 };
      if (!monotoneLayersGate(obstructionNetwork(s)).ok) continue;
      certified++;
      expect(monotoneOnGrid(s)).toBe(true);
    }
    expect(certified).toBeGreaterThanOrEqual(10);
  });

  it('the planted fold breaks the certificate and the monotonicity, for every L and M = 3j', () => {
    for (const L of [1, 2, 4]) {
      for (const M of [3, 6]) {
        const s = { ...base, L, M, labels: 'bump' as const, fold: true };
        expect(layerKappa(obstructionNetwork(s))).toBeGreaterThan(1);
        expect(monotoneOnGrid(s)).toBe(false);
      }
    }
  });
});
