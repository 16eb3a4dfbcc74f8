// Over 400 lines: one class whose walks, tallies and coverage share per-class private state; its span-list helpers are in spans.ts, ref-spans.ts and plane/span-mask.ts.
/**
 * Classes, not flows (issue 14; DESIGN.md "Exact coverage"). A group's traffic is cut into classes
 * that every node of the plane treats alike, and forwarding happens per class:
 *
 * - source classes: the group's sources split at the plane's cuts (plane/cuts.ts), and with
 *   `firewall: rules` at the filters' port bounds (a class's walks use its first port);
 * - destination spans: walking d with the walker's narrowing on, the outcome holds for the whole
 *   span returned (d's segment of the cuts, narrowed to every consulted table's range). A span
 *   keeps its outcome, the filter rule that dropped it and its interned path. The ranges of one
 *   segment of the cuts are walked as one mask (plane/span-mask.ts): a table with many segments
 *   splits the mask by action, so a walk answers for every destination forwarded alike, and a
 *   class costs one walk per way through the plane, not one per table segment. When every action
 *   of the first big table split at was walked whole, each by one walk, the class keeps one
 *   reference span per split range (ref-spans.ts): an outcome per action of that table, so later
 *   passes over the class's spans cost the table's actions, not its segments.
 *
 * The sampled flows are sorted once by class and destination (class-flows.ts): a span counts its
 * flows with two binary searches, so a moment costs what it walks again, not the flow count. A
 * moment walks again only the spans whose path crossed a changed node, narrowed to the changed
 * prefixes when those are known (as plane/paths.ts does for flows); new cuts recompute everything.
 *
 * A walk that picked an ECMP member or ILB backend by the flow hash (GCP-R10, GCP-R5) holds for that
 * destination only: coverage measures such a span at up to {@link HASH_POINTS} points, and each of
 * its sampled flows is walked on its own, as are flows of no class (a source the plane lacks).
 * Connections are judged by the rules of each moment (`keep` and histories: flow-engine.ts).
 */
import { DELIVERED, OUTCOME_COUNT, outcomeCode, UNMODELLED } from './plane/codes.js';
import type { ForwardingPlane } from './plane/compile.js';
import { segmentOf } from './plane/cuts.js';
import type { PathTable } from './plane/paths.js';
import type { Walker } from './plane/walk.js';
import type { FlowPacket, ResolvedGroup } from './flows.js';
import { mergePairs, total } from './address-ranges.js';
import type { ClassFlows } from './class-flows.js';
import { grow, SpanMask } from './plane/span-mask.js';
import {
  REF,
  REF_OUTCOME,
  refCounts,
  refCoverage,
  regroup,
  repoint,
  RootWalks,
  type RefSpan,
} from './ref-spans.js';
import {
  destinationDomain,
  HASH_POINTS,
  portClasses,
  reservedHoles,
  sourceDomain,
  withHoles,
  type CoverageSource,
  type GroupCoverage,
} from './coverage.js';
import {
  dirtyOf,
  keptOutside,
  mergeAdjacent,
  mergeSpans,
  SPAN,
  sortSpans,
  type ClassChange,
} from './spans.js';

const FIREWALL = outcomeCode('firewall');

/** The class of each flow while a tracker sorts its flows: one buffer for a thread's trackers. */
let sortScratch = new Int32Array(0);
/** The largest sort scratch kept between sorts (4 MB). */
const SCRATCH_KEPT = 1 << 20;

/** One source (and port) class and its destination spans. */
interface Klass {
  /** First and last source address. */
  readonly s: number;
  readonly sEnd: number;
  /** The ports of the class, and the one its walks use. */
  readonly portLo: number;
  readonly portHi: number;
  /** Share of the group's (source × port) weight. */
  readonly weight: number;
  /** Sorted spans, SPAN numbers each: lo, hi, outcome, rule, path, hashed. */
  spans: number[];
  /** Its flows per outcome, and per deciding filter rule. */
  readonly cnt: Int32Array;
  rules: Map<number, number> | null;
  /** Delivered destination addresses, and the lost ranges (coverage only). */
  good: number;
  lost: number[];
}

