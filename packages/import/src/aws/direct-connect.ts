/**
 * Direct Connect (AWS-R46): virtual interfaces (describe-virtual-interfaces), Direct Connect
 * gateways (describe-direct-connect-gateways) and their associations with VGWs and transit
 * gateways (describe-direct-connect-gateway-associations) → sites and connections with
 * `directConnect:`. One connection per VIF and associated gateway: a private VIF reaches each VGW
 * its Direct Connect gateway is associated with (or the VGW it is attached to directly), a transit
 * VIF the transit gateways, through the Direct Connect gateway attachment (`tgw.ts`). A site is
 * the customer router of one Direct Connect connection (`ConnectionId`), with the VIF's BGP ASN;
 * its prefixes are, as for a VPN, what its VGW propagated into route tables or what the transit
 * gateway's table learned from the attachment: exports do not hold the BGP table itself.
 */
import type { DConnection, DSite } from '../draft.js';
import { arr, nameTag, num, obj, str } from '../internal/json.js';
import { canonicalPrefix, isDefaultRoute } from '../internal/ip.js';
import { sanitizeName } from '../names.js';
import type { AwsContext } from './context.js';
import { isGone } from './context.js';
import type { AwsRecord } from './inventory.js';

/** The connection key of the transit VIF behind a Direct Connect gateway's attachment to a TGW. */
export function dxTransitKey(dxGatewayId: string, tgwId: string): string {
  return `${dxGatewayId}@${tgwId}`;
}

const LIVE_ASSOCIATION = ['associated', 'associating', 'updating'];

interface Target {
  readonly gw: string;
  readonly key: string;
  readonly association?: AwsRecord;
}

export function buildDirectConnect(c: AwsContext): void {
  const dx = c.inv.byKey;
  const sites = new Map<string, { site: DSite; prefixes: Set<string> }>();
  const transitTaken = new Map<string, string>(); // connection key → the VIF that has it
  const perVgw = new Map<string, number>();
  for (const [vifId, rec] of [...dx.VirtualInterfaces].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const state = str(rec.o['VirtualInterfaceState']);
    if (isGone(state)) {
      c.warn(rec, 'stale', `virtual interface ${vifId} is ${state ?? '?'} — skipped`);
      continue;
    }
    const type = str(rec.o['VirtualInterfaceType']);
    if (type !== 'private' && type !== 'transit') {
      c.warn(
        rec,
        'unsupported',
        `virtual interface ${vifId} is ${type ?? 'of no type'}: a public VIF reaches AWS public endpoints, not a VPC, and is not modelled — skipped`,
      );
      continue;
    }
    const targets = targetsOf(c, rec, vifId, type);
    if (targets.length === 0) continue;
    const siteKey = str(rec.o['ConnectionId']) ?? vifId;
    let entry = sites.get(siteKey);
    if (entry === undefined) {
      const asn = num(rec.o['Asn']) ?? num(rec.o['AsnLong']);
      const site: DSite = {
        key: siteKey,
        id: siteKey,
        names: [],
        cidrs: [],
        routes: [],
        ...(asn !== undefined ? { asn } : {}),
      };
      entry = { site, prefixes: new Set() };
      sites.set(siteKey, entry);
      c.t.sites.push(site);
    }
    const dxgwId = str(rec.o['DirectConnectGatewayId']);
    const dxgw = dxgwId === undefined ? undefined : dx.DirectConnectGateways.get(dxgwId);
    if (dxgwId !== undefined && dxgw === undefined)
      c.warn(
        rec,
        'missing-reference',
        `virtual interface ${vifId}: Direct Connect gateway ${dxgwId} is not in the input (describe-direct-connect-gateways) — its ASN is unknown`,
      );
    const dxName = str(dxgw?.o['DirectConnectGatewayName']) ?? nameTag(dxgw?.o) ?? dxgwId;
    const dxAsn = num(dxgw?.o['AmazonSideAsn']);
    for (const t of targets) {
      const gw = c.gateways.get(t.gw);
      if (gw === undefined || (gw.g.kind !== 'vgw' && gw.g.kind !== 'tgw')) {
        c.warn(
          rec,
          'missing-reference',
          `virtual interface ${vifId}: gateway ${t.gw} is not in the input or not attached — skipped`,
        );
        continue;
      }
      if (type === 'transit') {
        const first = transitTaken.get(t.key);
        if (first !== undefined) {
          c.warn(
            rec,
            'unsupported',
            `virtual interface ${vifId}: the Direct Connect gateway attachment of ${t.gw} already carries ${first}; one transit VIF per attachment is modelled — skipped`,
          );
          continue;
        }
        transitTaken.set(t.key, vifId);
      } else perVgw.set(t.gw, (perVgw.get(t.gw) ?? 0) + 1);
      const allowed = arr(t.association?.o['AllowedPrefixesToDirectConnectGateway'])
        .map((p) => canonicalPrefix(str(obj(p)?.['Cidr'])))
        .filter((p) => p !== undefined);
      const learned = type === 'private' ? c.propagated.get(t.gw) : c.vpnLearned.get(t.key);
      for (const p of learned ?? []) entry.prefixes.add(p);
      const conn: DConnection = {
        key: t.key,
        id: c.idOf(rec, vifId),
        names: [str(rec.o['VirtualInterfaceName']), nameTag(rec.o)].filter((n) => n !== undefined),
        gateway: gw.g.key,
        other: { site: siteKey },
        bgp: true,
        directConnect: {
          ...(dxName !== undefined ? { gateway: sanitizeName(dxName) } : {}),
          ...(dxgwId !== undefined ? { gatewayId: dxgwId } : {}),
          ...(dxAsn !== undefined ? { asn: dxAsn } : {}),
          ...(t.association !== undefined && allowed.length > 0 ? { allowedPrefixes: allowed } : {}),
          vif: vifId,
        },
      };
      c.connections.set(t.key, conn);
      c.t.connections.push(conn);
      const peers = arr(rec.o['BgpPeers']).map(obj);
      if (state === 'down' || (peers.length > 0 && peers.every((p) => str(p?.['BgpStatus']) === 'down'))) {
        c.t.timeline.push({ at: 0, do: 'tunnel.down', connection: t.key });
        c.warn(rec, 'assumed', `virtual interface ${vifId} is down in the export — tunnel.down at 0s`);
      }
    }
  }
  for (const [vgw, n] of perVgw)
    if (n > 1 && (c.propagated.get(vgw)?.size ?? 0) > 0)
      c.w.note(
        'assumed',
        `${vgw} has ${n} private virtual interfaces: the prefixes it propagated are attributed to each of their sites`,
      );
  for (const [key, { site, prefixes }] of sites) {
    const all = [...prefixes].sort();
    site.cidrs = all.filter((p) => !isDefaultRoute(p));
    if (site.cidrs.length !== all.length) {
      site.advertise = all;
      site.internetEgress = true;
    }
    if (all.length === 0)
      c.w.note(
        'missing-reference',
        `site ${key}: none of its prefixes is in the input (no propagated routes from its Direct Connect gateway) — give it cidrs by hand`,
      );
  }
}

