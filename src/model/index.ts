/** The discrete ResNet in float64: layout, forward pass, loss, adjoint gradient and rounding bounds. */
export { type Network, neuronSize, neuronOffset, withTheta } from './network.js';
export { type Workspace, createWorkspace, checkWorkspaceSize, MAX_WORKSPACE_ENTRIES } from './workspace.js';
export { forward, lossFromOutputs, predict, loss, finalStates } from './forward.js';
export { evaluate, backward, lossAndGradient, scaledGradient, dissipationRate } from './adjoint.js';
export {
  type ForwardErrorBound,
  forwardErrorBound,
  gradientErrorBound,
  adjointErrorBound,
  amplification,
  ACTIVATION_RELATIVE_ERROR,
} from './roundingBound.js';
export type { RoundingModel } from './roundingBound.js';
export { type LayerField, adjointAtLayer, layerH } from './firstVariation.js';
export { mixedLayerLoss } from './mixedLayerLoss.js';
export { meanFieldNorm, meanFieldDistance } from './meanFieldNorm.js';
export { type LipschitzConstant, lipschitzConstant } from './lipschitzConstant.js';
export { MIXTURE_WEIGHT_ROUNDINGS, mixtureNetwork } from './mixtureNetwork.js';
export { type GenericOptions, type GenericResult, genericLossAndGradient } from './generic.js';