/** The plane of one moment, as the classes are walked through it. */
export interface ClassContext {
  readonly plane: ForwardingPlane;
  readonly walker: Walker;
  readonly cuts: Float64Array;
  readonly at: CoverageSource;
  readonly paths: PathTable;
  /** The run-level id of the filter rule that dropped the last walk (-1 when none). */
  readonly ruleOf: (program: number, entry: number) => number;
}

/** The classes of one group: its flows' counts and its exact coverage, moment by moment. */
export class ClassTracker {
  private readonly dstDomain: number[];
  private readonly src: number[];
  private readonly srcTotal: number;
  private readonly dstTotal: number;
  private readonly holes: number[];
  private classes: Klass[] = [];
  private ready = false;
  /** Flows per outcome and per deciding rule, now. */
  readonly counts = new Int32Array(OUTCOME_COUNT);
  rules = new Map<number, number>();
  private readonly delivered: number[] = [];
  private readonly lost: number[][] = [];
  private lastDelivered = 1;
  private lastLost: number[] = [];
  /** Per position: outcome and rule of flows walked one by one (hashed spans). */
  private pOut = new Uint8Array(0);
  private pRule = new Int32Array(0);
  private readonly looseCnt = new Int32Array(OUTCOME_COUNT);
  private looseRules = new Map<number, number>();
  private readonly seg = new Float64Array(2);
  /** The ranges of one cut segment, for the mask. */
  private inSeg = new Float64Array(16);
  /** Reference spans by id (ref-spans.ts), and the walks of the current mask's root split. */
  private refs = new Map<number, RefSpan>();
  private nextRef = 0;
  private readonly root = new RootWalks();

  constructor(
    readonly group: ResolvedGroup,
    private readonly packet: FlowPacket,
    /** The sampled flows this tracker counts (null: coverage only). */
    private readonly flows: ClassFlows | null,
    /** Whether to keep the exact-coverage figures. */
    private readonly coverage: boolean,
  ) {
    this.dstDomain = destinationDomain(group);
    this.src = sourceDomain(group);
    this.srcTotal = total(this.src);
    this.dstTotal = total(this.dstDomain);
    this.holes = group.internet ? [] : reservedHoles(group);
  }

  /**
   * Moment k: `change` is what changed since k − 1 (undefined at a run's or stretch's first moment);
   * `cutsMoved` when the plane's address or port cuts differ from k − 1's. New cuts that split the
   * group's sources or ports as before leave the classes as they are: only what changed is walked
   * again (a kept span's tables decide alike outside the changed prefixes, whatever the cuts).
   */
  step(ctx: ClassContext, change: ClassChange | undefined, cutsMoved = false): void {
    const fresh = cutsMoved && this.ready ? this.split(ctx) : undefined;
    if (!change || !this.ready || (fresh && !sameClasses(this.classes, fresh))) this.compute(ctx, fresh);
    else {
      let any = false;
      for (let c = 0; c < this.classes.length; c++) {
        const k = this.classes[c]!;
        const dirty = dirtyOf(k.spans, change);
        if (dirty.length === 0) continue;
        any = true;
        const fresh = this.walkRanges(ctx, c, dirty);
        k.spans = mergeAdjacent(mergeSpans(keptOutside(k.spans, dirty), fresh));
        this.tally(c);
      }
      const loose = this.flows !== null && this.flows.loose.length > 0;
      if (loose) this.walkLoose(ctx);
      if (any || loose) this.sum();
      if (any) this.dropRefs();
    }
    if (this.coverage) {
      this.delivered.push(this.lastDelivered);
      this.lost.push(this.lastLost);
    }
    // Every reference moves to its table's newest segments, so the older ones can go.
    for (const ref of this.refs.values()) repoint(ref);
  }

