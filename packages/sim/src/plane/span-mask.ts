/**
 * Span masks (issue 14: cost that follows the change): a walk in narrowing mode (classes.ts)
 * carries a set of destination ranges instead of one span, so that one walk answers for every
 * destination a big table forwards alike, wherever they lie.
 *
 * Without a mask a walk narrows its span to the segment of each table holding the destination,
 * so a site table of 500,000 prefixes, each through one of a few connections, costs one walk per
 * prefix. With a mask, at a table with many segments in the span (cuts.ts `maskMin`), the mask is
 * split by the tables's action ids (cuts.ts `ActionSegments.act`): the destination's action keeps
 * walking, and every other action's ranges go to the work stack, to be walked on their own. A
 * table with few segments narrows the span as before; what of the mask then lies outside the span
 * is left for another walk ({@link SpanMask.finish}). So a class's destinations cost one walk per
 * distinct way through the plane, plus linear passes over the ranges.
 *
 * Every address of a mask lies in one segment of the plane's cuts (cuts.ts), so the walk's address
 * comparisons agree on all of them; each table consulted agrees by construction. No allocation per
 * walk: buffers grow and are reused.
 */
import { maskMin, segmentIndex, type ActionSegments } from './cuts.js';

/**
 * A root split, kept to be replayed (issue 14: the classes of many groups reach one big table with
 * the same mask, e.g. every internet-bound class of a network kind at a site table of 500,000
 * prefixes, and its split costs a pass over every segment in the span). Its result is a function
 * of the table's segments, the span, the kept action and the mask: a split of the same mask at the
 * same segments replays it (copies, and one pass over the mask) instead of cutting it again.
 */
interface RootSplit {
  readonly table: number;
  readonly spanLo: number;
  readonly spanHi: number;
  readonly keep: number;
  /** The mask split (its sorted pairs). */
  readonly mask: Float64Array<ArrayBuffer>;
  /** The pieces inside the span, by action (each action's ascending). */
  readonly placed: Float64Array<ArrayBuffer>;
  /** Every other action's pieces, as pushed: (action, first piece, end piece) triples. */
  readonly pushed: Int32Array<ArrayBuffer>;
  readonly keepFrom: number;
  readonly keepLen: number;
  readonly pieces: Float64Array<ArrayBuffer>;
  readonly act: Int32Array<ArrayBuffer>;
  readonly size: Float64Array<ArrayBuffer>;
  readonly ranges: Float64Array<ArrayBuffer>;
}

/**
 * The last root splits of a table's segments, newest first (per thread). A class's destinations
 * are walked one cut segment at a time, so several masks take turns at one table.
 */
const rootSplits = new WeakMap<ActionSegments, RootSplit[]>();
const ROOT_SPLITS_KEPT = 8;

/**
 * Lets the root splits of `seg` go: walks no longer reach them once newer segments replaced them
 * (ref-spans.ts `repoint`), and a class that still holds `seg` keeps its segments alive, not these
 * copies of masks.
 */
export function forgetRootSplits(seg: ActionSegments): void {
  rootSplits.delete(seg);
}

/**
 * Whether a root split of `pieces` pieces from a mask of `pairs` ranges is kept ({@link RootSplit}):
 * when it saves far more than the comparison of masks costs. Scales with maskMin, so tests that
 * lower it replay small splits too.
 */
const replayable = (pieces: number, pairs: number): boolean =>
  pieces >= 16 * maskMin() && pieces >= 8 * pairs;

