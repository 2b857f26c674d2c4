/**
 * The sum over the neurons of one layer, Σ_m c_m v_m with v_m a d-vector stored inside θ_{l,m}.
 *
 * Summation order (one convention, used by forward, adjoint, mixedLayerLoss and the generic network):
 * pairwise, splitting the index range [lo, hi) at lo + ⌊(hi − lo)/2⌋ down to single terms, each product
 * c_m·v_mj rounded once; so a range of two is p_lo + p_{lo+1} and a range of three is p_lo + (p_{lo+1} + p_{lo+2}).
 * Chosen over left-to-right summation because
 * (1) its rounding error grows like log2 M rather than M (Higham, Accuracy and Stability, §4.2: ≤ γ_{⌈log2 M⌉} Σ|p_m|),
 * (2) it makes neuron duplication exact: for the doubled layer (θ_1..θ_M, θ_1..θ_M) the top split falls at M,
 *     both halves are the same computation, and their sum is exactly twice the original sum (theory.md §4,
 *     claim 17 "bitwise up to summation order" becomes bitwise). Any rule with leaves of more than one term
 *     summed left to right breaks this for small M (a leaf of 2M ≤ 8 terms is not twice a leaf of M terms), so
 *     the kernel keeps this tree and removes the recursion instead: neuronSumPlan lists its leaves (ranges of
 *     one to three terms, written out as above) and its merges, which neuronSumTransposed replays in a loop.
 */

/**
 * out[j] = Σ_{m=lo}^{hi−1} coef[coefOffset + m] · theta[(rowBase + m)·k + vecOffset + j], j = 0..d−1, summed
 * pairwise (the readable recursive form; the kernel replays the same tree with neuronSumPlan).
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

/** Scratch length needed by neuronSum for width M and dimension d (one d-vector per tree level). */
export function neuronSumScratchLength(M: number, d: number): number {
  return d * (Math.ceil(Math.log2(Math.max(M, 1))) + 2);
}

/**
 * The tree of neuronSum for width M as data: leaf q covers the terms [leafStart[q], leafStart[q + 1]) (one,
 * two or three of them, summed as p0, p0 + p1 or p0 + (p1 + p2); M = 1 is the only one-term leaf), and the
 * merges, in post-order, are pairs (a, b) of leaf indices meaning "sum[a] ← sum[a] + sum[b]" (a is the first
 * leaf of the left subtree, b of the right one, each already complete). Computing the leaves in any order and
 * then replaying the merges in order leaves the total in sum[0], with exactly the additions of neuronSum.
 */
export interface NeuronSumPlan {
  readonly M: number;
  readonly leaves: number;
  /** Length leaves + 1; leafStart[leaves] = M. */
  readonly leafStart: Int32Array;
  /** Length 2·(leaves − 1): (a, b) pairs. */
  readonly merges: Int32Array;
}

/** The plan of the neuron sum of M ≥ 1 terms (see NeuronSumPlan). */
export function neuronSumPlan(M: number): NeuronSumPlan {
  const starts: number[] = [];
  const merges: number[] = [];
  const build = (lo: number, hi: number): number => {
    if (hi - lo <= 3) {
      starts.push(lo);
      return starts.length - 1;
    }
    const mid = lo + ((hi - lo) >> 1);
    const a = build(lo, mid);
    const b = build(mid, hi);
    merges.push(a, b);
    return a;
  };
  build(0, Math.max(M, 1));
  starts.push(Math.max(M, 1));
  return { M, leaves: starts.length - 1, leafStart: Int32Array.from(starts), merges: Int32Array.from(merges) };
}

/**
 * The kernel's neuron sum: out[outOffset + j] = Σ_m coef[coefOffset + m] · vT[vOffset + j·M + m] in the order
 * of `plan` (the same bits as neuronSum), with the vectors stored transposed (d rows of M, e.g. the u's of one
 * layer as uᵀ) so that the loads are contiguous; no recursion and no allocation.
 * @param buf scratch of length ≥ d·plan.leaves (overwritten)
 */
export function neuronSumTransposed(
  plan: NeuronSumPlan,
  d: number,
  vT: Float64Array,
  vOffset: number,
  coef: Float64Array,
  coefOffset: number,
  buf: Float64Array,
  out: Float64Array,
  outOffset: number,
): void {
  const { M, leaves, leafStart, merges } = plan;
  for (let j = 0; j < d; j++) {
    const row = vOffset + j * M - coefOffset;
    const b0 = j * leaves;
    for (let q = 0; q < leaves; q++) {
      const lo = coefOffset + leafStart[q];
      const hi = coefOffset + leafStart[q + 1];
      const n = hi - lo;
      buf[b0 + q] =
        n === 2
          ? coef[lo] * vT[row + lo] + coef[lo + 1] * vT[row + lo + 1]
          : n === 3
            ? coef[lo] * vT[row + lo] + (coef[lo + 1] * vT[row + lo + 1] + coef[lo + 2] * vT[row + lo + 2])
            : coef[lo] * vT[row + lo];
    }
    for (let p = 0; p < merges.length; p += 2) buf[b0 + merges[p]] += buf[b0 + merges[p + 1]];
    out[outOffset + j] = buf[b0];
  }
}
