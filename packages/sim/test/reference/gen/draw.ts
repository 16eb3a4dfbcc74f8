/**
 * Choices for the scenario generators. A builder asks a `Draw` for small integers, coin flips and
 * picks; the draws come from fast-check's `gen()`, so a failing scenario shrinks by shrinking its
 * choices. Every choice shrinks towards its simplest value: `int` to `min`, `bool` to `false` (the
 * feature left out), `pick` to the first element (builders list the plainest option first).
 */
import * as fc from 'fast-check';

/** The choices a builder makes. */
export interface Draw {
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p` (default one half); shrinks to false. */
  bool(p?: number): boolean;
  /** One element of a non-empty list; shrinks to the first. */
  pick<T>(xs: readonly T[]): T;
  /** A sub-list (order kept) where each element is kept with probability `p`. */
  some<T>(xs: readonly T[], p?: number): T[];
}

/** A `Draw` over fast-check's `gen()` value. */
export function drawFrom(g: fc.GeneratorValue): Draw {
  const int = (min: number, max: number): number => (max <= min ? min : g(fc.integer, { min, max }));
  return {
    int,
    bool: (p = 0.5) => int(0, 99) >= 100 - Math.round(p * 100),
    pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!,
    some<T>(xs: readonly T[], p = 0.5): T[] {
      return xs.filter(() => int(0, 99) >= 100 - Math.round(p * 100));
    },
  };
}
