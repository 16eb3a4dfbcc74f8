// TrieNodes: the node pool and the edit walks shared by Trie4 and Trie6 (trie4.ts, trie6.ts).
//
// Memory layout: parallel typed arrays indexed by node id (struct of arrays).
//
//   len:     Uint8Array   prefix length of the node
//   val:     Int32Array   the route's value, or -1 for a glue node (a branch point, no route)
//   child0:  Int32Array   id of the child whose bit at `len` is 0, or 0 for none
//   child1:  Int32Array   id of the child whose bit at `len` is 1, or 0 for none
//
// Each trie keeps its own keys (one int32 a node for IPv4, four for IPv6) and its lookups
// (match, matchAll, walk), which stay monomorphic. Inserts, finds and removes are not on the
// lookup path: they run here, once for both families. The trie first loads the prefix they are
// about (`Trie4.load`, `Trie6.load`), then these walks ask about it through `loadedBit`,
// `loadedCommon`, `holdsLoaded` and `setKey`.
//
// The root (id 0) always exists and is never anyone's child, so 0 can mean "no child". Every
// other glue node has exactly two children, so the shape depends only on the set of prefixes,
// never on the order of inserts and removes. Freed ids are chained through child0 for reuse.
import { checkValue } from './bits.js';

/** The node pool and the insert, find and remove walks of a path-compressed binary radix trie. */
export abstract class TrieNodes {
  protected len = new Uint8Array(16);
  protected val = new Int32Array(16).fill(-1);
  protected child0 = new Int32Array(16);
  protected child1 = new Int32Array(16);
  private used = 1;
  private free = 0;
  private count = 0;
  /** The parent and grandparent of the node the last {@link TrieNodes.findLoaded} found. */
  private parent = -1;
  private grand = -1;

  /** The number of prefixes stored. */
  get size(): number {
    return this.count;
  }

  /** Bit `p` (0 = most significant) of node `id`'s key. */
  protected abstract keyBit(id: number, p: number): number;
  /** Bit `p` of the loaded prefix. */
  protected abstract loadedBit(p: number): number;
  /** How many leading bits node `id`'s key shares with the loaded prefix. */
  protected abstract loadedCommon(id: number): number;
  /** Whether node `id`, of the loaded prefix's length `plen`, is that very prefix. */
  protected abstract holdsLoaded(id: number, plen: number): boolean;
  /** Sets node `id`'s key to the first `len` bits of the loaded prefix (the rest clear). */
  protected abstract setKey(id: number, len: number): void;
  /** Grows the key storage to `cap` nodes, keeping the keys. */
  protected abstract growKeys(cap: number): void;

  private alloc(len: number, value: number): number {
    let id = this.free;
    if (id !== 0) {
      this.free = this.child0[id] ?? 0;
    } else {
      if (this.used === this.len.length) this.grow();
      id = this.used++;
    }
    this.setKey(id, len);
    this.len[id] = len;
    this.val[id] = value;
    this.child0[id] = 0;
    this.child1[id] = 0;
    return id;
  }

  private release(id: number): void {
    this.val[id] = -1;
    this.child1[id] = 0;
    this.child0[id] = this.free;
    this.free = id;
  }

  private grow(): void {
    const cap = this.len.length * 2;
    this.growKeys(cap);
    const len = new Uint8Array(cap);
    len.set(this.len);
    this.len = len;
    const val = new Int32Array(cap).fill(-1);
    val.set(this.val);
    this.val = val;
    const c0 = new Int32Array(cap);
    c0.set(this.child0);
    this.child0 = c0;
    const c1 = new Int32Array(cap);
    c1.set(this.child1);
    this.child1 = c1;
  }

  private setChild(parent: number, bit: number, child: number): void {
    if (bit === 0) this.child0[parent] = child;
    else this.child1[parent] = child;
  }

  /** The child of `node` on side `bit`, or 0 for none. */
  protected childOf(node: number, bit: number): number {
    return (bit === 0 ? this.child0[node] : this.child1[node]) ?? 0;
  }

  /**
   * Stores `value` for the loaded prefix of length `plen`, replacing any value it had.
   *
   * @throws RangeError when the value is not a non-negative int32
   */
  protected insertLoaded(plen: number, value: number): void {
    checkValue(value);
    let node = 0;
    for (;;) {
      const nlen = this.len[node] ?? 0;
      if (nlen === plen) {
        if ((this.val[node] ?? -1) < 0) this.count++;
        this.val[node] = value;
        return;
      }
      const bit = this.loadedBit(nlen);
      const child = this.childOf(node, bit);
      if (child === 0) {
        this.setChild(node, bit, this.alloc(plen, value));
        this.count++;
        return;
      }
      const clen = this.len[child] ?? 0;
      const common = Math.min(this.loadedCommon(child), clen, plen);
      if (common === clen) {
        node = child;
        continue;
      }
      if (common === plen) {
        const n = this.alloc(plen, value);
        this.setChild(n, this.keyBit(child, plen), child);
        this.setChild(node, bit, n);
      } else {
        const g = this.alloc(common, -1);
        const leaf = this.alloc(plen, value);
        this.setChild(g, this.keyBit(child, common), child);
        this.setChild(g, this.loadedBit(common), leaf);
        this.setChild(node, bit, g);
      }
      this.count++;
      return;
    }
  }

  /** The node holding exactly the loaded prefix (value or glue), or -1; notes its parent and grandparent. */
  private findLoaded(plen: number): number {
    let gp = -1;
    let parent = -1;
    let node = 0;
    while ((this.len[node] ?? 0) < plen) {
      const next = this.childOf(node, this.loadedBit(this.len[node] ?? 0));
      if (next === 0) return -1;
      gp = parent;
      parent = node;
      node = next;
    }
    if (this.len[node] !== plen || !this.holdsLoaded(node, plen)) return -1;
    this.parent = parent;
    this.grand = gp;
    return node;
  }

  /** The value stored for exactly the loaded prefix of length `plen`, or undefined. */
  protected getLoaded(plen: number): number | undefined {
    const node = this.findLoaded(plen);
    const v = node < 0 ? -1 : (this.val[node] ?? -1);
    return v < 0 ? undefined : v;
  }

  /** Removes the loaded prefix of length `plen`; returns false when it was not stored. */
  protected removeLoaded(plen: number): boolean {
    const node = this.findLoaded(plen);
    if (node < 0 || (this.val[node] ?? -1) < 0) return false;
    const parent = this.parent;
    const gp = this.grand;
    this.count--;
    this.val[node] = -1;
    if (node === 0) return true;
    const c0 = this.child0[node] ?? 0;
    const c1 = this.child1[node] ?? 0;
    if (c0 !== 0 && c1 !== 0) return true;
    const side = this.keyBit(node, this.len[parent] ?? 0);
    this.setChild(parent, side, c0 !== 0 ? c0 : c1);
    this.release(node);
    if (c0 === 0 && c1 === 0 && parent !== 0 && (this.val[parent] ?? -1) < 0) {
      // The parent was a glue node with two children; with one left it must go too.
      const rest = this.childOf(parent, side ^ 1);
      this.setChild(gp, this.keyBit(parent, this.len[gp] ?? 0), rest);
      this.release(parent);
    }
    return true;
  }
}
