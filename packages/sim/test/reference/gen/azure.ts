/**
 * Azure VNets: web, appliance and app subnets (one private: `defaultOutboundAccess: false`,
 * AZ-R15), GatewaySubnet with a VPN gateway (RouteBased or PolicyBased, active-active with written
 * `bgpPeerIps`, AZ-R16..R21), UDRs to VirtualAppliance (a NIC's address or not, AZ-R6), None,
 * Internet, VnetLocal and VirtualNetworkGateway, `propagateGatewayRoutes: false` (AZ-R10).
 * Timeline candidates: every route-table action, failovers, SKU changes, the policy-based to
 * route-based change with and without `recreate` (AZ-R17), a second gateway (AZ-R11, refused).
 */
import type { GenContext, NetInfo, Obj } from './context.js';
import { addr, named, netInfo, netOf, subnet24 } from './context.js';

export function buildAzure(ctx: GenContext, k: number): NetInfo {
  const { d } = ctx;
  const name = `az${k}`;
  const b = ctx.block();
  const hasGw = d.bool(0.6);
  const nvaIp = addr(b, 2, 4);
  const used = new Set<string>();
  const routes: Obj[] = [];
  const add = (route: Obj): void => {
    if (used.has(route['prefix'] as string)) return;
    used.add(route['prefix'] as string);
    routes.push(route);
  };
  add({
    name: 'to-nva',
    prefix: d.pick(['10.0.0.0/8', '203.0.113.0/24', '0.0.0.0/0']),
    nextHop: { type: 'VirtualAppliance', ip: d.bool(0.15) ? addr(b, 2, 99) : nvaIp },
  });
  if (d.bool(0.4)) add({ name: 'block', prefix: '198.18.0.0/15', nextHop: { type: 'None' } });
  if (d.bool(0.3)) add({ name: 'inet', prefix: '0.0.0.0/0', nextHop: { type: 'Internet' } });
  if (d.bool(0.2)) add({ name: 'keep-local', prefix: subnet24(b, 1), nextHop: { type: 'VnetLocal' } });
  const webRt: Obj = { name: 'web-rt', routes };
  if (d.bool(0.4)) webRt['propagateGatewayRoutes'] = d.bool(0.4);
  const subnets: Obj[] = [
    d.bool(0.85)
      ? { name: 'web', cidr: subnet24(b, 1), routeTable: 'web-rt' }
      : { name: 'web', cidr: subnet24(b, 1) },
    { name: 'nva', cidr: subnet24(b, 2) },
    {
      name: 'app',
      cidr: subnet24(b, 3),
      ...(d.bool(0.3) ? { defaultOutboundAccess: false } : {}),
      ...(d.bool(0.3) ? { routeTable: 'web-rt' } : {}),
    },
  ];
  // A /29, the smallest Azure subnet (AZ-R12): its reserved addresses are flow destinations too.
  if (d.bool(0.3)) subnets.push({ name: 'tiny', cidr: `10.${b}.4.0/29` });
  const hosts: Obj[] = [
    { name: 'nva1', subnet: 'nva', ip: nvaIp, ...(d.bool(0.75) ? { ipForwarding: true } : {}) },
    { name: 'web1', subnet: 'web', ip: addr(b, 1, 10), ...(d.bool(0.5) ? { publicIp: true } : {}) },
    { name: 'app1', subnet: 'app', ip: addr(b, 3, 10) },
  ];
  const gateways: Obj[] = [];
  let policy = false;
  let gwSpec: Obj | undefined;
  if (hasGw) {
    subnets.push({ name: 'GatewaySubnet', cidr: `10.${b}.255.0/27` });
    policy = d.bool(0.2);
    const aa = !policy && d.bool(0.4);
    const asn = d.bool(0.3) ? 65100 + k : undefined;
    const peerIps = aa ? [addr(b, 255, 4), addr(b, 255, 5)] : [addr(b, 255, 4)];
    gwSpec = {
      name: 'vng1',
      kind: 'vpn',
      vpnType: policy ? 'PolicyBased' : 'RouteBased',
      sku: d.pick(['VpnGw1', 'VpnGw2', 'VpnGw3']),
      ...(aa ? { activeActive: true } : {}),
      ...(asn !== undefined ? { asn } : {}),
      ...(d.bool(0.3) ? { bgpPeerIps: peerIps } : {}),
      ...(d.bool(0.2) ? { provisioning: '20m' } : {}),
    };
    gateways.push(gwSpec);
    ctx.endpoints.push({
      gateway: `${name}/vng1`,
      provider: 'azure',
      kind: 'vpn',
      bgp: policy ? 'no' : 'either',
      asn: asn ?? 65515,
      peerIps,
      tunnels: aa ? 2 : 1,
      connected: (conn, siteCidr) => {
        if (d.bool(0.3))
          add({ name: `to-${conn}`, prefix: siteCidr, nextHop: { type: 'VirtualNetworkGateway' } });
      },
    });
  }
  const doc: Obj = {
    name,
    provider: 'azure',
    cidrs: [`10.${b}.0.0/16`],
    subnets,
    routeTables: [webRt],
    hosts,
    gateways,
  };
  const info = netInfo(doc, b, [webRt]);
  azureActions(ctx, info, { hasGw, policy, nvaIp, routes, gwSpec });
  return info;
}

