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
import type { ForwardingPlane } from './plane/compile.js';
import { isPublicIpv4, type Walker } from './plane/walk.js';
import type { FlowPacket, ResolvedGroup } from './flows.js';
import { inPairs, mergePairs, subtract } from './address-ranges.js';

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
export function reservedHoles(g: ResolvedGroup): number[] {
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
export function withHoles(lost: number[], holes: readonly number[]): number[] {
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
export function sourceDomain(g: ResolvedGroup): number[] {
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

/** Port classes `[lo, hi, weight, …]`: the packet's ports as the filters tell them apart. */
export function portClasses(plane: ForwardingPlane, w: Walker, pk: FlowPacket): number[] {
  if (!w.fw || pk.portSpan <= 1) return [pk.portLo, pk.portHi, 1];
  const lo = pk.portLo;
  const hi = pk.portLo + pk.portSpan - 1;
  const cuts: number[] = [lo];
  plane.filters?.portCuts(cuts);
  const inside = [...new Set(cuts.filter((c) => c >= lo && c <= hi))].sort((a, b) => a - b);
  const out: number[] = [];
  inside.forEach((c, i) => {
    const end = i + 1 < inside.length ? inside[i + 1]! - 1 : hi;
    out.push(c, end, (end - c + 1) / pk.portSpan);
  });
  return out;
}
