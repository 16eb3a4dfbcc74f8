/**
 * Azure configurations the provider refuses (errors) or accepts but will not honour (warnings).
 */
import type { Network, Topology } from '../topology.js';
import { findHostByIp, gatewaySubnet } from '../lookup.js';
import type { Diagnostics } from '../internal/diag.js';
import { inRange, type Path } from '../internal/diag.js';
import { prefixContainsAddress } from '@cloudroute/lpm';
import { mustParsePrefix, parseAddress, parsePrefix, prefixKey } from '../internal/ip.js';
import { networkInfo, topologyIndex } from '../internal/topology-index.js';
import { AZURE_DEFAULT_ASN } from '../bgp/asn.js';
import { azureActiveActiveRefusal } from './sku-change.js';
import { AZURE_NEXT_HOP_TYPES, AZURE_ROUTES_PER_TABLE, azureOnGatewaySubnet } from './route-refusals.js';

/** AZ-R23: ASNs reserved by Azure (8074, 8075, 12076; 65515, 65517–65520) and by IANA. */
export function azureReservedAsn(asn: number): 'azure' | 'iana' | undefined {
  if ([8074, 8075, 12076, 65515, 65517, 65518, 65519, 65520].includes(asn)) return 'azure';
  if (asn === 23456 || inRange(asn, 64496, 64511) || inRange(asn, 65535, 65551) || asn === 4294967295)
    return 'iana';
  return undefined;
}

/**
 * AZ-R23: the ASNs Azure or IANA reserve that a VPN gateway cannot take (65515, Azure's own
 * default, is the gateway's to keep).
 */
export function azureGatewayAsnReserved(asn: number): boolean {
  return asn !== AZURE_DEFAULT_ASN && azureReservedAsn(asn) !== undefined;
}

const APIPA = parsePrefix('169.254.0.0/16')!;

