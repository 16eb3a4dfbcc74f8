/**
 * GCP configurations the provider refuses (errors) or accepts but will not honour (warnings).
 */
import type { Network, Topology } from '../topology.js';
import { findHostByIp } from '../lookup.js';
import type { Diagnostics } from '../internal/diag.js';
import { inRange, type Path } from '../internal/diag.js';
import { prefixesOverlap, type Prefix } from '@cloudroute/lpm';
import { mustParsePrefix } from '../internal/ip.js';
import { PrefixIndex } from '../internal/prefix-index.js';
import { networkInfo, topologyIndex } from '../internal/topology-index.js';
import { isGcpRoutePriority } from './route-refusals.js';

/** GCP-R19: a Cloud Router ASN is an RFC 6996 private ASN. */
export function isPrivateAsn(asn: number): boolean {
  return inRange(asn, 64512, 65534) || inRange(asn, 4200000000, 4294967294);
}

export function validateGcpNetwork(d: Diagnostics, topology: Topology, network: Network, n: number): void {
  const base: Path = ['networks', n];
  const index = topologyIndex(topology);
  const ranges = new PrefixIndex<string>();
  for (const s of networkInfo(network).subnets)
    for (const p of s.prefixes) ranges.add(p, `subnet ${s.subnet.name}`);
  for (const ref of index.peeringsByNetwork.get(network.name) ?? []) {
    const peer = index.networks.get(ref.other)?.network;
    if (peer?.provider === 'gcp')
      for (const s of networkInfo(peer).subnets)
        for (const p of s.prefixes) ranges.add(p, `peered subnet ${peer.name}/${s.subnet.name}`);
  }
  (network.routes ?? []).forEach((route, ri) => {
    const rpath: Path = [...base, 'routes', ri];
    const inside = ranges.containing(mustParsePrefix(route.prefix));
    if (inside !== undefined)
      // GCP-R12: custom route destinations cannot match or be more specific than a subnet route.
      d.error(
        'GCP-R12',
        `static route ${route.prefix} equals or lies inside ${inside} — GCP refuses it; use a broader destination or change the subnet`,
        [...rpath, 'prefix'],
      );
    if (route.priority !== undefined && !isGcpRoutePriority(route.priority))
      d.error(
        'GCP-R3',
        `priority ${route.priority} — GCP route priorities are integers 0–65535 (default 1000)`,
        [...rpath, 'priority'],
      );
    const hop = route.nextHop;
    if (hop.type === 'vpnTunnel') {
      const conn = index.connections.get(hop.connection)?.connection;
      const gw = conn?.between.map((e) => index.gateways.get(e)).find((g) => g?.network === network);
      if (gw && gw.gateway.kind !== 'classicVpn')
        d.error(
          'GCP-R5',
          `route ${route.prefix} → tunnel of ${hop.connection}: only Classic VPN tunnels are static next hops (HA VPN uses dynamic routes) — use BGP or a Classic VPN`,
          [...rpath, 'nextHop'],
        );
    } else if (hop.type === 'instance' || hop.type === 'address') {
      const host =
        hop.type === 'instance'
          ? network.hosts.find((h) => h.name === hop.host)
          : findHostByIp(topology, hop.ip, [network.name])?.host;
      if (!host)
        d.warning(
          'GCP-R6',
          `route ${route.prefix}: next hop ${hop.type === 'instance' ? hop.host : hop.ip} is no instance of ${network.name} — the route is disregarded`,
          [...rpath, 'nextHop'],
        );
      else if (host.ipForwarding !== true)
        d.warning(
          'GCP-R5',
          `next hop ${host.name} cannot IP forward — it drops traffic not addressed to it; set ipForwarding: true (canIpForward)`,
          [...rpath, 'nextHop'],
        );
    }
  });
  network.gateways.forEach((g, gi) => {
    if (g.kind !== 'cloudRouter') return;
    if (g.asn !== undefined && !isPrivateAsn(g.asn))
      d.error(
        'GCP-R19',
        `Cloud Router ${g.name} has ASN ${g.asn} — it must be a private ASN (64512–65534 or 4200000000–4294967294)`,
        [...base, 'gateways', gi, 'asn'],
      );
    if (g.keepalive !== undefined && !inRange(g.keepalive, 20, 60))
      d.error(
        'GCP-R19',
        `Cloud Router ${g.name} keepalive ${g.keepalive}s — it must be between 20 and 60 seconds`,
        [...base, 'gateways', gi, 'keepalive'],
      );
  });
}

/** GCP-R13: peered GCP networks may not have overlapping subnet ranges. */
export function validateGcpPeerings(d: Diagnostics, topology: Topology): void {
  const index = topologyIndex(topology);
  topology.peerings.forEach((p, pi) => {
    const a = index.networks.get(p.between[0])?.network;
    const b = index.networks.get(p.between[1])?.network;
    if (a?.provider !== 'gcp' || b?.provider !== 'gcp') return;
    const bRanges: Prefix[] = networkInfo(b).subnets.flatMap((s) => s.prefixes);
    for (const s of networkInfo(a).subnets)
      for (const ra of s.prefixes)
        if (bRanges.some((rb) => prefixesOverlap(ra, rb))) {
          d.error(
            'GCP-R13',
            `${a.name} and ${b.name} have overlapping subnet ranges (${s.subnet.cidr}) — the peering cannot become active; renumber one side`,
            ['peerings', pi],
          );
          return;
        }
  });
}
