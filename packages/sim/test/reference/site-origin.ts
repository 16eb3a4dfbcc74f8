/**
 * Traffic from on-premises (DESIGN.md "Flows.", added 2026-12), written from the rules:
 *
 * - A packet from a site starts at the site's own table `site:<name>`: its cidrs (delivered on
 *   site), its static `routes`, the routes the cloud advertised to it over BGP (only while the
 *   session is up), its internet egress. Then the connection's tunnels, the cloud gateway (ready,
 *   else `gateway-not-ready`), and the cloud's tables (Azure: GatewaySubnet's UDRs on the gateway's
 *   ingress; AWS: the VGW's table or the TGW table associated with the VPN attachment, AWS-R29;
 *   GCP: the network's routes at the Cloud Router's gateway) — all of it the walk of walk.ts.
 * - A site address is no cloud instance: no public IP of its own in a cloud, no member of an
 *   OpenStack security group (OS-R11), no GCP firewall exception (GCP-R24: only `10.128.0.0/9`
 *   on the `default` network).
 * - Delivery as for any flow: a subnet, host or site that owns the destination.
 *
 * Rules left open and taken from the product: `trace --from <site>` starts at the first host
 * address of the site's first cidr (its base + 1; the base itself for a /31 or /32); `--from
 * <address>` names a site only when no subnet holds the address (the first site in file order).
 */
import { parsePrefix } from './ipv4.js';
import type { Packet, RefVerdict } from './packet.js';
import { guestDecision } from './openstack.js';
import { newTrack, type RefFlow } from './filters.js';
import { act, anyFlow, decide, finish, MAX_ROUTES, type Decision } from './walk.js';
import type { RefPort, RefTable, World } from './world.js';

/** The site a flow group's or trace's source names: a name without `/`. */
export function siteNamed(w: World, from: string): string | undefined {
  return !from.includes('/') && w.sites.has(from) ? from : undefined;
}

/** The first site (file order) whose cidrs hold address `a`. */
export function siteHolding(w: World, a: number): string | undefined {
  for (const s of w.sites.values())
    if (
      s.cidrs.some((c) => {
        const r = parsePrefix(c);
        return r !== undefined && a >= r.lo && a <= r.hi;
      })
    )
      return s.name;
  return undefined;
}

/** The source address `trace --from <site>` uses (see above). */
export function siteTraceAddress(w: World, site: string): number | undefined {
  const first = w.sites
    .get(site)
    ?.cidrs.map(parsePrefix)
    .find((r) => r !== undefined);
  if (!first) return undefined;
  return first.hi - first.lo >= 2 ? first.lo + 1 : first.lo;
}

/** Walks one packet from site `site` (source `src`) to `dst`. */
export function walkFromSite(
  w: World,
  site: string,
  src: number,
  dst: number,
  traced = false,
  flow?: RefFlow,
): RefVerdict {
  const p: Packet = {
    src,
    dst,
    hops: [],
    traced,
    srcSubnet: '',
    srcMember: false,
    net: undefined,
    egPort: undefined,
    egSubnet: undefined,
    translated: false,
    region: undefined,
    filters: newTrack(flow ?? anyFlow(w)),
  };
  const end = (outcome: RefVerdict['outcome']): RefVerdict => ({
    outcome: finish(p, outcome),
    hops: p.hops,
    checks: p.filters.checks,
    atDestination: p.filters.atDestination,
  });
  let table: RefTable | undefined = w.tables.get(`site:${site}`);
  /** An OpenStack host holding the packet (reached through an appliance route): its guest decides. */
  let guest: RefPort | undefined;
  for (let taken = 0; taken < MAX_ROUTES; taken++) {
    let d: Decision;
    if (guest) {
      const g = guestDecision(w, p, guest, guest.subnetPath, false);
      guest = undefined;
      if (typeof g === 'string') return end(g);
      d = { ...g, special: undefined };
    } else {
      if (!table) return end('no-route');
      const found = decide(w, p, table);
      if (!found) return end('no-route');
      d = found;
    }
    const next = act(w, p, d);
    if (typeof next === 'string') return end(next);
    table = next.table;
    guest = next.guest;
  }
  return end('loop');
}