  /** The coverage figures of every moment so far. */
  result(): GroupCoverage {
    return { delivered: this.delivered, lost: this.lost };
  }

  /** The group's source and port classes at this plane, without spans. */
  private split(ctx: ClassContext): Klass[] {
    const out: Klass[] = [];
    const { plane, walker: w, cuts, at } = ctx;
    const known = !(at.srcSubnet < 0 && at.srcSite < 0);
    if (this.dstTotal > 0 && this.srcTotal > 0 && known) {
      const ports = portClasses(plane, w, this.packet);
      for (let i = 0; i < this.src.length; i += 2) {
        const hi = this.src[i + 1]!;
        for (let s = this.src[i]!; s <= hi;) {
          segmentOf(cuts, s, s, hi, this.seg);
          const sEnd = this.seg[1]!;
          for (let p = 0; p < ports.length; p += 3)
            out.push({
              s,
              sEnd,
              portLo: ports[p]!,
              portHi: ports[p + 1]!,
              weight: ((sEnd - s + 1) / this.srcTotal) * ports[p + 2]!,
              spans: [],
              cnt: new Int32Array(OUTCOME_COUNT),
              rules: null,
              good: 0,
              lost: [],
            });
          s = sEnd + 1;
        }
      }
    }
    return out;
  }

  /** Every class from scratch (and the flows sorted into them). */
  private compute(ctx: ClassContext, fresh: Klass[] = this.split(ctx)): void {
    const before = this.ready ? this.classes : null;
    this.ready = true;
    this.classes = fresh;
    this.refs.clear();
    // The flows stay sorted when the classes split the sources and ports as before.
    if (!before || !sameClasses(before, this.classes)) this.sortFlows(portsPerSource(this.classes));
    for (let c = 0; c < this.classes.length; c++) {
      this.classes[c]!.spans = mergeAdjacent(this.walkRanges(ctx, c, this.dstDomain));
      this.tally(c);
    }
    if (this.flows) this.walkLoose(ctx);
    this.sum();
    if (this.classes.length === 0 && this.dstTotal > 0) {
      // Nothing known to send from: every address is lost.
      this.lastDelivered = 0;
      this.lastLost = withHoles(this.dstDomain.slice(), this.holes);
    } else if (this.dstTotal === 0) {
      this.lastDelivered = 1;
      this.lastLost = [];
    }
  }

  /** Sorts the sampled flows into the classes (flows of no class are loose). */
  private sortFlows(portCount: number): void {
    const fl = this.flows;
    if (!fl) return;
    const n = fl.n;
    if (sortScratch.length < n) sortScratch = new Int32Array(n);
    const classOf = sortScratch.subarray(0, n);
    const cls = this.classes;
    const segs = portCount === 0 ? 0 : cls.length / portCount;
    const pk = this.packet;
    for (let f = 0; f < n; f++) {
      const s = fl.src[f]!;
      // The last source class starting at or before s.
      let lo = 0;
      let hi = segs - 1;
      let at = -1;
      while (lo <= hi) {
        const m = (lo + hi) >> 1;
        if (cls[m * portCount]!.s <= s) {
          at = m;
          lo = m + 1;
        } else hi = m - 1;
      }
      if (at < 0 || cls[at * portCount]!.sEnd < s) {
        classOf[f] = -1;
        continue;
      }
      let p = 0;
      if (portCount > 1) {
        const port = pk.portLo + ((fl.first + f) % pk.portSpan);
        while (p + 1 < portCount && cls[at * portCount + p + 1]!.portLo <= port) p++;
      }
      classOf[f] = at * portCount + p;
    }
    fl.assign(classOf, cls.length);
    // A large scratch is let go (40 MB at 10M flows): sorts are rare, at a run's start and when
    // the classes change.
    if (n > SCRATCH_KEPT) sortScratch = new Int32Array(0);
  }

