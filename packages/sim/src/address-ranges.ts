/**
 * Address ranges as flat arrays of inclusive `[lo, hi]` pairs of uint32 numbers (sorted and
 * disjoint unless a function says otherwise): the set operations of exact coverage (coverage.ts).
 */

/** Sorted disjoint inclusive ranges as flat pairs, minus `cut` (also sorted disjoint pairs). */
export function subtract(keep: readonly number[], cut: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < keep.length; i += 2) {
    let lo = keep[i]!;
    const hi = keep[i + 1]!;
    while (j < cut.length && cut[j + 1]! < lo) j += 2;
    let k = j;
    while (lo <= hi && k < cut.length && cut[k]! <= hi) {
      if (cut[k]! > lo) out.push(lo, cut[k]! - 1);
      lo = Math.max(lo, cut[k + 1]! + 1);
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

/** Merges [lo, hi] pairs (any order) into sorted disjoint pairs, joining adjacent ones. */
export function mergePairs(pairs: readonly number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) idx.push(i);
  idx.sort((a, b) => pairs[a]! - pairs[b]!);
  const out: number[] = [];
  for (const i of idx) {
    const lo = pairs[i]!;
    const hi = pairs[i + 1]!;
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

/** Is `x` in one of the sorted disjoint pairs? (binary search) */
export function inPairs(pairs: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = (pairs.length >> 1) - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (x < pairs[2 * m]!) hi = m - 1;
    else if (x > pairs[2 * m + 1]!) lo = m + 1;
    else return true;
  }
  return false;
}

/** The number of addresses the pairs hold. */
export function total(pairs: readonly number[]): number {
  let t = 0;
  for (let i = 0; i < pairs.length; i += 2) t += pairs[i + 1]! - pairs[i]! + 1;
  return t;
}
