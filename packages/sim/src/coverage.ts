/**
 * Exact coverage of a flow group (DESIGN.md "Exact coverage"): at every moment, the fraction of the
 * group's destination addresses (every address its flows may be drawn from: the `to` range without
 * the reserved addresses of cloud subnets, AWS-R18 / AZ-R12; for `internet`, the public unicast
 * space outside every network, site and declared service tag) that is delivered, and the ranges that
 * are lost. Computed from classes, not from the sampled flows:
 *
 * - source classes: the group's source addresses split at the plane's cuts (cuts.ts), each weighted
 *   by its share of the source addresses; with `firewall: rules` and a port range, port classes
 *   split the range at every filter entry's port bounds, weighted by their share of the range;
 * - destination classes: walking destination d with the walker's narrowing on, the walk's outcome
 *   holds for the whole span it returns (d's segment of the cuts, narrowed by the range of every
 *   table the walk consulted); the next class starts after it. One walk per class, so the cost
 *   follows the number of distinct decisions, not the size of the range.
 *
 * A walk that picked an ECMP member or an ILB backend by the flow hash (GCP-R10, GCP-R5) holds
 * for that destination only: such a span is measured at up to {@link HASH_POINTS} evenly spaced
 * destinations, each standing for its share of the span (exact up to that many addresses).
 *
 * A group's classes are recomputed at a moment only when a node one of its walks crossed changed,
 * or the plane's cuts did; otherwise the previous moment's figures stand. Connections are judged
 * by the rules of each moment (`existingConnections: keep` does not carry over, so under `keep`
 * the figure is a lower bound).
 */
import { DELIVERED, UNMODELLED } from './plane/codes.js';
import type { ForwardingPlane } from './plane/compile.js';
import { segmentOf } from './plane/cuts.js';
import { isPublicIpv4, type Walker } from './plane/walk.js';
import type { FlowPacket, ResolvedGroup } from './flows.js';
import { inPairs, intersect, mergePairs, mergeSpans, subtract, total } from './address-ranges.js';

/** Destinations measured in a span whose walk depended on the flow hash. */
export const HASH_POINTS = 256;

const TOP = 2 ** 32;

/** Exact coverage of a group over the intervals of a run (one entry per moment). */
export interface GroupCoverage {
  /** Delivered fraction of (source × destination) address weight during interval k. */
  readonly delivered: readonly number[];
  /** Destination ranges lost during interval k: sorted, merged `[lo, hi, lo, hi, …]`. */
  readonly lost: readonly (readonly number[])[];
}

/** The reserved addresses of the cloud subnets inside a group's `to` range (AWS-R18, AZ-R12), as pairs. */
function reservedHoles(g: ResolvedGroup): number[] {
  const reserved: number[] = [];
  for (const r of g.reserved) {
    if (r.size <= 8) continue; // flows.ts avoidReserved leaves such small subnets alone
    reserved.push(r.base, r.base + 3, r.base + r.size - 1, r.base + r.size - 1);
  }
  return mergePairs(reserved);
}

/**
 * Lost ranges as a user reads them: a reserved block next to a lost range is shown with it (a
 * subnet lost whole reads `10.0.1.0/24`, not the 14 prefixes around its reserved addresses).
 */
function withHoles(lost: number[], holes: readonly number[]): number[] {
  if (holes.length === 0 || lost.length === 0) return lost;
  const out = lost.slice();
  for (let i = 0; i < holes.length; i += 2) {
    const a = holes[i]!;
    const b = holes[i + 1]!;
    if (inPairs(lost, a - 1) || inPairs(lost, b + 1)) out.push(a, b);
  }
  return mergePairs(out);
}

/** Sorted, disjoint, inclusive [lo, hi] pairs of the addresses group `g`'s flows are drawn from. */
export function destinationDomain(g: ResolvedGroup): number[] {
  if (g.internet) {
    // The complement of the non-public ranges and of every network, site and tag range.
    const blocked: number[] = [];
    let a = 0;
    while (a < TOP) {
      // Runs of non-public addresses start and end on /16 boundaries at the finest (isPublicIpv4).
      const pub = isPublicIpv4(a);
      let b = a + 65536;
      while (b < TOP && isPublicIpv4(b) === pub) b += 65536;
      if (!pub) blocked.push(a, b - 1);
      a = b;
    }
    for (const r of g.occupied) blocked.push(r.base, r.base + r.size - 1);
    return subtract([0, TOP - 1], mergePairs(blocked));
  }
  const keep = mergePairs(g.ranges.flatMap((r) => [r.base, r.base + r.size - 1]));
  return subtract(keep, reservedHoles(g));
}

