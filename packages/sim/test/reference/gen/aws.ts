/**
 * AWS VPCs: public, app and inspection subnets; a main table or none; an internet gateway, a NAT
 * gateway in the public subnet (AWS-R16), a VGW (AWS-R21 ASN), a transit gateway with VPC and VPN
 * attachments (AWS-R29..R33); named peerings; an appliance with `sourceDestCheck: false`, eni and
 * blackhole routes. Timeline candidates cover every route-table action, the refusals AWS-R3,
 * AWS-R4, AWS-R8, AWS-R21 (VGW ASN without `recreate`) and AWS-R24 (a second VGW).
 */
import type { GenContext, NetInfo, Obj } from './context.js';
import { addr, named, netInfo, netOf, subnet24 } from './context.js';

/** Builds one VPC named `aws{k}`. */
export function buildAws(ctx: GenContext, k: number): NetInfo {
  const { d } = ctx;
  const name = `aws${k}`;
  const b = ctx.block();
  const cidr = `10.${b}.0.0/16`;
  const hasIgw = d.bool(0.8);
  const hasNat = d.bool(0.5);
  const hasVgw = d.bool(0.5);
  const hasMain = d.bool(0.5);
  const appUsesMain = d.bool(0.25);
  const gateways: Obj[] = [];
  if (hasIgw) gateways.push({ name: 'igw1', kind: 'igw' });
  const natSpec = { name: 'nat1', kind: 'nat', subnet: 'pub' };
  if (hasNat)
    gateways.push(
      d.bool(0.3)
        ? { ...natSpec, provisioning: '3m' }
        : d.bool(0.15)
          ? { ...natSpec, connectivity: 'private' }
          : natSpec,
    );
  const vgwAsn = d.pick([64512, 64600, 65100]);
  if (hasVgw)
    gateways.push(d.bool() ? { name: 'vgw1', kind: 'vgw', asn: vgwAsn } : { name: 'vgw1', kind: 'vgw' });
  const fwIp = addr(b, 3, 10);
  const internetHop = hasNat
    ? { type: 'nat', gateway: 'nat1' }
    : hasIgw
      ? { type: 'igw', gateway: 'igw1' }
      : { type: 'blackhole' };
  const pubRt: Obj = {
    name: 'pub-rt',
    routes: hasIgw ? [{ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } }] : [],
  };
  const appRoutes: Obj[] = [{ prefix: '0.0.0.0/0', nextHop: internetHop }];
  if (d.bool(0.3)) appRoutes.push({ prefix: subnet24(b, 1), nextHop: { type: 'eni', ip: fwIp } });
  if (d.bool(0.3)) appRoutes.push({ prefix: '203.0.113.0/24', nextHop: { type: 'blackhole' } });
  const appRt: Obj = { name: 'app-rt', routes: appRoutes };
  if (d.bool()) appRt['propagateGatewayRoutes'] = d.bool(0.7);
  const tables: Obj[] = [pubRt, appRt];
  if (hasMain)
    tables.push({
      name: 'main-rt',
      main: true,
      routes: hasIgw && d.bool() ? [{ prefix: '0.0.0.0/0', nextHop: { type: 'igw', gateway: 'igw1' } }] : [],
    });
  const subnets: Obj[] = [
    { name: 'pub', cidr: subnet24(b, 1), routeTable: 'pub-rt' },
    appUsesMain
      ? { name: 'app', cidr: subnet24(b, 2) }
      : { name: 'app', cidr: subnet24(b, 2), routeTable: 'app-rt' },
    { name: 'inspect', cidr: subnet24(b, 3) },
  ];
  if (d.bool(0.3)) subnets.push({ name: 'small', cidr: `10.${b}.4.0/28`, routeTable: 'app-rt' });
  const hosts: Obj[] = [
    { name: 'web1', subnet: 'pub', ip: addr(b, 1, 10), ...(d.bool(0.6) ? { publicIp: true } : {}) },
    { name: 'api1', subnet: 'app', ip: addr(b, 2, 20) },
    { name: 'fw1', subnet: 'inspect', ip: fwIp, ...(d.bool(0.8) ? { sourceDestCheck: false } : {}) },
  ];
  const doc: Obj = { name, provider: 'aws', cidrs: [cidr], subnets, routeTables: tables, hosts, gateways };
  const info = netInfo(doc, b, tables);
  if (hasVgw)
    ctx.endpoints.push({
      gateway: `${name}/vgw1`,
      provider: 'aws',
      kind: 'vgw',
      bgp: 'either',
      asn: (gateways.find((g) => g['kind'] === 'vgw')?.['asn'] as number | undefined) ?? 64512,
      peerIps: [],
      tunnels: 2,
      connected: (_conn, siteCidr) => {
        if (d.bool(0.4)) appRoutes.push({ prefix: siteCidr, nextHop: { type: 'vgw', gateway: 'vgw1' } });
      },
    });
  awsActions(ctx, info, { hasIgw, hasNat, hasVgw, fwIp, appRoutes });
  return info;
}

