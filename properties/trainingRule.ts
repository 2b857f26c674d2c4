/**
 * The subject of the training claims: a learning-rate rule h(M, L, Δs). The nominal rule is resnet-mf's
 * mean-field h = M L Δs; controls plant the two classic scaling bugs.
 */
import { type Subject, variedSubject } from '../src/subject/index.js';
import { meanFieldLearningRate } from '../src/train/index.js';

export type LearningRateRule = (M: number, L: number, dt: number) => number;

export const nominalRule: LearningRateRule = meanFieldLearningRate;
/** Planted bug: the M L factor is missing (h = Δs): training time advances M L times too slowly. */
export const missingMLRule: LearningRateRule = (_M, _L, dt) => dt;
/** Planted bug: the M L factor is applied twice (h = (M L)² Δs): the stable Δs shrinks like 1/(M L). */
export const doubledMLRule: LearningRateRule = (M, L, dt) => M * L * (M * L * dt);

/** resnet-mf training with h = Δs (missingMLRule): the subject of the training claims' controls. */
export const missingMLSubject: Subject = variedSubject('resnet-mf with learning rate h = Δs', { learningRate: missingMLRule });
/** resnet-mf training with h = (M L)² Δs (doubledMLRule). */
export const doubledMLSubject: Subject = variedSubject('resnet-mf with learning rate h = (M L)² Δs', { learningRate: doubledMLRule });
