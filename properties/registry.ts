/**
 * The claim registry: every claim the CLI and the test suite run. Claims come in groups (one vitest file each,
 * test/properties/claims-<group>.test.ts, so the groups run in parallel); CLAIMS lists them all in catalogue
 * order (theory.md §6), the checks of the implementation itself (no catalogue number) last.
 */
import type { Claim } from '../src/check/claim.js';
import type { ClaimRegistry } from '../src/check/registry.js';
import { curveCollapseClaim } from './curveCollapse.js';
import { decimalGradientClaim } from './decimalGradient.js';
import { decimalStabilityClaim } from './decimalStability.js';
import { depthRateClaim } from './depthRate.js';
import { depthTrainingClaim } from './depthTraining.js';
import { displacementClaim } from './displacement.js';
import { energyDissipationClaim } from './energyDissipation.js';
import { firstVariationClaim } from './firstVariation.js';
import { float64AccuracyClaim } from './float64Accuracy.js';
import { forwardBoundClaim } from './forwardBound.js';
import { gdStepClaim } from './gdStep.js';
import { genericKernelClaim } from './genericKernel.js';
import { gradientClaim } from './gradient.js';
import { homogeneityClaim } from './homogeneity.js';
import { initLawClaim } from './initLaw.js';
import { initVarianceClaim } from './initVariance.js';
import { invarianceClaim } from './invariance.js';
import { lipschitzClaim } from './lipschitz.js';
import { lossOutputsClaim } from './lossOutputs.js';
import { mixtureConvexityClaim } from './mixtureConvexity.js';
import { monotoneLossClaim } from './monotoneLoss.js';
import { obstructionClaim } from './obstruction.js';
import { outputAdjointClaim } from './outputAdjoint.js';
import { quantileScalingClaim } from './quantileScaling.js';
import { reluRegularityClaim } from './reluRegularity.js';
import { scaledGradientClaim } from './scaledGradient.js';
import { stepOrderClaim } from './stepOrder.js';
import { widthRateClaim } from './widthRate.js';
import { widthTrainingClaim } from './widthTraining.js';
import { zeroLossClaim } from './zeroLoss.js';

export const CLAIM_GROUPS = {
  /** The network, its gradient and its training step (issue 2). */
  core: [gradientClaim, energyDissipationClaim, monotoneLossClaim, forwardBoundClaim, invarianceClaim],
  /** The subject's own loss, outputs and training steps against resnet-mf's references (issue 16). */
  subject: [lossOutputsClaim, gdStepClaim, initLawClaim],
  /** Accuracy of float64 against decimal and exact arithmetic (issue 3). */
  accuracy: [genericKernelClaim, float64AccuracyClaim, decimalStabilityClaim, decimalGradientClaim],
  /** Exact identities of the adjoint and of the first variation (theory.md §5). */
  identities: [outputAdjointClaim, firstVariationClaim, homogeneityClaim, reluRegularityClaim],
  /** The depth limit: depth rate and the scaled gradient against the continuous-depth model. */
  depth: [depthRateClaim, scaledGradientClaim],
  /** Training in s: depth convergence along training, order in Δs, collapse of the curves. */
  training: [depthTrainingClaim, stepOrderClaim, curveCollapseClaim],
  /** The width limit at initialisation, against the analytic mean-field ODE, and the variance at init. */
  width: [widthRateClaim, initVarianceClaim],
  /** The width limit along training, against a large-M reference. */
  'width-training': [widthTrainingClaim],
  /** The d = 1 obstruction: increasing layer maps cannot beat isotonic regression. */
  obstruction: [obstructionClaim],
  /** The (1 − η)-quantile of the width error along training, times sqrt(M), stays bounded. */
  quantile: [quantileScalingClaim],
  /** Zero loss in the limit: the fraction of seeds above ε falls as L, M and s grow. */
  'zero-loss': [zeroLossClaim],
  /** Geometry of training: displacement, Lipschitz dependence, convexity along mixtures. */
  geometry: [displacementClaim, lipschitzClaim, mixtureConvexityClaim],
} as const satisfies Record<string, readonly Claim[]>;

export type ClaimGroup = keyof typeof CLAIM_GROUPS;

/** Every claim, by catalogue number (stable), those without a number last. */
export const CLAIMS: readonly Claim[] = Object.values(CLAIM_GROUPS)
  .flat()
  .map((claim, index) => ({ claim, index }))
  .sort((a, b) => (a.claim.catalogue ?? Infinity) - (b.claim.catalogue ?? Infinity) || a.index - b.index)
  .map(({ claim }) => claim);

/** The registry the command line runs (bin/resnet-mf.js passes it to main); its pool task is properties/checkUnitTask.ts. */
export const REGISTRY: ClaimRegistry = { claims: CLAIMS, unitTask: { module: 'properties/checkUnitTask.js', name: 'runCheckUnit' } };

/** The claim with this id, or undefined. */
export function findClaim(id: string): Claim | undefined {
  return CLAIMS.find((c) => c.id === id);
}
