/** VPN gateways, local network gateways (sites) and the connections between them. */
import type { DConnection, DGateway, DSite } from '../draft.js';
import { arr, bool, num, obj, str } from '../internal/json.js';
import { canonicalIp, canonicalPrefix, cidrContainsIp } from '../internal/ip.js';
import { T } from './inventory.js';
import { idKey, lastSegment, parentId, prefixes, ref } from './normalize.js';
import { names, originOf, outId, type Ctx } from './context.js';

const SKU = /^(Basic|Standard|HighPerformance|UltraPerformance|VpnGw[1-5](AZ)?)$/;

export function buildGateways(c: Ctx): void {
  for (const g of c.all(T.vng)) {
    const name = str(g.o['name']) ?? lastSegment(g.id);
    const type = str(g.o['gatewayType']) ?? 'Vpn';
    if (type.toLowerCase() !== 'vpn') {
      c.warn(
        g,
        'unsupported',
        `gateway ${name} is of type ${type}: only VPN gateways are modelled — skipped`,
      );
      continue;
    }
    const configs = arr(g.o['ipConfigurations'])
      .map(obj)
      .filter((x) => x !== undefined);
    const subId = configs.map((x) => ref(x['subnet'])).find((x) => x !== undefined);
    const vnetId = subId === undefined ? undefined : parentId(subId, 'subnets');
    const net =
      (subId === undefined ? undefined : c.subnets.get(idKey(subId))?.net) ??
      (vnetId === undefined ? undefined : c.nets.get(idKey(vnetId)));
    if (net === undefined) {
      c.warn(
        g,
        'missing-reference',
        `VPN gateway ${name}: its virtual network (${vnetId ?? 'unknown'}) is not in the input — skipped`,
      );
      continue;
    }
    const state = str(g.o['provisioningState']);
    if (state !== undefined && state !== 'Succeeded')
      c.warn(
        g,
        'assumed',
        `VPN gateway ${name} is ${state}: the export is a snapshot of a gateway mid-change — imported as provisioned`,
      );
    const vpnTypeText = str(g.o['vpnType'])?.toLowerCase();
    const vpnType =
      vpnTypeText === 'policybased'
        ? ('PolicyBased' as const)
        : vpnTypeText === 'routebased'
          ? ('RouteBased' as const)
          : undefined;
    const sku = str(obj(g.o['sku'])?.['name']) ?? str(g.o['sku']);
    if (sku !== undefined && !SKU.test(sku))
      c.warn(g, 'unsupported', `VPN gateway ${name}: SKU ${sku} is not modelled — imported without a SKU`);
    const bgp = obj(g.o['bgpSettings']);
    const asn = num(bgp?.['asn']);
    // IMPORTERS.md 2.6: prefer bgpPeeringAddresses[]; `bgpPeeringAddress` may be a comma-joined list.
    let peers = arr(bgp?.['bgpPeeringAddresses']).flatMap((p) =>
      arr(obj(p)?.['defaultBgpIpAddresses']).filter((x): x is string => typeof x === 'string'),
    );
    if (peers.length === 0)
      peers = (str(bgp?.['bgpPeeringAddress']) ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter((x) => x !== '');
    const gws = net.subnets.find((s) => s.names[0] === 'GatewaySubnet');
    const ips = [...new Set(peers.map((p) => canonicalIp(p)).filter((p) => p !== undefined))];
    const inside = ips.filter((ip) => gws !== undefined && cidrContainsIp(gws.cidr, ip));
    if (inside.length < ips.length)
      c.warn(
        g,
        'malformed',
        `VPN gateway ${name}: BGP peer address(es) ${ips.filter((i) => !inside.includes(i)).join(', ')} are outside GatewaySubnet [AZ-R21] — left out`,
      );
    const enableBgp = bool(g.o['enableBgp']) === true;
    for (const [field, what] of [
      ['gatewayDefaultSite', 'forced tunnelling (gatewayDefaultSite)'],
      ['customRoutes', 'custom routes'],
      ['natRules', 'NAT rules'],
      ['vpnClientConfiguration', 'point-to-site VPN'],
    ] as const) {
      const v = g.o[field];
      const present = Array.isArray(v)
        ? v.length > 0
        : field === 'customRoutes'
          ? prefixes(obj(v)?.['addressPrefixes']).length > 0
          : v !== undefined && v !== null;
      if (present) c.warn(g, 'unsupported', `VPN gateway ${name}: ${what} is not modelled`);
    }
    const gw: DGateway = {
      key: idKey(g.id),
      id: outId(g),
      names: names(g),
      kind: 'vpn',
      ...(vpnType !== undefined ? { vpnType } : {}),
      ...(sku !== undefined && SKU.test(sku) ? { sku } : {}),
      ...(bool(g.o['activeActive']) !== undefined
        ? { activeActive: bool(g.o['activeActive']) === true }
        : {}),
      ...(asn !== undefined && enableBgp ? { asn } : {}),
      ...(enableBgp && inside.length > 0 ? { bgpPeerIps: inside } : {}),
      ...originOf(g),
    };
    if (net.gateways.some((x) => x.kind === 'vpn')) {
      c.warn(
        g,
        'malformed',
        `VPN gateway ${name}: ${net.names[0] ?? net.key} already has a VPN gateway — skipped`,
      );
      continue;
    }
    net.gateways.push(gw);
    c.gateways.set(gw.key, { net, g: gw });
  }
}

export function buildSites(c: Ctx): void {
  for (const l of c.all(T.lng)) {
    const space = [
      ...new Set(
        prefixes(obj(l.o['localNetworkAddressSpace'])?.['addressPrefixes'])
          .map((p) => canonicalPrefix(p))
          .filter((p) => p !== undefined),
      ),
    ];
    const bgp = obj(l.o['bgpSettings']);
    const asn = num(bgp?.['asn']);
    const peer = canonicalIp(str(bgp?.['bgpPeeringAddress']));
    const site: DSite = {
      key: idKey(l.id),
      id: outId(l),
      names: names(l),
      cidrs: space,
      routes: [],
      ...(asn !== undefined ? { asn } : {}),
      ...(peer !== undefined ? { bgpPeerIp: peer } : {}),
      ...originOf(l),
    };
    c.sites.set(site.key, site);
  }
}

export function buildConnections(c: Ctx): void {
  const pairs = new Set<string>();
  const used = new Set<string>();
  for (const x of c.all(T.connection)) {
    const name = str(x.o['name']) ?? lastSegment(x.id);
    const type = (str(x.o['connectionType']) ?? 'IPsec').toLowerCase();
    if (type !== 'ipsec' && type !== 'vnet2vnet') {
      c.warn(
        x,
        'unsupported',
        `connection ${name} of type ${str(x.o['connectionType']) ?? '?'} is not modelled — skipped`,
      );
      continue;
    }
    const gw1 = ref(x.o['virtualNetworkGateway1']);
    const g = gw1 === undefined ? undefined : c.gateways.get(idKey(gw1));
    if (g === undefined) {
      c.warn(
        x,
        'missing-reference',
        `connection ${name}: its VPN gateway ${gw1 ?? '(none)'} was not imported — skipped`,
      );
      continue;
    }
    let other: DConnection['other'];
    if (type === 'ipsec') {
      const lng = ref(x.o['localNetworkGateway2']);
      const site = lng === undefined ? undefined : c.sites.get(idKey(lng));
      if (site === undefined) {
        c.warn(
          x,
          'missing-reference',
          `connection ${name}: local network gateway ${lng ?? '(none)'} is not in the input — skipped`,
        );
        continue;
      }
      other = { site: site.key };
      used.add(site.key);
    } else {
      const gw2 = ref(x.o['virtualNetworkGateway2']);
      const peer = gw2 === undefined ? undefined : c.gateways.get(idKey(gw2));
      if (peer === undefined) {
        c.warn(
          x,
          'missing-reference',
          `connection ${name}: peer gateway ${gw2 ?? '(none)'} was not imported — skipped`,
        );
        continue;
      }
      // Vnet2Vnet is configured from both sides: one scenario connection per pair.
      const pair = [g.g.key, peer.g.key].sort().join('|');
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      other = { gateway: peer.g.key };
    }
    const bgp = (bool(x.o['enableBgp']) ?? false) === true;
    const conn: DConnection = {
      key: idKey(x.id),
      id: outId(x),
      names: names(x),
      gateway: g.g.key,
      other,
      bgp,
      ...originOf(x),
    };
    c.t.connections.push(conn);
    const status = str(x.o['connectionStatus']);
    if (status !== undefined && ['notconnected', 'connecting'].includes(status.toLowerCase())) {
      c.t.timeline.push({ at: 0, do: 'tunnel.down', connection: conn.key });
      c.warn(x, 'assumed', `connection ${name} is ${status} in the export — tunnel.down at 0s`);
    }
    // AZ-R21: an on-premises peer on a loopback reaches the gateway's BGP addresses only by a route
    // through the tunnel; a working connection has one, which the export does not show.
    const site = 'site' in other ? c.sites.get(other.site) : undefined;
    if (bgp && site?.bgpPeerIp !== undefined && (g.g.bgpPeerIps?.length ?? 0) > 0) {
      for (const ip of g.g.bgpPeerIps ?? []) site.routes.push({ prefix: `${ip}/32`, via: conn.key });
      c.warn(
        x,
        'assumed',
        `connection ${name}: site routes to the gateway's BGP peer addresses through the tunnel are assumed (the on-premises side is not in the export)`,
      );
    }
  }
  for (const s of c.sites.values()) {
    if (!used.has(s.key)) {
      c.w.note(
        'unsupported',
        `local network gateway ${s.names[0] ?? s.key} has no imported connection — skipped`,
      );
      continue;
    }
    c.t.sites.push(s);
  }
}
