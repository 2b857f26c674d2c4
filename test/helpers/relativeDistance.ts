/** max_p |a_p − b_p| / max(1e-300, max_p |b_p|): the distance of a to b relative to b's scale. */
export function relativeDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let diff = 0;
  let size = 1e-300;
  for (let p = 0; p < b.length; p++) {
    diff = Math.max(diff, Math.abs(a[p] - b[p]));
    size = Math.max(size, Math.abs(b[p]));
  }
  return diff / size;
}
