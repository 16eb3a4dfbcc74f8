/**
 * Customer gateways and VPN connections (IMPORTERS.md 1.6) → sites and connections. A site's
 * prefixes are the connection's static routes, or, with BGP, what its VGW propagated into route
 * tables (or what a TGW learned from it): exports do not hold the BGP table itself. Tunnel state
 * comes from `VgwTelemetry`; a tunnel that is down becomes `tunnel.down` at 0s. The
 * `CustomerGatewayConfiguration` (which holds the pre-shared keys) is never read.
 */
import type { DSite } from '../draft.js';
import { arr, nameTag, num, obj, str } from '../internal/json.js';
import { canonicalPrefix, isDefaultRoute } from '../internal/ip.js';
import type { AwsContext } from './context.js';
import { isGone } from './context.js';

export function buildVpn(c: AwsContext): void {
  const sites = new Map<string, DSite>();
  const prefixesOf = new Map<string, Set<string>>();
  const bgpPerVgw = new Map<string, number>();
  for (const rec of c.inv.byKey.VpnConnections.values())
    if (!isGone(rec.o['State']) && obj(rec.o['Options'])?.['StaticRoutesOnly'] !== true) {
      const vgw = str(rec.o['VpnGatewayId']);
      if (vgw !== undefined) bgpPerVgw.set(vgw, (bgpPerVgw.get(vgw) ?? 0) + 1);
    }
  for (const [id, rec] of c.inv.byKey.VpnConnections) {
    const state = str(rec.o['State']);
    if (isGone(state)) {
      c.warn(rec, 'stale', `VPN connection ${id} is ${state ?? '?'} — skipped`);
      continue;
    }
    const vgw = str(rec.o['VpnGatewayId']);
    const tgw = str(rec.o['TransitGatewayId']);
    const gwId = vgw ?? tgw;
    const gw = gwId === undefined ? undefined : c.gateways.get(gwId);
    if (gw === undefined) {
      c.warn(
        rec,
        'missing-reference',
        `VPN connection ${id}: gateway ${gwId ?? '(none)'} is not in the input or not attached — skipped`,
      );
      continue;
    }
    const cgwId = str(rec.o['CustomerGatewayId']);
    const cgw = cgwId === undefined ? undefined : c.inv.byKey.CustomerGateways.get(cgwId);
    if (cgwId === undefined) {
      c.warn(rec, 'malformed', `VPN connection ${id} has no CustomerGatewayId — skipped`);
      continue;
    }
    if (cgw !== undefined && isGone(cgw.o['State'])) {
      c.warn(
        cgw,
        'stale',
        `customer gateway ${cgwId} is ${String(cgw.o['State'])} — its VPN connection ${id} is skipped`,
      );
      continue;
    }
    let site = sites.get(cgwId);
    if (site === undefined) {
      const asn = num(cgw?.o['BgpAsnExtended']) ?? num(cgw?.o['BgpAsn']);
      site = {
        key: cgwId,
        id: cgw === undefined ? cgwId : c.idOf(cgw, cgwId),
        names: [nameTag(cgw?.o)].filter((n) => n !== undefined),
        cidrs: [],
        routes: [],
        ...(asn !== undefined ? { asn } : {}),
        ...(cgw?.origin !== undefined ? { origin: cgw.origin } : {}),
      };
      if (cgw === undefined)
        c.warn(
          rec,
          'missing-reference',
          `customer gateway ${cgwId} is not in the input — its site has no ASN`,
        );
      sites.set(cgwId, site);
      c.t.sites.push(site);
    }
    const options = obj(rec.o['Options']);
    const bgp = options?.['StaticRoutesOnly'] !== true;
    const prefixes = prefixesOf.get(cgwId) ?? new Set<string>();
    prefixesOf.set(cgwId, prefixes);
    if (!bgp) {
      arr(rec.o['Routes']).forEach((x) => {
        const r = obj(x);
        const p = canonicalPrefix(str(r?.['DestinationCidrBlock']));
        if (p !== undefined && !isGone(r?.['State'])) prefixes.add(p);
      });
    } else {
      const learned = vgw !== undefined ? c.propagated.get(vgw) : c.vpnLearned.get(id);
      for (const p of learned ?? []) prefixes.add(p);
      if (vgw !== undefined && (bgpPerVgw.get(vgw) ?? 0) > 1 && (learned?.size ?? 0) > 0)
        c.warn(
          rec,
          'assumed',
          `${vgw} has ${bgpPerVgw.get(vgw)} BGP connections: the prefixes it propagated are attributed to each of their sites`,
        );
      const accepted = Math.max(
        0,
        ...arr(rec.o['VgwTelemetry']).map((t) => num(obj(t)?.['AcceptedRouteCount']) ?? 0),
      );
      if (accepted > (learned?.size ?? 0))
        c.warn(
          rec,
          'missing-reference',
          `VPN connection ${id} accepted ${accepted} BGP routes but only ${learned?.size ?? 0} are visible in the input (propagated route tables or TGW routes)`,
        );
    }
    const conn = {
      key: id,
      id: c.idOf(rec, id),
      names: [nameTag(rec.o)].filter((n) => n !== undefined),
      gateway: gw.g.key,
      other: { site: cgwId },
      bgp,
      ...(rec.origin !== undefined ? { origin: rec.origin } : {}),
    };
    c.connections.set(id, conn);
    c.t.connections.push(conn);
    arr(rec.o['VgwTelemetry']).forEach((x, i) => {
      const status = str(obj(x)?.['Status']);
      if (i < 2 && status !== undefined && status.toUpperCase() === 'DOWN') {
        c.t.timeline.push({ at: 0, do: 'tunnel.down', connection: id, tunnel: i });
        c.warn(
          rec,
          'assumed',
          `VPN connection ${id}: tunnel ${i} is DOWN in the export — tunnel.down at 0s`,
          ['VgwTelemetry', i],
        );
      }
    });
    if (options?.['TunnelOptions'] !== undefined && arr(options['TunnelOptions']).length > 2)
      c.warn(
        rec,
        'unsupported',
        `VPN connection ${id} lists more than two tunnels; AWS VPN connections have two [AWS-R23]`,
      );
  }
  for (const [cgwId, site] of sites) {
    const all = [...(prefixesOf.get(cgwId) ?? [])];
    const own = all.filter((p) => !isDefaultRoute(p));
    site.cidrs = own;
    if (own.length !== all.length) {
      // A site that advertises a default route forwards internet traffic itself.
      site.advertise = all;
      site.internetEgress = true;
    }
    if (all.length === 0)
      c.w.note(
        'missing-reference',
        `site ${cgwId}: none of its prefixes is in the input (no static routes, no propagated routes) — give it cidrs by hand`,
      );
  }
}