/** The VGWs and TGWs a VIF reaches, each with the association that joins them. */
function targetsOf(c: AwsContext, rec: AwsRecord, vifId: string, type: 'private' | 'transit'): Target[] {
  const vgw = str(rec.o['VirtualGatewayId']);
  if (type === 'private' && vgw !== undefined) return [{ gw: vgw, key: vifId }];
  const dxgwId = str(rec.o['DirectConnectGatewayId']);
  if (dxgwId === undefined) {
    c.warn(
      rec,
      'missing-reference',
      `virtual interface ${vifId} has neither VirtualGatewayId nor DirectConnectGatewayId — skipped`,
    );
    return [];
  }
  const wanted = type === 'private' ? 'virtualPrivateGateway' : 'transitGateway';
  const out: Target[] = [];
  for (const a of c.inv.byKey.DirectConnectGatewayAssociations.values()) {
    if (str(a.o['DirectConnectGatewayId']) !== dxgwId) continue;
    if (!LIVE_ASSOCIATION.includes(str(a.o['AssociationState']) ?? 'associated')) continue;
    const g = obj(a.o['AssociatedGateway']);
    const gw = str(g?.['Id']) ?? str(a.o['VirtualGatewayId']);
    const kind =
      str(g?.['Type']) ?? (str(a.o['VirtualGatewayId']) !== undefined ? 'virtualPrivateGateway' : undefined);
    if (gw === undefined || kind !== wanted) continue;
    out.push({ gw, key: type === 'private' ? `${vifId}@${gw}` : dxTransitKey(dxgwId, gw), association: a });
  }
  if (out.length === 0)
    c.warn(
      rec,
      'missing-reference',
      `virtual interface ${vifId}: Direct Connect gateway ${dxgwId} has no ${type === 'private' ? 'VGW' : 'transit gateway'} association in the input (describe-direct-connect-gateway-associations) — skipped`,
    );
  return out;
}
