/**
 * Reference spans (issue 14: cost that follows the change). When a class's walks split a mask at a
 * big table (plane/span-mask.ts) and every action of that table was walked whole, each by one walk,
 * the outcome of every destination in the split ranges is a function of the table's action there.
 * The class then keeps one span per split range that refers to the table's segments and an outcome
 * per action, instead of one span per table segment: a site table of 500,000 prefixes through 160
 * connections costs 160 numbers per class, not 500,000 spans, in every pass over the class's spans.
 *
 * A reference span is a span (spans.ts) whose `hashed` field is {@link REF}, whose `rule` field is
 * its reference id, and whose path is the union of every action's path: a change to any node of
 * any of them walks it again, narrowed to the changed prefixes as any span is. Its parts keep the
 * reference (the outcome of an address does not depend on the span's bounds).
 */
import { DELIVERED, OUTCOME_COUNT, UNMODELLED } from './plane/codes.js';
import {
  maskMin,
  newestSegments,
  segmentIndex,
  segmentIndexFrom,
  type ActionSegments,
} from './plane/cuts.js';
import type { PathTable } from './plane/paths.js';
import { forgetRootSplits, type SpanMask } from './plane/span-mask.js';
import { SPAN } from './spans.js';

/** The `hashed` field of a reference span. */
export const REF = 2;

/** The outcome of a reference span's destinations, by the action of its table's segment. */
export interface RefSpan {
  /**
   * The table's segments (cuts.ts ActionSegments): segment s is [cuts[s − 1], cuts[s]). A span's
   * parts lie outside every prefix changed since, so the segments of a later build derived from
   * these (same action ids there, cuts.ts `newestSegments`) serve as well: {@link repoint}.
   */
  seg: ActionSegments;
  cuts: Float64Array;
  /** The action id of every segment. */
  act: Int32Array;
  /** By action id: the outcome and the deciding filter rule (-1: none) of its walk. */
  readonly outcome: Int32Array;
  readonly rule: Int32Array;
}

/** Points `ref` at the newest segments derived from its own, letting the older ones go. */
export function repoint(ref: RefSpan): void {
  const seg = newestSegments(ref.seg);
  if (seg === ref.seg || !seg.act) return;
  // The older segments' memos serve no walk or count any more (a memo: dropping it is safe).
  coverageMemo.delete(ref.seg);
  forgetRootSplits(ref.seg);
  ref.seg = seg;
  ref.cuts = seg.cuts;
  ref.act = seg.act;
}

/**
 * Destinations of [lo, hi] delivered under `ref`; with `lost`, appends the ranges lost (neither
 * delivered nor unmodelled), merged with what `lost` ends with.
 */
export function refCoverage(ref: RefSpan, lo: number, hi: number, lost: number[] | null): number {
  const { cuts, act, outcome, seg } = ref;
  const first = segmentIndex(cuts, lo);
  const many = segmentIndex(cuts, hi) - first >= coverageMemoMin();
  if (many) {
    const m = coverageMemo
      .get(seg)
      ?.find((e) => e.lo === lo && e.hi === hi && (e.lost || !lost) && same(e.outcome, outcome));
    if (m) {
      if (lost) appendRanges(lost, m.lost!);
      return m.good;
    }
  }
  const from = lost?.length ?? 0;
  let good = 0;
  for (let s = first; ; s++) {
    const start = Math.max(s > 0 ? cuts[s - 1]! : 0, lo);
    const end = Math.min(s < cuts.length ? cuts[s]! - 1 : 0xffffffff, hi);
    const o = outcome[act[s]!]!;
    if (o === DELIVERED) good += end - start + 1;
    else if (lost && o !== UNMODELLED) {
      const n = lost.length;
      if (n > 0 && lost[n - 1] === start - 1) lost[n - 1] = end;
      else lost.push(start, end);
    }
    if (end >= hi) break;
  }
  if (many) {
    let kept = coverageMemo.get(seg);
    if (!kept) coverageMemo.set(seg, (kept = []));
    if (kept.length >= COVERAGE_MEMO_KEPT) kept.pop();
    // What this span added (its first range may have joined the one `lost` ended with).
    const added = lost ? lostSince(lost, from, lo) : null;
    kept.unshift({ lo, hi, outcome: outcome.slice(), good, lost: added });
  }
  return good;
}

