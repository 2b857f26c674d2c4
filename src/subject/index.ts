/** The subject under test (subject.ts): the built-in implementation, its variants, and external programs. */
export { CAPABILITIES, INTERNALS, SubjectError, missingNeeds } from './subject.js';
export type { Capability, Evaluation, Need, NetworkCase, Subject, TrainCase } from './subject.js';
export { builtinSubject, plantedSubject, variedSubject } from './builtin.js';
export type { BuiltinParts } from './builtin.js';
export { DEFAULT_SUBJECT_TIMEOUT, SUBJECT_PROTOCOL, externalSubject, sharedExternalSubject } from './external.js';
export type { ExternalOptions } from './external.js';
export { subjectFinalStates, subjectGradient } from './queries.js';
