/**
 * GCP networks: two regions (GCP-R16), routing mode and BGP best path (GCP-R17), the default route
 * on or off (GCP-R15), static routes with priorities and tags to instances, addresses, an ILB and
 * Classic VPN tunnels (GCP-R1..R6), equal routes for ECMP (GCP-R10/R11), policy-based routes
 * (GCP-R8), tagged and stopped hosts, a Cloud Router with HA VPN, Cloud NAT (GCP-R15) and an ILB
 * with backends (GCP-R5); peerings with `customRoutes` (GCP-R23). Refusal: a static route inside
 * a subnet range (GCP-R12).
 */
import type { GenContext, NetInfo, Obj } from './context.js';
import { addr, named, netInfo, netOf, subnet24 } from './context.js';

export function buildGcp(ctx: GenContext, k: number): NetInfo {
  const { d } = ctx;
  const name = `gcp${k}`;
  const b = ctx.block();
  const fw1 = addr(b, 1, 5);
  const fw2 = addr(b, 2, 5);
  const hasIlb = d.bool(0.5);
  const hasRouter = d.bool(0.7);
  const hasHa = hasRouter && d.bool(0.6);
  const hasClassic = d.bool(0.4);
  const hasNat = hasRouter && d.bool(0.5);
  const subnets: Obj[] = [
    {
      name: 'app',
      cidr: subnet24(b, 1),
      region: 'us-central1',
      ...(d.bool(0.2) ? { secondaryCidrs: [subnet24(b, 100)] } : {}),
    },
    { name: 'east', cidr: subnet24(b, 2), region: 'us-east1' },
  ];
  const hosts: Obj[] = [
    {
      name: 'vm1',
      subnet: 'app',
      ip: addr(b, 1, 10),
      ...(d.bool() ? { tags: [d.pick(['egress-fw', 'web'])] } : {}),
    },
    { name: 'vm2', subnet: 'east', ip: addr(b, 2, 10), ...(d.bool() ? { publicIp: true } : {}) },
    {
      name: 'fw1',
      subnet: 'app',
      ip: fw1,
      ...(d.bool(0.85) ? { ipForwarding: true } : {}),
      ...(d.bool(0.3) ? { publicIp: true } : {}),
      ...(d.bool(0.1) ? { running: false } : {}),
    },
    { name: 'fw2', subnet: 'east', ip: fw2, ...(d.bool(0.6) ? { ipForwarding: true } : {}) },
  ];
  const gateways: Obj[] = [];
  if (hasRouter)
    gateways.push({
      name: 'rtr1',
      kind: 'cloudRouter',
      region: 'us-central1',
      asn: d.pick([64514, 65200 + k]),
      ...(d.bool(0.2) ? { keepalive: '20s' } : {}),
    });
  const routes: Obj[] = [];
  if (hasHa) gateways.push({ name: 'havpn1', kind: 'haVpn', region: 'us-central1', router: 'rtr1' });
  if (hasClassic)
    gateways.push({ name: 'cvpn1', kind: 'classicVpn', region: d.pick(['us-central1', 'us-east1']) });
  if (hasNat) gateways.push({ name: 'nat1', kind: 'cloudNat', region: 'us-central1', router: 'rtr1' });
  if (hasIlb)
    gateways.push({
      name: 'fw-ilb',
      kind: 'ilb',
      region: 'us-central1',
      backends: d.bool(0.4) ? ['fw1', 'fw2'] : ['fw1'],
      ...(d.bool(0.3) ? { globalAccess: true } : {}),
    });
  if (d.bool(0.4))
    routes.push({
      name: 'egress-fw',
      prefix: '0.0.0.0/0',
      priority: 900,
      tags: ['egress-fw'],
      nextHop: { type: 'instance', host: 'fw1' },
    });
  if (d.bool(0.3))
    routes.push({ name: 'to-fw', prefix: '203.0.113.0/24', nextHop: { type: 'address', ip: fw1 } });
  if (hasIlb && d.bool(0.5))
    routes.push({
      name: 'via-ilb',
      prefix: '198.18.0.0/15',
      priority: d.pick([1000, 500]),
      nextHop: { type: 'ilb', gateway: 'fw-ilb' },
    });
  if (d.bool(0.3)) {
    // GCP-R10/R11: equal prefix and priority share traffic by a per-flow hash.
    routes.push({ name: 'ecmp-a', prefix: '10.240.0.0/16', nextHop: { type: 'instance', host: 'fw1' } });
    routes.push({ name: 'ecmp-b', prefix: '10.240.0.0/16', nextHop: { type: 'instance', host: 'fw2' } });
  }
  const policyRoutes: Obj[] = [];
  if (hasIlb && d.bool(0.35)) {
    policyRoutes.push({
      name: 'inspect',
      priority: 10,
      match: { src: subnet24(b, 2), dst: d.pick(['10.0.0.0/8', '192.168.0.0/16', '203.0.113.0/24']) },
      nextHop: { type: 'ilb', gateway: 'fw-ilb' },
    });
    if (d.bool(0.4))
      policyRoutes.push({
        name: 'skip',
        priority: 5,
        match: { dst: subnet24(b, 1) },
        ...(d.bool() ? { tags: ['web'] } : {}),
        nextHop: { type: 'defaultRouting' },
      });
  }
  const doc: Obj = {
    name,
    provider: 'gcp',
    ...(d.bool() ? { routingMode: d.pick(['regional', 'global']) } : {}),
    ...(d.bool(0.3) ? { bgpBestPath: d.pick(['legacy', 'standard']) } : {}),
    ...(d.bool(0.3) ? { defaultRoute: d.bool(0.3) } : {}),
    subnets,
    routes,
    ...(policyRoutes.length > 0 ? { policyRoutes } : {}),
    hosts,
    gateways,
  };
  if (hasHa)
    ctx.endpoints.push({
      gateway: `${name}/havpn1`,
      provider: 'gcp',
      kind: 'haVpn',
      bgp: 'yes',
      asn: (gateways[0]!['asn'] as number) ?? 64514,
      peerIps: [],
      tunnels: 2,
    });
  const classicConnections: string[] = [];
  if (hasClassic)
    ctx.endpoints.push({
      gateway: `${name}/cvpn1`,
      provider: 'gcp',
      kind: 'classicVpn',
      bgp: 'no',
      asn: 64514,
      peerIps: [],
      tunnels: 1,
      connected: (conn, siteCidr) => {
        classicConnections.push(conn);
        if (d.bool(0.8))
          routes.push({
            name: `via-${conn}`,
            prefix: siteCidr,
            nextHop: { type: 'vpnTunnel', connection: conn },
          });
      },
    });
  const info = netInfo(doc, b, []);
  gcpActions(ctx, info, { fw1, hasIlb, routes, classicConnections });
  return info;
}