function awsActions(
  ctx: GenContext,
  net: NetInfo,
  o: { hasIgw: boolean; hasNat: boolean; hasVgw: boolean; fwIp: string; appRoutes: Obj[] },
): void {
  const { d } = ctx;
  const { name, block: b } = net;
  const hops = (): Obj[] => {
    const out: Obj[] = [{ type: 'blackhole' }, { type: 'eni', ip: o.fwIp }];
    if (o.hasIgw) out.push({ type: 'igw', gateway: 'igw1' });
    if (o.hasNat) out.push({ type: 'nat', gateway: 'nat1' });
    if (o.hasVgw) out.push({ type: 'vgw', gateway: 'vgw1' });
    for (const p of ctx.peerings)
      if ((p['between'] as string[]).includes(name)) out.push({ type: 'peering', gateway: p['name'] });
    return out;
  };
  const prefixes = (): string[] => ['0.0.0.0/0', '203.0.113.0/24', ...ctx.destinations.slice(0, 3)];
  const table = (): string => `${name}/${d.pick(['app-rt', 'pub-rt'])}`;
  ctx.action('aws route.add', () => ({
    do: 'route.add',
    routeTable: table(),
    route: { prefix: d.pick(prefixes()), nextHop: d.pick(hops()) },
  }));
  ctx.action('aws route.replace', () => ({
    do: 'route.replace',
    routeTable: `${name}/app-rt`,
    route: { prefix: '0.0.0.0/0', nextHop: d.pick(hops()) },
  }));
  ctx.action('aws route.remove', () => ({
    do: 'route.remove',
    routeTable: `${name}/app-rt`,
    prefix: d.pick(o.appRoutes.map((r) => r['prefix'] as string)),
  }));
  ctx.action('aws route.add whole subnet to eni', () => ({
    do: 'route.add',
    routeTable: `${name}/app-rt`,
    route: { prefix: subnet24(b, 1), nextHop: { type: 'eni', ip: o.fwIp } },
  }));
  // Refused: AWS-R4 (inside the VPC, not a whole subnet), AWS-R8 (reserved), AWS-R3 (VPC CIDR to igw).
  ctx.action('aws route.add refused', () =>
    d.pick([
      {
        do: 'route.add',
        routeTable: `${name}/app-rt`,
        route: { prefix: `10.${b}.2.128/25`, nextHop: { type: 'eni', ip: o.fwIp } },
      },
      {
        do: 'route.add',
        routeTable: `${name}/app-rt`,
        route: { prefix: '169.254.168.0/24', nextHop: { type: 'blackhole' } },
      },
      ...(o.hasIgw
        ? [
            {
              do: 'route.add',
              routeTable: `${name}/pub-rt`,
              route: { prefix: `10.${b}.0.0/16`, nextHop: { type: 'igw', gateway: 'igw1' } },
            },
          ]
        : []),
    ]),
  );
  ctx.action('aws routeTable.associate', () => ({
    do: 'routeTable.associate',
    subnet: `${name}/${d.pick(['app', 'inspect'])}`,
    routeTable: d.pick([null, `${name}/app-rt`, `${name}/pub-rt`]),
  }));
  ctx.action('aws propagation.set', () => ({
    do: 'propagation.set',
    routeTable: `${name}/app-rt`,
    enabled: d.bool(),
  }));
  ctx.action('aws host.update', () =>
    d.pick([
      { do: 'host.update', host: `${name}/fw1`, set: { sourceDestCheck: d.bool() } },
      { do: 'host.update', host: `${name}/web1`, set: { publicIp: d.bool() } },
    ]),
  );
  // Accepted by the file format, refused when applied: a subnet changes table by routeTable.associate.
  ctx.action('aws subnet.update (refused)', () => ({
    do: 'subnet.update',
    subnet: `${name}/inspect`,
    set: { routeTable: 'app-rt' },
  }));
  if (o.hasVgw) {
    // AWS-R21: the VGW's ASN is fixed at creation: refused without `recreate`, a recreate with it.
    ctx.recreateOnly('aws gateway.update vgw asn', `${name}/vgw1`, { asn: 64700 });
    // AWS-R24: one VGW per VPC.
    ctx.action('aws gateway.create second vgw (refused)', () => ({
      do: 'gateway.create',
      network: name,
      gateway: { name: 'vgw2', kind: 'vgw' },
    }));
  }
  if (o.hasNat)
    ctx.lifecycles.push({
      gateway: `${name}/nat1`,
      network: name,
      spec: { name: 'nat1', kind: 'nat', subnet: 'pub' },
    });
  ctx.mutate('aws fw1 sourceDestCheck', (doc) => {
    const h = named(netOf(doc, name)['hosts'], 'fw1');
    h['sourceDestCheck'] = h['sourceDestCheck'] !== false;
  });
  ctx.mutate('aws web1 publicIp', (doc) => {
    const h = named(netOf(doc, name)['hosts'], 'web1');
    h['publicIp'] = h['publicIp'] !== true;
  });
  ctx.mutate('aws app-rt drops its default route', (doc) => {
    const t = named(netOf(doc, name)['routeTables'], 'app-rt');
    t['routes'] = (t['routes'] as Obj[]).filter((r) => r['prefix'] !== '0.0.0.0/0');
  });
}

