/**
 * References inside the topology: route tables of subnets, subnets of hosts and NAT gateways,
 * gateways and peerings named by next hops, Cloud Routers of VPN and NAT gateways, router
 * interfaces, transit gateway attachments, connection endpoints, site routes and peerings.
 */
import type { JsonPath } from '../findings.js';
import { aKind } from '../internal/describe.js';
import { A_PROVIDER, PROVIDER_NAMES } from '../schema/registry.js';
import { asArray, asObject, field, objects } from '../internal/raw.js';
import { resolveName, resolveNetwork, resolvePath } from './resolve.js';
import { checkDirectConnect } from './direct-connect.js';
import { checkRoutes, gatewayOfKind, localOrPathSubnet } from './next-hop-refs.js';
import { checkTransitGateway } from './tgw-refs.js';
import type { CheckContext, Entry, GatewayEntry, NetworkEntry } from './topology-index.js';

/** Gateway kinds a VPN connection can end at. */
export const VPN_KINDS: readonly string[] = ['vgw', 'tgw', 'vpn', 'haVpn', 'classicVpn'];
/** The references of one gateway of `net` (also for gateways created by the timeline). */
export function checkGatewayRefs(ctx: CheckContext, net: NetworkEntry, gw: GatewayEntry): void {
  const path = gw.path;
  switch (gw.kind ?? '') {
    case 'nat':
      resolveName(
        ctx,
        net.subnets,
        field(gw.raw, 'subnet'),
        'subnet',
        [...path, 'subnet'],
        ` in network ${net.name}`,
      );
      break;
    case 'haVpn':
    case 'cloudNat':
      if (field(gw.raw, 'router') !== undefined)
        gatewayOfKind(ctx, net, field(gw.raw, 'router'), ['cloudRouter'], '`router`', [...path, 'router']);
      break;
    case 'ilb':
      asArray(field(gw.raw, 'backends')).forEach((b, i) =>
        resolveName(ctx, net.hosts, b, 'host', [...path, 'backends', i], ` in network ${net.name}`),
      );
      break;
    case 'router': {
      asArray(field(gw.raw, 'interfaces')).forEach((s, i) =>
        localOrPathSubnet(ctx, net, s, [...path, 'interfaces', i]),
      );
      const ext = asObject(field(gw.raw, 'externalGateway'));
      const extNet = resolveNetwork(ctx, field(ext, 'network'), [...path, 'externalGateway', 'network']);
      if (extNet !== undefined && field(extNet.raw, 'external') !== true)
        ctx.sink.error(
          [...path, 'externalGateway', 'network'],
          'OS-R13',
          `network ${extNet.name} is not external — mark it \`external: true\` or choose an external network`,
        );
      checkRoutes(ctx, net, gw.raw, path, 'routes');
      break;
    }
    case 'tgw':
      checkTransitGateway(ctx, net, gw);
      break;
    default:
      break;
  }
}

function checkNetwork(ctx: CheckContext, net: NetworkEntry): void {
  const scope = ` in network ${net.name}`;
  for (const subnet of net.subnets.values()) {
    const rt = field(subnet.raw, 'routeTable');
    if (rt !== null)
      resolveName(ctx, net.routeTables, rt, 'route table', [...subnet.path, 'routeTable'], scope);
    checkRoutes(ctx, net, subnet.raw, subnet.path, 'hostRoutes');
  }
  let main: Entry | undefined;
  for (const table of net.routeTables.values()) {
    if (field(table.raw, 'main') === true) {
      if (main !== undefined)
        ctx.sink.error(
          [...table.path, 'main'],
          'AWS-R10',
          `route tables ${main.name} and ${table.name} are both \`main\` — a VPC has one main table`,
        );
      main ??= table;
    }
    checkRoutes(ctx, net, table.raw, table.path, 'routes');
  }
  checkRoutes(ctx, net, net.raw, net.path, 'routes');
  checkRoutes(ctx, net, net.raw, net.path, 'policyRoutes');
  for (const host of net.hosts.values()) {
    const subnet = field(host.raw, 'subnet');
    if (subnet !== undefined)
      resolveName(ctx, net.subnets, subnet, 'subnet', [...host.path, 'subnet'], scope);
    for (const { item, index } of objects(host.raw, 'ports'))
      localOrPathSubnet(ctx, net, field(item, 'subnet'), [...host.path, 'ports', index, 'subnet']);
  }
  for (const gw of net.gateways.values()) checkGatewayRefs(ctx, net, gw);
}

