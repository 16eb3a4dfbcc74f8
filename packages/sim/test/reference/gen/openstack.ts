/**
 * OpenStack networks: an app subnet on a router and a data subnet (gateway or none, OS-R2), DHCP
 * host routes (OS-R3), an appliance with two ports, allowed address pairs and port security
 * switched per port (OS-R4..R9), a router with interfaces, an external gateway with or without
 * SNAT and extra routes (OS-R12..R15), floating IPs (`publicIp`). External networks are added by
 * `linkOpenstack`. Refusals: an extra route whose next hop is not connected or is the router's
 * own address (OS-R14); port security off while the port keeps address pairs (OS-R8).
 */
import type { GenContext, NetInfo, Obj } from './context.js';
import { addr, named, netInfo, netOf, subnet24 } from './context.js';

export function buildOpenstack(ctx: GenContext, k: number): NetInfo {
  const { d } = ctx;
  const name = `os${k}`;
  const b = ctx.block();
  const fwApp = addr(b, 1, 254);
  const fwData = addr(b, 2, 254);
  const dataNoGateway = d.bool(0.35);
  const hasRouter = d.bool(0.85);
  const routerOnData = hasRouter && !dataNoGateway && d.bool(0.5);
  const external = hasRouter && d.bool(0.7);
  const hostRoutes: Obj[] = [];
  if (d.bool(0.4)) hostRoutes.push({ prefix: '10.201.0.0/16', nextHop: { type: 'ip', ip: fwApp } });
  const subnets: Obj[] = [
    {
      name: 'app-sub',
      cidr: subnet24(b, 1),
      ...(d.bool(0.3) ? { gatewayIp: addr(b, 1, 1) } : {}),
      ...(hostRoutes.length > 0 ? { hostRoutes } : {}),
    },
    { name: 'data-sub', cidr: subnet24(b, 2), ...(dataNoGateway ? { gatewayIp: null } : {}) },
  ];
  const fwPorts: Obj[] = [
    {
      subnet: 'app-sub',
      ip: fwApp,
      ...(d.bool(0.6)
        ? { allowedAddressPairs: [{ ip: d.pick(['0.0.0.0/0', subnet24(b, 2), '10.201.0.0/16']) }] }
        : {}),
    },
    d.bool(0.2)
      ? { subnet: 'data-sub', ip: fwData, portSecurity: false }
      : {
          subnet: 'data-sub',
          ip: fwData,
          ...(d.bool(0.6) ? { allowedAddressPairs: [{ ip: subnet24(b, 1) }] } : {}),
        },
  ];
  const hosts: Obj[] = [
    {
      name: 'web1',
      subnet: 'app-sub',
      ip: addr(b, 1, 10),
      ...(external && d.bool(0.4) ? { publicIp: true } : {}),
    },
    { name: 'db1', subnet: 'data-sub', ip: addr(b, 2, 10), ...(d.bool(0.2) ? { portSecurity: false } : {}) },
    { name: 'fw1', ports: fwPorts, ...(d.bool(0.8) ? { ipForwarding: true } : {}) },
  ];
  const gateways: Obj[] = [];
  const extraRoutes: Obj[] = [];
  let router: Obj | undefined;
  if (hasRouter) {
    if (d.bool(0.4)) extraRoutes.push({ prefix: '10.202.0.0/16', nextHop: { type: 'ip', ip: fwApp } });
    router = {
      name: 'r1',
      kind: 'router',
      interfaces: routerOnData ? ['app-sub', 'data-sub'] : ['app-sub'],
      ...(extraRoutes.length > 0 ? { routes: extraRoutes } : {}),
    };
    gateways.push(router);
  }
  const netSecurity = d.bool(0.3) ? d.bool(0.6) : undefined;
  // OS-R8: a port with address pairs needs port security, whatever its network's default.
  if (netSecurity === false)
    for (const p of fwPorts) if (p['allowedAddressPairs'] !== undefined) p['portSecurity'] = true;
  const doc: Obj = {
    name,
    provider: 'openstack',
    ...(netSecurity !== undefined ? { portSecurity: netSecurity } : {}),
    subnets,
    hosts,
    gateways,
  };
  const info = netInfo(
    doc,
    b,
    [],
    [
      { name: 'web1', ip: addr(b, 1, 10) },
      { name: 'db1', ip: addr(b, 2, 10) },
      { name: 'fw1', ip: fwApp },
    ],
  );
  if (router !== undefined && external) pendingExternal.set(router, d.bool(0.7));
  openstackActions(ctx, info, { fwApp, hasRouter, extraRoutes, fwPorts });
  return info;
}

/** Routers waiting for an external network, with their `enableSnat` (set by `linkOpenstack`). */
const pendingExternal = new WeakMap<Obj, boolean>();

