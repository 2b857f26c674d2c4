/**
 * The sum over the neurons of one layer, Σ_m c_m v_m with v_m a d-vector stored inside θ_{l,m}.
 *
 * Summation order (one convention, used by forward and adjoint alike): pairwise, splitting the index range
 * [lo, hi) at lo + ⌊(hi − lo)/2⌋ down to single terms. Chosen over left-to-right summation because
 * (1) its rounding error grows like log2 M rather than M (Higham, Accuracy and Stability, §4.2), and
 * (2) it makes neuron duplication exact: for the doubled layer (θ_1..θ_M, θ_1..θ_M) the top split falls at M,
 * both halves are the same computation, and their sum is exactly twice the original sum (theory.md §4,
 * claim 17 "bitwise up to summation order" becomes bitwise).
 */

/**
 * out[j] = Σ_{m=lo}^{hi−1} coef[coefOffset + m] · theta[(rowBase + m)·k + vecOffset + j], j = 0..d−1, summed pairwise.
 *
 * @param theta  parameters, layout (L, M, k) with k = 2d + 1
 * @param rowBase l·M for layer l
 * @param vecOffset 0 to sum the u vectors, d to sum the w vectors
 * @param coef   per-neuron coefficients read at coefOffset + m (e.g. σ(r_m), or σ'(r_m)·u_mᵀλ)
 * @param out    result, length d (overwritten)
 * @param scratch workspace of length ≥ d·(⌈log2 M⌉ + 1), not read
 */
export function neuronSum(
  theta: Float64Array,
  rowBase: number,
  k: number,
  vecOffset: number,
  d: number,
  coef: Float64Array,
  coefOffset: number,
  lo: number,
  hi: number,
  out: Float64Array,
  outOffset: number,
  scratch: Float64Array,
  scratchOffset: number,
): void {
  const n = hi - lo;
  if (n === 1) {
    const c = coef[coefOffset + lo];
    const off = (rowBase + lo) * k + vecOffset;
    for (let j = 0; j < d; j++) out[outOffset + j] = c * theta[off + j];
    return;
  }
  // n = 2 and n = 3 written out: the same tree (split at lo + ⌊n/2⌋), without the calls.
  if (n === 2) {
    const [c0, c1] = [coef[coefOffset + lo], coef[coefOffset + lo + 1]];
    const [o0, o1] = [(rowBase + lo) * k + vecOffset, (rowBase + lo + 1) * k + vecOffset];
    for (let j = 0; j < d; j++) out[outOffset + j] = c0 * theta[o0 + j] + c1 * theta[o1 + j];
    return;
  }
  if (n === 3) {
    const [c0, c1, c2] = [coef[coefOffset + lo], coef[coefOffset + lo + 1], coef[coefOffset + lo + 2]];
    const o0 = (rowBase + lo) * k + vecOffset;
    const [o1, o2] = [o0 + k, o0 + 2 * k];
    for (let j = 0; j < d; j++) out[outOffset + j] = c0 * theta[o0 + j] + (c1 * theta[o1 + j] + c2 * theta[o2 + j]);
    return;
  }
  const mid = lo + ((hi - lo) >> 1);
  neuronSum(theta, rowBase, k, vecOffset, d, coef, coefOffset, lo, mid, out, outOffset, scratch, scratchOffset);
  neuronSum(theta, rowBase, k, vecOffset, d, coef, coefOffset, mid, hi, scratch, scratchOffset, scratch, scratchOffset + d);
  for (let j = 0; j < d; j++) out[outOffset + j] += scratch[scratchOffset + j];
}

/** Scratch length needed by neuronSum for width M and dimension d. */
export function neuronSumScratchLength(M: number, d: number): number {
  return d * (Math.ceil(Math.log2(Math.max(M, 1))) + 2);
}