/** Peerings between AWS VPCs (named, with routes that name them) and a shared transit gateway. */
export function linkAws(ctx: GenContext): void {
  const { d } = ctx;
  const aws = ctx.networks.filter((n) => n.provider === 'aws');
  for (let i = 0; i + 1 < aws.length; i++) {
    const [a, bn] = [aws[i]!, aws[i + 1]!];
    if (!d.bool(0.6)) continue;
    const pname = `pcx-${a.name}-${bn.name}`;
    ctx.peerings.push({ name: pname, between: [a.name, bn.name] });
    for (const [x, y] of [
      [a, bn],
      [bn, a],
    ] as const) {
      if (!d.bool(0.8)) continue;
      const which = d.pick(['app-rt', 'pub-rt']);
      const rt = x.tables.find((t) => t['name'] === which)!;
      (rt['routes'] as Obj[]).push({
        prefix: `10.${y.block}.0.0/16`,
        nextHop: { type: 'peering', gateway: pname },
      });
    }
  }
  if (aws.length === 0 || !d.bool(0.35)) return;
  const home = aws[0]!;
  const attachments: Obj[] = [];
  const tgwRoutes: Obj[] = [];
  if (d.bool(0.4)) tgwRoutes.push({ prefix: '203.0.113.0/24', blackhole: true });
  for (const n of aws) {
    if (n !== home && !d.bool(0.8)) continue;
    attachments.push({
      name: `att-${n.name}`,
      network: n.name,
      routeTable: 'tgw-rt',
      propagations: ['tgw-rt'],
    });
    const rt = n.tables.find((t) => t['name'] === 'app-rt')!;
    const gw = n === home ? 'tgw1' : `${home.name}/tgw1`;
    (rt['routes'] as Obj[]).push({ prefix: '10.0.0.0/8', nextHop: { type: 'tgw', gateway: gw } });
  }
  const tgw: Obj = {
    name: 'tgw1',
    kind: 'tgw',
    ...(d.bool() ? { asn: 64620 } : {}),
    attachments,
    routeTables: [{ name: 'tgw-rt', routes: tgwRoutes }],
  };
  (home.doc['gateways'] as Obj[]).push(tgw);
  ctx.endpoints.push({
    gateway: `${home.name}/tgw1`,
    provider: 'aws',
    kind: 'tgw',
    bgp: 'either',
    asn: (tgw['asn'] as number | undefined) ?? 64512,
    peerIps: [],
    tunnels: 2,
    connected: (conn, siteCidr) => {
      attachments.push({
        name: `att-${conn}`,
        connection: conn,
        routeTable: 'tgw-rt',
        propagations: ['tgw-rt'],
      });
      if (d.bool(0.3)) tgwRoutes.push({ prefix: siteCidr, attachment: `att-${conn}` });
    },
  });
}
