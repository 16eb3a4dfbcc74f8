/** GCP refusals (PROVIDERS.md 3.1): custom static routes of a VPC network. */
import type { Network, NetworkState, Route } from '@cloudroute/model';
import { contains, parseAddress, parsePrefix } from '../ip.js';
import type { Prefix } from '../ip.js';
import { connectionEnds, connections, peersOf } from '../lookup.js';
import { refuse } from '../outcome.js';
import type { NoteDraft, Refused } from '../outcome.js';

const GCP_HOPS = new Set(['gateway', 'instance', 'address', 'ilb', 'vpnTunnel']);

function subnetRanges(n: Network): { name: string; cidr: string }[] {
  return n.subnets.flatMap((s) =>
    [s.cidr, ...(s.secondaryCidrs ?? [])].map((cidr) => ({ name: s.name, cidr })),
  );
}

/**
 * Static route validation; `replacing` is the name of the route a `route.replace` removes (its
 * name may be reused).
 */
export function checkGcpRoute(
  state: NetworkState,
  network: Network,
  route: Route,
  p: Prefix,
  replacing: string | undefined,
): Refused | NoteDraft[] {
  const hop = route.nextHop;
  if (!GCP_HOPS.has(hop.type)) {
    return refuse(
      'invalid-next-hop',
      `${hop.type} is not a GCP static route next hop — use gateway, instance, address, ilb or vpnTunnel (GCP-R5)`,
    );
  }
  if (
    route.priority !== undefined &&
    !(Number.isInteger(route.priority) && route.priority >= 0 && route.priority <= 65535)
  ) {
    return refuse('GCP-R3', `priority ${route.priority} is outside 0..65535`);
  }
  // GCP-R12: a custom route may not equal or fit inside a local or peering subnet range.
  const nets = [network.name, ...peersOf(state.topology, network.name)];
  for (const n of state.topology.networks) {
    if (!nets.includes(n.name) || n.provider !== 'gcp') continue;
    for (const r of subnetRanges(n)) {
      const sp = parsePrefix(r.cidr);
      if (sp && contains(sp, p)) {
        const kind = n.name === network.name ? 'subnet' : 'peering subnet';
        return refuse(
          'GCP-R12',
          `${route.prefix} equals or lies inside ${kind} ${n.name}/${r.name} (${r.cidr}): a custom route cannot be as or more specific than a subnet route — use a broader prefix`,
        );
      }
    }
  }
  // GCP-R3: route names are unique in the project.
  if (route.name !== undefined && route.name !== replacing) {
    const taken = state.topology.networks.some(
      (n) => n.provider === 'gcp' && (n.routes ?? []).some((r) => r.name === route.name),
    );
    if (taken) return refuse('already-exists', `a route named ${route.name} already exists in the project`);
  }
  if (hop.type === 'gateway' && hop.gateway !== 'default-internet-gateway') {
    return refuse('GCP-R5', `next-hop-gateway can only be default-internet-gateway, not ${hop.gateway}`);
  }
  if (hop.type === 'instance' && !network.hosts.some((h) => h.name === hop.host)) {
    return refuse('not-found', `${network.name} has no instance named ${hop.host}`);
  }
  if (hop.type === 'address' && !parseAddress(hop.ip))
    return refuse('invalid-value', `${hop.ip} is not an IP address`);
  if (hop.type === 'ilb') {
    if (
      hop.gateway !== undefined &&
      !network.gateways.some((g) => g.name === hop.gateway && g.kind === 'ilb')
    ) {
      return refuse('not-found', `${network.name} has no internal load balancer named ${hop.gateway}`);
    }
    if (hop.gateway === undefined && (hop.ip === undefined || !parseAddress(hop.ip))) {
      return refuse('invalid-value', 'an ilb next hop needs a gateway name or an IP address');
    }
  }
  if (hop.type === 'vpnTunnel') {
    const c = connections(state.topology).byName.get(hop.connection);
    const end = c ? connectionEnds(c).gateways.find((g) => g.startsWith(`${network.name}/`)) : undefined;
    if (!c || end === undefined) {
      return refuse('not-found', `${network.name} has no VPN connection named ${hop.connection}`);
    }
    const gw = network.gateways.find((g) => `${network.name}/${g.name}` === end);
    if (gw?.kind !== 'classicVpn') {
      return refuse(
        'GCP-R5',
        `${hop.connection} runs on ${end} (${gw?.kind ?? '?'}): only Classic VPN tunnels are static route next hops; HA VPN learns routes over BGP`,
      );
    }
  }
  return [];
}