export function validateAzureNetwork(d: Diagnostics, topology: Topology, network: Network, n: number): void {
  const base: Path = ['networks', n];
  const info = networkInfo(network);
  const index = topologyIndex(topology);
  const peers = (index.peeringsByNetwork.get(network.name) ?? []).map((r) => r.other);
  // AZ-R12: IPv4 subnets are /29 at the smallest.
  for (const s of info.subnets) {
    const p = s.prefixes[0]!;
    if (p.family === 4 && p.length > 29)
      d.error('AZ-R12', `subnet ${s.subnet.name} is a /${p.length} — Azure IPv4 subnets are /29 or larger`, [
        ...base,
        'subnets',
        s.index,
        'cidr',
      ]);
  }
  const gws = gatewaySubnet(network);
  const gwsIndex = network.subnets.findIndex((s) => s.name === 'GatewaySubnet');
  const vpnGateways = network.gateways.map((g, i) => ({ g, i })).filter(({ g }) => g.kind === 'vpn');
  for (const { g, i } of vpnGateways) {
    if (!gws)
      d.error(
        'AZ-R16',
        `${network.name}/${g.name} needs a subnet named exactly GatewaySubnet — add one (/27 or larger recommended)`,
        [...base, 'gateways', i],
      );
    if (g.asn !== undefined && azureGatewayAsnReserved(g.asn))
      d.error(
        'AZ-R23',
        `${g.name} has ASN ${g.asn}, reserved by ${azureReservedAsn(g.asn) === 'azure' ? 'Azure' : 'IANA'} — use 64512–65514 or 65521–65534 (or a public ASN you own)`,
        [...base, 'gateways', i, 'asn'],
      );
    const activeActive = azureActiveActiveRefusal(g.sku, g.activeActive);
    if (activeActive)
      d.error(
        activeActive.rule,
        `${g.name}: the Basic SKU has no active-active mode — choose VpnGw1 or higher`,
        [...base, 'gateways', i, 'activeActive'],
      );
    (g.bgpPeerIps ?? []).forEach((ip, k) => {
      const a = parseAddress(ip);
      if (!a) return;
      if (prefixContainsAddress(APIPA, a)) {
        // AZ-R21: custom APIPA BGP addresses must lie in 169.254.21.0–169.254.22.255.
        const ok = a.family === 4 && inRange(a.value, 0xa9fe1500, 0xa9fe16ff);
        if (!ok)
          d.error(
            'AZ-R21',
            `BGP address ${ip} of ${g.name} — custom APIPA BGP addresses must be in 169.254.21.0–169.254.22.255`,
            [...base, 'gateways', i, 'bgpPeerIps', k],
          );
      } else if (gws && !prefixContainsAddress(mustParsePrefix(gws.cidr), a)) {
        d.error(
          'AZ-R21',
          `BGP address ${ip} of ${g.name} is outside GatewaySubnet ${gws.cidr} — the gateway's BGP peer IP comes from GatewaySubnet (or APIPA)`,
          [...base, 'gateways', i, 'bgpPeerIps', k],
        );
      }
    });
  }
  if (gws) {
    const p = mustParsePrefix(gws.cidr);
    if (p.family === 4 && p.length > 29)
      d.error('AZ-R16', `GatewaySubnet is a /${p.length} — it must be /29 or larger (/27 recommended)`, [
        ...base,
        'subnets',
        gwsIndex,
        'cidr',
      ]);
    network.hosts.forEach((h, hi) => {
      if (h.subnet === 'GatewaySubnet')
        d.error(
          'AZ-R16',
          `host ${h.name} is in GatewaySubnet — nothing else may be deployed there; move it to another subnet`,
          [...base, 'hosts', hi, 'subnet'],
        );
    });
  }
  network.routeTables.forEach((table, ti) => {
    const tpath: Path = [...base, 'routeTables', ti];
    const users = network.subnets.filter((s) => s.routeTable === table.name);
    const onGatewaySubnet = azureOnGatewaySubnet(network, table.name);
    if (onGatewaySubnet && table.propagateGatewayRoutes === false)
      d.warning(
        'AZ-R10',
        `${table.name} disables gateway route propagation on GatewaySubnet — the gateway will not function; keep propagateGatewayRoutes: true there`,
        [...tpath, 'propagateGatewayRoutes'],
      );
    if (table.routes.length > AZURE_ROUTES_PER_TABLE)
      d.error(
        'AZ-R11',
        `${table.name} has ${table.routes.length} routes — Azure allows 400 per route table; aggregate prefixes`,
        [...tpath, 'routes'],
      );
    const seen = new Set<number | string>();
    table.routes.forEach((route, ri) => {
      const rpath: Path = [...tpath, 'routes', ri];
      const key = prefixKey(mustParsePrefix(route.prefix));
      if (seen.has(key))
        d.error(
          'duplicate-route',
          `${table.name} has two routes for ${route.prefix} — a route table holds one route per address prefix; remove one`,
          [...rpath, 'prefix'],
        );
      seen.add(key);
      const hop = route.nextHop;
      if (!AZURE_NEXT_HOP_TYPES.has(hop.type)) {
        d.error(
          'AZ-R5',
          `next hop type ${hop.type} is not an Azure UDR next hop — use VirtualAppliance, VirtualNetworkGateway, VnetLocal, Internet or None`,
          [...rpath, 'nextHop', 'type'],
        );
        return;
      }
      if (onGatewaySubnet && route.prefix === '0.0.0.0/0')
        d.warning(
          'AZ-R10',
          `${table.name} sends 0.0.0.0/0 from GatewaySubnet elsewhere — this can stop the gateway from working; don't put a default route on GatewaySubnet`,
          [...rpath, 'prefix'],
        );
      if (hop.type === 'VirtualNetworkGateway') {
        const gw = network.gateways.find((g) => g.kind === 'vpn');
        if (!gw)
          d.warning(
            'AZ-R5',
            `route ${route.prefix} → VirtualNetworkGateway, but ${network.name} has no VPN gateway — traffic is dropped until one exists`,
            [...rpath, 'nextHop'],
          );
        else if (route.prefix === '0.0.0.0/0' && gw.vpnType === 'PolicyBased')
          d.error(
            'AZ-R5',
            `0.0.0.0/0 → VirtualNetworkGateway needs a route-based gateway; ${gw.name} is policy-based — recreate it as RouteBased`,
            [...rpath, 'nextHop'],
          );
      }
      if (hop.type === 'VirtualAppliance') {
        const host = findHostByIp(topology, hop.ip, [network.name, ...peers]);
        if (!host)
          d.warning(
            'AZ-R6',
            `VirtualAppliance ${hop.ip} is no NIC's IP in ${network.name} or a peered network — the route stays Active and its traffic is dropped (next-hop-not-forwarding); point it at the appliance NIC's private IP`,
            [...rpath, 'nextHop', 'ip'],
          );
        else {
          if (host.host.ipForwarding !== true)
            d.warning(
              'AZ-R6',
              `${host.path} is a VirtualAppliance next hop without IP forwarding — it drops traffic not addressed to it; set ipForwarding: true`,
              [...rpath, 'nextHop', 'ip'],
            );
          const same = users.find((s) => s.name === host.subnet && host.subnetNetwork === network.name);
          if (same)
            d.warning(
              'AZ-R6',
              `${host.path} serves subnet ${same.name} from inside it — put the appliance in a different subnet to avoid routing loops`,
              [...rpath, 'nextHop', 'ip'],
            );
        }
      }
    });
  });
}

