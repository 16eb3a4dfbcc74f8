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

/** Sorted disjoint inclusive ranges as flat pairs, minus `cut` (also sorted disjoint pairs). */
function subtract(keep: readonly number[], cut: readonly number[]): number[] {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < keep.length; i += 2) {
    let lo = keep[i]!;
    const hi = keep[i + 1]!;
    while (j < cut.length && cut[j + 1]! < lo) j += 2;
    let k = j;
    while (lo <= hi && k < cut.length && cut[k]! <= hi) {
      if (cut[k]! > lo) out.push(lo, cut[k]! - 1);
      lo = Math.max(lo, cut[k + 1]! + 1);
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

/** Merges [lo, hi] pairs (any order) into sorted disjoint pairs, joining adjacent ones. */
export function mergePairs(pairs: readonly number[]): number[] {
  const idx: number[] = [];
  for (let i = 0; i < pairs.length; i += 2) idx.push(i);
  idx.sort((a, b) => pairs[a]! - pairs[b]!);
  const out: number[] = [];
  for (const i of idx) {
    const lo = pairs[i]!;
    const hi = pairs[i + 1]!;
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
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

function inPairs(pairs: readonly number[], x: number): boolean {
  let lo = 0;
  let hi = (pairs.length >> 1) - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (x < pairs[2 * m]!) hi = m - 1;
    else if (x > pairs[2 * m + 1]!) lo = m + 1;
    else return true;
  }
  return false;
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

/** The running exact coverage of one group (see the file comment). */
export class CoverageTracker {
  private readonly dst: number[];
  private readonly src: number[];
  private readonly srcTotal: number;
  private readonly dstTotal: number;
  private readonly holes: number[];
  private nodes = new Set<number>();
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

  /** Does the previous computation still hold (no node its walks crossed changed)? */
  private holds(changed: Uint8Array | undefined): boolean {
    if (!changed || this.delivered.length === 0) return false;
    for (const n of this.nodes) if (n >= changed.length || changed[n] === 1) return false;
    return true;
  }

  /** Records moment k (`changed`: the nodes that changed since the previous moment, undefined: all). */
  step(
    plane: ForwardingPlane,
    walker: Walker,
    cuts: Float64Array,
    at: CoverageSource,
    changed?: Uint8Array,
  ): void {
    if (!this.holds(changed)) this.compute(plane, walker, cuts, at);
    this.delivered.push(this.lastDelivered);
    this.lost.push(this.lastLost);
  }

  /** The figures of every moment so far. */
  result(): GroupCoverage {
    return { delivered: this.delivered, lost: this.lost };
  }

  private compute(plane: ForwardingPlane, w: Walker, cuts: Float64Array, at: CoverageSource): void {
    this.nodes = new Set<number>();
    const lost: number[] = [];
    if (this.dstTotal === 0 || this.srcTotal === 0 || (at.srcSubnet < 0 && at.srcSite < 0)) {
      // Nothing to send to, or a source the plane does not know (every flow is lost).
      for (let i = 0; i < this.dst.length; i++) lost.push(this.dst[i]!);
      this.lastDelivered = this.dstTotal === 0 ? 1 : 0;
      this.lastLost = this.dstTotal === 0 ? [] : mergePairs(lost);
      return;
    }
    const ports = this.portClasses(plane, w);
    let good = 0;
    w.narrow = true;
    try {
      for (let i = 0; i < this.src.length; i += 2) {
        const hi = this.src[i + 1]!;
        for (let s = this.src[i]!; s <= hi;) {
          segmentOf(cuts, s, s, hi, this.seg);
          const sEnd = this.seg[1]!;
          const sWeight = (sEnd - s + 1) / this.srcTotal;
          const host = at.fixedHost >= 0 ? at.fixedHost : (at.byIp?.get(s) ?? -1);
          for (let p = 0; p < ports.length; p += 3) {
            const weight = sWeight * ports[p + 2]!;
            if (w.fw)
              w.fw.setPacket(
                this.packet.protocol,
                this.packet.sourceLo,
                this.packet.sourceHi,
                ports[p]!,
                ports[p + 1]!,
              );
            good += weight * this.walkDestinations(w, cuts, at, s, host, lost);
          }
          s = sEnd + 1;
        }
      }
    } finally {
      w.narrow = false;
    }
    this.lastDelivered = good / this.dstTotal;
    this.lastLost = withHoles(mergePairs(lost), this.holes);
  }

  /** Walks every destination class from source `s`; returns the delivered address count. */
  private walkDestinations(
    w: Walker,
    cuts: Float64Array,
    at: CoverageSource,
    s: number,
    host: number,
    lost: number[],
  ): number {
    let good = 0;
    for (let i = 0; i < this.dst.length; i += 2) {
      const hi = this.dst[i + 1]!;
      for (let d = this.dst[i]!; d <= hi;) {
        segmentOf(cuts, d, d, hi, this.seg);
        w.spanLo = this.seg[0]!;
        w.spanHi = this.seg[1]!;
        w.hashed = false;
        const o = this.walk(w, at, host, d, s);
        const end = w.spanHi;
        if (!w.hashed) {
          if (o === DELIVERED) good += end - d + 1;
          else if (o !== UNMODELLED) lost.push(d, end);
        } else good += this.hashedSpan(w, at, host, d, end, s, lost);
        d = end + 1;
      }
    }
    return good;
  }

  /** A span whose walk used the flow hash: measured at up to HASH_POINTS destinations. */
  private hashedSpan(
    w: Walker,
    at: CoverageSource,
    host: number,
    lo: number,
    hi: number,
    s: number,
    lost: number[],
  ): number {
    const size = hi - lo + 1;
    const points = Math.min(size, HASH_POINTS);
    const share = size / points;
    let good = 0;
    for (let k = 0; k < points; k++) {
      const d = lo + Math.floor((k * size) / points);
      const next = k + 1 < points ? lo + Math.floor(((k + 1) * size) / points) - 1 : hi;
      w.spanLo = d;
      w.spanHi = d;
      const o = this.walk(w, at, host, d, s);
      if (o === DELIVERED) good += share;
      else if (o !== UNMODELLED) lost.push(d, next);
    }
    return good;
  }

  private walk(w: Walker, at: CoverageSource, host: number, d: number, s: number): number {
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

function total(pairs: readonly number[]): number {
  let t = 0;
  for (let i = 0; i < pairs.length; i += 2) t += pairs[i + 1]! - pairs[i]! + 1;
  return t;
}