function openstackActions(
  ctx: GenContext,
  net: NetInfo,
  o: { fwApp: string; hasRouter: boolean; extraRoutes: Obj[]; fwPorts: Obj[] },
): void {
  const { d } = ctx;
  const { name, block: b } = net;
  if (o.hasRouter) {
    const gw = `${name}/r1`;
    ctx.action('openstack route.add', () => ({
      do: 'route.add',
      gateway: gw,
      route: {
        prefix: d.pick(['10.203.0.0/16', '0.0.0.0/0', ...ctx.destinations.slice(0, 2)]),
        nextHop: { type: 'ip', ip: o.fwApp },
      },
    }));
    ctx.action('openstack route.replace', () => ({
      do: 'route.replace',
      gateway: gw,
      route: { prefix: '10.202.0.0/16', nextHop: { type: 'ip', ip: addr(b, 1, 10) } },
    }));
    if (o.extraRoutes.length > 0)
      ctx.action('openstack route.remove', () => ({
        do: 'route.remove',
        gateway: gw,
        prefix: '10.202.0.0/16',
      }));
    // OS-R14: the next hop must be on a connected subnet and not the router's own address.
    ctx.action('openstack route.add refused', () => ({
      do: 'route.add',
      gateway: gw,
      route: {
        prefix: '10.204.0.0/16',
        nextHop: { type: 'ip', ip: d.pick(['10.250.0.1', addr(b, 1, 1)]) },
      },
    }));
  }
  ctx.action('openstack host.update port', () =>
    d.pick([
      {
        do: 'host.update',
        host: `${name}/fw1`,
        port: 'app-sub',
        set: { allowedAddressPairs: d.pick([[], [{ ip: '0.0.0.0/0' }], [{ ip: subnet24(b, 2) }]]) },
      },
      { do: 'host.update', host: `${name}/fw1`, port: 'data-sub', set: { portSecurity: d.bool() } },
      { do: 'host.update', host: `${name}/fw1`, set: { ipForwarding: d.bool() } },
      { do: 'host.update', host: `${name}/web1`, set: { portSecurity: d.bool() } },
    ]),
  );
  ctx.action('openstack subnet.update', () =>
    d.pick([
      { do: 'subnet.update', subnet: `${name}/app-sub`, set: { hostRoutes: [] } },
      {
        do: 'subnet.update',
        subnet: `${name}/app-sub`,
        set: { hostRoutes: [{ prefix: '10.201.0.0/16', nextHop: { type: 'ip', ip: o.fwApp } }] },
      },
    ]),
  );
  ctx.action('openstack network.update', () => ({
    do: 'network.update',
    network: name,
    set: { portSecurity: d.bool() },
  }));
  ctx.mutate('openstack fw1 forwarding', (doc) => {
    const h = named(netOf(doc, name)['hosts'], 'fw1');
    h['ipForwarding'] = h['ipForwarding'] !== true;
  });
  ctx.mutate('openstack fw1 app pairs', (doc) => {
    const h = named(netOf(doc, name)['hosts'], 'fw1');
    const port = (h['ports'] as Obj[])[0]!;
    if (port['allowedAddressPairs'] === undefined) {
      // OS-R8: pairs need port security, which the network may turn off by default.
      port['portSecurity'] = true;
      port['allowedAddressPairs'] = [{ ip: '0.0.0.0/0' }];
    } else delete port['allowedAddressPairs'];
  });
}

/** One external network for the scenario's routers that asked for an external gateway (OS-R13). */
export function linkOpenstack(ctx: GenContext): void {
  const routers = ctx.networks
    .filter((n) => n.provider === 'openstack')
    .flatMap((n) => (n.doc['gateways'] as Obj[]).map((g) => ({ n, g })))
    .filter(({ g }) => pendingExternal.has(g));
  // An appliance with a port on another OpenStack network's subnet (`network/subnet`), as in DESIGN.md.
  const os = ctx.networks.filter((n) => n.provider === 'openstack');
  if (os.length >= 2 && ctx.d.bool(0.5)) {
    const [a, b] = [os[0]!, os[1]!];
    const fw = named(a.doc['hosts'], 'fw1');
    (fw['ports'] as Obj[]).push({
      subnet: `${b.name}/data-sub`,
      ip: addr(b.block, 2, 253),
      // OS-R8: pairs need port security, which the host's network may turn off by default.
      ...(ctx.d.bool() ? { portSecurity: true, allowedAddressPairs: [{ ip: subnet24(a.block, 1) }] } : {}),
    });
    ctx.destinations.push(`${addr(b.block, 2, 253)}/32`);
  }
  if (routers.length === 0) {
    // Floating IPs need a router with an external gateway (OS-R15).
    for (const n of ctx.networks.filter((x) => x.provider === 'openstack'))
      for (const h of n.doc['hosts'] as Obj[]) delete h['publicIp'];
    return;
  }
  const ext = 'ext';
  const cidr = ctx.externalRange();
  ctx.networks.push({
    name: ext,
    provider: 'openstack',
    block: -1,
    doc: { name: ext, provider: 'openstack', external: true, subnets: [{ name: 'pub', cidr }] },
    subnets: [],
    hosts: [],
    tables: [],
  });
  for (const { n, g } of routers) {
    const snat = pendingExternal.get(g)!;
    g['externalGateway'] = snat ? { network: ext } : { network: ext, enableSnat: false };
    ctx.mutate(`openstack ${n.name} snat`, (doc) => {
      const r = named(netOf(doc, n.name)['gateways'], 'r1');
      const eg = r['externalGateway'] as Obj;
      eg['enableSnat'] = eg['enableSnat'] === false;
    });
  }
}
