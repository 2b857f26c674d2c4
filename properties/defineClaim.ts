/**
 * Turns a claim definition into a runnable claim: one fast-check run over the profile's scenarios, with
 * worst-case figures collected from every scenario and the shrunk counterexample on failure.
 */
import fc from 'fast-check';
import type { Claim, ClaimDefinition, Figures, Measurement, RateReport, RunOptions, Verdict } from './claim.js';

/** A run where more than this fraction of scenarios is undecided is reported inconclusive. */
const MAX_UNDECIDED_FRACTION = 0.5;

export function defineClaim<S, V>(def: ClaimDefinition<S, V>): Claim {
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
    figures: def.figures,
    run: (options) => runDefinition(def, options),
    measure: (scenario, control = false) =>
      def.measure(scenario as S, control ? (def.control.subject ?? def.nominal) : def.nominal),
  };
}

function runDefinition<S, V>(def: ClaimDefinition<S, V>, opts: RunOptions): Verdict {
  const control = opts.control ?? false;
  const subject = control ? (def.control.subject ?? def.nominal) : def.nominal;
  const arbitrary = control && def.control.scenarios ? def.control.scenarios(opts.profile) : def.scenarios(opts.profile);
  const examples = control ? [] : (def.examples?.(opts.profile) ?? []);
  const numRuns = opts.numRuns ?? def.budget[opts.profile];
  const worst: Figures = {};
  let undecided = 0;
  let measured = 0;
  // The rate report shown with a passing verdict: the decided scenario whose exponent is farthest from the claim.
  let rate: RateReport | undefined;
  const distance = (r: RateReport) => Math.abs(r.fit.exponent - r.claimed);
  const record = (m: Measurement): void => {
    measured++;
    if (m.decided === false) undecided++;
    if (m.rate && m.decided !== false && (!rate || distance(m.rate) > distance(rate))) rate = m.rate;
    for (const [name, value] of Object.entries(m.figures)) {
      const spec = def.figures[name];
      if (!spec || Number.isNaN(value)) continue;
      const prev = worst[name];
      worst[name] = prev === undefined ? value : spec.worst === 'max' ? Math.max(prev, value) : Math.min(prev, value);
    }
  };
  let failing = false;
  const property = fc.property(arbitrary, (scenario) => {
    const m = def.measure(scenario, subject);
    if (!failing) record(m);
    if (!m.ok) failing = true;
    return m.ok;
  });
  const details = fc.check(property, {
    seed: opts.seed,
    numRuns,
    ...(opts.path ? { path: opts.path } : {}),
    ...(examples.length > 0 && !opts.path ? { examples: examples.map((e) => [e] as [S]) } : {}),
  });
  const base = { id: def.id, profile: opts.profile, seed: opts.seed, control, runs: measured };
  if (details.failed && details.counterexample) {
    const counterexample = details.counterexample[0];
    let message: string;
    let figures: Figures = {};
    let failedRate: RateReport | undefined;
    if (details.errorInstance && !(details.errorInstance instanceof Error && /Property failed by returning false/.test(details.errorInstance.message))) {
      message = `threw: ${details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)}`;
    } else {
      const m = def.measure(counterexample, subject);
      message = m.detail;
      figures = m.figures;
      failedRate = m.rate;
    }
    return { ...base, status: 'fail', path: details.counterexamplePath ?? '', counterexample, figures, message, ...(failedRate ? { rate: failedRate } : {}) };
  }
  if (details.failed || details.interrupted) {
    return { ...base, status: 'inconclusive', figures: worst, reason: `fast-check stopped: ${String(details.errorInstance ?? 'interrupted')}` };
  }
  if (undecided > MAX_UNDECIDED_FRACTION * measured) {
    return { ...base, status: 'inconclusive', figures: worst, reason: `${undecided} of ${measured} scenarios undecided`, ...(rate ? { rate } : {}) };
  }
  return { ...base, status: 'pass', figures: worst, undecided, ...(rate ? { rate } : {}) };
}
