import { describe, expect, it } from 'vitest';
import { tanh, type Activation } from '../../src/activations/index.js';
import { checkPoint, describeActivationContract, type ActivationCase } from './contract.js';
import { REFERENCES } from './references.js';
import { D, nearestDouble, nextDown, toDecimal, ulpError } from './ulp.js';
import { TANH_A0, TANH_A1, sech2Value, tanhAndSech2, tanhAndSech2Range, tanhValue } from '../../src/activations/tanhSech2.js';
import { randomStream } from '../../src/init/index.js';

/**
 * Bounds from the docstring of src/activations/tanhSech2.ts: σ ≤ 5.67u; σ' = sech² ≤ 7.33u;
 * σ'' ≤ 14u (tanh.ts); a relative error ≤ k·u is < k ulps. sup|σ'''| = 2 (at 0; σ''' = −2(1 − t²)(1 − 3t²)),
 * sup|σ''''| = max over t ∈ [−1, 1] of |16t(1 − t²)(1 − 3t²/2)| ≈ 4.086 < 4.1.
 */
const tanhCase: ActivationCase = {
  activation: tanh,
  reference: REFERENCES.tanh,
  ulps: [5.67, 7.33, 14],
  d3: 2,
  d4: 4.1,
  extraGrid: [0.25, 0.6584789484624084, Math.LN2 / 2, nextDown(Math.LN2 / 2), 2, 19, 19.1, 19.5, nextDown(19.5), 354, 354.6, 360, 372, 400],
};

describeActivationContract('tanh', tanhCase);

describe('tanh: the tail traps', () => {
  it('tanh(20) rounds to exactly 1, as the 50-digit reference does', () => {
    expect(tanh.sigma(20)).toBe(1);
    expect(nearestDouble(REFERENCES.tanh[0](new D(20)))).toBe(1);
  });

  it("tanh'(20) ≈ 1.70e−17 is non-zero and accurate (1 − tanh² would give 0)", () => {
    const ref = REFERENCES.tanh[1](new D(20));
    expect(ref.gt('1.69e-17') && ref.lt('1.71e-17')).toBe(true);
    expect(tanh.dsigma(20)).toBeGreaterThan(0);
    expect(ulpError(tanh.dsigma(20), ref)).toBeLessThanOrEqual(7.33);
    expect(ulpError(tanh.d2sigma(-20), REFERENCES.tanh[2](new D(-20)))).toBeLessThanOrEqual(14);
  });

  it("tanh' stays finite and accurate past cosh's overflow at |r| = 710", () => {
    for (const r of [-710, 710, 350.5]) {
      expect(ulpError(tanh.dsigma(r), REFERENCES.tanh[1](toDecimal(r)))).toBeLessThanOrEqual(7.33);
    }
  });

  it("negative control: the textbook σ' = 1 − tanh² is rejected by the same check", () => {
    const naive: Activation = { ...tanh, dsigma: (r) => 1 - Math.tanh(r) ** 2 };
    expect(checkPoint({ ...tanhCase, activation: naive }, 20, 'negative control').length).toBeGreaterThan(0);
  });
});

/**
 * The accuracy of the fast tanh/sech² measured, not only derived: 120 000 seeded points against decimal.js,
 * spread over every range the code distinguishes (near 0 down to 1e−300, around the switch points A0 = ln2/2
 * and A1 = 19.5, moderate arguments, the tails to 400, both signs). The reference takes the exact binary value
 * of r (significand × 2^e) into a 30-digit clone and one exponential E = e^{−2|r|} per point:
 * tanh = (1 − E)/(1 + E), sech² = 4E/(1 + E)² (1 − E loses ≤ 6 of the 30 digits for |r| ≥ 1e−6; below, the
 * series r − r³/3 + 2r⁵/15 and 1 − tanh², truncation < r⁷ < 1e−42 relative). It is itself checked against the
 * 50-digit references of references.ts on 500 of the points. One exponential per point keeps the test near a minute.
 */
