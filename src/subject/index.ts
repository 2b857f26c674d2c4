/** The subject under test (subject.ts): the built-in implementation, its variants, and external programs. */
export { CAPABILITIES, DEFAULT_SUBJECT_TIMEOUT, INTERNALS, SubjectError, lacksText, missingNeeds } from './subject.js';
export type { Capability, Evaluation, InitCase, Need, NetworkCase, Subject, TrainCase } from './subject.js';
export { builtinSubject, variedSubject } from './builtin.js';
export type { BuiltinParts } from './builtin.js';
export { MAX_ANSWER_CHARS, SUBJECT_PROTOCOL, externalSubject, sharedExternalSubject } from './external.js';
export type { ExternalOptions } from './external.js';
export { nonFiniteEntry, subjectFinalStates, subjectGradient } from './queries.js';
