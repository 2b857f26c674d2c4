/**
 * Turns a claim definition into a runnable claim: one fast-check run over the profile's scenarios, with
 * worst-case figures collected from every scenario and the shrunk counterexample on failure; or one scenario
 * of such a run on its own (runScenario), for runs split over worker threads or machines.
 *
 * Both record what their scenarios measured and hand it to combineVerdict, the one place where scenarios
 * become a verdict, so a split run gives exactly the verdict of the whole run. Scenario i of a run under
 * seed S is run i of fc.check(…, { seed: S, examples }) (the examples first); fast-check's replay path
 * String(i) with numRuns 1 starts at exactly that scenario, and on failure shrinks it exactly as the whole run
 * would, reporting the path "i:…" (the trick of src/audit/shrinkWorst.ts; test/properties/defineClaimSplit.test.ts
 * checks the equality claim by claim).
 */
import fc from 'fast-check';
import { MachineryFailure } from '../errors.js';
import { INTERNALS, type Need, type Subject, SubjectError, missingNeeds } from '../subject/index.js';
import type { Claim, ClaimDefinition, Measurement, Profile, RunOptions, ScenarioOptions, Verdict } from './claim.js';
import { combineVerdict, type FailureRecord, type RunRecord, type ScenarioOutcome, type ScenarioRecord } from './combineVerdict.js';

export function defineClaim<S, V>(def: ClaimDefinition<S, V>): Claim {
  const needs = def.needs ?? [INTERNALS];
  const setup = setupOf(def, needs);
  return {
    id: def.id,
    catalogue: def.catalogue,
    title: def.title,
    source: def.source,
    assumptions: def.assumptions,
    tolerance: def.tolerance,
    controlDescription: def.control.description,
    note: `proofs-notes/${def.id}.md`,
    budget: def.budget,
    statisticalDecisions: def.statisticalDecisions,
    figures: def.figures,
    needs,
    run: (options) => runDefinition(def, setup, options),
    runScenario: (options) => runScenario(def, setup, options),
    measure: (scenario, control = false, subject?: Subject) =>
      measureScenario(def, scenario as S, control ? (def.control.subject ?? def.nominal) : subjectOf(def, needs, subject)),
  };
}

/**
 * The nominal subject: `given`, or the claim's own.
 * @throws Error when `given` lacks a need of the claim (the caller must leave such claims out: not applicable)
 */
function subjectOf<S, V>(def: ClaimDefinition<S, V>, needs: readonly Need[], given: Subject | undefined): V {
  if (given === undefined) return def.nominal;
  const missing = missingNeeds(needs, given);
  if (missing.length > 0) throw new Error(`claim ${def.id} is not applicable to subject ${given.name}: it needs ${missing.join(', ')}`);
  return given as V;
}

/** What a run of the nominal subject or of the control uses: subject, scenario arbitrary, examples. */
interface Setup<S, V> {
  subject: V;
  arbitrary: fc.Arbitrary<S>;
  examples: S[];
}

/** The run's setup; arbitraries are immutable and built once per (profile, control) (examples are rebuilt: a measure may keep them). */
function setupOf<S, V>(def: ClaimDefinition<S, V>, needs: readonly Need[]): (profile: Profile, control: boolean, given?: Subject) => Setup<S, V> {
  const arbitraries = new Map<string, fc.Arbitrary<S>>();
  return (profile, control, given) => {
    const key = `${profile}/${control}`;
    let arbitrary = arbitraries.get(key);
    if (!arbitrary) {
      arbitrary = control && def.control.scenarios ? def.control.scenarios(profile) : def.scenarios(profile);
      arbitraries.set(key, arbitrary);
    }
    return {
      subject: control ? (def.control.subject ?? def.nominal) : subjectOf(def, needs, given),
      arbitrary,
      examples: control ? [] : (def.examples?.(profile) ?? []),
    };
  };
}

/**
 * @throws Error when an undecided measurement gives no reason (a bug of the claim: every undecided scenario is counted by its reason)
 */
function recordOf(m: Measurement): ScenarioRecord {
  const decided = m.decided !== false;
  if (!decided && !m.reason) throw new Error(`an undecided measurement must give its reason (detail: ${m.detail})`);
  return { figures: m.figures, decided, ...(decided ? {} : { reason: m.reason }), ...(m.rate ? { rate: m.rate } : {}) };
}

/**
 * Measures one scenario; a failure of the machinery (MachineryFailure: a reference that does not converge or
 * overflows) makes the scenario undecided with its reason, never a failure of the subject. Any other throw
 * propagates (a subject that throws fails).
 */
function measureScenario<S, V>(def: ClaimDefinition<S, V>, scenario: S, subject: V): Measurement {
  try {
    return def.measure(scenario, subject);
  } catch (err) {
    if (err instanceof MachineryFailure) return { ok: true, decided: false, reason: err.reason, detail: err.message, figures: {} };
    throw err;
  }
}

/**
 * A subject that fails to answer (SubjectError) stops the run instead of failing the scenario: fast-check would
 * catch the throw and shrink, asking the broken subject again and again. The property keeps the first such error
 * (`keep` returns true for it), passes every later call without measuring, and the run rethrows it.
 */
