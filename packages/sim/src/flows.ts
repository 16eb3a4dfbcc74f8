/**
 * Flow generation: each flow group's sources and destinations drawn into typed arrays.
 *
 * Every flow's addresses are a pure function of (seed, group index, flow index), so any slice of
 * a group (a worker's, a shard's) draws exactly the addresses the whole run would: the output
 * does not depend on how the flows are split.
 */
import type { ProviderProfile, Topology } from '@cloudroute/model';
import type { FlowGroup } from './spec.js';
import { isPublicIpv4 } from './plane/walk.js';
import { usesRules } from './plane/filters.js';
import { parseIpv4, parsePrefix4 } from './internal/lpm-adapter.js';
import { siteSource, siteSourceAddress, type SiteSource } from './site-flows.js';

/** A 32-bit mix (the finaliser of MurmurHash3), used to derive independent draws. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** A 32-bit hash of a name (FNV-1a then mixed). */
export function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return mix32(h >>> 0);
}

/** The draw `k` of flow `i` of group `g` under `seed`. */
export function draw(seed: number, g: number, i: number, k: number): number {
  return drawOf(flowKey(groupKey(seed, g), i), k);
}

/** The part of {@link draw} that depends on the seed and group only (made once per group). */
function groupKey(seed: number, g: number): number {
  return mix32(mix32(seed ^ 0x9e3779b9) ^ g);
}

/** The part of {@link draw} that depends on the flow too (made once per flow). */
function flowKey(group: number, i: number): number {
  return mix32(group ^ i);
}

/** Draw `k` of a flow from its {@link flowKey}: `draw(seed, g, i, k)`. */
function drawOf(flow: number, k: number): number {
  return mix32(flow ^ Math.imul(k + 1, 0x27d4eb2f));
}

interface Range4 {
  readonly base: number;
  readonly size: number;
}

/**
 * Where a group's flows start: a subnet (addresses drawn from it), a host (its address) or a site
 * (addresses drawn from its cidrs; `subnet` is then empty: site-flows.ts).
 */
export interface FlowSource {
  readonly subnet: string;
  readonly host?: string;
  readonly fixedIp?: number;
  readonly usable: Range4;
  readonly site?: SiteSource;
}

export interface ResolvedGroup {
  readonly group: FlowGroup;
  /** The group's key in random draws: a hash of its name, so a group draws the same flows in any file order. */
  readonly key: number;
  readonly source: FlowSource;
  /** Destination ranges with cumulative sizes (for weighted draws); empty for `internet`. */
  readonly ranges: readonly Range4[];
  readonly internet: boolean;
  /**
   * Cloud subnets overlapping the destinations (for excluding their reserved addresses), and every
   * network and site range, merged and sorted (internet draws avoid them).
   */
  readonly reserved: readonly Range4[];
  readonly occupied: readonly Range4[];
}

/** First usable address and count of a subnet (provider reserved addresses excluded: AWS-R18, AZ-R12). */
export function usableRange(provider: string, network: number, length: number): Range4 {
  const size = 2 ** (32 - length);
  const [lo, hi] = provider === 'aws' || provider === 'azure' ? [4, 1] : provider === 'gcp' ? [2, 2] : [2, 1];
  if (size <= lo + hi) return { base: network, size };
  return { base: network + lo, size: size - lo - hi };
}

function rangeOf(prefix: string): Range4 | undefined {
  const p = parsePrefix4(prefix);
  return p ? { base: p.network, size: 2 ** (32 - p.length) } : undefined;
}

/** Resolves a group's references against the topology; throws a RangeError on a bad reference. */
export function resolveGroup(topology: Topology, group: FlowGroup): ResolvedGroup {
  const site = siteSource(topology, group.name, group.from);
  const source = site
    ? { subnet: '', site, usable: { base: site.ranges[0]!.base, size: site.total } }
    : networkSource(topology, group);
  return resolveDestinations(topology, group, source);
}

