/**
 * OpenStack Neutron configurations the API refuses (errors).
 */
import type { AllowedAddressPair, Network, Topology } from '../topology.js';
import { subnetGatewayIp } from '../lookup.js';
import type { Diagnostics } from '../internal/diag.js';
import { type Path } from '../internal/diag.js';
import { prefixContainsAddress } from '@cloudroute/lpm';
import { mustParsePrefix, parseAddress } from '../internal/ip.js';
import { networkInfo, resolveSubnetRef, topologyIndex } from '../internal/topology-index.js';

/** OS-R7: `max_allowed_address_pair` default. */
export const OS_MAX_ADDRESS_PAIRS = 10;
/** OS-R14: `max_routes` / `quota_router_route` default. */
export const OS_MAX_EXTRA_ROUTES = 30;

export function validateOpenstackNetwork(
  d: Diagnostics,
  topology: Topology,
  network: Network,
  n: number,
): void {
  const base: Path = ['networks', n];
  const index = topologyIndex(topology);
  for (const s of networkInfo(network).subnets) {
    const gw = s.subnet.gatewayIp;
    if (gw !== undefined && gw !== null) {
      const a = parseAddress(gw);
      if (!a || !prefixContainsAddress(s.prefixes[0]!, a))
        d.error(
          'OS-R2',
          `gatewayIp ${gw} is outside subnet ${s.subnet.name} (${s.subnet.cidr}) — give an address of the subnet, or null for no gateway`,
          [...base, 'subnets', s.index, 'gatewayIp'],
        );
    }
  }
  network.hosts.forEach((host, hi) => {
    const hpath: Path = [...base, 'hosts', hi];
    const ports =
      host.ports && host.ports.length > 0
        ? host.ports.map((p, k) => ({ p, path: [...hpath, 'ports', k] as Path }))
        : undefined;
    const entries = ports ?? [{ p: { subnet: host.subnet ?? '', ip: host.ip ?? '' }, path: hpath }];
    for (const { p, path } of entries) {
      // OS-R4: a port inherits port security from the host shorthand, else from its network (default true).
      const security = p.portSecurity ?? host.portSecurity ?? network.portSecurity ?? true;
      const pairs: readonly AllowedAddressPair[] =
        (ports ? p.allowedAddressPairs : host.allowedAddressPairs) ?? [];
      const groups = (ports ? p.securityGroups : host.securityGroups) ?? [];
      if (!security && pairs.length > 0)
        d.error(
          'OS-R8',
          `${network.name}/${host.name}: allowed address pairs need port security — enable portSecurity or remove the pairs`,
          [...path, 'allowedAddressPairs'],
        );
      if (!security && groups.length > 0)
        d.error(
          'OS-R8',
          `${network.name}/${host.name}: security groups need port security — enable portSecurity or set securityGroups: []`,
          [...path, 'securityGroups'],
        );
      if (pairs.length > OS_MAX_ADDRESS_PAIRS)
        d.error(
          'OS-R7',
          `${network.name}/${host.name} has ${pairs.length} allowed address pairs — Neutron allows ${OS_MAX_ADDRESS_PAIRS} per port; use a CIDR pair`,
          [...path, 'allowedAddressPairs'],
        );
      const seen = new Set<string>();
      pairs.forEach((pair, k) => {
        const key = `${pair.ip}|${pair.mac ?? ''}`;
        if (seen.has(key))
          d.error('OS-R7', `duplicate allowed address pair ${pair.ip} — remove the repeat`, [
            ...path,
            'allowedAddressPairs',
            k,
          ]);
        seen.add(key);
        if (pair.ip === p.ip && (pair.mac === undefined || pair.mac === ('mac' in p ? p.mac : undefined)))
          d.error(
            'OS-R7',
            `allowed address pair ${pair.ip} is the port's own fixed IP and MAC — Neutron refuses it; remove it`,
            [...path, 'allowedAddressPairs', k],
          );
      });
    }
    if (host.publicIp === true) {
      // OS-R15: a floating IP needs the port's subnet on a router whose gateway is on an external network.
      const subnets = entries.map(({ p }) => resolveSubnetRef(network.name, p.subnet));
      const ok = [...index.gateways.values()].some(
        (g) =>
          g.gateway.kind === 'router' &&
          g.gateway.externalGateway &&
          index.networks.get(g.gateway.externalGateway.network)?.network.external === true &&
          (g.gateway.interfaces ?? []).some((i) => {
            const [rn, rs] = resolveSubnetRef(g.network.name, i);
            return subnets.some(([sn, ss]) => sn === rn && ss === rs);
          }),
      );
      if (!ok)
        d.error(
          'OS-R15',
          `${network.name}/${host.name} has a floating IP, but its subnet is on no router with a gateway on an external network — add a router interface and external gateway`,
          [...hpath, 'publicIp'],
        );
    }
  });
  network.gateways.forEach((g, gi) => {
    if (g.kind !== 'router') return;
    const gpath: Path = [...base, 'gateways', gi];
    if (g.externalGateway && index.networks.get(g.externalGateway.network)?.network.external !== true)
      d.error(
        'OS-R13',
        `router ${g.name}'s external gateway ${g.externalGateway.network} is not an external network — set external: true on it or pick another`,
        [...gpath, 'externalGateway'],
      );
    const routes = g.routes ?? [];
    if (routes.length > OS_MAX_EXTRA_ROUTES)
      d.error(
        'OS-R14',
        `router ${g.name} has ${routes.length} extra routes — Neutron allows ${OS_MAX_EXTRA_ROUTES} per router`,
        [...gpath, 'routes'],
      );
    const ifaces = (g.interfaces ?? []).map((i) => {
      const [rn, rs] = resolveSubnetRef(network.name, i);
      return index.networks.get(rn)?.network.subnets.find((s) => s.name === rs);
    });
    routes.forEach((r, ri) => {
      const hop = r.nextHop;
      if (hop.type !== 'ip') return;
      const a = parseAddress(hop.ip);
      const connected = ifaces.some(
        (s) => s !== undefined && a !== undefined && prefixContainsAddress(mustParsePrefix(s.cidr), a),
      );
      const own = ifaces.some((s) => s !== undefined && subnetGatewayIp('openstack', s) === hop.ip);
      if (!connected)
        d.error(
          'OS-R14',
          `extra route ${r.prefix} via ${hop.ip}: the nexthop is not connected with router ${g.name} — use an address of a subnet the router has an interface on`,
          [...gpath, 'routes', ri, 'nextHop'],
        );
      else if (own)
        d.error(
          'OS-R14',
          `extra route ${r.prefix} via ${hop.ip}: the nexthop is used by router ${g.name} — point it at another device`,
          [...gpath, 'routes', ri, 'nextHop'],
        );
    });
  });
}
