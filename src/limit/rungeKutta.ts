/**
 * Explicit Runge–Kutta one-step solvers with a declared order, each built from its Butcher tableau, which
 * checks its own consistency when built (row sums of A equal c; weights sum to 1). The order is verified by a
 * measured slope in test/limit/rungeKutta.test.ts.
 *
 * Of the classical fourth-order methods (Kutta's 3/8 rule, Gill's, the "classic" RK4), the classic RK4 is
 * used: the simplest tableau, and the reference the literature quotes.
 */
import type { VectorField } from './depthField.js';

export interface ButcherTableau {
  name: string;
  /** Declared order of accuracy p: global error O(h^p). */
  order: number;
  /** Lower-triangular stage matrix, s × s. */
  a: readonly (readonly number[])[];
  /** Stage weights, length s. */
  b: readonly number[];
  /** Stage times, length s. */
  c: readonly number[];
}

/** @throws Error when the tableau is inconsistent (Σ_j a_ij ≠ c_i, Σ b ≠ 1, not explicit). */
export function checkTableau(t: ButcherTableau): ButcherTableau {
  const s = t.b.length;
  const close = (x: number, y: number) => Math.abs(x - y) <= 4 * Number.EPSILON;
  if (t.a.length !== s || t.c.length !== s) throw new Error(`${t.name}: A, b, c sizes differ`);
  t.a.forEach((row, i) => {
    if (row.length !== s || row.some((v, j) => j >= i && v !== 0)) throw new Error(`${t.name}: A is not strictly lower triangular`);
    if (!close(row.reduce((x, y) => x + y, 0), t.c[i])) throw new Error(`${t.name}: row ${i} of A does not sum to c_${i}`);
  });
  if (!close(t.b.reduce((x, y) => x + y, 0), 1)) throw new Error(`${t.name}: weights do not sum to 1`);
  return t;
}

export const RK4 = checkTableau({
  name: 'classic RK4',
  order: 4,
  a: [
    [0, 0, 0, 0],
    [0.5, 0, 0, 0],
    [0, 0.5, 0, 0],
    [0, 0, 1, 0],
  ],
  b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
  c: [0, 0.5, 0.5, 1],
});

/** Forward Euler: the discrete ResNet's own step (z_{l+1} = z_l + (1/L) F(t_l, z_l)), order 1. */
export const EULER = checkTableau({ name: 'forward Euler', order: 1, a: [[0]], b: [1], c: [0] });

/**
 * One step z ← z + h Σ_i b_i k_i of the tableau, in place.
 * @param z state, length d (overwritten)
 */
export function rungeKuttaStep(tableau: ButcherTableau, field: VectorField, t: number, z: Float64Array, h: number): void {
  const s = tableau.b.length;
  const d = z.length;
  const k = Array.from({ length: s }, () => new Float64Array(d));
  const y = new Float64Array(d);
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < d; j++) {
      let acc = z[j];
      for (let q = 0; q < i; q++) acc += h * tableau.a[i][q] * k[q][j];
      y[j] = acc;
    }
    field(t + tableau.c[i] * h, y, k[i]);
  }
  for (let j = 0; j < d; j++) {
    let acc = 0;
    for (let i = 0; i < s; i++) acc += tableau.b[i] * k[i][j];
    z[j] += h * acc;
  }
}
