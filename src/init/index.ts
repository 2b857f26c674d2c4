/** Seeded random streams and depth-path initialisations. */
export { type RandomStream, randomStream, gaussian, gaussianFromUniforms, uniformIn } from './random.js';
export { type InitKind, type InitOptions, INIT_KINDS, MAX_PARAMETERS, initNetwork, linearPathCoefficients } from './paths.js';
export {
  type GaussianPathLaw,
  type GaussianNetworkOptions,
  gaussianPathCoefficients,
  gaussianPathNetwork,
  gaussianIidNetwork,
} from './gaussianPaths.js';
