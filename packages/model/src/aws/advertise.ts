/**
 * What AWS gateways originate over BGP (before any transit of learned routes).
 */
import type { Gateway, Network, Topology } from '../topology.js';
import { topologyIndex } from '../internal/topology-index.js';

/** AWS-R25 / DESIGN.md: a VGW advertises its VPC's CIDRs to customer gateways. */
export function vgwOriginated(network: Network): readonly string[] {
  return network.cidrs;
}

/**
 * AWS-R29: a TGW advertises to a VPN attachment the routes of the route table associated with
 * that attachment. Without transit (a gateway-to-gateway session, computed without the peer's
 * own learned routes) these are the CIDRs of the VPC attachments that propagate into it.
 */
export function tgwOriginated(topology: Topology, tgw: Gateway, connection: string): readonly string[] {
  const attachment = (tgw.attachments ?? []).find((a) => a.connection === connection);
  if (!attachment?.routeTable) return [];
  const index = topologyIndex(topology);
  const out: string[] = [];
  for (const a of tgw.attachments ?? []) {
    if (a.network === undefined || !(a.propagations ?? []).includes(attachment.routeTable)) continue;
    const vpc = index.networks.get(a.network)?.network;
    if (vpc) out.push(...vpc.cidrs);
  }
  return out;
}
