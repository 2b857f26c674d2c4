/**
 * The claims as vitest tests for a subject under test (`resnet-mf/vitest`): a test per claim that applies to the
 * subject (its capabilities meet the claim's needs), failing with the counterexample, the seed and the replay
 * command; a skipped test per claim that does not apply, named with what the subject lacks (never a pass).
 *
 *     import { describeSubject } from 'resnet-mf/vitest';
 *     describeSubject('python3 my_adapter.py');                       // an external program (docs/subject-protocol.md)
 *     describeSubject(myTypeScriptSubject, { profile: 'quick' });     // or an in-process Subject (src/subject)
 */
import { describe, it } from 'vitest';
import { DEFAULT_SUBJECT_TIMEOUT, type Subject, lacksText, missingNeeds, sharedExternalSubject } from '../src/subject/index.js';
import { replayCommand, verdictLabel } from '../src/report/verdictReport.js';
import type { Claim, Profile } from '../src/check/claim.js';
import { CLAIMS } from './registry.js';

export interface DescribeSubjectOptions {
  /** Budget profile (default 'ci'). */
  profile?: Profile;
  /** fast-check seed (default 20261129, check's). */
  seed?: number;
  /** Claim ids to register (default: every claim of the registry). */
  claims?: readonly string[];
  /** For a command: seconds to wait for one answer before the program is killed (default 120). */
  timeoutSeconds?: number;
  /** vitest's time limit of one claim, milliseconds (default 600 000). */
  testTimeout?: number;
}

/** The default seed, `resnet-mf check`'s. */
const DEFAULT_SEED = 20261129;

/**
 * Registers a `describe` block of one test per claim for `subject` (an external program's command line, or a
 * Subject). A command's program is started and greeted when the file is collected (its hello says which claims
 * apply), once per vitest worker.
 * @throws Error naming an unknown claim id in options.claims; SubjectError when the program does not answer hello
 *   as the protocol requires (both when the file is collected: vitest reports the file as failed)
 */
export function describeSubject(subject: string | Subject, options: DescribeSubjectOptions = {}): void {
  const profile = options.profile ?? 'ci';
  const seed = options.seed ?? DEFAULT_SEED;
  const claims: Claim[] = (options.claims ?? CLAIMS.map((c) => c.id)).map((id) => {
    const claim = CLAIMS.find((c) => c.id === id);
    if (!claim) throw new Error(`describeSubject: claims: no claim ${JSON.stringify(id)} (one of ${CLAIMS.map((c) => c.id).join(', ')})`);
    return claim;
  });
  const command = typeof subject === 'string' ? subject : null;
  const resolved = typeof subject === 'string' ? sharedExternalSubject(subject, { timeoutSeconds: options.timeoutSeconds }) : subject;
  describe(`resnet-mf claims on ${resolved.name} (profile ${profile}, seed ${seed})`, () => {
    for (const claim of claims) {
      const lacks = missingNeeds(claim.needs, resolved);
      if (lacks.length > 0) {
        // Deliberately a skipped test, never a passing one: the claim was not run on this subject (DESIGN.md:
        // not applicable is not a pass), and its name says why in the suite's listing.
        it.skip(`${claim.id}: not applicable (${lacksText(lacks)})`, () => undefined);
        continue;
      }
      it(`${claim.id}: ${claim.title}`, { timeout: options.testTimeout ?? 600_000 }, () => {
        const verdict = claim.run({ profile, seed, subject: resolved });
        if (verdict.status === 'pass') return;
        const replay = replayCommand(verdict, null, null, command === null ? null : { command, timeoutSeconds: options.timeoutSeconds ?? DEFAULT_SUBJECT_TIMEOUT });
        const what = verdict.status === 'fail' ? `${verdict.message}\ncounterexample: ${JSON.stringify(verdict.counterexample)}` : verdict.reason;
        throw new Error(`${claim.id}: ${verdictLabel(verdict)}: ${what}\nseed ${verdict.seed}${verdict.status === 'fail' ? `, path ${verdict.path}` : ''}\nreplay: ${replay}`);
      });
    }
  });
}