function gcpActions(
  ctx: GenContext,
  net: NetInfo,
  o: { fw1: string; hasIlb: boolean; routes: Obj[]; classicConnections: string[] },
): void {
  const { d } = ctx;
  const { name, block: b } = net;
  const hops = (): Obj[] => [
    { type: 'gateway', gateway: 'default-internet-gateway' },
    { type: 'instance', host: 'fw1' },
    { type: 'address', ip: o.fw1 },
    ...(o.hasIlb ? [{ type: 'ilb', gateway: 'fw-ilb' }] : []),
    ...o.classicConnections.map((c) => ({ type: 'vpnTunnel', connection: c })),
  ];
  const prefixes = (): string[] => [
    '0.0.0.0/0',
    '203.0.113.0/24',
    '10.240.0.0/16',
    ...ctx.destinations.slice(0, 3),
  ];
  ctx.action('gcp route.add', () => ({
    do: 'route.add',
    network: name,
    route: {
      name: `t${d.int(1, 3)}`,
      prefix: d.pick(prefixes()),
      ...(d.bool(0.5) ? { priority: d.pick([100, 1000, 2000]) } : {}),
      ...(d.bool(0.3) ? { tags: [d.pick(['egress-fw', 'web'])] } : {}),
      nextHop: d.pick(hops()),
    },
  }));
  if (o.routes.length > 0) {
    ctx.action('gcp route.replace', () => {
      const r = d.pick(o.routes);
      return {
        do: 'route.replace',
        network: name,
        route: {
          name: r['name'],
          prefix: r['prefix'],
          priority: d.pick([500, 1000, 1500]),
          nextHop: d.pick(hops()),
        },
      };
    });
    ctx.action('gcp route.remove', () => ({
      do: 'route.remove',
      network: name,
      name: d.pick(o.routes)['name'],
    }));
  }
  // GCP-R12: no custom route inside a subnet range.
  ctx.action('gcp route.add inside a subnet (refused)', () => ({
    do: 'route.add',
    network: name,
    route: { name: 'bad', prefix: `10.${b}.1.128/25`, nextHop: { type: 'instance', host: 'fw1' } },
  }));
  ctx.action('gcp network.update', () =>
    d.pick([
      { do: 'network.update', network: name, set: { routingMode: d.pick(['global', 'regional']) } },
      { do: 'network.update', network: name, set: { defaultRoute: d.bool() } },
      { do: 'network.update', network: name, set: { bgpBestPath: d.pick(['standard', 'legacy']) } },
    ]),
  );
  ctx.action('gcp host.update', () =>
    d.pick([
      { do: 'host.update', host: `${name}/fw1`, set: { running: d.bool() } },
      { do: 'host.update', host: `${name}/vm1`, set: { tags: d.pick([[], ['egress-fw'], ['web']]) } },
      { do: 'host.update', host: `${name}/vm2`, set: { publicIp: d.bool() } },
      { do: 'host.update', host: `${name}/fw2`, set: { ipForwarding: d.bool() } },
    ]),
  );
  if ((net.doc['gateways'] as Obj[]).some((g) => g['name'] === 'rtr1'))
    // GCP-R19: a Cloud Router's ASN is fixed: refused without `recreate`.
    ctx.recreateOnly('gcp gateway.update router asn', `${name}/rtr1`, { asn: 64999 });
  ctx.action('gcp subnet.update', () => ({
    do: 'subnet.update',
    subnet: `${name}/east`,
    set: { secondaryCidrs: [subnet24(b, 101)] },
  }));
  ctx.mutate('gcp fw1 running', (doc) => {
    const h = named(netOf(doc, name)['hosts'], 'fw1');
    h['running'] = h['running'] === false;
  });
  ctx.mutate('gcp default route', (doc) => {
    const n = netOf(doc, name);
    n['defaultRoute'] = n['defaultRoute'] === false;
  });
  ctx.mutate('gcp vm1 tags', (doc) => {
    const h = named(netOf(doc, name)['hosts'], 'vm1');
    h['tags'] = Array.isArray(h['tags']) && (h['tags'] as unknown[]).length > 0 ? [] : ['egress-fw'];
  });
}

/** Peerings between consecutive GCP networks, exporting custom routes or not. */
export function linkGcp(ctx: GenContext): void {
  const gcp = ctx.networks.filter((n) => n.provider === 'gcp');
  for (let i = 0; i + 1 < gcp.length; i++)
    if (ctx.d.bool(0.6)) {
      const custom = ctx.d.pick([undefined, 'a-to-b', 'b-to-a', 'both', 'none']);
      ctx.peerings.push({
        between: [gcp[i]!.name, gcp[i + 1]!.name],
        ...(custom ? { customRoutes: custom } : {}),
      });
    }
}