  /** Class c's flow counts and coverage from its spans. */
  private tally(c: number): void {
    const k = this.classes[c]!;
    const fl = this.flows;
    k.cnt.fill(0);
    k.rules = null;
    let good = 0;
    const lost: number[] = [];
    const sp = k.spans;
    let at = fl ? fl.lowerBound(c, 0) : 0;
    for (let i = 0; i < sp.length; i += SPAN) {
      const lo = sp[i]!;
      const hi = sp[i + 1]!;
      const o = sp[i + 2]!;
      if (sp[i + 5] === REF) {
        const ref = this.refs.get(sp[i + 3]!)!;
        good += refCoverage(ref, lo, hi, this.coverage ? lost : null);
        if (!fl) continue;
        const a = fl.lowerBoundFrom(c, lo, at);
        const b = fl.lowerBoundFrom(c, hi + 1, a);
        at = b;
        refCounts(
          ref,
          fl.dst,
          a,
          b,
          k.cnt,
          (r) => (k.rules = addRule(k.rules ?? new Map<number, number>(), r, 1)),
        );
        continue;
      }
      if (o === DELIVERED) good += hi - lo + 1;
      else if (this.coverage && o !== UNMODELLED) {
        const n = lost.length;
        if (n > 0 && lost[n - 1] === lo - 1) lost[n - 1] = hi;
        else lost.push(lo, hi);
      }
      if (!fl) continue;
      const a = fl.lowerBoundFrom(c, lo, at);
      const b = fl.lowerBoundFrom(c, hi + 1, a);
      at = b;
      if (a === b) continue;
      if (sp[i + 5] === 0) {
        k.cnt[o]! += b - a;
        const r = sp[i + 3]!;
        if (r >= 0) k.rules = addRule(k.rules ?? new Map<number, number>(), r, b - a);
      } else
        for (let pos = a; pos < b; pos++) {
          k.cnt[this.pOut[pos]!]!++;
          const r = this.pRule[pos]!;
          if (r >= 0) k.rules = addRule(k.rules ?? new Map<number, number>(), r, 1);
        }
    }
    k.good = good;
    k.lost = lost;
  }

  /** Forgets the reference spans no class's spans name any more. */
  private dropRefs(): void {
    if (this.refs.size < 64) return;
    const live = new Set<number>();
    for (const k of this.classes)
      for (let i = 0; i < k.spans.length; i += SPAN) if (k.spans[i + 5] === REF) live.add(k.spans[i + 3]!);
    for (const id of [...this.refs.keys()]) if (!live.has(id)) this.refs.delete(id);
  }

  /** The group's counts and coverage from its classes. */
  private sum(): void {
    this.counts.set(this.looseCnt);
    const rules = new Map(this.looseRules);
    let good = 0;
    const lost: number[] = [];
    for (const k of this.classes) {
      for (let o = 0; o < OUTCOME_COUNT; o++) this.counts[o]! += k.cnt[o]!;
      if (k.rules) for (const [r, n] of k.rules) addRule(rules, r, n);
      good += k.weight * k.good;
      if (this.coverage) for (const x of k.lost) lost.push(x);
    }
    this.rules = rules;
    this.lastDelivered = this.dstTotal === 0 ? 1 : good / this.dstTotal;
    if (this.coverage) this.lastLost = withHoles(mergePairs(lost), this.holes);
  }