/** A walk's destination mask and the stack of ranges still to walk (see the file comment). */
export class SpanMask {
  /** The mask: sorted disjoint [lo, hi] pairs in buf[0, n). */
  buf = new Float64Array(64);
  n = 0;
  private tmp = new Float64Array(64);
  /** Work stack: ranges in work[0, workN); items as (offset, length) pairs in items[0, itemN). */
  private work = new Float64Array(64);
  private workN = 0;
  private items = new Int32Array(32);
  private itemN = 0;
  /** Pieces of a split, by action (counting sort), and the count per action. */
  private pieces = new Float64Array(64);
  private pieceAct = new Int32Array(32);
  private count = new Int32Array(16);
  private offset = new Int32Array(16);
  /** Tables this walk split the mask at. */
  private readonly splitAt = new Int32Array(64);
  private splitN = 0;
  /** Splits made since this mask was created (a caller compares it before and after its walks). */
  splits = 0;
  /** Per work item: the root split's action it holds, or -1 (see {@link arm}). */
  private tags = new Int32Array(16);
  /** The mask being walked: the root split's action it holds, or -1. */
  tag = -1;
  /**
   * The root split: the first split since {@link arm}. Its table's segments (null: none yet), the
   * span it split, the ranges it split (the mask inside that span), and the addresses per action.
   */
  root: ActionSegments | null = null;
  rootLo = 0;
  rootHi = 0;
  rootRanges = new Float64Array(16);
  rootRangeN = 0;
  rootSize = new Float64Array(16);
  /** The root split's pieces in address order, and their actions. */
  rootPieces = new Float64Array(64);
  rootAct = new Int32Array(32);
  rootN = 0;
  private armed = false;
  /** Whether the root arrays are a replayed split's (read only). */
  private rootShared = false;

  /**
   * Watch for a root split: the next split's pieces are kept in address order, and the work items
   * it pushes are tagged with their action, so that a caller can tell which actions were walked
   * whole, each by one walk (ref-spans.ts).
   */
  arm(): void {
    this.armed = true;
    this.root = null;
    this.tag = -1;
  }

  /** Addresses of the mask inside the root split's span. */
  keptInRoot(): number {
    let n = 0;
    for (let i = 0; i < this.n; i += 2) {
      const lo = Math.max(this.buf[i]!, this.rootLo);
      const hi = Math.min(this.buf[i + 1]!, this.rootHi);
      if (lo <= hi) n += hi - lo + 1;
    }
    return n;
  }

  /** Pushes the sorted pairs `r[from, to)` as one work item. */
  push(r: ArrayLike<number>, from: number, to: number, tag = -1): void {
    if (to <= from) return;
    this.work = grow(this.work, this.workN + (to - from));
    if (r instanceof Float64Array) this.work.set(r.subarray(from, to), this.workN);
    else for (let i = from; i < to; i++) this.work[this.workN + i - from] = r[i]!;
    this.items = growInt(this.items, this.itemN + 2);
    this.tags = growInt(this.tags, (this.itemN >> 1) + 1);
    this.tags[this.itemN >> 1] = tag;
    this.items[this.itemN++] = this.workN;
    this.items[this.itemN++] = to - from;
    this.workN += to - from;
  }

  /** Whether work is left. */
  get pending(): boolean {
    return this.itemN > 0;
  }

  /** Makes the last work item the mask (the stack shrinks by it); returns its first address. */
  pop(): number {
    this.splitN = 0;
    const len = this.items[--this.itemN]!;
    const off = this.items[--this.itemN]!;
    this.tag = this.tags[this.itemN >> 1]!;
    this.buf = grow(this.buf, len);
    this.buf.set(this.work.subarray(off, off + len));
    this.n = len;
    this.workN = off;
    return this.buf[0]!;
  }

  /**
   * Whether the mask is one action of `table` already, so that a split there keeps it whole: a
   * walk back through a table it split at (a loop, a hairpin), or a root action's walk at the
   * root's table.
   */
  oneAction(seg: ActionSegments, table: number): boolean {
    if (this.tag >= 0 && this.root === seg) return true;
    for (let i = 0; i < this.splitN; i++) if (this.splitAt[i] === table) return true;
    return false;
  }

