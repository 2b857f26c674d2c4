/**
 * The targeted phase of the search (as Hypothesis's target()): minimise the violation margin m(scenario) (bound
 * minus measured; a violation is m < 0 or NaN) by simulated annealing over the scenario's parameters.
 *
 * Moves (one field per proposal, the field chosen with adaptive weights: ×2 after an improving move, ×0.8 after a
 * worse one, /4 after one that leaves the margin unchanged, within [1/16, 16]):
 * - sizes N, L, M, steps: log-scale, v+1 ← (v+1)·2^(±j/4), j = 1..4 (at least ±1), clamped to the space;
 * - d: ±1; reals (Δs, scale, yScale, δ, ε, η): grid index k ± j, j = 1..2; activation, init, dataset: another value;
 * - seed: re-drawn uniformly in [0, 2^31).
 * After an improving move the same move is repeated with a doubled step while it keeps improving (the
 * "doubling" line search of Hypothesis's hill climber), so a margin that falls steadily with L climbs from L = 8
 * to L = 256 in a handful of evaluations.
 * Acceptance of a worse proposal: probability exp(−(m' − m)/(T·max(|m|, 1e-300))) with T falling linearly
 * from T0 = 0.02 to 0 over the budget (a relative temperature: margins of different bounds have different units).
 * Only fields the bound's quantities depend on move (DEPENDS_ON). With probability P_FRESH a proposal is a fresh
 * fast-check sample instead (global exploration: the search stays within a constant factor of plain sampling
 * where violations are scattered). After PATIENCE proposals without improvement the search climbs on from the
 * best point found, or, when it already stands there, restarts from a fresh sample. A proposal over the space's
 * cost cap is redrawn (up to 16 times). An exact zero margin ranks last (rank). Every draw comes from the seeded
 * stream (src/init randomStream), never Math.random.
 */
import type { RandomStream } from '../init/index.js';
import type { QuantityName } from './quantities.js';
import {
  type FalsifyScenario,
  type IntegerField,
  type RealField,
  type ScenarioSpace,
  INTEGER_FIELDS,
  LOG_INTEGERS,
  REAL_FIELDS,
  gridIndex,
  gridRange,
  gridValue,
  scenarioCost,
} from './scenarioSpace.js';

/** A move: the field, its direction (±1) and its step j; `seed` and categorical moves carry direction 0. */
export interface Move {
  field: keyof FalsifyScenario;
  direction: number;
  step: number;
}

type Field = keyof FalsifyScenario;
const CATEGORICAL = ['activation', 'init', 'dataset'] as const;

const MODEL_FIELDS: readonly Field[] = ['d', 'N', 'L', 'M', 'activation', 'delta', 'init', 'scale', 'dataset', 'seed'];
const TRAINING_FIELDS: readonly Field[] = ['yScale', 'dt', 'steps'];

/**
 * The scenario fields a measured quantity depends on (by construction of quantities.ts): moves on other fields
 * cannot change the margin and are not proposed.
 */
export const DEPENDS_ON: Readonly<Record<QuantityName, readonly Field[]>> = {
  L: ['L'],
  M: ['M'],
  d: ['d', 'dataset'],
  N: ['N', 'dataset'],
  s: ['dt', 'steps'],
  dt: ['dt'],
  eps: ['eps'],
  eta: ['eta'],
  E: [...MODEL_FIELDS, ...TRAINING_FIELDS],
  E0: [...MODEL_FIELDS, 'yScale'],
  E_ref: [...MODEL_FIELDS, ...TRAINING_FIELDS],
  err_depth: MODEL_FIELDS,
  err_width: [...MODEL_FIELDS, ...TRAINING_FIELDS],
  grad_norm: [...MODEL_FIELDS, ...TRAINING_FIELDS],
  displacement: [...MODEL_FIELDS, ...TRAINING_FIELDS],
};

/**
 * Fields the search moves: those the bound's quantities depend on (all when `names` is absent) that the space
 * lets vary (a range with two values or more, a set with two names or more); δ only with the regularised ReLU.
 */
