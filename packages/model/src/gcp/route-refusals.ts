/**
 * GCP custom static route refusals (PROVIDERS.md 3.1): what the Compute API refuses when a route
 * is created or replaced (GCP-R3 priority and names, GCP-R5 next hops, GCP-R12 subnet ranges).
 * Pure functions over the network state; the engine turns them into `rejected` entries.
 */
import { prefixContainsPrefix } from '@cloudroute/lpm';
import type { Prefix } from '@cloudroute/lpm';
import type { NetworkState } from '../state.js';
import type { Connection, Network, Route } from '../topology.js';
import { peeredNetworks, type ChangeRefusal } from '../change-refusal.js';
import { parseLooseAddress, parseLoosePrefix } from '../loose-prefix.js';

const GCP_HOPS = new Set(['gateway', 'instance', 'address', 'ilb', 'vpnTunnel']);

const refusal = (rule: string, message: string): ChangeRefusal => ({ rule, message });

/** GCP-R3: a route priority is an integer 0–65535. */
export function isGcpRoutePriority(priority: number): boolean {
  return Number.isInteger(priority) && priority >= 0 && priority <= 65535;
}

function subnetRanges(n: Network): { name: string; cidr: string }[] {
  return n.subnets.flatMap((s) =>
    [s.cidr, ...(s.secondaryCidrs ?? [])].map((cidr) => ({ name: s.name, cidr })),
  );
}

/** GCP-R12: a custom route may not equal or fit inside a local or peering subnet range. */
function subnetRangeRefusal(
  state: NetworkState,
  network: Network,
  route: Route,
  p: Prefix,
): ChangeRefusal | undefined {
  const nets = [network.name, ...peeredNetworks(state.topology, network.name)];
  for (const n of state.topology.networks) {
    if (!nets.includes(n.name) || n.provider !== 'gcp') continue;
    for (const r of subnetRanges(n)) {
      const sp = parseLoosePrefix(r.cidr);
      if (sp && prefixContainsPrefix(sp, p)) {
        const kind = n.name === network.name ? 'subnet' : 'peering subnet';
        return refusal(
          'GCP-R12',
          `${route.prefix} equals or lies inside ${kind} ${n.name}/${r.name} (${r.cidr}): a custom route cannot be as or more specific than a subnet route — use a broader prefix`,
        );
      }
    }
  }
  return undefined;
}

/** GCP-R5: only Classic VPN tunnels are static route next hops. `c` is the connection named by the hop. */
function tunnelRefusal(network: Network, name: string, c: Connection | undefined): ChangeRefusal | undefined {
  const end = c?.between.filter((e) => e.includes('/')).find((g) => g.startsWith(`${network.name}/`));
  if (!c || end === undefined) {
    return refusal('not-found', `${network.name} has no VPN connection named ${name}`);
  }
  const gw = network.gateways.find((g) => `${network.name}/${g.name}` === end);
  if (gw?.kind !== 'classicVpn') {
    return refusal(
      'GCP-R5',
      `${name} runs on ${end} (${gw?.kind ?? '?'}): only Classic VPN tunnels are static route next hops; HA VPN learns routes over BGP`,
    );
  }
  return undefined;
}

/**
 * Why GCP refuses the static route `route` in `network`, or undefined. `p` is the route's
 * destination; `replacing` the name of the route a `route.replace` removes (its name may be
 * reused); `connection` the connection a `vpnTunnel` next hop names (looked up by the caller).
 */
export function gcpRouteRefusal(
  state: NetworkState,
  network: Network,
  route: Route,
  p: Prefix,
  replacing: string | undefined,
  connection: Connection | undefined,
): ChangeRefusal | undefined {
  const hop = route.nextHop;
  if (!GCP_HOPS.has(hop.type)) {
    return refusal(
      'invalid-next-hop',
      `${hop.type} is not a GCP static route next hop — use gateway, instance, address, ilb or vpnTunnel (GCP-R5)`,
    );
  }
  if (route.priority !== undefined && !isGcpRoutePriority(route.priority)) {
    return refusal('GCP-R3', `priority ${route.priority} is outside 0..65535`);
  }
  const inSubnet = subnetRangeRefusal(state, network, route, p);
  if (inSubnet) return inSubnet;
  // GCP-R3: route names are unique in the project.
  if (route.name !== undefined && route.name !== replacing) {
    const taken = state.topology.networks.some(
      (n) => n.provider === 'gcp' && (n.routes ?? []).some((r) => r.name === route.name),
    );
    if (taken) return refusal('already-exists', `a route named ${route.name} already exists in the project`);
  }
  if (hop.type === 'gateway' && hop.gateway !== 'default-internet-gateway') {
    return refusal('GCP-R5', `next-hop-gateway can only be default-internet-gateway, not ${hop.gateway}`);
  }
  if (hop.type === 'instance' && !network.hosts.some((h) => h.name === hop.host)) {
    return refusal('not-found', `${network.name} has no instance named ${hop.host}`);
  }
  if (hop.type === 'address' && !parseLooseAddress(hop.ip))
    return refusal('invalid-value', `${hop.ip} is not an IP address`);
  if (hop.type === 'ilb') {
    if (
      hop.gateway !== undefined &&
      !network.gateways.some((g) => g.name === hop.gateway && g.kind === 'ilb')
    ) {
      return refusal('not-found', `${network.name} has no internal load balancer named ${hop.gateway}`);
    }
    if (hop.gateway === undefined && (hop.ip === undefined || !parseLooseAddress(hop.ip))) {
      return refusal('invalid-value', 'an ilb next hop needs a gateway name or an IP address');
    }
  }
  if (hop.type === 'vpnTunnel') return tunnelRefusal(network, hop.connection, connection);
  return undefined;
}
