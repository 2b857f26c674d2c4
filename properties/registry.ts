/**
 * The claim registry: every claim the CLI and the test suite run, in catalogue order.
 */
import type { Claim } from './claim.js';
import { energyDissipationClaim } from './energyDissipation.js';
import { decimalGradientClaim } from './decimalGradient.js';
import { decimalStabilityClaim } from './decimalStability.js';
import { float64AccuracyClaim } from './float64Accuracy.js';
import { forwardBoundClaim } from './forwardBound.js';
import { genericKernelClaim } from './genericKernel.js';
import { gradientClaim } from './gradient.js';
import { invarianceClaim } from './invariance.js';
import { monotoneLossClaim } from './monotoneLoss.js';

export const CLAIMS: readonly Claim[] = [
  gradientClaim,
  energyDissipationClaim,
  monotoneLossClaim,
  forwardBoundClaim,
  invarianceClaim,
  genericKernelClaim,
  float64AccuracyClaim,
  decimalStabilityClaim,
  decimalGradientClaim,
];

/** The claim with this id, or undefined. */
export function findClaim(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
