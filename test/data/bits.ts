/** Test helper: the raw bytes of a Float64Array, so that equality is bit equality (−0 ≠ 0, NaN payloads). */
export function bits(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