/**
 * The coverage of a reference span over many segments, kept: the classes of many groups hold
 * reference spans of one table's segments over the same ranges with the same outcomes (the same
 * destinations through the same connections), and each costs a pass over every segment.
 */
interface CoverageMemo {
  readonly lo: number;
  readonly hi: number;
  readonly outcome: Int32Array;
  readonly good: number;
  /** The ranges lost inside [lo, hi], merged; null when not asked for. */
  readonly lost: Float64Array | null;
}

const coverageMemo = new WeakMap<ActionSegments, CoverageMemo[]>();
const COVERAGE_MEMO_KEPT = 16;
/**
 * Spans over fewer segments are counted again: the pass costs less than the memo (scales with
 * maskMin, so tests that lower it use the memo on small tables too).
 */
const coverageMemoMin = (): number => 4 * maskMin();

function same(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The ranges `lost` gained from index `from` on, by a pass starting at `lo` (its first may have merged into the one before). */
function lostSince(lost: number[], from: number, lo: number): Float64Array {
  if (from > 0 && lost.length >= from && lost[from - 1]! >= lo) {
    // The first new range joined lost[from - 2, from): its part from lo on is this span's.
    const out = new Float64Array(lost.length - from + 2);
    out[0] = lo;
    out[1] = lost[from - 1]!;
    for (let i = from; i < lost.length; i++) out[i - from + 2] = lost[i]!;
    return out;
  }
  return Float64Array.from(lost.slice(from));
}

/** Appends sorted ranges to `lost`, the first joining the last of `lost` when they touch. */
function appendRanges(lost: number[], r: Float64Array): void {
  for (let i = 0; i < r.length; i += 2) {
    const n = lost.length;
    if (n > 0 && lost[n - 1] === r[i]! - 1) lost[n - 1] = r[i + 1]!;
    else lost.push(r[i]!, r[i + 1]!);
  }
}

/**
 * Counts the sorted destinations `dst[a, b)` (all inside the span) per outcome into `cnt`, and
 * calls `onRule` for those a filter rule dropped.
 */
export function refCounts(
  ref: RefSpan,
  dst: ArrayLike<number>,
  a: number,
  b: number,
  cnt: Int32Array,
  onRule: (rule: number) => void,
): void {
  const { cuts, act, outcome, rule } = ref;
  let s = -1;
  for (let pos = a; pos < b; pos++) {
    const d = dst[pos]!;
    // Destinations ascend: the segment moves forward, by a search when it leaves the current one.
    if (s < 0) s = segmentIndex(cuts, d);
    else if (s < cuts.length && cuts[s]! <= d) s = segmentIndexFrom(cuts, d, s);
    const x = act[s]!;
    cnt[outcome[x]!]!++;
    if (rule[x]! >= 0) onRule(rule[x]!);
  }
}

/** The `outcome` field of a reference span (its outcomes are per action). */
export const REF_OUTCOME = -1;

/**
 * The walks of one mask's root split (plane/span-mask.ts `arm`): which actions were walked whole,
 * each by one walk, and with what outcome. Buffers are reused from mask to mask.
 */
export class RootWalks {
  /** By action: 0 not walked yet, 1 walked whole by one walk, 2 not (its pieces are spans of their own). */
  private state = new Uint8Array(16);
  private outcome = new Int32Array(16);
  private rule = new Int32Array(16);
  private pid = new Int32Array(16);
  private actions = -1;

  /** Forgets the last mask's root. */
  reset(): void {
    this.actions = -1;
  }

  /** Makes room for a root split of `actions` action ids (once per mask). */
  ready(actions: number): void {
    if (this.actions >= 0) return;
    if (this.state.length < actions) {
      this.state = new Uint8Array(actions * 2);
      this.outcome = new Int32Array(actions * 2);
      this.rule = new Int32Array(actions * 2);
      this.pid = new Int32Array(actions * 2);
    }
    this.state.fill(0, 0, actions);
    this.actions = actions;
  }

  /** Action a's pieces were all walked by one walk, with this outcome, rule and path. */
  walked(a: number, outcome: number, rule: number, pid: number): void {
    this.state[a] = 1;
    this.outcome[a] = outcome;
    this.rule[a] = rule;
    this.pid[a] = pid;
  }

  /** Action a's pieces were not walked whole (a later table narrowed them, or the flow hash decided). */
  irregular(a: number): void {
    this.state[a] = 2;
  }

  /**
   * After every walk of the mask: when each action of the root split was walked whole, the
   * reference and the union of the actions' paths; otherwise null, after the pieces of the actions
   * walked whole are appended to `out` as spans (in address order, neighbours of one walk joined).
   */
  finish(mask: SpanMask, paths: PathTable, out: number[]): { span: RefSpan; pid: number } | null {
    const seg = mask.root!;
    let whole = true;
    for (let a = 0; a < this.actions && whole; a++)
      if (mask.rootSize[a]! > 0 && this.state[a] !== 1) whole = false;
    if (!whole || seg.act === null) {
      for (let k = 0; k < mask.rootN; k++) {
        const a = mask.rootAct[k]!;
        if (this.state[a] !== 1) continue;
        const lo = mask.rootPieces[2 * k]!;
        const hi = mask.rootPieces[2 * k + 1]!;
        const n = out.length;
        const o = this.outcome[a]!;
        const r = this.rule[a]!;
        const p = this.pid[a]!;
        if (
          n > 0 &&
          out[n - SPAN + 1] === lo - 1 &&
          out[n - SPAN + 2] === o &&
          out[n - SPAN + 3] === r &&
          out[n - SPAN + 4] === p &&
          out[n - SPAN + 5] === 0
        )
          out[n - SPAN + 1] = hi;
        else out.push(lo, hi, o, r, p, 0);
      }
      return null;
    }
    const nodes = new Set<number>();
    const seen = new Set<number>();
    for (let a = 0; a < this.actions; a++) {
      if (mask.rootSize[a] === 0 || seen.has(this.pid[a]!)) continue;
      seen.add(this.pid[a]!);
      paths.forEachNode(this.pid[a]!, (node) => nodes.add(node));
    }
    const union = Int32Array.from([...nodes].sort((x, y) => x - y));
    return {
      span: {
        seg,
        cuts: seg.cuts,
        act: seg.act,
        outcome: this.outcome.slice(0, this.actions),
        rule: this.rule.slice(0, this.actions),
      },
      pid: paths.intern(union, union.length),
    };
  }
}

/**
 * After walks that split a mask at a big table (span-mask.ts): the spans `out[first, …)` of one
 * outcome and rule take the union of their paths, so that neighbours merge (a change to any of
 * those nodes walks them again, as it would walk one of them). When one outcome and rule hold for
 * the whole mask, its spans are replaced by the mask's own ranges `inSeg[0, n)` and true is
 * returned: nothing is left to sort. Spans decided by the flow hash keep their own path.
 */
export function regroup(
  paths: PathTable,
  out: number[],
  first: number,
  inSeg: Float64Array,
  n: number,
): boolean {
  const groups = new Map<number, Set<number>>();
  let lastPid = -2;
  let lastKey = -1;
  let hashed = false;
  for (let i = first; i < out.length; i += SPAN) {
    if (out[i + 5] !== 0) {
      hashed = true;
      continue;
    }
    const key = out[i + 2]! + OUTCOME_COUNT * (out[i + 3]! + 1);
    const pid = out[i + 4]!;
    // The spans of one walk stand together: a group's paths are read once each.
    if (pid === lastPid && key === lastKey) continue;
    lastPid = pid;
    lastKey = key;
    let nodes = groups.get(key);
    if (!nodes) groups.set(key, (nodes = new Set()));
    const into = nodes;
    paths.forEachNode(pid, (node) => into.add(node));
  }
  const union = new Map<number, number>();
  for (const [key, nodes] of groups) {
    const sorted = Int32Array.from([...nodes].sort((a, b) => a - b));
    union.set(key, paths.intern(sorted, sorted.length));
  }
  if (groups.size === 1 && !hashed) {
    const o = out[first + 2]!;
    const rule = out[first + 3]!;
    const pid = union.values().next().value!;
    out.length = first;
    for (let j = 0; j < n; j += 2) out.push(inSeg[j]!, inSeg[j + 1]!, o, rule, pid, 0);
    return true;
  }
  for (let i = first; i < out.length; i += SPAN)
    if (out[i + 5] === 0) out[i + 4] = union.get(out[i + 2]! + OUTCOME_COUNT * (out[i + 3]! + 1))!;
  return false;
}
