// Bucket spans touched by route changes, merged before the buckets are rebuilt.

/** Sorts [b0, b1] pairs (flattened) and merges the overlapping or adjacent ones. */
export function mergeSpans(flat: readonly number[]): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i]!, flat[i + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const p of pairs) {
    const last = out[out.length - 1];
    if (last !== undefined && p[0] <= last[1] + 1) last[1] = Math.max(last[1], p[1]);
    else out.push(p);
  }
  return out;
}
