// Lpm4Builder: keeps a route set and its compiled table in step, so one route change costs a
// patch instead of a compile.
//
// Memory layout: the builder owns a Trie4 (the truth), the directory of the last table, and a
// ChunkArena shared by every table it has handed out:
//
//   trie ──► table(): copy dir (4 B per bucket) ──► rebuild the buckets the changed prefixes span
//                                                   (their new chunks are appended to the arena)
//   arena: [ chunks of v1 ... | chunks patched in v2 | chunks patched in v3 | spare ]
//
// Tables handed out earlier keep their own directory and never see their chunks change.
// When dead chunks outnumber live ones, or the table has grown or shrunk 4x, the next table()
// compiles afresh into a new arena.
import { ChunkArena } from './internal/chunk-arena.js';
import { mergeSpans } from './internal/spans.js';
import { Lpm4, compileTrie4, fillBuckets4, type Route4 } from './lpm4.js';
import type { Prefix4 } from './prefix.js';
import { Trie4 } from './trie4.js';

/** Edits a route set and hands out immutable compiled {@link Lpm4} tables that share unchanged chunks. */
export class Lpm4Builder {
  private readonly trie = new Trie4();
  private bits = 1;
  private dir: Int32Array = new Int32Array(2);
  private arena = new ChunkArena(16);
  private current: Lpm4;
  private compiledSize = 0;
  private garbage = 0;
  private spans: number[] = [];

  /** @param routes - the initial routes (a prefix given twice keeps its last value) */
  constructor(routes: Iterable<Route4> = []) {
    for (const r of routes) this.trie.insert(r.prefix, r.value);
    this.current = this.recompile();
  }

  /** The number of routes in the set. */
  get size(): number {
    return this.trie.size;
  }

  /** The value stored for exactly `prefix`, or undefined. */
  get(prefix: Prefix4): number | undefined {
    return this.trie.get(prefix);
  }

  private recompile(): Lpm4 {
    const { table, arena, bits } = compileTrie4(this.trie, false);
    this.bits = bits;
    this.dir = table.dir;
    this.arena = arena;
    this.compiledSize = this.trie.size;
    this.garbage = 0;
    this.spans = [];
    return table;
  }

  private touch(prefix: Prefix4): void {
    const shift = 32 - this.bits;
    const last = prefix.network + 2 ** (32 - prefix.length) - 1;
    this.spans.push(prefix.network >>> shift, last >>> shift);
  }

  /**
   * Sets the value of `prefix` (adding the route or replacing its value).
   *
   * @throws RangeError when the prefix is not canonical or the value is not a non-negative int32
   */
  insert(prefix: Prefix4, value: number): void {
    if (this.trie.get(prefix) === value) return;
    this.trie.insert(prefix, value);
    this.touch(prefix);
  }

  /** Removes the route for `prefix`; returns false when there was none. */
  remove(prefix: Prefix4): boolean {
    if (!this.trie.remove(prefix)) return false;
    this.touch(prefix);
    return true;
  }

  /** The compiled table of the current routes. Cheap when nothing changed since the last call. */
  table(): Lpm4 {
    if (this.spans.length === 0) return this.current;
    const size = this.trie.size;
    const grown = size > 4 * this.compiledSize + 64 || 4 * size + 64 < this.compiledSize;
    if (grown || 2 * this.garbage > this.arena.used + 4096) {
      this.current = this.recompile();
      return this.current;
    }
    const dir = this.dir.slice();
    for (const [b0, b1] of mergeSpans(this.spans)) {
      for (let b = b0; b <= b1; b++) {
        const e = dir[b]!;
        if (e <= -2) this.garbage += this.arena.last(-e - 2) + 1;
      }
      fillBuckets4(this.trie, this.bits, dir, b0, b1, this.arena);
    }
    this.spans = [];
    this.dir = dir;
    this.current = new Lpm4(this.bits, dir, this.arena, size);
    return this.current;
  }
}