function azureActions(
  ctx: GenContext,
  net: NetInfo,
  o: { hasGw: boolean; policy: boolean; nvaIp: string; routes: Obj[]; gwSpec: Obj | undefined },
): void {
  const { d } = ctx;
  const { name, block: b } = net;
  const rt = `${name}/web-rt`;
  const hops = (): Obj[] => [
    { type: 'None' },
    { type: 'Internet' },
    { type: 'VirtualAppliance', ip: o.nvaIp },
    { type: 'VirtualAppliance', ip: addr(b, 2, 99) },
    { type: 'VnetLocal' },
    ...(o.hasGw ? [{ type: 'VirtualNetworkGateway' }] : []),
  ];
  const prefixes = (): string[] => [
    '0.0.0.0/0',
    '203.0.113.0/24',
    subnet24(b, 3),
    ...ctx.destinations.slice(0, 3),
  ];
  ctx.action('azure route.add', () => ({
    do: 'route.add',
    routeTable: rt,
    route: { name: `r${d.int(1, 3)}`, prefix: d.pick(prefixes()), nextHop: d.pick(hops()) },
  }));
  ctx.action('azure route.replace', () => ({
    do: 'route.replace',
    routeTable: rt,
    route: { name: 'to-nva', prefix: o.routes[0]!['prefix'], nextHop: d.pick(hops()) },
  }));
  ctx.action('azure route.remove', () => {
    const r = d.pick(o.routes);
    return d.bool()
      ? { do: 'route.remove', routeTable: rt, name: r['name'] }
      : { do: 'route.remove', routeTable: rt, prefix: r['prefix'] };
  });
  ctx.action('azure propagation.set', () => ({ do: 'propagation.set', routeTable: rt, enabled: d.bool() }));
  ctx.action('azure routeTable.associate', () => ({
    do: 'routeTable.associate',
    subnet: `${name}/${d.pick(['nva', 'app', 'web'])}`,
    routeTable: d.pick([null, rt]),
  }));
  ctx.action('azure subnet.update', () => ({
    do: 'subnet.update',
    subnet: `${name}/app`,
    set: { defaultOutboundAccess: d.bool() },
  }));
  ctx.action('azure host.update', () =>
    d.pick([
      { do: 'host.update', host: `${name}/nva1`, set: { ipForwarding: d.bool() } },
      { do: 'host.update', host: `${name}/web1`, set: { publicIp: d.bool() } },
    ]),
  );
  if (o.hasGw) {
    const gw = `${name}/vng1`;
    ctx.action('azure gateway.failover', () => ({ do: 'gateway.failover', gateway: gw, planned: d.bool() }));
    ctx.action('azure gateway.update sku', () => ({
      do: 'gateway.update',
      gateway: gw,
      set: { sku: d.pick(['VpnGw2', 'VpnGw3', 'VpnGw1']) },
    }));
    if (!o.policy && o.gwSpec?.['activeActive'] !== true)
      ctx.action('azure gateway.update active-active', () => ({
        do: 'gateway.update',
        gateway: gw,
        set: { activeActive: true },
      }));
    if (o.policy)
      // AZ-R17: policy-based to route-based only by delete and create.
      ctx.recreateOnly('azure gateway.update vpnType', gw, { vpnType: 'RouteBased' });
    // AZ-R11: one VPN gateway per VNet.
    ctx.action('azure gateway.create second vpn (refused)', () => ({
      do: 'gateway.create',
      network: name,
      gateway: { name: 'vng2', kind: 'vpn', vpnType: 'RouteBased', sku: 'VpnGw1' },
    }));
    if (o.gwSpec !== undefined && d.bool(0.3))
      ctx.lifecycles.push({ gateway: gw, network: name, spec: o.gwSpec });
  } else
    // AZ-R16: no GatewaySubnet.
    ctx.action('azure gateway.create without GatewaySubnet (refused)', () => ({
      do: 'gateway.create',
      network: name,
      gateway: { name: 'vng9', kind: 'vpn', vpnType: 'RouteBased', sku: 'VpnGw1' },
    }));
  ctx.mutate('azure nva1 ipForwarding', (doc) => {
    const h = named(netOf(doc, name)['hosts'], 'nva1');
    h['ipForwarding'] = h['ipForwarding'] !== true;
  });
  ctx.mutate('azure app private', (doc) => {
    const s = named(netOf(doc, name)['subnets'], 'app');
    s['defaultOutboundAccess'] = s['defaultOutboundAccess'] === false;
  });
  ctx.mutate('azure web-rt propagation', (doc) => {
    const t = named(netOf(doc, name)['routeTables'], 'web-rt');
    t['propagateGatewayRoutes'] = t['propagateGatewayRoutes'] === false;
  });
}

/**
 * VNet peerings between consecutive Azure networks; when the first has a VPN gateway and the second
 * none, sometimes with gateway transit (AZ-R34: the second uses the first's gateway).
 */
export function linkAzure(ctx: GenContext): void {
  const az = ctx.networks.filter((n) => n.provider === 'azure');
  const hasVpn = (n: NetInfo): boolean => ((n.doc['gateways'] as Obj[] | undefined) ?? []).length > 0;
  for (let i = 0; i + 1 < az.length; i++)
    if (ctx.d.bool(0.6)) {
      const [a, b] = [az[i]!, az[i + 1]!];
      const transit = hasVpn(a) && !hasVpn(b) && ctx.d.bool(0.8);
      ctx.peerings.push({ between: [a.name, b.name], ...(transit ? { gatewayTransit: true } : {}) });
    }
}