  /**
   * Splits the mask at the segments `seg` (with action ids) of `table`: inside [spanLo, spanHi], the ranges
   * whose action is the one of segment `at` stay, every other action's go to the work stack (one
   * item each); ranges outside the span stay for {@link finish}. Returns the new [lo, hi] extent of
   * the staying ranges inside the span in `out`.
   */
  split(
    seg: ActionSegments,
    table: number,
    at: number,
    spanLo: number,
    spanHi: number,
    out: Float64Array,
  ): void {
    if (this.oneAction(seg, table)) {
      out[0] = spanLo;
      out[1] = spanHi;
      return;
    }
    if (this.splitN < this.splitAt.length) this.splitAt[this.splitN++] = table;
    this.splits++;
    const act = seg.act!;
    const cuts = seg.cuts;
    const keep = act[at]!;
    const isRoot = this.armed;
    if (isRoot) {
      const last = rootSplits.get(seg)?.find((r) => this.replays(r, table, spanLo, spanHi, keep));
      if (last) {
        this.replay(seg, last, out);
        return;
      }
    }
    // Pieces inside the span: each mask range cut at the table's segments.
    let np = 0;
    if (this.count.length < seg.actions) {
      this.count = new Int32Array(seg.actions * 2);
      this.offset = new Int32Array(seg.actions * 2);
    }
    const count = this.count;
    // At most one piece per segment in the span, plus one more per mask range.
    const most = segmentIndex(cuts, spanHi) - segmentIndex(cuts, spanLo) + 1 + (this.n >> 1);
    this.pieces = grow(this.pieces, 2 * most);
    this.pieceAct = growInt(this.pieceAct, most);
    const pieces = this.pieces;
    const pieceAct = this.pieceAct;
    const last = cuts.length;
    let s = -1;
    for (let i = 0; i < this.n; i += 2) {
      let lo = this.buf[i]!;
      const hi = Math.min(this.buf[i + 1]!, spanHi);
      if (lo < spanLo) lo = spanLo;
      if (lo > hi) continue;
      if (s < 0 || segStart(cuts, s) > lo || segEnd(cuts, s) < lo) s = segmentIndex(cuts, lo);
      for (;;) {
        const end = s < last ? cuts[s]! - 1 : 0xffffffff;
        const e = end < hi ? end : hi;
        const a = act[s]!;
        pieces[2 * np] = lo;
        pieces[2 * np + 1] = e;
        pieceAct[np++] = a;
        count[a]!++;
        if (e >= hi) break;
        lo = e + 1;
        s++;
      }
    }
    if (isRoot) this.keepRoot(seg, spanLo, spanHi, np, keep);
    // Offsets of each action's pieces, then place them (stable: ascending within an action).
    let sum = 0;
    for (let k = 0; k < np; k++) {
      const a = this.pieceAct[k]!;
      if (count[a]! > 0) {
        this.offset[a] = sum;
        sum += count[a]!;
        count[a] = -count[a]!; // visited: negative until placement resets it
      }
    }
    this.tmp = grow(this.tmp, 2 * np);
    const placed = this.tmp;
    for (let k = 0; k < np; k++) {
      const a = this.pieceAct[k]!;
      const o = this.offset[a]!++;
      placed[2 * o] = this.pieces[2 * k]!;
      placed[2 * o + 1] = this.pieces[2 * k + 1]!;
    }
    // Every other action's pieces become a work item; the kept action's are copied out first.
    let keepFrom = -1;
    let keepLen = 0;
    // Kept for a replay: the mask as it came (buf is not touched before remask), and the pushes.
    const pushed: number[] | null = isRoot && replayable(np, this.n >> 1) ? [] : null;
    for (let k = 0; k < np; k++) {
      const a = this.pieceAct[k]!;
      const c = -count[a]!;
      if (c <= 0) continue;
      count[a] = 0;
      const end = this.offset[a]!;
      const from = end - c;
      if (a === keep) {
        keepFrom = from;
        keepLen = c;
      } else {
        this.push(placed, 2 * from, 2 * end, isRoot ? a : -1);
        pushed?.push(a, from, end);
      }
    }
    if (pushed) {
      let kept = rootSplits.get(seg);
      if (!kept) rootSplits.set(seg, (kept = []));
      if (kept.length >= ROOT_SPLITS_KEPT) kept.pop();
      kept.unshift({
        table,
        spanLo,
        spanHi,
        keep,
        mask: this.buf.slice(0, this.n),
        placed: placed.slice(0, 2 * np),
        pushed: Int32Array.from(pushed),
        keepFrom,
        keepLen,
        pieces: this.rootPieces.slice(0, 2 * np),
        act: this.rootAct.slice(0, np),
        size: this.rootSize.slice(0, seg.actions),
        ranges: this.rootRanges.slice(0, this.rootRangeN),
      });
    }
    this.remask(placed, keepFrom, keepLen, spanLo, spanHi, out);
  }

