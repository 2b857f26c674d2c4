import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';
import * as properties from '../properties/index.js';

describe('public API', () => {
  it('exports exactly the documented names (a change here is a change of the public API)', () => {
    expect(Object.keys(api).sort()).toEqual(
      [
        'ACTIVATION_NAMES', 'DATASET_NAMES', 'INIT_KINDS', 'InvalidArgumentError', 'MalformedInputError', 'NonFiniteError',
        'ResnetMfError', 'ShapeMismatchError', 'activationToSpec', 'ball', 'cubic', 'checkCompatible', 'createWorkspace', 'dataToJson',
        'dissipationRate', 'evaluate', 'finalStates', 'forward', 'forwardErrorBound', 'gaussian', 'gdStep', 'gradientErrorBound',
        'identity', 'initNetwork', 'iris', 'loadDataset', 'loss', 'lossAndGradient', 'makeActivation', 'meanFieldLearningRate',
        'modelToJson', 'nonmonotone1d', 'parseDataJson', 'parseModelJson', 'predict', 'randomStream', 'regularizedRelu',
        'scaledGradient', 'sigmoid', 'sin', 'softplus', 'tanh', 'teacher', 'train',
        'DEPTH_PATH_KINDS', 'depthPaths', 'discretize', 'solveContinuousDepth', 'firstVariationGradient', 'richardson',
        'continuousTraining', 'gradientFlow', 'largeWidthReference', 'solveMeanFieldGaussian', 'solveMeanFieldGaussianDecimal',
        'logLogFit', 'ensembleRate', 'asymptoticRange', 'decideExponent', 'varianceInterval',
        'smallestSize', 'estimateGrid', 'sizeExponents', 'clopperPearson', 'wilson', 'sequentialTest', 'quantileInterval',
        'isotonicRegression', 'isotonicLoss',
        'QUANTITY_NAMES', 'QUANTITY_DOCS', 'DEFAULT_SPACE', 'restrictSpace', 'checkScenario', 'measureQuantities',
        'scenarioModelAndData', 'compileBound', 'loadPredicateBound', 'falsify', 'loadStore', 'storeViolation',
        'replayViolation', 'CONJECTURES', 'findConjecture', 'TaskError', 'mapTasks', 'defaultWorkers', 'trainEnsemble',
        'PLANTED_BUGS', 'PLANTED_BUG_IDS', 'parsePlantedBug', 'plantedSubject',
      ].sort(),
    );
    expect(Object.keys(properties).sort()).toEqual(
      ['CLAIMS', 'CLAIM_GROUPS', 'PROFILES', 'buildScenario', 'defineClaim', 'describeScenario', 'findClaim', 'scenarioArbitrary'].sort(),
    );
  });
});
