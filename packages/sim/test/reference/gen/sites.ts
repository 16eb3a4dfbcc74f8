/**
 * On-premises sites and their VPN connections: each site may connect to one or two of the
 * scenario's VPN gateways, with BGP or static prefixes, peer from a loopback (`bgpPeerIp`) with
 * host routes to the gateway's peer addresses through the connection — or without them, so the
 * session never comes up (AZ-R20, AZ-R21) — carry its own static routes, advertise other prefixes
 * than its cidrs (with MED and AS path) and egress to the internet or not.
 */
import type { Endpoint, GenContext, Obj } from './context.js';
import { named } from './context.js';

export function buildSites(ctx: GenContext, count: number): void {
  const { d } = ctx;
  for (let s = 0; s < count; s++) {
    const name = `dc${s}`;
    const cidr = `192.168.${16 * s}.0/20`;
    const site: Obj = { name, cidrs: [cidr], asn: 65010 + s };
    if (d.bool(0.3)) site['internetEgress'] = d.bool(0.7);
    const routes: Obj[] = [];
    const mine: { conn: string; ep: Endpoint; bgp: boolean }[] = [];
    const links = ctx.endpoints.length === 0 ? 0 : d.bool(0.85) ? (d.bool(0.2) ? 2 : 1) : 0;
    for (let j = 0; j < links; j++) {
      const ep = d.pick(ctx.endpoints);
      if (mine.some((m) => m.ep === ep)) continue;
      const conn = `${name}-vpn${j}`;
      const bgp = ep.bgp === 'yes' ? true : ep.bgp === 'no' ? false : d.bool(0.7);
      // AWS-R46: an odd site's BGP link to a VGW or TGW is Direct Connect (no draw, so the other
      // generators' choices stay as they were); a TGW association needs allowed prefixes.
      const dx = bgp && (ep.kind === 'vgw' || ep.kind === 'tgw') && s % 2 === 1;
      ctx.connections.push({
        name: conn,
        between: [ep.gateway, name],
        bgp,
        ...(ep.kind === 'haVpn' && d.bool(0.3) ? { tunnels: 2 } : {}),
        ...(dx
          ? {
              directConnect: {
                gateway: 'dxgw1',
                asn: 64600,
                ...(ep.kind === 'tgw' ? { allowedPrefixes: ['10.0.0.0/8'] } : {}),
              },
            }
          : {}),
      });
      mine.push({ conn, ep, bgp });
      ep.connected?.(conn, cidr);
    }
    const bgpLinks = mine.filter((m) => m.bgp);
    if (bgpLinks.length > 0 && d.bool(0.4)) {
      site['bgpPeerIp'] = `172.16.${s}.1`;
      // AZ-R21: the site reaches the gateway's peer address only through a route of its own.
      for (const m of bgpLinks)
        for (const ip of m.ep.peerIps) if (d.bool(0.8)) routes.push({ prefix: `${ip}/32`, via: m.conn });
    }
    if (mine.length > 0 && d.bool(0.4)) routes.push({ prefix: '10.0.0.0/8', via: d.pick(mine).conn });
    if (routes.length > 0) site['routes'] = routes;
    if (d.bool(0.25))
      site['advertise'] = [
        { prefix: cidr, ...(d.bool() ? { med: d.pick([0, 50, 200]) } : {}) },
        ...(d.bool(0.4) ? [{ prefix: `192.168.${16 * s}.0/21`, asPath: [65010 + s, 65010 + s] }] : []),
      ];
    ctx.sites.push(site);
    ctx.destinations.push(`192.168.${16 * s}.0/24`);
    siteActions(ctx, name, cidr, mine);
  }
}

function siteActions(
  ctx: GenContext,
  name: string,
  cidr: string,
  mine: readonly { conn: string; ep: Endpoint; bgp: boolean }[],
): void {
  const { d } = ctx;
  const advertised = ['0.0.0.0/0', cidr, '10.200.0.0/16'];
  ctx.action('site bgp.advertise', () => ({
    do: 'bgp.advertise',
    site: name,
    prefixes: [d.pick(advertised)],
    ...(d.bool(0.3) ? { asPath: [65010, 65010, 65010] } : {}),
    ...(d.bool(0.3) ? { med: d.pick([0, 100, 5000]) } : {}),
  }));
  ctx.action('site bgp.withdraw', () => ({ do: 'bgp.withdraw', site: name, prefixes: [d.pick(advertised)] }));
  for (const { conn, ep, bgp } of mine) {
    ctx.action('site route.add', () => ({
      do: 'route.add',
      site: name,
      route: {
        prefix: d.pick(['10.0.0.0/8', '0.0.0.0/0', ...ep.peerIps.map((ip) => `${ip}/32`)]),
        via: conn,
      },
    }));
    ctx.action('site route.remove', () => ({
      do: 'route.remove',
      site: name,
      prefix: d.pick(['10.0.0.0/8', ...ep.peerIps.map((ip) => `${ip}/32`)]),
    }));
    const tunnel = (): Obj => (d.bool() ? { tunnel: d.int(0, ep.tunnels - 1) } : {});
    ctx.action('tunnel.down', () => ({ do: 'tunnel.down', connection: conn, ...tunnel() }));
    ctx.action('tunnel.up', () => ({ do: 'tunnel.up', connection: conn, ...tunnel() }));
    if (['vgw', 'tgw', 'haVpn', 'classicVpn'].includes(ep.kind))
      ctx.action('gateway.failover', () => ({
        do: 'gateway.failover',
        gateway: ep.gateway,
        planned: d.bool(),
      }));
    if (bgp) {
      ctx.action('bgp.session.down', () => ({ do: 'bgp.session.down', connection: conn, ...tunnel() }));
      ctx.action('bgp.session.up', () => ({ do: 'bgp.session.up', connection: conn, ...tunnel() }));
      if (ep.provider === 'azure' || ep.kind === 'vgw')
        ctx.action('gateway bgp.advertise', () => ({
          do: d.pick(['bgp.advertise', 'bgp.withdraw']),
          gateway: ep.gateway,
          prefixes: ['10.250.0.0/16'],
        }));
    }
  }
  ctx.mutate(`site ${name} internet egress`, (doc) => {
    const s = named(doc.sites, name);
    s['internetEgress'] = s['internetEgress'] !== true;
  });
}