function subjectFailure(): { error: SubjectError | null; keep: (err: unknown) => boolean } {
  const state = {
    error: null as SubjectError | null,
    keep: (err: unknown): boolean => {
      if (!(err instanceof SubjectError)) return false;
      state.error = err;
      return true;
    },
  };
  return state;
}

/** fast-check's parameters; the examples are passed with a replay path too, since the path counts them. */
function checkParams<S>(seed: number, numRuns: number, path: string | undefined, examples: S[]): fc.Parameters<[S]> {
  return { seed, numRuns, ...(path ? { path } : {}), ...(examples.length > 0 ? { examples: examples.map((e) => [e] as [S]) } : {}) };
}

/** How a fast-check run ended: a failure with its shrunk counterexample, fast-check stopping, or neither. */
function endingOf<S, V>(def: ClaimDefinition<S, V>, subject: V, details: fc.RunDetails<[S]>, lastFailed: Measurement | undefined): Pick<RunRecord, 'failure' | 'stopped'> {
  if (details.failed && details.counterexample) {
    const counterexample = details.counterexample[0];
    const path = details.counterexamplePath ?? '';
    const error = details.errorInstance;
    if (error && !(error instanceof Error && /Property failed by returning false/.test(error.message))) {
      const failure: FailureRecord = { path, counterexample, message: `threw: ${error instanceof Error ? error.message : String(error)}`, figures: {} };
      return { failure };
    }
    const m = measureScenario(def, counterexample, subject);
    // Measured again for its message: a subject that answers differently the second time (not deterministic) is said
    // to, with what the failing measurement found (fast-check's counterexample is the last value that failed).
    if (m.ok && lastFailed) {
      const message = `not reproducible: the scenario failed (${lastFailed.detail}), then passed when measured again (does the subject answer the same twice?): ${m.detail}`;
      return { failure: { path, counterexample, message, figures: lastFailed.figures, ...(lastFailed.rate ? { rate: lastFailed.rate } : {}) } };
    }
    const message = m.ok ? `not reproducible: the scenario failed, then passed when measured again (does the subject answer the same twice?): ${m.detail}` : m.detail;
    return { failure: { path, counterexample, message, figures: m.figures, ...(m.rate ? { rate: m.rate } : {}) } };
  }
  if (details.failed || details.interrupted) return { stopped: `fast-check stopped: ${String(details.errorInstance ?? 'interrupted')}` };
  return {};
}

/** The whole run in one fast-check check: scenarios are recorded up to and including the first failure. */
function runDefinition<S, V>(def: ClaimDefinition<S, V>, setup: ReturnType<typeof setupOf<S, V>>, opts: RunOptions): Verdict {
  const control = opts.control ?? false;
  const { subject, arbitrary, examples } = setup(opts.profile, control, opts.subject);
  const numRuns = opts.numRuns ?? def.budget[opts.profile];
  const scenarios: ScenarioRecord[] = [];
  // After the first failure fast-check only shrinks: the candidates are not scenarios of the run.
  let failing = false;
  let lastFailed: Measurement | undefined;
  const broken = subjectFailure();
  const property = fc.property(arbitrary, (scenario) => {
    if (broken.error) return true;
    let m: Measurement;
    try {
      m = measureScenario(def, scenario, subject);
    } catch (err) {
      if (broken.keep(err)) return true;
      failing = true;
      throw err;
    }
    if (!failing) scenarios.push(recordOf(m));
    if (!m.ok) [failing, lastFailed] = [true, m];
    return m.ok;
  });
  const details = fc.check(property, checkParams(opts.seed, numRuns, opts.path, examples));
  if (broken.error) throw broken.error;
  return combineVerdict({ claim: def, profile: opts.profile, seed: opts.seed, control }, { scenarios, ...endingOf(def, subject, details, lastFailed) });
}

/** Scenario `index` of the run alone: replay path String(index), one run; shrunk from it when it fails. */
function runScenario<S, V>(def: ClaimDefinition<S, V>, setup: ReturnType<typeof setupOf<S, V>>, opts: ScenarioOptions): ScenarioOutcome {
  if (!(Number.isInteger(opts.index) && opts.index >= 0)) throw new RangeError(`scenario index must be an integer ≥ 0, got ${opts.index}`);
  const { subject, arbitrary, examples } = setup(opts.profile, opts.control ?? false, opts.subject);
  let calls = 0;
  let first: Measurement | undefined;
  let lastFailed: Measurement | undefined;
  const broken = subjectFailure();
  const property = fc.property(arbitrary, (scenario) => {
    if (broken.error) return true;
    const call = calls++;
    let m: Measurement;
    try {
      m = measureScenario(def, scenario, subject);
    } catch (err) {
      if (broken.keep(err)) return true;
      throw err;
    }
    if (call === 0) first = m;
    if (!m.ok) lastFailed = m;
    return m.ok;
  });
  const details = fc.check(property, checkParams(opts.seed, 1, String(opts.index), examples));
  if (broken.error) throw broken.error;
  return { index: opts.index, ...(first ? { measured: recordOf(first) } : {}), ...endingOf(def, subject, details, lastFailed) };
}
