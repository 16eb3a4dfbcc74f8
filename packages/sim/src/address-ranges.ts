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
  return Array.from(unionOf([pairs]));
}

/**
 * The union of the [lo, hi] pairs of all `parts` (any order) as sorted disjoint pairs, adjacent
 * ones joined: a sweep over the starts and the ends (hi + 1) sorted apart, a start before an end
 * at the same address, so the depth drops to 0 only at a gap. No pair objects, no comparator.
 */
export function unionOf(parts: readonly ArrayLike<number>[]): Float64Array {
  let p = 0;
  for (const x of parts) p += x.length >> 1;
  const starts = new Float64Array(p);
  const ends = new Float64Array(p);
  let k = 0;
  for (const x of parts)
    for (let i = 0; i + 1 < x.length; i += 2) {
      starts[k] = x[i]!;
      ends[k++] = x[i + 1]! + 1;
    }
  starts.sort();
  ends.sort();
  const out = new Float64Array(2 * p);
  let n = 0;
  let depth = 0;
  for (let i = 0, j = 0; i < p || j < p;) {
    if (i < p && starts[i]! <= ends[j]!) {
      if (depth++ === 0) out[n++] = starts[i]!;
      i++;
    } else {
      if (--depth === 0) out[n++] = ends[j]! - 1;
      j++;
    }
  }
  return out.slice(0, n);
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