describe('tanh: measured accuracy of tanhSech2 over 1.2·10⁵ points', () => {
  const D30 = D.clone({ precision: 30 });
  const powers = new Map<number, InstanceType<typeof D30>>();
  /** r as a 30-digit decimal: significand (exact, ≤ 2⁵³) times 2^e (decimal.js pow, cached), one rounding. */
  const exact = (x: number): InstanceType<typeof D30> => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, Math.abs(x));
    const hi = view.getUint32(0);
    const ex = (hi >>> 20) & 0x7ff;
    const mant = ((BigInt(hi & 0xfffff) << 32n) | BigInt(view.getUint32(4))) | (ex ? 1n << 52n : 0n);
    const e = ex ? ex - 1075 : -1074;
    let p = powers.get(e);
    if (p === undefined) powers.set(e, (p = new D30(2).pow(e)));
    const v = new D30(mant.toString()).times(p);
    return x < 0 ? v.neg() : v;
  };
  const reference = (r: number): [InstanceType<typeof D30>, InstanceType<typeof D30>] => {
    const x = exact(r);
    const a = x.abs();
    if (a.lt('1e-6')) {
      const a2 = a.times(a);
      const t = a.times(new D30(1).minus(a2.div(3)).plus(a2.times(a2).times(2).div(15)));
      return [x.isNeg() ? t.neg() : t, new D30(1).minus(t.times(t))];
    }
    const E = a.times(-2).exp();
    const t = new D30(1).minus(E).div(E.plus(1));
    return [x.isNeg() ? t.neg() : t, E.times(4).div(E.plus(1).pow(2))];
  };
  const rng = randomStream(2026, 'test', 'tanhSech2');
  const uni = (lo: number, hi: number): number => lo + (hi - lo) * rng.uniform();
  const sign = (x: number): number => (rng.uniform() < 0.5 ? -x : x);
  const points: number[] = [];
  for (let q = 0; q < 20_000; q++) points.push(sign(10 ** uni(-300, 0))); // near 0, log-uniform
  for (let q = 0; q < 20_000; q++) points.push(sign(uni(0, 3))); // where networks live
  for (let q = 0; q < 20_000; q++) points.push(sign(TANH_A0 * (1 + uni(-1e-3, 1e-3)))); // around A0
  for (let q = 0; q < 20_000; q++) points.push(sign(uni(3, TANH_A1 + 2))); // tail, across A1
  for (let q = 0; q < 20_000; q++) points.push(sign(uni(TANH_A1, 400))); // far tail (σ' normal below 354.6)
  for (let q = 0; q < 20_000; q++) points.push(sign(10 ** uni(-8, 2.6))); // log-uniform over all scales

  it('the fast 30-digit reference agrees with the 50-digit references of references.ts', () => {
    for (const r of points.filter((_, q) => q % 240 === 0)) {
      const [t, s2] = reference(r);
      const x = toDecimal(r);
      for (const [got, want] of [[t, REFERENCES.tanh[0](x)], [s2, REFERENCES.tanh[1](x)]] as const) {
        expect(new D(got).minus(want).abs().lte(want.abs().times('1e-22'))).toBe(true);
      }
    }
  });

  it('σ within 5.67 ulps and σ′ within 7.33 ulps of the reference at every point; 1 − tanh² is not', { timeout: 900_000 }, () => {
    const bad: string[] = [];
    let worstSigma = 0;
    let worstDsigma = 0;
    let worstTextbook = 0;
    for (const r of points) {
      const [t, s2] = reference(r);
      const e0 = ulpError(tanhValue(r), new D(t));
      const e1 = ulpError(sech2Value(r), new D(s2));
      worstSigma = Math.max(worstSigma, e0);
      worstDsigma = Math.max(worstDsigma, e1);
      // negative control: the textbook derivative, measured by the same code
      if (Math.abs(r) < 19) worstTextbook = Math.max(worstTextbook, ulpError(1 - tanhValue(r) ** 2, new D(s2)));
      if (e0 > 5.67 || e1 > 7.33) bad.push(`r=${r}: ${e0} / ${e1} ulps`);
    }
    if (process.env.ULP_REPORT) {
      console.log(`tanhSech2 over ${points.length} points: worst σ ${worstSigma.toFixed(3)} ulps, σ' ${worstDsigma.toFixed(3)} ulps; 1 − tanh²: ${worstTextbook.toExponential(2)} ulps`);
    }
    expect(points.length).toBeGreaterThanOrEqual(100_000);
    expect(bad).toEqual([]);
    expect(worstTextbook).toBeGreaterThan(1e6);
  });

  it('the fused tanhAndSech2 and tanhAndSech2Range store exactly tanhValue and sech2Value (bit for bit); tanh(±0) = ±0, NaN stays NaN', () => {
    const all = Float64Array.from([...points, 0, -0, Infinity, -Infinity, NaN, TANH_A0, nextDown(TANH_A0), TANH_A1, nextDown(TANH_A1), 1e308]);
    const s = new Float64Array(1);
    const ds = new Float64Array(1);
    const sR = new Float64Array(all.length + 2);
    const dsR = new Float64Array(all.length + 2);
    const rR = new Float64Array(all.length + 2);
    rR.set(all, 1);
    tanhAndSech2Range(rR, sR, dsR, 1, all.length + 1);
    let differing = 0;
    all.forEach((r, q) => {
      tanhAndSech2(r, s, ds, 0);
      if (!Object.is(s[0], tanhValue(r)) || !Object.is(ds[0], sech2Value(r))) differing++;
      if (!Object.is(sR[q + 1], tanhValue(r)) || !Object.is(dsR[q + 1], sech2Value(r))) differing++;
    });
    expect(differing).toBe(0);
    expect([sR[0], dsR[0], sR[all.length + 1], dsR[all.length + 1]]).toEqual([0, 0, 0, 0]); // outside the range: untouched
    expect(Object.is(tanhValue(-0), -0)).toBe(true);
    expect(Object.is(tanhValue(0), 0)).toBe(true);
    expect(tanhValue(NaN)).toBeNaN();
    expect(sech2Value(NaN)).toBeNaN();
    expect([tanhValue(-Infinity), sech2Value(Infinity)]).toEqual([-1, 0]);
  });
});
