/**
 * 50-digit decimal references for σ, σ', σ'' of each activation, from the exact input (see ulp.ts).
 *
 * Each formula is chosen to have no cancellation in decimal either (the reference must not lose digits
 * where the float code is being tested): tanh uses Decimal.tanh only for |x| < 1 and (1 − E)/(1 + E),
 * E = e^{−2|x|}, beyond (Decimal.tanh forms sinh/cosh, which overflow to ∞/∞ at 1e300); log(1 + E) for
 * tiny E uses the alternating series E − E²/2 + E³/3 − E⁴/4 (truncation ≤ E⁵/5 < 2e−30 relative for
 * E < 1e−6), since 1 + E rounds to 1 at 50 digits once E < 1e−50.
 */
import { D, toDecimal, type Dec } from './ulp.js';

export type Reference = readonly [(x: Dec) => Dec, (x: Dec) => Dec, (x: Dec) => Dec];

const one = new D(1);

function tanhRef(x: Dec): Dec {
  if (x.abs().lt(1)) return x.tanh();
  const e = x.abs().times(-2).exp();
  return one.minus(e).div(one.plus(e)).times(x.s);
}

function sech2Ref(x: Dec): Dec {
  const e = x.abs().times(-2).exp();
  return e.times(4).div(one.plus(e).pow(2));
}

function log1pRef(e: Dec): Dec {
  if (e.gte(1e-6)) return one.plus(e).ln();
  return e.minus(e.pow(2).div(2)).plus(e.pow(3).div(3)).minus(e.pow(4).div(4));
}

function logisticRef(x: Dec): Dec {
  return one.div(one.plus(x.neg().exp()));
}

function logisticDRef(x: Dec): Dec {
  const e = x.abs().neg().exp();
  return e.div(one.plus(e).pow(2));
}

/** 1 − 2σ(x) = −tanh(x/2): avoids the cancellation of 1 − 2σ near 0. */
function logisticD2Ref(x: Dec): Dec {
  return logisticDRef(x).times(tanhRef(x.div(2))).neg();
}

function softplusRef(x: Dec): Dec {
  return x.gt(0) ? x.plus(log1pRef(x.neg().exp())) : log1pRef(x.exp());
}

function bumpRef(x: Dec): Dec {
  return x.pow(2).div(2).neg().exp();
}

export const REFERENCES: Readonly<Record<string, Reference>> = {
  identity: [(x) => x, () => one, () => new D(0)],
  tanh: [tanhRef, sech2Ref, (x) => tanhRef(x).times(sech2Ref(x)).times(-2)],
  sigmoid: [logisticRef, logisticDRef, logisticD2Ref],
  softplus: [softplusRef, logisticRef, logisticDRef],
  sin: [(x) => x.sin(), (x) => x.cos(), (x) => x.sin().neg()],
  gaussian: [bumpRef, (x) => bumpRef(x).times(x).neg(), (x) => bumpRef(x).times(x.pow(2).minus(1))],
};

/** The regularised ReLU, piece by piece, with the right-derivative convention at ±δ. */
export function regularizedReluReference(delta: number): Reference {
  const d = toDecimal(delta);
  const inner = (x: Dec): boolean => x.gte(d.neg()) && x.lt(d);
  return [
    (x) => (x.lt(d.neg()) ? new D(0) : inner(x) ? x.plus(d).pow(2).div(d.times(4)) : x),
    (x) => (x.lt(d.neg()) ? new D(0) : inner(x) ? x.plus(d).div(d.times(2)) : one),
    (x) => (inner(x) ? one.div(d.times(2)) : new D(0)),
  ];
}