  /** Whether `last` is the split of this mask at these segments, span and kept action. */
  private replays(last: RootSplit, table: number, spanLo: number, spanHi: number, keep: number): boolean {
    if (last.table !== table || last.spanLo !== spanLo || last.spanHi !== spanHi || last.keep !== keep)
      return false;
    if (last.mask.length !== this.n) return false;
    const b = this.buf;
    const m = last.mask;
    for (let i = 0; i < this.n; i++) if (b[i] !== m[i]) return false;
    return true;
  }

  /** Replays the root split `last` of this mask ({@link RootSplit}): what {@link split} would do. */
  private replay(seg: ActionSegments, last: RootSplit, out: Float64Array): void {
    const p = last.pushed;
    for (let i = 0; i < p.length; i += 3) this.push(last.placed, 2 * p[i + 1]!, 2 * p[i + 2]!, p[i]);
    // The root's record: the kept arrays are shared, read only (keepRoot writes fresh ones).
    this.armed = false;
    this.root = seg;
    this.rootLo = last.spanLo;
    this.rootHi = last.spanHi;
    this.tag = last.keep;
    this.rootPieces = last.pieces;
    this.rootAct = last.act;
    this.rootN = last.act.length;
    this.rootSize = last.size;
    this.rootRanges = last.ranges;
    this.rootRangeN = last.ranges.length;
    this.rootShared = true;
    this.remask(last.placed, last.keepFrom, last.keepLen, last.spanLo, last.spanHi, out);
  }

  /**
   * The mask after a split: the ranges below the span, the kept pieces `placed[keepFrom, +keepLen)`,
   * the ranges above the span; their extent inside the span in `out`.
   */
  private remask(
    placed: Float64Array,
    keepFrom: number,
    keepLen: number,
    spanLo: number,
    spanHi: number,
    out: Float64Array,
  ): void {
    const old = this.buf;
    const oldN = this.n;
    const next = (this.pieces = grow(this.pieces, oldN + 2 * keepLen + 4));
    let n = 0;
    for (let i = 0; i < oldN && old[i]! < spanLo; i += 2) {
      next[n++] = old[i]!;
      next[n++] = Math.min(old[i + 1]!, spanLo - 1);
    }
    out[0] = keepLen > 0 ? placed[2 * keepFrom]! : spanLo;
    out[1] = keepLen > 0 ? placed[2 * (keepFrom + keepLen) - 1]! : spanHi;
    for (let k = 0; k < keepLen; k++) {
      next[n++] = placed[2 * (keepFrom + k)]!;
      next[n++] = placed[2 * (keepFrom + k) + 1]!;
    }
    for (let i = 0; i < oldN; i += 2)
      if (old[i + 1]! > spanHi) {
        next[n++] = Math.max(old[i]!, spanHi + 1);
        next[n++] = old[i + 1]!;
      }
    this.pieces = old;
    this.buf = next;
    this.n = n;
  }

