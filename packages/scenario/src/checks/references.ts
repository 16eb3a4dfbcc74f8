/**
 * References inside the topology: route tables of subnets, subnets of hosts and NAT gateways,
 * gateways and peerings named by next hops, Cloud Routers of VPN and NAT gateways, router
 * interfaces, transit gateway attachments, connection endpoints, site routes and peerings.
 */
import type { JsonPath } from '../findings.js';
import { aKind } from '../internal/describe.js';
import { A_PROVIDER, PROVIDER_NAMES } from '../schema/registry.js';
import { NEXT_HOP_TYPES, foreignHint } from '../schema/next-hops.js';
import { asArray, asObject, field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { resolveName, resolveNetwork, resolvePath, unknownMessage } from './resolve.js';
import { checkDirectConnect } from './direct-connect.js';
import { splitPath } from './topology-index.js';
import type { CheckContext, Entry, GatewayEntry, NetworkEntry } from './topology-index.js';

/** Gateway kinds a VPN connection can end at. */
export const VPN_KINDS: readonly string[] = ['vgw', 'tgw', 'vpn', 'haVpn', 'classicVpn'];

/** A gateway of `net` by name, of one of `kinds`; reports unknown names and wrong kinds. */
function gatewayOfKind(
  ctx: CheckContext,
  net: NetworkEntry,
  written: unknown,
  kinds: readonly string[],
  use: string,
  path: JsonPath,
): GatewayEntry | undefined {
  const gw = resolveName(ctx, net.gateways, written, 'gateway', path, ` in network ${net.name}`);
  if (gw?.kind !== undefined && !kinds.includes(gw.kind))
    ctx.sink.error(
      path,
      'wrong-kind',
      `gateway \`${gw.name}\` is ${aKind(gw.kind)} — ${use} names ${kinds.map(aKind).join(' or ')} gateway`,
    );
  return gw;
}

/** A subnet of the same network by name, or of another as `network/subnet`. */
function localOrPathSubnet(ctx: CheckContext, net: NetworkEntry, written: unknown, path: JsonPath): void {
  if (typeof written !== 'string') return;
  if (written.includes('/')) resolvePath(ctx, written, 'subnets', 'subnet', path);
  else resolveName(ctx, net.subnets, written, 'subnet', path, ` in network ${net.name}`);
}

/**
 * Checks a next hop's references in `net`; with `checkProvider`, also that its type belongs to
 * the network's provider (timeline routes, which the schema cannot tie to a provider).
 */
export function checkNextHop(
  ctx: CheckContext,
  net: NetworkEntry,
  hop: RawObject | undefined,
  path: JsonPath,
  checkProvider = false,
): void {
  const type = stringField(hop, 'type');
  if (hop === undefined || type === undefined || net.provider === undefined) return;
  if (checkProvider && !NEXT_HOP_TYPES[net.provider].includes(type)) {
    const hint =
      foreignHint(type, net.provider) ??
      `\`${type}\` is not ${A_PROVIDER[net.provider]} next hop — use one of ${NEXT_HOP_TYPES[net.provider].join(', ')}`;
    ctx.sink.error([...path, 'type'], 'wrong-provider-value', hint);
    return;
  }
  const at = [...path, 'gateway'];
  switch (type) {
    case 'igw':
      gatewayOfKind(ctx, net, field(hop, 'gateway'), ['igw', 'egressOnlyIgw'], 'an `igw` next hop', at);
      break;
    case 'nat':
    case 'vgw':
      gatewayOfKind(ctx, net, field(hop, 'gateway'), [type], `a \`${type}\` next hop`, at);
      break;
    case 'vpce':
      gatewayOfKind(ctx, net, field(hop, 'gateway'), ['vpcEndpoint'], 'a `vpce` next hop', at);
      break;
    case 'tgw': {
      const written = field(hop, 'gateway');
      if (typeof written === 'string' && written.includes('/')) {
        const r = resolvePath(ctx, written, 'gateways', 'gateway', at);
        if (r !== undefined && r.entry.kind !== 'tgw')
          ctx.sink.error(
            at,
            'wrong-kind',
            `gateway \`${written}\` is ${aKind(r.entry.kind ?? '?')} — a \`tgw\` next hop names a tgw gateway`,
          );
      } else gatewayOfKind(ctx, net, written, ['tgw'], 'a `tgw` next hop', at);
      break;
    }
    case 'peering': {
      const peering = resolveName(ctx, ctx.index.peerings, field(hop, 'gateway'), 'peering', at);
      const between = asArray(field(peering?.raw, 'between'));
      if (peering !== undefined && !between.includes(net.name))
        ctx.sink.error(
          at,
          'wrong-kind',
          `peering \`${peering.name}\` does not join network ${net.name} — name a peering of this network`,
        );
      break;
    }
    case 'instance':
      resolveName(ctx, net.hosts, field(hop, 'host'), 'host', [...path, 'host'], ` in network ${net.name}`);
      break;
    case 'ilb': {
      const gateway = field(hop, 'gateway');
      const ip = field(hop, 'ip');
      if ((gateway === undefined) === (ip === undefined))
        ctx.sink.error(
          path,
          'bad-value',
          'an `ilb` next hop names the load balancer by `gateway` or by `ip` — give exactly one',
        );
      if (gateway !== undefined) gatewayOfKind(ctx, net, gateway, ['ilb'], 'an `ilb` next hop', at);
      break;
    }
    case 'vpnTunnel': {
      const conn = resolveName(ctx, ctx.index.connections, field(hop, 'connection'), 'connection', [
        ...path,
        'connection',
      ]);
      const end = splitPath(asArray(field(conn?.raw, 'between'))[0]);
      const gw = end?.network === net.name ? net.gateways.get(end.object) : undefined;
      if (conn !== undefined && end !== undefined && gw?.kind !== 'classicVpn')
        ctx.sink.error(
          [...path, 'connection'],
          'GCP-R5',
          `connection \`${conn.name}\` is not a Classic VPN tunnel of network ${net.name} — a \`vpnTunnel\` next hop is a Classic VPN tunnel (HA VPN routes are dynamic)`,
        );
      break;
    }
    default:
      break;
  }
}

function checkRoutes(
  ctx: CheckContext,
  net: NetworkEntry,
  owner: RawObject | undefined,
  ownerPath: JsonPath,
  key: string,
): void {
  for (const { item, index } of objects(owner, key))
    checkNextHop(ctx, net, asObject(field(item, 'nextHop')), [...ownerPath, key, index, 'nextHop']);
}

/**
 * A peering attachment (AWS-R29): `peer` names another transit gateway, which has a peering
 * attachment back; only static routes cross a peering, so it propagates into no table.
 */
function checkTgwPeer(
  ctx: CheckContext,
  net: NetworkEntry,
  gw: Entry,
  item: RawObject,
  path: JsonPath,
): void {
  const here = `${net.name}/${gw.name}`;
  const r = resolvePath(ctx, field(item, 'peer'), 'gateways', 'transit gateway', path);
  if (r !== undefined && r.entry.kind !== 'tgw')
    ctx.sink.error(
      path,
      'wrong-kind',
      `gateway \`${String(field(item, 'peer'))}\` is ${aKind(r.entry.kind ?? '?')} — a peering attachment names a tgw gateway`,
    );
  else if (r !== undefined && field(item, 'peer') === here)
    ctx.sink.error(path, 'bad-value', `a transit gateway cannot peer with itself — name another tgw`);
  else if (
    r !== undefined &&
    !objects(r.entry.raw, 'attachments').some(({ item: b }) => field(b, 'peer') === here)
  )
    ctx.sink.error(
      path,
      'AWS-R29',
      `${String(field(item, 'peer'))} has no peering attachment back to ${here} — add one with \`peer: ${here}\` (a peering is accepted on both sides)`,
    );
  if (asArray(field(item, 'propagations')).length > 0)
    ctx.sink.error(
      [...path.slice(0, -1), 'propagations'],
      'AWS-R29',
      'a peering attachment propagates no routes (static routes only) — remove `propagations` and add static routes to the attachment',
    );
}

function checkTransitGateway(ctx: CheckContext, net: NetworkEntry, gw: Entry): void {
  const tables = new Set(
    objects(gw.raw, 'routeTables').flatMap(({ item }) => stringField(item, 'name') ?? []),
  );
  const attachments = new Set<string>();
  const knownTables = [...tables];
  for (const { item, index } of objects(gw.raw, 'attachments')) {
    const path = [...gw.path, 'attachments', index];
    const name = stringField(item, 'name');
    if (name !== undefined) {
      if (attachments.has(name))
        ctx.sink.error(
          [...path, 'name'],
          'duplicate-name',
          `duplicate attachment name \`${name}\` in transit gateway ${gw.name} — rename one`,
        );
      attachments.add(name);
    }
    const network = field(item, 'network');
    const connection = field(item, 'connection');
    const peer = field(item, 'peer');
    if ([network, connection, peer].filter((v) => v !== undefined).length !== 1)
      ctx.sink.error(
        path,
        'bad-value',
        'an attachment attaches a `network` (VPC), a `connection` (VPN) or a `peer` transit gateway (peering) — give exactly one',
      );
    if (peer !== undefined) checkTgwPeer(ctx, net, gw, item, [...path, 'peer']);
    if (field(item, 'zones') !== undefined && network === undefined)
      ctx.sink.error(
        [...path, 'zones'],
        'AWS-R32',
        '`zones` are the Availability Zones of a VPC attachment — remove them or attach a `network`',
      );
    const attached = resolveNetwork(ctx, network, [...path, 'network']);
    if (attached?.provider !== undefined && attached.provider !== 'aws')
      ctx.sink.error(
        [...path, 'network'],
        'wrong-kind',
        `network ${attached.name} is ${A_PROVIDER[attached.provider]} network — a transit gateway attaches AWS VPCs`,
      );
    const conn = resolveName(ctx, ctx.index.connections, connection, 'connection', [...path, 'connection']);
    if (conn !== undefined && !asArray(field(conn.raw, 'between')).includes(`${net.name}/${gw.name}`))
      ctx.sink.error(
        [...path, 'connection'],
        'wrong-kind',
        `connection \`${conn.name}\` does not end at ${net.name}/${gw.name} — set its \`between\` to [${net.name}/${gw.name}, ...]`,
      );
    const tableRef = (v: unknown, p: JsonPath): void => {
      if (typeof v === 'string' && !tables.has(v))
        ctx.sink.error(
          p,
          'unknown-reference',
          unknownMessage('transit gateway route table', v, knownTables, ` in ${gw.name}`),
        );
    };
    tableRef(field(item, 'routeTable'), [...path, 'routeTable']);
    asArray(field(item, 'propagations')).forEach((v, i) => tableRef(v, [...path, 'propagations', i]));
  }
  for (const { item: table, index: t } of objects(gw.raw, 'routeTables')) {
    for (const { item, index } of objects(table, 'routes')) {
      const path = [...gw.path, 'routeTables', t, 'routes', index];
      const attachment = field(item, 'attachment');
      const blackhole = field(item, 'blackhole') === true;
      if ((attachment === undefined) === !blackhole)
        ctx.sink.error(
          path,
          'bad-value',
          'a transit gateway route goes to an `attachment` or is `blackhole: true` — give exactly one',
        );
      if (typeof attachment === 'string' && !attachments.has(attachment))
        ctx.sink.error(
          [...path, 'attachment'],
          'unknown-reference',
          unknownMessage('attachment', attachment, [...attachments], ` in ${gw.name}`),
        );
    }
  }
}

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

export function checkReferences(ctx: CheckContext): void {
  for (const net of ctx.index.networks.values()) checkNetwork(ctx, net);
  checkConnectionsAndSites(ctx);
  checkDirectConnect(ctx);
  checkPeerings(ctx);
}