/** Sorted disjoint [lo, hi] pairs of group `g`'s source addresses. */
function sourceDomain(g: ResolvedGroup): number[] {
  const site = g.source.site;
  if (site) return mergePairs(site.ranges.flatMap((r) => [r.base, r.base + r.size - 1]));
  const u = g.source.usable;
  return [u.base, u.base + u.size - 1];
}

/** Where the group's flows enter the plane at one moment. */
export interface CoverageSource {
  readonly srcSubnet: number;
  readonly fixedHost: number;
  readonly srcSite: number;
  readonly byIp: ReadonlyMap<number, number> | undefined;
}

/** The classes of one source (and port) class: its destination spans and their outcomes. */
interface SourceClass {
  readonly s: number;
  readonly portLo: number;
  readonly portHi: number;
  /** Share of the group's (source × port) weight. */
  readonly weight: number;
  /** Destination spans, sorted: `[lo, hi, outcome, …]`. */
  spans: number[];
}

/** What changed since the previous moment, as simulate.ts knows it. */
export interface CoverageChange {
  /** 1 for every node whose signature changed. */
  readonly changed: Uint8Array;
  /** For a table node whose routes changed at a few prefixes only: those prefixes' ranges. */
  readonly ranges: ReadonlyMap<number, Float64Array>;
}

/** The running exact coverage of one group (see the file comment). */
export class CoverageTracker {
  private readonly dst: number[];
  private readonly src: number[];
  private readonly srcTotal: number;
  private readonly dstTotal: number;
  private readonly holes: number[];
  private nodes = new Set<number>();
  private classes: SourceClass[] = [];
  private lastDelivered = 1;
  private lastLost: number[] = [];
  private readonly delivered: number[] = [];
  private readonly lost: number[][] = [];
  private readonly seg = new Float64Array(2);

  constructor(
    readonly group: ResolvedGroup,
    private readonly packet: FlowPacket,
  ) {
    this.dst = destinationDomain(group);
    this.src = sourceDomain(group);
    this.srcTotal = total(this.src);
    this.dstTotal = total(this.dst);
    this.holes = group.internet ? [] : reservedHoles(group);
  }

  /**
   * The destination ranges to walk again: undefined when everything must be (a node the group's
   * walks crossed changed in a way not narrowed to prefixes); empty when nothing changed for it.
   */
  private dirty(change: CoverageChange | undefined): number[] | undefined {
    if (!change || this.delivered.length === 0) return undefined;
    const { changed, ranges } = change;
    const parts: number[] = [];
    for (const n of this.nodes) {
      if (n >= changed.length) return undefined;
      if (changed[n] !== 1) continue;
      const r = ranges.get(n);
      if (!r) return undefined;
      for (let i = 0; i < r.length; i++) parts.push(r[i]!);
    }
    return parts.length === 0 ? parts : intersect(this.dst, mergePairs(parts));
  }

  /** Records moment k (`change`: what changed since the previous moment; undefined: everything). */
  step(
    plane: ForwardingPlane,
    walker: Walker,
    cuts: Float64Array,
    at: CoverageSource,
    change?: CoverageChange,
  ): void {
    const dirty = this.dirty(change);
    if (dirty === undefined) this.compute(plane, walker, cuts, at);
    else if (dirty.length > 0) this.update(walker, cuts, at, dirty);
    this.delivered.push(this.lastDelivered);
    this.lost.push(this.lastLost);
  }

  /** The figures of every moment so far. */
  result(): GroupCoverage {
    return { delivered: this.delivered, lost: this.lost };
  }

  /** Every class from scratch. */
  private compute(plane: ForwardingPlane, w: Walker, cuts: Float64Array, at: CoverageSource): void {
    this.nodes = new Set<number>();
    this.classes = [];
    if (this.dstTotal === 0 || this.srcTotal === 0 || (at.srcSubnet < 0 && at.srcSite < 0)) {
      // Nothing to send to, or a source the plane does not know (every flow is lost).
      this.lastDelivered = this.dstTotal === 0 ? 1 : 0;
      this.lastLost = this.dstTotal === 0 ? [] : withHoles(this.dst.slice(), this.holes);
      return;
    }
    const ports = this.portClasses(plane, w);
    for (let i = 0; i < this.src.length; i += 2) {
      const hi = this.src[i + 1]!;
      for (let s = this.src[i]!; s <= hi;) {
        segmentOf(cuts, s, s, hi, this.seg);
        const sEnd = this.seg[1]!;
        for (let p = 0; p < ports.length; p += 3)
          this.classes.push({
            s,
            portLo: ports[p]!,
            portHi: ports[p + 1]!,
            weight: ((sEnd - s + 1) / this.srcTotal) * ports[p + 2]!,
            spans: [],
          });
        s = sEnd + 1;
      }
    }
    for (const c of this.classes) c.spans = this.walkRanges(w, cuts, at, c, this.dst);
    this.sum();
  }

