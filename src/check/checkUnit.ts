/**
 * One unit of a check: scenario `index` of claim `claim`'s run { profile, seed, control }, run by
 * Claim.runScenario in whichever thread the pool picks. The pool task itself (a module that can look a claim up
 * by id) belongs to the claims folder and is named by ClaimRegistry.unitTask; runUnit is what it calls.
 *
 * The outcome comes back as lossless JSON text (see encodeLossless), whether the unit ran inline or in a
 * worker: a counterexample is then the same plain value in every mode (a class instance would lose its
 * prototype in a structured clone, a figure its NaN/±Infinity/−0 in plain JSON), which is what keeps a
 * report bit-identical whatever the number of workers and after a shard report's round trip through a file.
 * A unit may carry a planted bug (src/planted): its nominal run then measures that planted subject.
 */
import type { PlantName } from '../planted/index.js';
import { SubjectError, sharedExternalSubject } from '../subject/index.js';
import type { Claim, Profile } from './claim.js';
import type { ScenarioOutcome } from './combineVerdict.js';
import { runAgainst } from './subjectRun.js';

/** An external subject (`check --impl`): the command and the time limit of one answer, seconds. */
export interface ImplSpec {
  command: string;
  timeoutSeconds: number;
}

/** One unit of a check: scenario `index` of a claim's run. */
export interface CheckUnit {
  claim: string;
  profile: Profile;
  seed: number;
  control: boolean;
  index: number;
  /** The bug planted while the unit runs (`check --plant`, `resnet-mf planted`); absent or null: none. */
  plant?: PlantName | null;
  /** The subject of a nominal unit when it is an external program (started once per thread); absent: resnet-mf's own. */
  impl?: ImplSpec | null;
}

/**
 * What the task returns: the outcome as lossless JSON text, and the seconds it took (wall clock, this thread); or
 * the external subject's failure to answer (a SubjectError's fields: classes do not cross threads).
 */
export type CheckUnitResult = { outcome: string; seconds: number } | { subjectError: { field: string; expected: string; received: string } };

/**
 * Runs one unit of `claim` (the claim named by unit.claim).
 * @throws Error when `claim` is undefined (the unit names a claim the registry lacks; the caller built the unit from the registry)
 */
export function runUnit(claim: Claim | undefined, unit: CheckUnit): CheckUnitResult {
  if (!claim) throw new Error(`no claim ${JSON.stringify(unit.claim)} in the registry`);
  const t0 = performance.now();
  try {
    const external = unit.impl && !unit.control ? sharedExternalSubject(unit.impl.command, { timeoutSeconds: unit.impl.timeoutSeconds }) : undefined;
    const options = { profile: unit.profile, seed: unit.seed, control: unit.control, index: unit.index };
    const outcome = runAgainst(claim, { plant: unit.plant ?? null, ...(external ? { subject: external } : {}) }, unit.control, (subject) =>
      claim.runScenario({ ...options, ...(subject ? { subject } : {}) }),
    );
    return { outcome: encodeLossless(outcome), seconds: (performance.now() - t0) / 1000 };
  } catch (err) {
    if (err instanceof SubjectError) return { subjectError: { field: err.field, expected: err.expected, received: err.received } };
    throw err;
  }
}

/** The tag of a number that JSON cannot hold: { "$resnet-mf/number": "NaN" | "Infinity" | "-Infinity" | "-0" }. */
const NUMBER_TAG = '$resnet-mf/number';

/**
 * JSON text of `value` in which NaN, ±Infinity and −0 survive (as tagged objects). Everything else is as
 * JSON.stringify has it (toJSON applied, typed arrays as index-keyed objects, undefined fields dropped), so
 * JSON.stringify(decodeLossless(encodeLossless(x))) === JSON.stringify(x).
 */
export function encodeLossless(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? { [NUMBER_TAG]: Object.is(v, -0) ? '-0' : String(v) } : v),
    space,
  );
}

/**
 * Inverse of encodeLossless.
 * @throws SyntaxError when `text` is not JSON
 */
export function decodeLossless(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const tag = (v as Record<string, unknown>)[NUMBER_TAG];
      if (keys.length === 1 && typeof tag === 'string' && ['NaN', 'Infinity', '-Infinity', '-0'].includes(tag)) return Number(tag);
    }
    return v;
  });
}

/**
 * Decodes a unit's outcome.
 * @throws SubjectError when the unit's external subject failed to answer
 */
export function decodeOutcome(result: CheckUnitResult): { outcome: ScenarioOutcome; seconds: number } {
  if ('subjectError' in result) {
    throw SubjectError.fromParts(result.subjectError);
  }
  return { outcome: decodeLossless(result.outcome) as ScenarioOutcome, seconds: result.seconds };
}
