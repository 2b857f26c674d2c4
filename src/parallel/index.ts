/** Worker-thread pool and seed ensembles (issue 5 item 3): results in input order, bit-identical for any number of workers. */
export {
  type TaskRef,
  type PoolOptions,
  MAX_WORKERS,
  DEFAULT_WORKERS_CAP,
  TaskError,
  mapTasks,
  closePools,
  setPoolKeepAlive,
  defaultWorkers,
  parseWorkersFlag,
} from './pool.js';
export { projectRoot, taskFile } from './taskFile.js';
export { type NamedDataSpec, type TrainingSpec, type TrainingOutcome, runTraining, validateTrainingSpec } from './trainingTask.js';
export { TRAINING_TASK, trainEnsemble } from './trainEnsemble.js';
