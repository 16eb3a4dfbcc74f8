/**
 * Transit gateways (IMPORTERS.md 1.8): attachments (VPC, VPN and peering; Direct Connect and
 * Connect attachments are not modelled), their association (the table they look packets up in)
 * and propagations (the tables they feed), and static and blackhole routes. A TGW is a gateway of
 * the first attached VPC in the scenario; other VPCs name it `network/tgw`. A peering attachment
 * (AWS-R29) appears on both transit gateways under one id: each side gets its own attachment,
 * keyed `attachment@tgw`, whose `peer` is the other transit gateway; it propagates nothing.
 */
import type { DGateway, DTgwAttachment, DTgwRouteTable } from '../draft.js';
import { arr, nameTag, num, obj, str } from '../internal/json.js';
import { canonicalPrefix } from '../internal/ip.js';
import type { AwsContext } from './context.js';
import { isGone } from './context.js';
import { dxTransitKey } from './direct-connect.js';
import type { AwsRecord, TableScoped } from './inventory.js';

const LIVE_PROPAGATION = ['enabled', 'enabling'];

/** The TGW table a table-scoped answer belongs to: its own id, or the only table there is. */
function tableOf(c: AwsContext, s: TableScoped, what: string): string | undefined {
  if (s.table !== undefined) return s.table;
  const all = [...c.inv.byKey.TransitGatewayRouteTables.keys()];
  if (all.length === 1) return all[0];
  c.w.add(
    'unsupported',
    `${what}: the answer does not name its transit gateway route table and the input has ${all.length} — skipped (use the TransitGatewayPropagations / TransitGatewayStaticRoutes wrappers)`,
    s.file,
  );
  return undefined;
}

