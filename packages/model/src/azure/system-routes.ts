/**
 * Azure system routes of a subnet (PROVIDERS.md 2.1): the default routes (AZ-R1) with the
 * None-route rules (AZ-R2), and the optional VNet peering routes (AZ-R4).
 */
import type { NetworkState } from '../state.js';
import type { Network } from '../topology.js';
import { draft, type Draft } from '../internal/candidate.js';
import { prefixContainsPrefix, prefixEquals } from '@cloudroute/lpm';
import { parsePrefix } from '../internal/ip.js';
import { networkInfo, topologyIndex } from '../internal/topology-index.js';

/** AZ-R1: reserved prefixes with a None system route (RFC 1918 and RFC 6598). */
export const AZURE_NONE_PREFIXES: readonly string[] = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '100.64.0.0/10',
];
const noneParsed = AZURE_NONE_PREFIXES.map((t) => parsePrefix(t)!);

/**
 * AZ-R1 default routes, with AZ-R2:
 * - each VNet range → VnetLocal; 0.0.0.0/0 → Internet; the four reserved prefixes → None;
 * - a VNet range equal to a reserved prefix: that route is the VnetLocal route (one route);
 * - a VNet range that strictly contains a reserved prefix: the None route is removed;
 * - [GUESS] a VNet range strictly inside a reserved prefix coexists with it (LPM decides);
 * - `udrDefaultToAppliance`: the subnet's table has a UDR 0.0.0.0/0 → VirtualAppliance; the
 *   None routes are removed, as the doc's "Routing example" states for Subnet1 (its tables
 *   list only 10/8, 192.168/16 and 100.64/10; 172.16/12 is left out of both tables there, a
 *   doc inconsistency: cloudroute treats all four alike).
 */
export function azureDefaultRoutes(network: Network, udrDefaultToAppliance: boolean): Draft[] {
  const ranges = networkInfo(network).cidrs;
  const out: Draft[] = network.cidrs.map((prefix, i) =>
    draft({
      prefix,
      parsed: ranges[i],
      source: 'Default',
      state: 'Active',
      nextHopType: 'VnetLocal',
      action: { kind: 'local', network: network.name },
    }),
  );
  out.push(
    draft({
      prefix: '0.0.0.0/0',
      source: 'Default',
      state: 'Active',
      nextHopType: 'Internet',
      action: { kind: 'internet' },
    }),
  );
  if (udrDefaultToAppliance) return out;
  AZURE_NONE_PREFIXES.forEach((prefix, i) => {
    const q = noneParsed[i]!;
    if (ranges.some((r) => prefixEquals(r, q) || prefixContainsPrefix(r, q))) return;
    out.push(
      draft({
        prefix,
        parsed: q,
        source: 'Default',
        state: 'Active',
        nextHopType: 'None',
        action: { kind: 'drop', reason: 'none-route' },
      }),
    );
  });
  return out;
}

/** AZ-R4: one VNetPeering route per address range of each peered Azure VNet. */
export function azurePeeringRoutes(state: NetworkState, network: Network): Draft[] {
  const index = topologyIndex(state.topology);
  const out: Draft[] = [];
  for (const ref of index.peeringsByNetwork.get(network.name) ?? []) {
    const peer = index.networks.get(ref.other)?.network;
    if (!peer || peer.provider !== 'azure' || peer === network) continue;
    for (const prefix of peer.cidrs)
      out.push(
        draft({
          prefix,
          source: 'Default',
          state: 'Active',
          nextHopType: 'VNetPeering',
          action:
            ref.peering.name !== undefined
              ? { kind: 'peering', network: peer.name, peering: ref.peering.name }
              : { kind: 'peering', network: peer.name },
        }),
      );
  }
  return out;
}

/** The Azure networks peered with `network` (for AZ-R6 next hops and the AZ-R8 note). */
export function azurePeers(state: NetworkState, network: Network): readonly Network[] {
  const index = topologyIndex(state.topology);
  const out: Network[] = [];
  for (const ref of index.peeringsByNetwork.get(network.name) ?? []) {
    const peer = index.networks.get(ref.other)?.network;
    if (peer && peer.provider === 'azure' && peer !== network) out.push(peer);
  }
  return out;
}
