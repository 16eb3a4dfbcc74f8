/**
 * An OpenStack guest's routing table as DHCP sets it (PROVIDERS.md 4.1): the connected routes of
 * its network's subnets (OS-R1), the subnet's host routes (OS-R3), and the default route via
 * `gateway_ip` (OS-R2).
 */
import type { NetworkState } from '../state.js';
import type { ForwardingTable, RouteAction } from '../tables.js';
import type { Network, Subnet } from '../topology.js';
import { findHostByIp, subnetGatewayIp } from '../lookup.js';
import { draft, finish, pickPerPrefix, type Draft } from '../internal/candidate.js';
import { resolveSubnetRef, topologyIndex } from '../internal/topology-index.js';

/** The Neutron router with an interface on `net/subnet` (OS-R12), as `net/router`. */
export function routerOnSubnet(state: NetworkState, network: string, subnet: string): string | undefined {
  for (const ref of topologyIndex(state.topology).gateways.values()) {
    if (ref.gateway.kind !== 'router') continue;
    for (const i of ref.gateway.interfaces ?? []) {
      const [n, s] = resolveSubnetRef(ref.network.name, i);
      if (n === network && s === subnet) return ref.path;
    }
  }
  return undefined;
}

/** A next-hop address on an OpenStack network: the host holding it, else the bare address. */
export function openstackAppliance(state: NetworkState, network: string, ip: string): RouteAction {
  const host = findHostByIp(state, ip, [network]);
  return host ? { kind: 'appliance', ip, host: host.path } : { kind: 'appliance', ip };
}

// OS-R3: in a guest a connected route beats a host route of equal prefix; the gateway default
// beats a 0.0.0.0/0 host route (which is used only when gateway_ip is null).
const rank: Record<string, number> = { connected: 0, gateway: 1, 'host-route': 2 };

export function openstackGuestTable(state: NetworkState, network: Network, subnet: Subnet): ForwardingTable {
  const drafts: Draft[] = [];
  // OS-R1: every subnet of the network is on-link (DHCP pushes `<cidr>,0.0.0.0` for the others).
  for (const s of network.subnets)
    for (const prefix of [s.cidr, ...(s.secondaryCidrs ?? [])])
      drafts.push(
        draft({
          prefix,
          source: 'connected',
          state: 'active',
          nextHopType: 'local',
          name: s.name,
          action: { kind: 'local', network: network.name },
        }),
      );
  const gatewayIp = subnetGatewayIp('openstack', subnet);
  for (const r of subnet.hostRoutes ?? []) {
    if (r.nextHop.type !== 'ip') continue;
    const d = draft({
      prefix: r.prefix,
      source: 'host-route',
      state: 'active',
      nextHopType: 'ip',
      nextHopIp: r.nextHop.ip,
      name: r.name,
      action: openstackAppliance(state, network.name, r.nextHop.ip),
    });
    if (d.parsed.length === 0 && gatewayIp !== undefined) {
      // OS-R3: a 0.0.0.0/0 host route is the default only when gateway_ip is null.
      d.usable = false;
      d.state = 'inactive';
      d.reason = 'ignored: the subnet has a gateway_ip, which DHCP gives as the default route';
      d.rule = 'OS-R3';
    }
    drafts.push(d);
  }
  if (gatewayIp !== undefined) {
    // OS-R2: DHCP gives gateway_ip as the default router (option 3).
    const router = routerOnSubnet(state, network.name, subnet.name);
    drafts.push(
      draft({
        prefix: '0.0.0.0/0',
        source: 'gateway',
        state: 'active',
        nextHopType: 'ip',
        nextHopIp: gatewayIp,
        action:
          router !== undefined
            ? { kind: 'gateway', gateway: router }
            : openstackAppliance(state, network.name, gatewayIp),
      }),
    );
  }
  const flags = pickPerPrefix(drafts, (a, b) => (rank[a.source] ?? 9) - (rank[b.source] ?? 9));
  const routes = finish(drafts, flags, (_d, w) =>
    w
      ? { state: 'inactive', reason: `a ${w.source} route of equal prefix is preferred`, rule: 'OS-R3' }
      : undefined,
  );
  return { id: `${network.name}/${subnet.name}`, kind: 'subnet', provider: 'openstack', routes };
}
