/**
 * Which subject a claim run measures: the one rule shared by `check` (in this thread and in the pool's units),
 * `calibrate` and `planted`. A planted bug is a subject (src/planted/plantedSubjects.ts), as an external program
 * is; a negative control keeps its own subject (the claim's planted variant). Claims that read resnet-mf's
 * internals do not apply to either (the commands list them as not applicable before any run).
 */
import { type PlantName, plantedSubject } from '../planted/index.js';
import { type Subject, missingNeeds } from '../subject/index.js';
import type { Claim } from './claim.js';

/** The subject under test of a run: a planted bug of resnet-mf's own implementation, or another subject (an external program). */
export interface RunSubject {
  plant?: PlantName | null;
  subject?: Subject;
}

/** The subject `who` names, or null for resnet-mf's own implementation (each claim's nominal subject). */
export function subjectOfRun(who: RunSubject): Subject | null {
  return who.subject ?? (who.plant ? plantedSubject(who.plant) : null);
}

/**
 * fn(subject), `subject` being what RunOptions.subject takes (undefined: the claim's own nominal subject, or its
 * control's).
 * @throws Error when the claim does not apply to the run's subject (the commands filter those out first)
 */
export function runAgainst<T>(claim: Claim, who: RunSubject, control: boolean, fn: (subject: Subject | undefined) => T): T {
  if (control) return fn(undefined);
  const subject = subjectOfRun(who);
  const lacks = subject ? missingNeeds(claim.needs, subject) : [];
  if (subject && lacks.length > 0) throw new Error(`claim ${claim.id} does not apply to ${subject.name}: it needs ${lacks.join(', ')}`);
  return fn(subject ?? undefined);
}
