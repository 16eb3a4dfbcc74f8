/**
 * A Neutron router's table (PROVIDERS.md 4.4): connected routes of its interfaces' subnets
 * (OS-R12), extra routes (OS-R14) and the external gateway's default route (OS-R13).
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable } from '../tables.js';
import type { Gateway, Network } from '../topology.js';
import { subnetOf } from '../lookup.js';
import { draft, finish, pickPerPrefix, type Draft } from '../internal/candidate.js';
import { resolveSubnetRef, topologyIndex } from '../internal/topology-index.js';
import { openstackAppliance } from './guest-table.js';

// OS-R14: an extra route equal to a connected subnet's CIDR replaces that connected route.
// [GUESS] an extra 0.0.0.0/0 likewise wins over the external gateway's default.
const rank: Record<string, number> = { extra: 0, connected: 1, gateway: 2 };

export function openstackRouterTable(
  state: NetworkState,
  network: Network,
  router: Gateway,
): ForwardingTable {
  const index = topologyIndex(state.topology);
  const path = `${network.name}/${router.name}`;
  const drafts: Draft[] = [];
  const connected: { net: string }[] = [];
  for (const i of router.interfaces ?? []) {
    const [n, s] = resolveSubnetRef(network.name, i);
    const subnet = index.networks.get(n)?.network.subnets.find((x) => x.name === s);
    if (!subnet) continue;
    connected.push({ net: n });
    drafts.push(
      draft({
        prefix: subnet.cidr,
        source: 'connected',
        state: 'active',
        nextHopType: 'local',
        name: i,
        action: { kind: 'local', network: n },
      }),
    );
  }
  for (const r of router.routes ?? []) {
    const hop = r.nextHop;
    if (hop.type !== 'ip') continue;
    // The next hop lies on one of the router's subnets (OS-R14 validation); find its network.
    const hopNet = connected.find((c) => subnetOf(state.topology, c.net, hop.ip) !== undefined);
    drafts.push(
      draft({
        prefix: r.prefix,
        source: 'extra',
        state: 'active',
        nextHopType: 'ip',
        nextHopIp: hop.ip,
        name: r.name,
        action: openstackAppliance(state, hopNet?.net ?? network.name, hop.ip),
      }),
    );
  }
  if (router.externalGateway)
    // OS-R13: the external gateway gives the router its default route.
    drafts.push(
      draft({
        prefix: '0.0.0.0/0',
        source: 'gateway',
        state: 'active',
        nextHopType: 'external',
        name: router.externalGateway.network,
        action: { kind: 'internet', gateway: path },
      }),
    );
  const flags = pickPerPrefix(drafts, (a, b) => (rank[a.source] ?? 9) - (rank[b.source] ?? 9));
  const routes = finish(drafts, flags, (_d, w) =>
    w
      ? { state: 'inactive', reason: `replaced by an ${w.source} route of equal prefix`, rule: 'OS-R14' }
      : undefined,
  );
  return { id: path, kind: 'router', provider: 'openstack', routes };
}
