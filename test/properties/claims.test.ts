/**
 * The claims of issues 2–3 (gradient, dissipation, monotonicity, forward bound, invariance, accuracy) under the
 * shared claim contract (test/helpers/claimSuite.ts). Other claim groups have test files of their own.
 */
import { CLAIMS } from '../../properties/index.js';
import { describeClaims } from '../helpers/claimSuite.js';

const GROUPED_ELSEWHERE = new Set<string>();

describeClaims(CLAIMS.filter((c) => !GROUPED_ELSEWHERE.has(c.id)));
