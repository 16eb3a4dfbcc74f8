// Lpm6Builder: the IPv6 twin of lpm4-builder.ts; a route change rebuilds only the top-level
// buckets its prefix spans (with their child nodes), appending to arenas shared by versions.
//
// Memory layout: the builder owns a Trie6 (the truth), the top directory of the last table,
// and the arenas (child nodes, chunks of every level); both are append-only and
// shared with every table handed out, so earlier tables keep working on their own data:
//
//   nodes:  [ child nodes of v1 ... | child nodes rebuilt for v2 | ... | spare ]
//   chunks: [ chunks of v1 ...      | chunks rebuilt for v2      | ... | spare ]
import { maskOf } from './internal/bits.js';
import type { Arenas6 } from './internal/build6.js';
import { mergeSpans } from './internal/spans.js';
import { Lpm6, compileTrie6, fillBuckets6, type Route6 } from './lpm6.js';
import type { Prefix6 } from './prefix.js';
import { Trie6 } from './trie6.js';

/** Edits an IPv6 route set and hands out immutable compiled {@link Lpm6} tables. */
export class Lpm6Builder {
  private readonly trie = new Trie6();
  private bits = 1;
  private dir: Int32Array;
  private arenas: Arenas6;
  private current: Lpm6;
  private compiledSize = 0;
  private compiledBytes = 0;
  private spans: number[] = [];

  /** @param routes - the initial routes (a prefix given twice keeps its last value) */
  constructor(routes: Iterable<Route6> = []) {
    for (const r of routes) this.trie.insert(r.prefix, r.value);
    const c = compileTrie6(this.trie, false);
    this.dir = c.table.dir;
    this.arenas = c.arenas;
    this.current = c.table;
    this.adopt(c.bits);
  }

  private adopt(bits: number): void {
    this.bits = bits;
    this.compiledSize = this.trie.size;
    this.compiledBytes = this.used();
    this.spans = [];
  }

  private used(): number {
    return this.arenas.nodes.used + this.arenas.chunks.used;
  }

  /** The number of routes in the set. */
  get size(): number {
    return this.trie.size;
  }

  /** The value stored for exactly `prefix`, or undefined. */
  get(prefix: Prefix6): number | undefined {
    return this.trie.get(prefix);
  }

  private touch(prefix: Prefix6): void {
    const shift = 32 - this.bits;
    const first = prefix.words[0];
    const last = (first | ~maskOf(prefix.length)) >>> 0;
    this.spans.push(first >>> shift, last >>> shift);
  }

  /**
   * Sets the value of `prefix` (adding the route or replacing its value).
   *
   * @throws RangeError when the prefix is not canonical or the value is not a non-negative int32
   */
  insert(prefix: Prefix6, value: number): void {
    if (this.trie.get(prefix) === value) return;
    this.trie.insert(prefix, value);
    this.touch(prefix);
  }

  /** Removes the route for `prefix`; returns false when there was none. */
  remove(prefix: Prefix6): boolean {
    if (!this.trie.remove(prefix)) return false;
    this.touch(prefix);
    return true;
  }

  /** The compiled table of the current routes. Cheap when nothing changed since the last call. */
  table(): Lpm6 {
    if (this.spans.length === 0) return this.current;
    const size = this.trie.size;
    const grown = size > 4 * this.compiledSize + 64 || 4 * size + 64 < this.compiledSize;
    // Without per-chunk bookkeeping, bound the waste by what has been appended since the compile.
    const appended = this.used() - this.compiledBytes;
    if (grown || appended > this.compiledBytes + 4096) {
      const c = compileTrie6(this.trie, false);
      this.dir = c.table.dir;
      this.arenas = c.arenas;
      this.current = c.table;
      this.adopt(c.bits);
      return this.current;
    }
    const dir = this.dir.slice();
    for (const [b0, b1] of mergeSpans(this.spans)) {
      fillBuckets6(this.trie, this.bits, dir, b0, b1, this.arenas);
    }
    this.spans = [];
    this.dir = dir;
    this.current = new Lpm6(this.bits, dir, this.arenas, size);
    return this.current;
  }
}
