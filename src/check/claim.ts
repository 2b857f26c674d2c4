/**
 * A claim of theory.md §6 as data: what it states, where it comes from, the fast-check property that checks
 * it, its per-profile budget, its tolerance and why, and its negative control.
 *
 * A claim is written against a *subject* V (the implementation under test: a gradient routine, a training
 * rule, a forward pass). `nominal` is resnet-mf's own; the negative control swaps in a planted bug or an
 * out-of-assumption scenario set, which the property must reject.
 */
import type fc from 'fast-check';
import type { ExponentFit } from '../stats/index.js';
import type { Need, Subject } from '../subject/index.js';
import type { ScenarioOutcome } from './combineVerdict.js';

export const PROFILES = ['quick', 'ci', 'full'] as const;
export type Profile = (typeof PROFILES)[number];

/** What one scenario measured: pass or not, the figures, and a one-line explanation. */
export interface Measurement {
  ok: boolean;
  /** Named figures, e.g. { taylorSlope: 1.99, fdMaxRelErr: 3e-9 }. */
  figures: Record<string, number>;
  /** Why it failed (or what it measured), in one line. */
  detail: string;
  /**
   * False when the scenario could not decide the claim (e.g. every finite-difference step fell below the
   * rounding floor, a reference did not converge). Such a scenario neither passes nor fails: it is counted
   * with its `reason`, and a run with more than MAX_UNDECIDED_FRACTION of its scenarios undecided is
   * inconclusive (src/check/combineVerdict.ts). Default true.
   */
  decided?: boolean;
  /** Why the scenario is undecided: a short phrase shared by scenarios undecided the same way; required when decided is false. */
  reason?: string;
  /** For a rate claim: the ladder, the fitted exponent with its interval, and the reference's own error. */
  rate?: RateReport;
}

/**
 * What a rate claim measured on one scenario: e(n) over a ladder of sizes, the sizes that entered the fit
 * (src/stats asymptoticRange), the fitted exponent with its interval, and the reference's own error.
 */
export interface RateReport {
  /** What e is, e.g. '|z_L(x) − z(1;x)|' or 'RMS over seeds of |E_M(s) − E_ref(s)|'. */
  quantity: string;
  /** The size symbol, e.g. 'L' or 'M'. */
  size: string;
  /** The exponent the theory states, and the allowance around it. */
  claimed: number;
  band: number;
  fit: ExponentFit;
  /** Every rung of the ladder: size n, error e, and the floor (reference error + rounding) below which e is noise. */
  points: { n: number; e: number; floor: number }[];
  /** The sizes that entered the fit. */
  used: number[];
  /** The reference's own error estimate (absolute, same units as e). */
  referenceError: number;
}

/** How a figure is summarised over scenarios: the worst case is the max or the min. */
export interface FigureSpec {
  worst: 'max' | 'min';
  description: string;
}

export interface ClaimDefinition<S, V> {
  /** Stable id, e.g. `gradient-adjoint`; the proofs-note is proofs-notes/<id>.md. */
  id: string;
  /** Number in theory.md §6, or null for a check of the implementation itself. */
  catalogue: number | null;
  title: string;
  /** Paper, theorem, equation. */
  source: string;
  assumptions: string[];
  /** The tolerance and why (derived, not tuned). */
  tolerance: string;
  /** Number of fast-check runs per profile. */
  budget: Record<Profile, number>;
  /**
   * Statistical decisions (bootstrap intervals over seeds, Clopper–Pearson comparisons) per scenario, each taken
   * at DECISION_LEVEL of src/check/falseAlarmBudget.ts; 0 for a claim whose checks are all deterministic.
   */
  statisticalDecisions: number;
  /** Scenario generator for a profile. */
  scenarios: (profile: Profile) => fc.Arbitrary<S>;
  /** Scenarios every run starts with (fast-check `examples`), e.g. one on the real data set. */
  examples?: (profile: Profile) => S[];
  figures: Record<string, FigureSpec>;
  /** Measures one scenario against a subject. Pure and deterministic given the scenario. */
  measure: (scenario: S, subject: V) => Measurement;
  /**
   * What the claim asks of its subject (src/subject), for a claim written against a Subject (V = Subject): such
   * a claim checks any subject that has these capabilities, e.g. a user's implementation (`check --impl`).
   * Absent: the claim reads resnet-mf's internals and checks the built-in implementation only.
   */
  needs?: readonly Need[];
  nominal: V;
  control: {
    /** What is planted or which assumption is broken. */
    description: string;
    subject?: V;
    scenarios?: (profile: Profile) => fc.Arbitrary<S>;
  };
}