/** AZ-R18, AZ-R21, AZ-R22, AZ-R23 on connections to Azure VPN gateways. */
export function validateAzureConnections(d: Diagnostics, topology: Topology, maxPrefixes: number): void {
  const index = topologyIndex(topology);
  topology.connections.forEach((c, ci) => {
    const gw = c.between
      .map((e) => index.gateways.get(e))
      .find((g) => g && g.network.provider === 'azure' && g.gateway.kind === 'vpn');
    if (!gw) return;
    if (c.bgp && gw.gateway.vpnType === 'PolicyBased')
      d.error(
        'AZ-R18',
        `${c.name} uses BGP on policy-based gateway ${gw.path} — BGP needs a route-based gateway`,
        ['connections', ci, 'bgp'],
      );
    if (c.bgp && gw.gateway.sku === 'Basic')
      d.error(
        'AZ-R18',
        `${c.name} uses BGP on Basic-SKU gateway ${gw.path} — the Basic SKU has no BGP; choose VpnGw1 or higher`,
        ['connections', ci, 'bgp'],
      );
    const siteName = c.between.find((e) => index.sites.has(e));
    const siteRef = siteName !== undefined ? index.sites.get(siteName) : undefined;
    if (!siteRef) return;
    const site = siteRef.site;
    const spath: Path = ['sites', siteRef.index];
    if (site.asn !== undefined) {
      const r = azureReservedAsn(site.asn);
      if (r !== undefined)
        d.error(
          'AZ-R23',
          `site ${site.name} uses ASN ${site.asn}, reserved by ${r === 'azure' ? 'Azure' : 'IANA'} — choose another ASN for the on-premises side`,
          [...spath, 'asn'],
        );
      else if (site.asn === (gw.gateway.asn ?? AZURE_DEFAULT_ASN))
        d.error(
          'AZ-R23',
          `site ${site.name} uses ASN ${site.asn}, the same as ${gw.path} — on-premises and Azure ASNs must differ`,
          [...spath, 'asn'],
        );
    }
    if (c.bgp) {
      const count = (site.advertise ?? site.cidrs).length;
      if (count > maxPrefixes)
        d.warning(
          'AZ-R22',
          `site ${site.name} advertises ${count} prefixes to ${gw.path} — Azure accepts at most ${maxPrefixes} from a peer and drops the session above that; summarise`,
          [...spath, site.advertise ? 'advertise' : 'cidrs'],
        );
    }
    if (site.bgpPeerIp !== undefined) {
      const a = parseAddress(site.bgpPeerIp);
      if (a && networkInfo(gw.network).cidrs.some((p) => prefixContainsAddress(p, a)))
        d.error(
          'AZ-R21',
          `site ${site.name} peers from ${site.bgpPeerIp}, inside ${gw.network.name}'s address space — the on-premises BGP peer IP must not overlap the VNet`,
          [...spath, 'bgpPeerIp'],
        );
    }
  });
}