/** A subnet or host source of a group (`net/subnet`, `net/host`). */
function networkSource(topology: Topology, group: FlowGroup): FlowSource {
  const [netName, objName] = group.from.split('/');
  const net = topology.networks.find((n) => n.name === netName);
  if (!net) throw new RangeError(`flow group ${group.name}: unknown network in ${group.from}`);
  const host = net.hosts.find((h) => h.name === objName);
  let source: FlowSource;
  const subnetRange = (name: string): Range4 => {
    const s = net.subnets.find((x) => x.name === name);
    const p = s ? parsePrefix4(s.cidr) : undefined;
    if (!p) throw new RangeError(`flow group ${group.name}: unknown subnet ${name}`);
    return usableRange(net.provider, p.network, p.length);
  };
  if (host) {
    const port = host.ports?.[0];
    const subnet = host.subnet ?? port?.subnet ?? '';
    const ip = parseIpv4(host.ip ?? port?.ip ?? '');
    if (ip === undefined)
      throw new RangeError(`flow group ${group.name}: host ${group.from} has no IPv4 address`);
    const path = subnet.includes('/') ? subnet : `${net.name}/${subnet}`;
    source = { subnet: path, host: `${net.name}/${host.name}`, fixedIp: ip, usable: { base: ip, size: 1 } };
  } else {
    source = { subnet: `${net.name}/${objName}`, usable: subnetRange(objName ?? '') };
  }
  return source;
}

/** A group's destinations, and the ranges its draws avoid (see resolveGroup). */
function resolveDestinations(topology: Topology, group: FlowGroup, source: FlowSource): ResolvedGroup {
  const reserved: Range4[] = [];
  const occupied: Range4[] = [];
  for (const n of topology.networks) {
    for (const c of n.cidrs) {
      const r = rangeOf(c);
      if (r) occupied.push(r);
    }
    for (const s of n.subnets) {
      const p = parsePrefix4(s.cidr);
      if (!p) continue;
      occupied.push({ base: p.network, size: 2 ** (32 - p.length) });
      reserved.push({ base: p.network, size: 2 ** (32 - p.length) });
    }
  }
  for (const s of topology.sites) {
    for (const c of s.cidrs) {
      const r = rangeOf(c);
      if (r) occupied.push(r);
    }
  }
  // FILTERS.md "Flows": internet draws also avoid the declared service tags' prefixes (only where
  // filters are evaluated: under `none` the draws stay those of a scenario without them, invariant 55).
  if (topology.serviceTags && usesRules(topology))
    for (const prefixes of Object.values(topology.serviceTags))
      for (const c of prefixes) {
        const r = rangeOf(c);
        if (r) occupied.push(r);
      }
  let ranges: Range4[] = [];
  const internet = group.to === 'internet';
  if (!internet) {
    const site = topology.sites.find((s) => s.name === group.to);
    ranges = site ? site.cidrs.flatMap((c) => rangeOf(c) ?? []) : [rangeOf(group.to)].flatMap((r) => r ?? []);
    if (ranges.length === 0)
      throw new RangeError(`flow group ${group.name}: destination ${group.to} is not an IPv4 prefix`);
  }
  // Only the subnets that overlap the group's destinations can move a destination.
  const near = internet
    ? []
    : reserved.filter((r) => ranges.some((d) => r.base < d.base + d.size && d.base < r.base + r.size));
  return {
    group,
    key: hashName(group.name),
    source,
    ranges,
    internet,
    reserved: near,
    occupied: mergeRanges(occupied),
  };
}

/** Sorted, non-overlapping ranges covering the same addresses (for binary search). */
function mergeRanges(ranges: readonly Range4[]): Range4[] {
  const sorted = [...ranges].sort((a, b) => a.base - b.base);
  const out: { base: number; size: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.base <= last.base + last.size) last.size = Math.max(last.size, r.base + r.size - last.base);
    else out.push({ base: r.base, size: r.size });
  }
  return out;
}