  /**
   * Walks every destination of `ranges` (sorted disjoint pairs) from class c: its spans. The
   * ranges inside one segment of the cuts are walked as one mask (span-mask.ts): one walk per way
   * through the plane, however many table segments the ranges cross.
   */
  private walkRanges(ctx: ClassContext, c: number, ranges: ArrayLike<number>): number[] {
    const k = this.classes[c]!;
    const w = ctx.walker;
    const out: number[] = [];
    const mask = MASK;
    w.narrow = true;
    if (w.fw)
      w.fw.setPacket(this.packet.protocol, this.packet.sourceLo, this.packet.sourceHi, k.portLo, k.portLo);
    try {
      let i = 0;
      let lo = ranges.length > 0 ? ranges[0]! : 0;
      while (i < ranges.length) {
        // The ranges inside the cut segment holding lo.
        segmentOf(ctx.cuts, lo, lo, TOP - 1, this.seg);
        const segEnd = this.seg[1]!;
        let n = 0;
        for (;;) {
          const hi = ranges[i + 1]!;
          this.inSeg = grow(this.inSeg, n + 2);
          this.inSeg[n++] = lo;
          this.inSeg[n++] = Math.min(hi, segEnd);
          if (hi > segEnd) {
            lo = segEnd + 1;
            break;
          }
          i += 2;
          if (i >= ranges.length) break;
          lo = ranges[i]!;
          if (lo > segEnd) break;
        }
        const first = out.length;
        const splits = mask.splits;
        const root = this.root;
        root.reset();
        mask.arm();
        mask.push(this.inSeg, 0, n);
        while (mask.pending) {
          const d = mask.pop();
          w.spanLo = d;
          w.spanHi = mask.buf[mask.n - 1]!;
          w.hashed = false;
          w.mask = mask;
          const o = this.walk(ctx, d, k.s);
          w.mask = null;
          const tag = mask.tag;
          if (mask.root) root.ready(mask.root.actions);
          if (!w.hashed) {
            mask.finish(w.spanLo, w.spanHi);
            const rule = this.rule(ctx, o);
            const pid = ctx.paths.intern(w.path, w.pathLen);
            // A root action walked whole by this one walk: its outcome holds for all its pieces.
            if (tag >= 0 && mask.keptInRoot() === mask.rootSize[tag]) root.walked(tag, o, rule, pid);
            else {
              if (tag >= 0) root.irregular(tag);
              for (let j = 0; j < mask.n; j += 2) out.push(mask.buf[j]!, mask.buf[j + 1]!, o, rule, pid, 0);
            }
          } else {
            if (tag >= 0) root.irregular(tag);
            // The flow hash decided: walk d's range alone, narrowing as without a mask.
            w.spanLo = d;
            w.spanHi = mask.buf[1]!;
            this.walk(ctx, d, k.s);
            const end = w.spanHi;
            mask.finish(d, end);
            this.hashedSpan(ctx, c, d, end, out);
          }
        }
        if (mask.root) {
          const ref = root.finish(mask, ctx.paths, out);
          if (ref) {
            const id = this.nextRef++;
            this.refs.set(id, ref.span);
            for (let j = 0; j < mask.rootRangeN; j += 2)
              out.push(mask.rootRanges[j]!, mask.rootRanges[j + 1]!, REF_OUTCOME, id, ref.pid, REF);
          }
        }
        if (mask.splits !== splits && regroup(ctx.paths, out, first, this.inSeg, n)) continue;
        sortSpans(out, first);
      }
    } catch (e) {
      mask.clear();
      throw e;
    } finally {
      w.mask = null;
      w.narrow = false;
    }
    return out;
  }