  /** Records the root split (see {@link arm}): its pieces in address order and each action's addresses. */
  private keepRoot(seg: ActionSegments, spanLo: number, spanHi: number, np: number, keep: number): void {
    this.armed = false;
    this.root = seg;
    this.rootLo = spanLo;
    this.rootHi = spanHi;
    this.tag = keep;
    if (this.rootShared) {
      // The arrays of a replayed split belong to it: write new ones.
      this.rootPieces = new Float64Array(64);
      this.rootAct = new Int32Array(32);
      this.rootRanges = new Float64Array(16);
      this.rootSize = new Float64Array(16);
      this.rootShared = false;
    }
    this.rootPieces = grow(this.rootPieces, 2 * np);
    this.rootPieces.set(this.pieces.subarray(0, 2 * np));
    this.rootAct = growInt(this.rootAct, np);
    this.rootAct.set(this.pieceAct.subarray(0, np));
    this.rootN = np;
    if (this.rootSize.length < seg.actions) this.rootSize = new Float64Array(seg.actions * 2);
    this.rootSize.fill(0, 0, seg.actions);
    // The ranges split: pieces that touch merge.
    let r = 0;
    for (let k = 0; k < np; k++) {
      const lo = this.pieces[2 * k]!;
      const hi = this.pieces[2 * k + 1]!;
      this.rootSize[this.pieceAct[k]!]! += hi - lo + 1;
      if (r > 0 && this.rootRanges[r - 1] === lo - 1) this.rootRanges[r - 1] = hi;
      else {
        this.rootRanges = grow(this.rootRanges, r + 2);
        this.rootRanges[r++] = lo;
        this.rootRanges[r++] = hi;
      }
    }
    this.rootRangeN = r;
  }

  /**
   * After a walk whose span is [lo, hi]: what of the mask lies outside goes to the work stack, and
   * the mask keeps the rest (the walk's answer holds for it).
   */
  finish(lo: number, hi: number): void {
    const b = this.buf;
    let first = 0;
    while (first < this.n && b[first + 1]! < lo) first += 2;
    let last = first;
    while (last < this.n && b[last]! <= hi) last += 2;
    // Outside: [0, first) and the part of the first pair below lo; the part of the last pair above hi and beyond.
    const belowEnd = first < this.n && b[first]! < lo ? first + 2 : first;
    const above = last > first && b[last - 1]! > hi;
    this.tmp = grow(this.tmp, this.n + 4);
    let t = 0;
    for (let i = 0; i < belowEnd; i += 2) {
      this.tmp[t++] = b[i]!;
      this.tmp[t++] = i === first ? lo - 1 : b[i + 1]!;
    }
    if (above) {
      this.tmp[t++] = hi + 1;
      this.tmp[t++] = b[last - 1]!;
    }
    for (let i = last; i < this.n; i++) this.tmp[t++] = b[i]!;
    this.push(this.tmp, 0, t);
    // Keep [first, last) clipped to [lo, hi].
    let n = 0;
    for (let i = first; i < last; i += 2) {
      b[n++] = Math.max(b[i]!, lo);
      b[n++] = Math.min(b[i + 1]!, hi);
    }
    this.n = n;
  }

  /** Drops the stack (after an error in a walk). */
  clear(): void {
    this.armed = false;
    this.root = null;
    this.tag = -1;
    this.itemN = 0;
    this.workN = 0;
    this.n = 0;
  }
}

function segStart(cuts: Float64Array, s: number): number {
  return s === 0 ? 0 : cuts[s - 1]!;
}

function segEnd(cuts: Float64Array, s: number): number {
  return s < cuts.length ? cuts[s]! - 1 : 0xffffffff;
}

/** `a`, or a copy at least twice as long when it holds fewer than `n` numbers. */
export function grow(a: Float64Array<ArrayBuffer>, n: number): Float64Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

function growInt(a: Int32Array<ArrayBuffer>, n: number): Int32Array<ArrayBuffer> {
  if (a.length >= n) return a;
  const b = new Int32Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}