export function mutableFields(space: ScenarioSpace, names?: readonly QuantityName[]): Field[] {
  const wanted = new Set<Field>(names ? names.flatMap((n) => DEPENDS_ON[n]) : [...INTEGER_FIELDS, ...REAL_FIELDS, ...CATEGORICAL, 'seed']);
  if (!space.activations.includes('regularized_relu')) wanted.delete('delta');
  const out: Field[] = [];
  for (const f of INTEGER_FIELDS) if (space.ints[f][0] < space.ints[f][1]) out.push(f);
  for (const f of REAL_FIELDS) {
    const [a, b] = gridRange(space.reals[f][0], space.reals[f][1]);
    if (a < b) out.push(f);
  }
  if (space.activations.length > 1) out.push('activation');
  if (space.inits.length > 1) out.push('init');
  if (space.datasets.length > 1) out.push('dataset');
  out.push('seed');
  return out.filter((f) => wanted.has(f));
}

function pick<T>(rng: RandomStream, xs: readonly T[]): T {
  return xs[Math.min(xs.length - 1, Math.floor(rng.uniform() * xs.length))];
}

/** Applies a move to s (a copy); returns null when the move leaves s unchanged (at the boundary). */
export function applyMove(s: FalsifyScenario, move: Move, space: ScenarioSpace, rng: RandomStream): FalsifyScenario | null {
  const out: FalsifyScenario = { ...s };
  const f = move.field;
  if (f === 'seed') out.seed = Math.floor(rng.uniform() * 2 ** 31);
  else if ((INTEGER_FIELDS as readonly string[]).includes(f)) {
    const g = f as IntegerField;
    const [lo, hi] = space.ints[g];
    let v = s[g];
    if (LOG_INTEGERS.has(g)) {
      const next = Math.round((v + 1) * 2 ** ((move.direction * move.step) / 4)) - 1;
      v = next === v ? v + move.direction : next;
    } else v += move.direction * move.step;
    out[g] = Math.min(hi, Math.max(lo, v));
  } else if ((REAL_FIELDS as readonly string[]).includes(f)) {
    const g = f as RealField;
    const [kLo, kHi] = gridRange(space.reals[g][0], space.reals[g][1]);
    const k = gridIndex(s[g]);
    const base = Number.isNaN(k) ? kLo : k;
    out[g] = gridValue(Math.min(kHi, Math.max(kLo, base + move.direction * move.step)));
  } else if (f === 'activation') out.activation = pick(rng, space.activations.filter((a) => a !== s.activation));
  else if (f === 'init') out.init = pick(rng, space.inits.filter((a) => a !== s.init));
  else if (f === 'dataset') out.dataset = pick(rng, space.datasets.filter((a) => a !== s.dataset));
  if (out[f] === s[f] || scenarioCost(out) > space.maxCost) return null;
  return out;
}

/** A random move on a field chosen by weight. */
export function randomMove(rng: RandomStream, fields: readonly Field[], weights: Map<Field, number>): Move {
  let total = 0;
  for (const f of fields) total += weights.get(f) ?? 1;
  let r = rng.uniform() * total;
  let field = fields[fields.length - 1];
  for (const f of fields) {
    r -= weights.get(f) ?? 1;
    if (r < 0) {
      field = f;
      break;
    }
  }
  if (field === 'seed' || (CATEGORICAL as readonly string[]).includes(field)) return { field, direction: 0, step: 0 };
  const direction = rng.uniform() < 0.5 ? -1 : 1;
  const isLog = LOG_INTEGERS.has(field as IntegerField);
  const step = 1 + Math.floor(rng.uniform() * (isLog ? 4 : 2));
  return { field, direction, step };
}

/** A point of the search: a scenario and its margin. */
export interface Scored {
  scenario: FalsifyScenario;
  margin: number;
}

/**
 * The order the climb minimises: the margin, except that an exact 0 ranks last. A margin of exactly 0 is an
 * identity by construction (steps = 0 gives E = E0 and displacement 0), a dead end rather than a step towards
 * a violation; climbing into it is what trapped the search on `E <= E0` before this rule.
 */
export function rank(margin: number): number {
  return margin === 0 ? Infinity : margin;
}

/** Violated: margin < 0 or NaN. */
export function violates(margin: number): boolean {
  return !(margin >= 0);
}

