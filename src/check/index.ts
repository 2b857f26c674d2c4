/**
 * The check engine: what a claim is, how its scenarios are drawn, run (on the pool, sharded) and combined into
 * a verdict, the run's false-alarm budget, the planted matrix and calibration. The claims themselves are
 * passed in (ClaimRegistry); nothing here imports them.
 */
export { type Claim, type ClaimDefinition, type Measurement, type RateReport, type Profile, type RunOptions, type Verdict, type Figures, PROFILES } from './claim.js';
export { defineClaim } from './defineClaim.js';
export { type ClaimRegistry, claimById } from './registry.js';
export { type Scenario, scenarioArbitrary, buildScenario, describeScenario } from './scenarios.js';
