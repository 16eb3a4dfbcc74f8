/**
 * Traffic from on-premises (DESIGN.md "Flows.", added 2026-12): a flow group whose `from` names a
 * site draws its sources from the site's `cidrs` (weighted by size, no reserved addresses: a site is
 * no cloud subnet), and `trace --from` takes a site name or an address inside a site's cidrs. The
 * packet starts at the site's own table (`site:<name>`): the routes the cloud advertised to it over
 * BGP and its static `routes`; from there its connections, the cloud gateway and the cloud's tables.
 *
 * Like a subnet's, a site source is a pure function of (seed, group, flow index): any split of a
 * group into workers or shards draws the same addresses.
 */
import type { Topology } from '@cloudroute/model';
import { parsePrefix4 } from './internal/lpm-adapter.js';

/** A range of IPv4 addresses: `size` addresses from `base`. */
export interface SiteRange {
  readonly base: number;
  readonly size: number;
}

/** A flow group's site source: the site's name and its IPv4 cidrs, in file order. */
export interface SiteSource {
  readonly site: string;
  readonly ranges: readonly SiteRange[];
  /** Sum of the ranges' sizes. */
  readonly total: number;
}

/** The site a flow group's `from` names (a name without `/`), or undefined. */
export function siteOf(topology: Topology, from: string): Topology['sites'][number] | undefined {
  return from.includes('/') ? undefined : topology.sites.find((s) => s.name === from);
}

/** The IPv4 ranges of a site's cidrs. */
export function siteRanges(site: Topology['sites'][number]): SiteRange[] {
  return site.cidrs.flatMap((c) => {
    const p = parsePrefix4(c);
    return p ? [{ base: p.network, size: 2 ** (32 - p.length) }] : [];
  });
}

/** Resolves a site named by a group's `from`; throws a RangeError when it has no IPv4 cidr. */
export function siteSource(topology: Topology, group: string, from: string): SiteSource | undefined {
  const site = siteOf(topology, from);
  if (!site) return undefined;
  const ranges = siteRanges(site);
  if (ranges.length === 0) throw new RangeError(`flow group ${group}: site ${from} has no IPv4 cidr`);
  return { site: site.name, ranges, total: ranges.reduce((a, r) => a + r.size, 0) };
}

/**
 * The source address of one flow from a site, from two independent 32-bit draws of the flow:
 * a weighted choice of one of the site's ranges, then an address in it (53 bits of randomness
 * when the ranges hold more than 2^32 addresses).
 */
export function siteSourceAddress(s: SiteSource, d0: number, d1: number): number {
  const x = s.total <= 2 ** 32 ? d0 % s.total : (d0 * 2 ** 21 + (d1 >>> 11)) % s.total;
  let acc = 0;
  for (const r of s.ranges) {
    if (x < acc + r.size) return r.base + (x - acc);
    acc += r.size;
  }
  return s.ranges[0]!.base;
}

/** The site whose cidrs hold address `a` (the first in file order), or undefined. */
export function siteAt(topology: Topology, a: number): Topology['sites'][number] | undefined {
  return topology.sites.find((s) => siteRanges(s).some((r) => a >= r.base && a < r.base + r.size));
}

/**
 * `trace --from` a site name or an address inside a site's cidrs: the site and the source address.
 * From a name, the source is the first host address of the site's first cidr (its base + 1; the
 * base itself in a /31 or /32).
 */
export function siteTraceSource(
  topology: Topology,
  from: string,
  ip: number | undefined,
): { site: string; src: number } | undefined {
  if (ip !== undefined) {
    const at = siteAt(topology, ip);
    return at ? { site: at.name, src: ip } : undefined;
  }
  const site = siteOf(topology, from);
  const r = site ? siteRanges(site)[0] : undefined;
  if (!site || !r) return undefined;
  return { site: site.name, src: r.size > 2 ? r.base + 1 : r.base };
}
