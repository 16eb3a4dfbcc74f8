/**
 * A transit gateway's own references (AWS-R29, AWS-R32): its attachments (a VPC, a VPN
 * connection or a peer transit gateway), their route tables and propagations, and its routes.
 */
import type { JsonPath } from '../findings.js';
import { aKind } from '../internal/describe.js';
import { A_PROVIDER } from '../schema/registry.js';
import { asArray, field, objects, stringField } from '../internal/raw.js';
import type { RawObject } from '../internal/raw.js';
import { resolveName, resolveNetwork, resolvePath, unknownMessage } from './resolve.js';
import type { CheckContext, Entry, NetworkEntry } from './topology-index.js';

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

/** The attachments, route tables and routes of the transit gateway `gw` of `net`. */
export function checkTransitGateway(ctx: CheckContext, net: NetworkEntry, gw: Entry): void {
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
