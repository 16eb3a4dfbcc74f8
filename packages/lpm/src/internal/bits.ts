// Bit helpers shared by the tries and the compiled tables. JavaScript shifts count modulo 32,
// so `x << 32` is `x`: every mask goes through this table instead of a shift by (32 - length).

/** MASKS[n] = the uint32 (stored as int32) whose top n bits are set, for n in 0..32. */
export const MASKS: Int32Array = (() => {
  const m = new Int32Array(33);
  for (let n = 1; n <= 32; n++) m[n] = (0xffffffff << (32 - n)) | 0;
  return m;
})();

/** The top `n` bits of a 32-bit word as an int32 mask (n in 0..32). */
export function maskOf(n: number): number {
  return n <= 0 ? 0 : n >= 32 ? -1 : (0xffffffff << (32 - n)) | 0;
}

/** Bit `p` (0 = most significant) of a 32-bit word. */
export function bitAt(word: number, p: number): number {
  return (word >>> (31 - p)) & 1;
}

/** Checks that a value stored in a trie or table is a non-negative int32. */
export function checkValue(value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0x7fffffff) {
    throw new RangeError(`value ${value} is not an integer in 0..2147483647`);
  }
}