  /**
   * A span whose walk used the flow hash: coverage measured at up to HASH_POINTS evenly spaced
   * destinations, and each sampled flow inside walked on its own. Its path is the union of every
   * node those walks crossed, so any change to one of them walks the span again.
   */
  private hashedSpan(ctx: ClassContext, c: number, lo: number, hi: number, out: number[]): void {
    const w = ctx.walker;
    const k = this.classes[c]!;
    const nodes = new Set<number>();
    const collect = (): void => {
      for (let i = 0; i < w.pathLen; i++) nodes.add(w.path[i]!);
    };
    const size = hi - lo + 1;
    const points = Math.min(size, HASH_POINTS);
    const first = out.length;
    for (let p = 0; p < points; p++) {
      const d = lo + Math.floor((p * size) / points);
      const next = p + 1 < points ? lo + Math.floor(((p + 1) * size) / points) - 1 : hi;
      w.spanLo = d;
      w.spanHi = d;
      const o = this.walk(ctx, d, k.s);
      collect();
      out.push(d, next, o, this.rule(ctx, o), -1, 1);
    }
    const fl = this.flows;
    if (fl && this.pOut.length < fl.n) {
      // Per-position outcomes exist only once some span needs them.
      this.pOut = new Uint8Array(fl.n);
      this.pRule = new Int32Array(fl.n);
    }
    if (fl)
      for (let pos = fl.lowerBound(c, lo), end = fl.lowerBound(c, hi + 1); pos < end; pos++) {
        const f = fl.order[pos]!;
        const d = fl.dst[pos]!;
        w.spanLo = d;
        w.spanHi = d;
        const o = this.walk(ctx, d, fl.src[f]!);
        collect();
        this.pOut[pos] = o;
        this.pRule[pos] = this.rule(ctx, o);
      }
    const union = Int32Array.from([...nodes].sort((a, b) => a - b));
    const pid = ctx.paths.intern(union, union.length);
    for (let i = first; i < out.length; i += SPAN) out[i + 4] = pid;
  }

  /** Flows in no class, each forwarded on its own. */
  private walkLoose(ctx: ClassContext): void {
    const fl = this.flows!;
    const w = ctx.walker;
    const pk = this.packet;
    this.looseCnt.fill(0);
    this.looseRules = new Map();
    for (let i = 0; i < fl.loose.length; i++) {
      const f = fl.loose[i]!;
      if (w.fw) {
        const port = pk.portSpan > 1 ? pk.portLo + ((fl.first + f) % pk.portSpan) : pk.portLo;
        w.fw.setPacket(pk.protocol, pk.sourceLo, pk.sourceHi, port, pk.portSpan > 1 ? port : pk.portHi);
      }
      const o = this.walk(ctx, fl.looseDst[i]!, fl.src[f]!);
      this.looseCnt[o]!++;
      const r = this.rule(ctx, o);
      if (r >= 0) addRule(this.looseRules, r, 1);
    }
  }

  /** One walk from source `s` (its host looked up in this moment's plane: indices change between planes). */
  private walk(ctx: ClassContext, d: number, s: number): number {
    const { at, walker } = ctx;
    const host = at.fixedHost >= 0 ? at.fixedHost : (at.byIp?.get(s) ?? -1);
    return walker.forward(at.srcSubnet, host, d, null, s, at.srcSite);
  }

  /** The filter rule that dropped the last walk, -1 when none. */
  private rule(ctx: ClassContext, o: number): number {
    const fw = ctx.walker.fw;
    return fw && o === FIREWALL && fw.dropProgram >= 0 ? ctx.ruleOf(fw.dropProgram, fw.dropEntry) : -1;
  }
}

/** One mask for every walk of this thread (walks do not nest). */
const MASK = new SpanMask();
const TOP = 2 ** 32;

/** Whether two class lists cover the same sources and ports in the same order. */
function sameClasses(a: readonly Klass[], b: readonly Klass[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.s !== y.s || x.sEnd !== y.sEnd || x.portLo !== y.portLo || x.portHi !== y.portHi) return false;
  }
  return true;
}

/** Port classes per source class (classes are laid out source-major). */
function portsPerSource(classes: readonly Klass[]): number {
  if (classes.length === 0) return 0;
  let n = 1;
  while (n < classes.length && classes[n]!.s === classes[0]!.s) n++;
  return n;
}

function addRule(m: Map<number, number>, r: number, n: number): Map<number, number> {
  m.set(r, (m.get(r) ?? 0) + n);
  return m;
}