export function buildTransitGateways(c: AwsContext): void {
  const attachments = new Map<string, AwsRecord>([
    ...c.inv.byKey.TransitGatewayVpcAttachments,
    ...c.inv.byKey.TransitGatewayAttachments,
  ]);
  const vpcSubnets = new Map<string, string[]>();
  for (const [id, rec] of c.inv.byKey.TransitGatewayVpcAttachments)
    vpcSubnets.set(
      id,
      arr(rec.o['SubnetIds']).filter((s): s is string => typeof s === 'string'),
    );
  const propagations = new Map<string, Set<string>>(); // attachment → tables
  const seenPropagation = new Set<string>(); // TGW ids with propagation data
  for (const s of c.inv.propagations) {
    const table = tableOf(c, s, 'transit gateway propagations');
    if (table === undefined) continue;
    const tgw = str(c.inv.byKey.TransitGatewayRouteTables.get(table)?.o['TransitGatewayId']);
    if (tgw !== undefined) seenPropagation.add(tgw);
    for (const p of s.items) {
      const att = str(p.o['TransitGatewayAttachmentId']);
      if (att === undefined || !LIVE_PROPAGATION.includes(str(p.o['State']) ?? 'enabled')) continue;
      propagations.set(att, new Set([...(propagations.get(att) ?? []), table]));
    }
  }
  for (const s of c.inv.tgwAssociations) {
    const table = tableOf(c, s, 'transit gateway associations');
    if (table === undefined) continue;
    for (const a of s.items) {
      const att = attachments.get(str(a.o['TransitGatewayAttachmentId']) ?? '');
      if (att !== undefined && att.o['Association'] === undefined)
        attachments.set(str(a.o['TransitGatewayAttachmentId']) ?? '', {
          ...att,
          o: {
            ...att.o,
            Association: { TransitGatewayRouteTableId: table, State: str(a.o['State']) ?? 'associated' },
          },
        });
    }
  }

  const peerings: { tgw: DGateway; att: DTgwAttachment; rec: AwsRecord }[] = [];
  for (const [id, rec] of c.inv.byKey.TransitGateways) {
    if (isGone(rec.o['State'])) {
      c.warn(rec, 'stale', `transit gateway ${id} is ${String(rec.o['State'])} — skipped`);
      continue;
    }
    const options = obj(rec.o['Options']);
    const mine = [...attachments.entries()].filter(([, a]) => str(a.o['TransitGatewayId']) === id);
    const tables = [...c.inv.byKey.TransitGatewayRouteTables.entries()].filter(
      ([, t]) => str(t.o['TransitGatewayId']) === id && !isGone(t.o['State']),
    );
    const atts: DTgwAttachment[] = [];
    const keyOf = new Map<string, string>(); // attachment id → key in this TGW
    const myPeerings: { att: DTgwAttachment; rec: AwsRecord }[] = [];
    let home: string | undefined;
    for (const [k, a] of mine) {
      const aid = str(a.o['TransitGatewayAttachmentId']) ?? k;
      const state = str(a.o['State']) ?? 'available';
      if (isGone(state) || state === 'pendingAcceptance' || state === 'rollingBack') {
        c.warn(a, 'stale', `transit gateway attachment ${aid} is ${state} — skipped`);
        continue;
      }
      const type = str(a.o['ResourceType']) ?? (a.o['VpcId'] !== undefined ? 'vpc' : undefined);
      const resource = str(a.o['ResourceId']) ?? str(a.o['VpcId']);
      const att: DTgwAttachment = {
        // A peering attachment has one id on both transit gateways: a key of its own per side.
        key: type === 'peering' ? `${aid}@${id}` : aid,
        id: c.idOf(a, aid),
        names: [nameTag(a.o)].filter((n) => n !== undefined),
        propagations: [],
      };
      if (type === 'vpc') {
        if (resource === undefined || !c.nets.has(resource)) {
          c.warn(
            a,
            'missing-reference',
            `transit gateway attachment ${aid}: VPC ${resource ?? '?'} is not in the input — skipped`,
          );
          continue;
        }
        att.network = resource;
        home ??= resource;
        const azs = new Set(
          (vpcSubnets.get(aid) ?? []).map((s) => c.subnets.get(s)?.s.az).filter((z) => z !== undefined),
        );
        const uncovered = (c.nets.get(resource)?.subnets ?? []).filter(
          (s) => s.az !== undefined && azs.size > 0 && !azs.has(s.az),
        );
        // AWS-R32: traffic toward the TGW from a subnet in another zone is dropped; the zones are
        // written (on the attachment and the VPC's subnets) only when some subnet is not covered.
        if (uncovered.length > 0) {
          att.zones = [...azs].sort();
          for (const s of c.nets.get(resource)?.subnets ?? []) if (s.az !== undefined) s.writeZone = true;
        }
      } else if (type === 'vpn') {
        if (resource === undefined) continue;
        att.connection = resource;
      } else if (type === 'direct-connect-gateway') {
        // AWS-R46: the Direct Connect gateway attachment carries the transit VIF's connection.
        if (resource === undefined) continue;
        att.connection = dxTransitKey(resource, id);
      } else if (type === 'peering') {
        if (resource === undefined) continue;
        att.peer = resource;
        myPeerings.push({ att, rec: a });
      } else {
        c.warn(
          a,
          'unsupported',
          `transit gateway attachment ${aid} of type ${type ?? '?'} is not modelled — skipped`,
        );
        continue;
      }
      const assoc = obj(a.o['Association']);
      const assocTable = str(assoc?.['TransitGatewayRouteTableId']);
      if (
        assocTable !== undefined &&
        ['associated', 'associating'].includes(str(assoc?.['State']) ?? 'associated')
      )
        att.routeTable = assocTable;
      else
        // IMPORTERS.md 1.8: no association = the attachment cannot forward.
        c.warn(
          a,
          'assumed',
          `transit gateway attachment ${aid} is associated with no route table — traffic from it is dropped`,
        );
      att.propagations = [...(propagations.get(aid) ?? [])];
      if (!seenPropagation.has(id) && str(options?.['DefaultRouteTablePropagation']) === 'enable') {
        const def = str(options?.['PropagationDefaultRouteTableId']);
        if (def !== undefined) att.propagations = [def];
      }
      if (att.peer !== undefined) att.propagations = []; // AWS-R29: static routes only
      keyOf.set(aid, att.key);
      atts.push(att);
    }
    if (home === undefined) {
      c.warn(rec, 'missing-reference', `transit gateway ${id} has no VPC attachment in the input — skipped`);
      continue;
    }
    if (
      !seenPropagation.has(id) &&
      atts.length > 0 &&
      str(options?.['DefaultRouteTablePropagation']) === 'enable'
    )
      c.warn(
        rec,
        'assumed',
        `transit gateway ${id}: no propagation data in the input — every attachment taken as propagating into the default table`,
      );
    const tableKeys = new Set(tables.map(([k]) => k));
    for (const att of atts) {
      if (att.routeTable !== undefined && !tableKeys.has(att.routeTable)) {
        c.warn(
          rec,
          'missing-reference',
          `attachment ${att.key} is associated with ${att.routeTable}, which is not in the input`,
        );
        delete att.routeTable;
      }
      att.propagations = att.propagations.filter((p) => tableKeys.has(p));
    }
    const routeTables: DTgwRouteTable[] = tables.map(([tid, t]) => ({
      key: tid,
      id: c.idOf(t, tid),
      names: [nameTag(t.o)].filter((n) => n !== undefined),
      routes: [],
    }));
    readStaticRoutes(c, id, routeTables, keyOf);
    const asn = num(options?.['AmazonSideAsn']);
    const net = c.nets.get(home);
    if (net === undefined) continue;
    const g: DGateway = {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      kind: 'tgw',
      ...(asn !== undefined && ((asn >= 64512 && asn <= 65534) || (asn >= 4200000000 && asn <= 4294967294))
        ? { asn }
        : {}),
      attachments: atts,
      routeTables,
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    net.gateways.push(g);
    c.gateways.set(id, { net, g });
    for (const p of myPeerings) peerings.push({ tgw: g, ...p });
  }
  resolvePeerings(c, peerings);
}

/**
 * AWS-R29: a peering attachment is kept when the peer transit gateway was imported with its own
 * side of the attachment (both accounts' or regions' exports are in the input); else it is
 * dropped with the static routes that use it.
 */
function resolvePeerings(
  c: AwsContext,
  peerings: readonly { tgw: DGateway; att: DTgwAttachment; rec: AwsRecord }[],
): void {
  for (const { tgw, att, rec } of peerings) {
    const peer = c.gateways.get(att.peer ?? '')?.g;
    const back = peer?.attachments?.some((b) => b.peer === tgw.key) === true;
    if (peer !== undefined && back) continue;
    c.warn(
      rec,
      'missing-reference',
      peer === undefined
        ? `transit gateway peering attachment ${att.id ?? att.key}: the peer transit gateway ${att.peer ?? '?'} is not in the input — skipped (import both sides' exports together)`
        : `transit gateway peering attachment ${att.id ?? att.key}: ${att.peer ?? '?'} has no side of this attachment in the input — skipped`,
    );
    tgw.attachments = (tgw.attachments ?? []).filter((a) => a !== att);
    for (const t of tgw.routeTables ?? []) t.routes = t.routes.filter((r) => r.attachment !== att.key);
  }
}

function readStaticRoutes(
  c: AwsContext,
  tgw: string,
  tables: DTgwRouteTable[],
  attachments: ReadonlyMap<string, string>,
): void {
  for (const s of c.inv.tgwRoutes) {
    const tid = tableOf(c, s, 'transit gateway routes');
    const table = tables.find((t) => t.key === tid);
    if (tid === undefined || table === undefined) continue;
    if (s.truncated)
      c.w.add(
        'unsupported',
        `the routes of ${tid} are truncated (AdditionalRoutesAvailable: true) — search again with more specific filters`,
        s.file,
      );
    for (const r of s.items) {
      const prefix = canonicalPrefix(str(r.o['DestinationCidrBlock']));
      if (prefix === undefined) {
        if (str(r.o['PrefixListId']) !== undefined)
          c.warn(r, 'unsupported', 'transit gateway route to a prefix list is not modelled — skipped');
        continue;
      }
      const state = str(r.o['State']) ?? 'active';
      if (isGone(state) || state === 'pending') continue;
      const targets = arr(r.o['TransitGatewayAttachments']).map(obj);
      const type = str(r.o['Type']) ?? 'static';
      if (type === 'propagated') {
        // VPN attachments' BGP routes: what the site behind the connection advertises.
        for (const t of targets) {
          const rt = str(t?.['ResourceType']);
          // AWS-R46: a Direct Connect gateway attachment's, keyed as its transit VIF's connection.
          const key =
            rt === 'vpn'
              ? (str(t?.['ResourceId']) ?? '')
              : rt === 'direct-connect-gateway'
                ? dxTransitKey(str(t?.['ResourceId']) ?? '', tgw)
                : undefined;
          if (key !== undefined) c.vpnLearned.set(key, new Set([...(c.vpnLearned.get(key) ?? []), prefix]));
        }
        continue;
      }
      // IMPORTERS.md 1.8: a blackhole route may come without attachments: treat as drop.
      if (state === 'blackhole' || targets.length === 0) {
        if (!table.routes.some((x) => x.prefix === prefix)) table.routes.push({ prefix, blackhole: true });
        continue;
      }
      const aid = str(targets[0]?.['TransitGatewayAttachmentId']);
      const att = attachments.get(aid ?? '');
      if (att === undefined) {
        c.warn(
          r,
          'missing-reference',
          `transit gateway route ${prefix} of ${tgw}: attachment ${aid ?? '?'} was not imported — skipped`,
        );
        continue;
      }
      if (!table.routes.some((x) => x.prefix === prefix)) table.routes.push({ prefix, attachment: att });
    }
  }
}

/** VPN and Direct Connect gateway attachments whose connection was not imported are dropped (after `buildVpn`, `buildDirectConnect`). */
export function pruneTgwAttachments(c: AwsContext): void {
  for (const { g } of c.gateways.values()) {
    if (g.kind !== 'tgw' || g.attachments === undefined) continue;
    const dropped = g.attachments.filter(
      (a) => a.connection !== undefined && !c.connections.has(a.connection),
    );
    if (dropped.length === 0) continue;
    for (const a of dropped)
      c.w.note(
        'missing-reference',
        a.connection?.includes('@') === true
          ? `transit gateway attachment ${a.key}: no transit VIF of Direct Connect gateway ${a.connection.split('@')[0] ?? ''} was imported — skipped`
          : `transit gateway attachment ${a.key}: VPN connection ${a.connection ?? ''} was not imported — skipped`,
      );
    const gone = new Set(dropped.map((a) => a.key));
    g.attachments = g.attachments.filter((a) => !gone.has(a.key));
    for (const t of g.routeTables ?? [])
      t.routes = t.routes.filter((r) => r.attachment === undefined || !gone.has(r.attachment));
  }
}
