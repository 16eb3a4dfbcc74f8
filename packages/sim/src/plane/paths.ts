/**
 * Interned packet paths. Flows that cross the same nodes share one path id, so a state change
 * marks a few hundred paths as affected instead of testing millions of flows node by node.
 *
 *   index: open-addressing hash (Int32Array, power-of-two size) → path id
 *   path id p: nodes[offsets[p] .. offsets[p + 1])   (a growable Int32Array)
 */
import { unionOf } from '../address-ranges.js';

export class PathTable {
  private index = new Int32Array(1024).fill(-1);
  private hashes: number[] = [];
  private nodes = new Int32Array(4096);
  private offsets: number[] = [0];
  get size(): number {
    return this.hashes.length;
  }

  /** The id of the path `buf[0..len)`, interning it when new. */
  intern(buf: Int32Array, len: number): number {
    let h = 0x811c9dc5 ^ len;
    for (let i = 0; i < len; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
    h >>>= 0;
    const mask = this.index.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const p = this.index[slot]!;
      if (p < 0) return this.insert(slot, h, buf, len);
      if (this.hashes[p] === h && this.equals(p, buf, len)) return p;
    }
  }

  private equals(p: number, buf: Int32Array, len: number): boolean {
    const o = this.offsets[p]!;
    if (this.offsets[p + 1]! - o !== len) return false;
    for (let i = 0; i < len; i++) if (this.nodes[o + i] !== buf[i]) return false;
    return true;
  }

  private insert(slot: number, h: number, buf: Int32Array, len: number): number {
    const p = this.hashes.length;
    const o = this.offsets[p]!;
    if (o + len > this.nodes.length) {
      const grown = new Int32Array(Math.max(this.nodes.length * 2, o + len));
      grown.set(this.nodes);
      this.nodes = grown;
    }
    this.nodes.set(buf.subarray(0, len), o);
    this.offsets.push(o + len);
    this.hashes.push(h);
    this.index[slot] = p;
    if (this.hashes.length * 2 > this.index.length) this.rehash();
    return p;
  }

  private rehash(): void {
    const index = new Int32Array(this.index.length * 2).fill(-1);
    const mask = index.length - 1;
    this.hashes.forEach((h, p) => {
      let slot = h & mask;
      while (index[slot]! >= 0) slot = (slot + 1) & mask;
      index[slot] = p;
    });
    this.index = index;
  }

  /** Calls `f` with every node of path `p`. */
  forEachNode(p: number, f: (node: number) => void): void {
    for (let i = this.offsets[p]!, end = this.offsets[p + 1]!; i < end; i++) f(this.nodes[i]!);
  }

  /** Marks in `out` (by path id) every path that crosses a node for which `changed[node]` is 1. */
  affected(changed: Uint8Array, out: Uint8Array): number {
    let n = 0;
    for (let p = 0; p < this.hashes.length; p++) {
      let hit = 0;
      for (let i = this.offsets[p]!, end = this.offsets[p + 1]!; i < end; i++) {
        const node = this.nodes[i]!;
        if (node < changed.length && changed[node] === 1) {
          hit = 1;
          break;
        }
      }
      out[p] = hit;
      n += hit;
    }
    return n;
  }

  /**
   * For each affected path whose changed nodes are all tables with known changed ranges: the
   * union of those ranges (only flows to those destinations can decide differently). Undefined
   * for paths that must be re-forwarded whole.
   */
  narrowing(
    changed: Uint8Array,
    ranges: Map<number, Float64Array>,
    affected: Uint8Array,
  ): (Float64Array | undefined)[] {
    const out: (Float64Array | undefined)[] = [];
    // Many paths cross the same changed tables: their union is computed once per set of nodes.
    const memo = new Map<string, Float64Array>();
    const nodes: number[] = [];
    for (let p = 0; p < this.hashes.length; p++) {
      if (affected[p] !== 1) continue;
      nodes.length = 0;
      let whole = false;
      for (let i = this.offsets[p]!, end = this.offsets[p + 1]!; i < end; i++) {
        const node = this.nodes[i]!;
        if (node >= changed.length || changed[node] !== 1) continue;
        if (!ranges.has(node)) {
          whole = true;
          break;
        }
        nodes.push(node);
      }
      if (whole) continue;
      const key = nodes.length === 1 ? String(nodes[0]) : [...new Set(nodes)].sort((a, b) => a - b).join(',');
      let union = memo.get(key);
      if (!union) {
        union = unionOf(key.split(',').map((n) => ranges.get(Number(n))!));
        memo.set(key, union);
      }
      out[p] = union;
    }
    return out;
  }
}