/** Options of anneal: the bound's quantity names (to move only relevant fields) and a source of fresh scenarios. */
export interface AnnealOptions {
  names?: readonly QuantityName[];
  /** A fresh scenario of the space (fast-check samples): where the search restarts when it stalls. */
  fresh?: () => FalsifyScenario;
  /** Probability of a global proposal (default P_FRESH). */
  pFresh?: number;
  /** Proposals without improvement before a restart (default PATIENCE). */
  patience?: number;
  /**
   * Model evaluations spent so far, when `score` caches repeated scenarios (default: the calls of score). The
   * search stops when it reaches `budget`, or after 20·budget calls of score.
   */
  spent?: () => number;
}

/** Proposals without improvement after which the search restarts from a fresh scenario. */
export const PATIENCE = 12;
/** Probability that a proposal is a fresh fast-check sample (global exploration), not a local move. */
export const P_FRESH = 0.3;
/** Initial relative temperature. */
export const T0 = 0.02;

/**
 * Anneals from `start` for at most `budget` evaluations of `score`; stops at the first violation.
 * @returns the violating point (or the best found) and the number of evaluations spent
 */
export function anneal(start: Scored, score: (s: FalsifyScenario) => number, space: ScenarioSpace, rng: RandomStream, budget: number, opts: AnnealOptions = {}): { best: Scored; violation: Scored | null; evaluations: number } {
  const allFields = mutableFields(space, opts.names);
  const weights = new Map<Field, number>(allFields.map((f) => [f, 1]));
  let current = start;
  let best = start;
  let calls = 0;
  let stale = 0;
  const spent = opts.spent ?? ((): number => calls);
  const start0 = spent();
  const evaluate = (s: FalsifyScenario): Scored => {
    calls++;
    return { scenario: s, margin: score(s) };
  };
  const open = (): boolean => spent() - start0 < budget && calls < 20 * budget;
  while (open()) {
    const global = opts.fresh !== undefined && rng.uniform() < (opts.pFresh ?? P_FRESH);
    if (stale >= (opts.patience ?? PATIENCE) && current !== best) {
      // Stalled away from the best point: climb on from the best (as Hypothesis's hill climber does).
      current = best;
      stale = 0;
      continue;
    }
    if (opts.fresh && (stale >= (opts.patience ?? PATIENCE) || global)) {
      const cand = evaluate(opts.fresh());
      if (violates(cand.margin)) return { best: cand, violation: cand, evaluations: spent() - start0 };
      if (!global || rank(cand.margin) < rank(current.margin)) {
        current = cand;
        stale = 0;
      }
      if (rank(current.margin) < rank(best.margin)) best = current;
      continue;
    }
    const fields = current.scenario.activation === 'regularized_relu' ? allFields : allFields.filter((f) => f !== 'delta');
    let move = randomMove(rng, fields, weights);
    let proposal: FalsifyScenario | null = applyMove(current.scenario, move, space, rng);
    for (let tries = 0; tries < 16 && proposal === null; tries++) {
      move = randomMove(rng, fields, weights);
      proposal = applyMove(current.scenario, move, space, rng);
    }
    if (proposal === null) break;
    let next = evaluate(proposal);
    if (violates(next.margin)) return { best: next, violation: next, evaluations: spent() - start0 };
    const w = weights.get(move.field) ?? 1;
    if (rank(next.margin) < rank(current.margin)) {
      weights.set(move.field, Math.min(16, w * 2));
      stale = 0;
      // Line search: repeat the move with a doubled step while it keeps improving.
      let step = move.step;
      while (move.direction !== 0 && open()) {
        step *= 2;
        const further = applyMove(next.scenario, { ...move, step }, space, rng);
        if (further === null) break;
        const cand = evaluate(further);
        if (violates(cand.margin)) return { best: cand, violation: cand, evaluations: spent() - start0 };
        if (!(rank(cand.margin) < rank(next.margin))) break;
        next = cand;
      }
      current = next;
    } else {
      stale++;
      // A move that leaves the margin unchanged is on a field that does not matter here: weigh it down hard.
      weights.set(move.field, Math.max(1 / 16, next.margin === current.margin ? w / 4 : w * 0.8));
      const T = T0 * Math.max(0, 1 - (spent() - start0) / budget);
      const scale = Math.max(Math.abs(current.margin), 1e-300);
      if (T > 0 && next.margin !== 0 && rng.uniform() < Math.exp(-(next.margin - current.margin) / (T * scale))) current = next;
    }
    if (rank(current.margin) < rank(best.margin)) best = current;
  }
  return { best, violation: null, evaluations: spent() - start0 };
}