function checkConnectionsAndSites(ctx: CheckContext): void {
  const endpoint = (written: unknown, path: JsonPath, connection: string): void => {
    const r = resolvePath(ctx, written, 'gateways', 'gateway', path);
    if (r?.entry.kind !== undefined && !VPN_KINDS.includes(r.entry.kind))
      ctx.sink.error(
        path,
        'wrong-kind',
        `connection ${connection} ends at ${String(written)}, ${aKind(r.entry.kind)} — a connection ends at a VPN gateway (${VPN_KINDS.join(', ')})`,
      );
  };
  for (const conn of ctx.index.connections.values()) {
    const [a, b] = asArray(field(conn.raw, 'between'));
    const path = [...conn.path, 'between'];
    endpoint(a, [...path, 0], conn.name);
    if (typeof b === 'string' && b.includes('/')) endpoint(b, [...path, 1], conn.name);
    else resolveName(ctx, ctx.index.sites, b, 'site', [...path, 1]);
  }
  for (const site of ctx.index.sites.values()) {
    const mine = [...ctx.index.connections.values()].filter((c) =>
      asArray(field(c.raw, 'between')).includes(site.name),
    );
    for (const { item, index } of objects(site.raw, 'routes')) {
      const path = [...site.path, 'routes', index, 'via'];
      const via = resolveName(ctx, ctx.index.connections, field(item, 'via'), 'connection', path);
      if (via !== undefined && !mine.includes(via))
        ctx.sink.error(
          path,
          'wrong-kind',
          `connection \`${via.name}\` does not end at site ${site.name} — route via one of its connections${mine.length > 0 ? `: ${mine.map((c) => c.name).join(', ')}` : ''}`,
        );
    }
  }
}

function checkPeerings(ctx: CheckContext): void {
  /** The first peering of each pair of networks, whichever order `between` names them in. */
  const pairs = new Map<string, number>();
  for (const { item, index } of objects(ctx.data, 'peerings')) {
    const path: JsonPath = ['peerings', index];
    const [a, b] = asArray(field(item, 'between')).map((n, i) =>
      resolveNetwork(ctx, n, [...path, 'between', i]),
    );
    if (a === undefined || b === undefined) continue;
    const pair = JSON.stringify([a.name, b.name].sort());
    const first = pairs.get(pair);
    if (first === undefined) pairs.set(pair, index);
    else if (a !== b)
      ctx.sink.error(
        [...path, 'between'],
        'duplicate-peering',
        `${a.name} and ${b.name} are already peered (peerings[${first}], line ${ctx.lineOf(['peerings', first])}) — two networks peer once; remove this peering`,
      );
    if (a === b)
      ctx.sink.error(
        [...path, 'between'],
        'bad-value',
        `a peering joins two different networks — ${a.name} is named twice`,
      );
    else if (a.provider !== undefined && b.provider !== undefined && a.provider !== b.provider)
      ctx.sink.error(
        [...path, 'between'],
        'wrong-kind',
        `${a.name} is ${A_PROVIDER[a.provider]} network and ${b.name} ${A_PROVIDER[b.provider]} one — a peering joins two networks of one provider`,
      );
    else if (a.provider === 'openstack')
      ctx.sink.error(
        [...path, 'between'],
        'wrong-kind',
        'OpenStack networks do not peer — join them with a router (`interfaces`)',
      );
    if (field(item, 'customRoutes') !== undefined && a.provider !== undefined && a.provider !== 'gcp')
      ctx.sink.error(
        [...path, 'customRoutes'],
        'wrong-provider-field',
        `\`customRoutes\` is a GCP field — ${PROVIDER_NAMES[a.provider]} peerings exchange their networks' ranges only; remove it`,
        true,
      );
  }
}

/** The references inside the topology (see the file comment). */
export function checkReferences(ctx: CheckContext): void {
  for (const net of ctx.index.networks.values()) checkNetwork(ctx, net);
  checkConnectionsAndSites(ctx);
  checkDirectConnect(ctx);
  checkPeerings(ctx);
}
