/**
 * Next hops and the references they name: gateways of a kind, peerings, hosts, load balancers
 * and Classic VPN tunnels, in tables, subnets' host routes and routers' extra routes.
 */
import type { JsonPath } from '../findings.js';
import { aKind } from '../internal/describe.js';
import { A_PROVIDER } from '../schema/registry.js';
import { NEXT_HOP_TYPES, foreignHint } from '../schema/next-hops.js';
import { asArray, asObject, field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { resolveName, resolvePath } from './resolve.js';
import { refParts } from './topology-index.js';
import type { CheckContext, GatewayEntry, NetworkEntry } from './topology-index.js';

/** A gateway of `net` by name, of one of `kinds`; reports unknown names and wrong kinds. */
export function gatewayOfKind(
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
export function localOrPathSubnet(
  ctx: CheckContext,
  net: NetworkEntry,
  written: unknown,
  path: JsonPath,
): void {
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
      const end = refParts(asArray(field(conn?.raw, 'between'))[0]);
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

/** Checks the next hops of the routes under `owner[key]` (tables, host routes, extra routes). */
export function checkRoutes(
  ctx: CheckContext,
  net: NetworkEntry,
  owner: RawObject | undefined,
  ownerPath: JsonPath,
  key: string,
): void {
  for (const { item, index } of objects(owner, key))
    checkNextHop(ctx, net, asObject(field(item, 'nextHop')), [...ownerPath, key, index, 'nextHop']);
}