  /** Walks again only the destinations in `dirty` (sorted pairs inside the domain), of every class. */
  private update(w: Walker, cuts: Float64Array, at: CoverageSource, dirty: number[]): void {
    for (const c of this.classes) {
      const fresh = this.walkRanges(w, cuts, at, c, dirty);
      const kept: number[] = [];
      const old = c.spans;
      for (let i = 0; i < old.length; i += 3) {
        const rest = subtract([old[i]!, old[i + 1]!], dirty);
        for (let j = 0; j < rest.length; j += 2) kept.push(rest[j]!, rest[j + 1]!, old[i + 2]!);
      }
      c.spans = mergeSpans(kept, fresh);
    }
    this.sum();
  }

  /** The delivered fraction and the lost ranges from the classes' spans. */
  private sum(): void {
    let good = 0;
    const lost: number[] = [];
    for (const c of this.classes) {
      let g = 0;
      const sp = c.spans;
      for (let i = 0; i < sp.length; i += 3) {
        const o = sp[i + 2]!;
        if (o === DELIVERED) g += sp[i + 1]! - sp[i]! + 1;
        else if (o !== UNMODELLED) lost.push(sp[i]!, sp[i + 1]!);
      }
      good += c.weight * g;
    }
    this.lastDelivered = good / this.dstTotal;
    this.lastLost = withHoles(mergePairs(lost), this.holes);
  }

  /** Walks every destination class of `ranges` from class `c`: its spans `[lo, hi, outcome, …]`. */
  private walkRanges(
    w: Walker,
    cuts: Float64Array,
    at: CoverageSource,
    c: SourceClass,
    ranges: readonly number[],
  ): number[] {
    const out: number[] = [];
    w.narrow = true;
    if (w.fw)
      w.fw.setPacket(this.packet.protocol, this.packet.sourceLo, this.packet.sourceHi, c.portLo, c.portHi);
    try {
      for (let i = 0; i < ranges.length; i += 2) {
        const hi = ranges[i + 1]!;
        for (let d = ranges[i]!; d <= hi;) {
          segmentOf(cuts, d, d, hi, this.seg);
          w.spanLo = this.seg[0]!;
          w.spanHi = this.seg[1]!;
          w.hashed = false;
          const o = this.walk(w, at, d, c.s);
          const end = w.spanHi;
          if (!w.hashed) out.push(d, end, o);
          else this.hashedSpan(w, at, c, d, end, out);
          d = end + 1;
        }
      }
    } finally {
      w.narrow = false;
    }
    return out;
  }

  /**
   * A span whose walk used the flow hash: measured at up to HASH_POINTS evenly spaced
   * destinations, each standing for the addresses up to the next one.
   */
  private hashedSpan(
    w: Walker,
    at: CoverageSource,
    c: SourceClass,
    lo: number,
    hi: number,
    out: number[],
  ): void {
    const size = hi - lo + 1;
    const points = Math.min(size, HASH_POINTS);
    for (let k = 0; k < points; k++) {
      const d = lo + Math.floor((k * size) / points);
      const next = k + 1 < points ? lo + Math.floor(((k + 1) * size) / points) - 1 : hi;
      w.spanLo = d;
      w.spanHi = d;
      out.push(d, next, this.walk(w, at, d, c.s));
    }
  }

  /** One walk from source `s` (its host looked up in this moment's plane: indices change between planes). */
  private walk(w: Walker, at: CoverageSource, d: number, s: number): number {
    const host = at.fixedHost >= 0 ? at.fixedHost : (at.byIp?.get(s) ?? -1);
    const o = w.forward(at.srcSubnet, host, d, null, s, at.srcSite);
    for (let k = 0; k < w.pathLen; k++) this.nodes.add(w.path[k]!);
    return o;
  }

  /** Port classes `[lo, hi, weight, …]`: the packet's ports as the filters tell them apart. */
  private portClasses(plane: ForwardingPlane, w: Walker): number[] {
    const pk = this.packet;
    if (!w.fw || pk.portSpan <= 1) return [pk.portLo, pk.portHi, 1];
    const lo = pk.portLo;
    const hi = pk.portLo + pk.portSpan - 1;
    const cuts: number[] = [lo];
    plane.filters?.portCuts(cuts);
    const inside = [...new Set(cuts.filter((c) => c >= lo && c <= hi))].sort((a, b) => a - b);
    const out: number[] = [];
    inside.forEach((c, i) => {
      const end = i + 1 < inside.length ? inside[i + 1]! - 1 : hi;
      // A class's ports are judged alike; the walk sees its first port.
      out.push(c, c, (end - c + 1) / pk.portSpan);
    });
    return out;
  }
}
