/**
 * Which subject a claim run measures, and where a planted bug is switched on: the one rule shared by `check`
 * (in this thread and in the pool's units), `calibrate` and `planted`.
 *
 * - A claim that measures a Subject (Claim.needs without INTERNALS) runs with the planted-bug switch off, so that
 *   its references (the decimal network, the solvers, the large-width reference) are never the subject; the bug
 *   lives in the subject alone: plantedSubject(bug), or the external program.
 * - A claim that reads resnet-mf's internals runs, as before, with the bug switched on for the whole measurement.
 * A negative control keeps its own subject (the claim's planted variant) and runs without the switch.
 */
import { type PlantedBugId, withPlantedBug } from '../planted/index.js';
import { INTERNALS, type Subject, plantedSubject } from '../subject/index.js';
import type { Claim } from './claim.js';

/** The subject under test of a run: a planted bug of resnet-mf's own implementation, or another subject (an external program). */
export interface RunSubject {
  plant?: PlantedBugId | null;
  subject?: Subject;
}

/**
 * fn(subject) with the planted-bug switch as the rule above has it; `subject` is what RunOptions.subject takes
 * (undefined: the claim's own nominal subject, or its control's).
 */
export function runAgainst<T>(claim: Claim, who: RunSubject, control: boolean, fn: (subject: Subject | undefined) => T): T {
  const plant = who.plant ?? null;
  if (claim.needs.includes(INTERNALS)) return withPlantedBug(plant, () => fn(undefined));
  const subject = control ? undefined : (who.subject ?? (plant ? plantedSubject(plant) : undefined));
  return withPlantedBug(null, () => fn(subject));
}
