/** The claim registry and the machinery to run a claim. */
export { type Claim, type ClaimDefinition, type Measurement, type RateReport, type Profile, type RunOptions, type Verdict, type Figures, PROFILES } from '../src/check/claim.js';
export { defineClaim } from '../src/check/defineClaim.js';
export { CLAIMS, CLAIM_GROUPS, type ClaimGroup, findClaim } from './registry.js';
export { type ClaimRegistry } from '../src/check/registry.js';
export { type Scenario, scenarioArbitrary, buildScenario, describeScenario } from '../src/check/scenarios.js';