/** Is `a` inside one of the sorted, disjoint `ranges`? */
function inRanges(ranges: readonly Range4[], a: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (a < r.base) hi = mid - 1;
    else if (a >= r.base + r.size) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Groups of at most this many flows in a slice keep their last flows (see {@link flowsOf}). */
const KEEP_FLOWS = 65_536;

/** The last flows made per flow group (per thread), with what they were made from. */
const lastFlows = new WeakMap<
  FlowGroup,
  { topology: Topology; seed: number; start: number; end: number; src: Uint32Array; dst: Uint32Array }
>();

/**
 * Flows [start, end) of the group as new arrays (the caller must not write to them). A chaos job
 * simulates the same flows in every run (only the timeline's faults differ): a small group's are
 * made once per thread and reused while the group, topology, seed and slice stay the same.
 * Large groups are made anew, so that no copy outlives the run that holds them.
 */
export function flowsOf(
  g: ResolvedGroup,
  topology: Topology,
  seed: number,
  start: number,
  end: number,
): { src: Uint32Array; dst: Uint32Array } {
  const n = Math.max(0, end - start);
  const last = lastFlows.get(g.group);
  if (last && last.topology === topology && last.seed === seed && last.start === start && last.end === end)
    return last;
  const src = new Uint32Array(n);
  const dst = new Uint32Array(n);
  generateFlows(g, seed, start, end, src, dst);
  if (n <= KEEP_FLOWS) lastFlows.set(g.group, { topology, seed, start, end, src, dst });
  return { src, dst };
}

/** Fills `src` and `dst` with flows [start, end) of the group. */
export function generateFlows(
  g: ResolvedGroup,
  seed: number,
  start: number,
  end: number,
  src: Uint32Array,
  dst: Uint32Array,
): void {
  const total = g.ranges.reduce((a, r) => a + r.size, 0);
  const gk = groupKey(seed, g.key);
  for (let i = start; i < end; i++) {
    const o = i - start;
    const u = g.source.usable;
    const site = g.source.site;
    const fk = flowKey(gk, i);
    src[o] = site
      ? siteSourceAddress(site, drawOf(fk, 0), drawOf(fk, -1))
      : (g.source.fixedIp ?? u.base + (drawOf(fk, 0) % u.size));
    if (g.internet) {
      let a = 0;
      for (let k = 1; ; k++) {
        a = drawOf(fk, k);
        if (isPublicIpv4(a) && !inRanges(g.occupied, a)) break;
      }
      dst[o] = a;
      continue;
    }
    // Weighted choice of a range, then an address in it (53 bits of randomness for big ranges).
    const x = (drawOf(fk, 1) * 2 ** 21 + (drawOf(fk, 2) >>> 11)) % total;
    let acc = 0;
    let a = g.ranges[0]!.base;
    for (const r of g.ranges) {
      if (x < acc + r.size) {
        a = r.base + (x - acc);
        break;
      }
      acc += r.size;
    }
    dst[o] = avoidReserved(g, a);
  }
}

/** A destination inside a cloud subnet is moved off the subnet's reserved addresses (AWS-R18, AZ-R12). */
function avoidReserved(g: ResolvedGroup, a: number): number {
  for (const r of g.reserved) {
    if (a < r.base || a >= r.base + r.size || r.size <= 8) continue;
    const off = a - r.base;
    if (off >= 4 && off < r.size - 1) return a;
    return r.base + 4 + (off % (r.size - 5));
  }
  return a;
}

/** A group's packet as the filters see it (FILTERS.md "Flows: protocol and ports"). */
export interface FlowPacket {
  /** IANA number, or ANY_PROTOCOL (-1) for a flow without protocol. */
  readonly protocol: number;
  /** Destination ports: flow k uses `portLo + k mod portSpan` when `portSpan` > 1 (no draw), else [portLo, portHi]. */
  readonly portLo: number;
  readonly portHi: number;
  readonly portSpan: number;
  readonly sourceLo: number;
  readonly sourceHi: number;
}

/** The packet fields of a group; `sourcePorts` defaults to the profile's (AWS-R42). ICMP: echo request, type 8 code 0. */
export function flowPacket(group: FlowGroup, profile: ProviderProfile): FlowPacket {
  const sp = group.sourcePorts ?? profile.flows.sourcePorts;
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- default: any (or no) protocol
  switch (group.protocol) {
    case 'icmp':
      return { protocol: 1, portLo: 8, portHi: 8, portSpan: 1, sourceLo: 0, sourceHi: 0 };
    case 'tcp':
    case 'udp': {
      const lo = group.port?.lo ?? 0;
      const hi = group.port?.hi ?? 65535;
      return {
        protocol: group.protocol === 'tcp' ? 6 : 17,
        portLo: lo,
        portHi: group.port ? lo : hi,
        portSpan: group.port ? hi - lo + 1 : 1,
        sourceLo: sp.lo,
        sourceHi: sp.hi,
      };
    }
    default: {
      const lo = group.port?.lo ?? 0;
      const hi = group.port?.hi ?? 65535;
      return {
        protocol: -1,
        portLo: lo,
        portHi: group.port ? lo : hi,
        portSpan: group.port ? hi - lo + 1 : 1,
        sourceLo: sp.lo,
        sourceHi: sp.hi,
      };
    }
  }
}