/** Options of one run of a claim. */
export interface RunOptions {
  profile: Profile;
  seed: number;
  /** fast-check replay path of a failure (with the same seed). */
  path?: string;
  /** Run the negative control instead of the nominal subject. */
  control?: boolean;
  /** Override the profile's number of runs. */
  numRuns?: number;
  /** The subject of a nominal run in place of the built-in one (a claim whose needs it meets; controls keep theirs). */
  subject?: Subject;
}

/** One scenario of a run: scenario `index` (0-based; the claim's examples first) of the run { profile, seed, control }. */
export interface ScenarioOptions {
  profile: Profile;
  seed: number;
  control?: boolean;
  index: number;
  /** As RunOptions.subject. */
  subject?: Subject;
}

/** Worst-case figures over the scenarios that ran. */
export type Figures = Record<string, number>;

/** The outcome of a claim run; every consumer handles the three cases. */
/** What every verdict carries: which run, how many scenarios counted, and how many of them were undecided and why. */
interface VerdictBase {
  id: string;
  profile: Profile;
  seed: number;
  control: boolean;
  /** Scenarios counted (0..f when scenario f failed). */
  runs: number;
  /** Of those, the undecided ones, and their count per reason (Measurement.reason). */
  undecided: number;
  undecidedReasons: Record<string, number>;
}

/** The outcome of a claim run; every consumer handles the three cases. Only `pass` is a pass. */
export type Verdict =
  | (VerdictBase & { status: 'pass'; figures: Figures; rate?: RateReport })
  | (VerdictBase & { status: 'fail'; path: string; counterexample: unknown; figures: Figures; message: string; rate?: RateReport })
  | (VerdictBase & { status: 'inconclusive'; figures: Figures; reason: string; rate?: RateReport });

/** A registered claim with its types erased: what the registry, the CLI and the tests hold. */
export interface Claim {
  readonly id: string;
  readonly catalogue: number | null;
  readonly title: string;
  readonly source: string;
  readonly assumptions: readonly string[];
  readonly tolerance: string;
  readonly controlDescription: string;
  /** Path of the claim's note, relative to the project root: proofs-notes/<id>.md. */
  readonly note: string;
  readonly budget: Readonly<Record<Profile, number>>;
  readonly statisticalDecisions: number;
  readonly figures: Readonly<Record<string, FigureSpec>>;
  /** What the claim asks of a subject; [INTERNALS] for a claim that checks the built-in implementation only. */
  readonly needs: readonly Need[];
  /**
   * Runs the claim.
   * @throws SubjectError when options.subject fails to answer (the run stops: no verdict on a broken conversation)
   */
  run(options: RunOptions): Verdict;
  /**
   * Scenario `options.index` of the run { profile, seed, control } on its own, with what it measured and, when
   * it fails, the counterexample shrunk from it; combineVerdict over scenarios 0..f of a run gives run()'s verdict.
   */
  runScenario(options: ScenarioOptions): ScenarioOutcome;
  /** Measures one scenario (e.g. a stored counterexample) against the nominal subject (or `subject`) or the control's. */
  measure(scenario: unknown, control?: boolean, subject?: Subject): Measurement;
}
