/**
 * Tunnels and BGP sessions: their status is a function of the state (gateways, admin commands,
 * site routes, advertisements) plus two timers. `reconcileLinks` recomputes the connections an
 * event may have affected and says what to change and what to schedule:
 *
 *   tunnel i up      ⇔ not shut down ∧ every gateway end `ready` ∧ not on a failing instance (AZ-R20)
 *   session i        ⇔ admin up ∧ tunnel i up ∧ ≤ max prefixes (AZ-R22) ∧ peer reachable (AZ-R21)
 *
 * A broken immediate condition (tunnel, admin, prefix limit) drops an established session in the
 * same step; a silent one (the site lost its route to the gateway's peer address) drops it at the
 * hold time (`bgp.session.dropped`), unless the path comes back first. A session whose conditions
 * all hold becomes established after `profile.bgpSessionEstablish` (`bgp.session.established`).
 */
import type {
  Connection,
  Gateway,
  NetworkState,
  SessionStatus,
  Site,
  SiteRoute,
  Topology,
  TunnelStatus,
} from '@cloudroute/model';
import { gatewayBgpPeerIps, tunnelCount as modelTunnelCount } from '@cloudroute/model';
import { withLabel } from '../labels.js';
import type { BgpSessionDropped, BgpSessionEstablished, EngineEvent } from '../events.js';
import { contains, parsePrefix } from './ip.js';
import { connectionEnds, connections, findGateway, findSite } from './lookup.js';
import type { NoteDraft } from './outcome.js';

/** Tunnels of a connection (AWS-R23, AZ-R20, GCP-R21): the model's rule. */
export function tunnelCount(topology: Topology, conn: Connection): number {
  return modelTunnelCount(topology, conn.name);
}

/** The gateway instance that terminates tunnel `i` (AZ-R20: tunnel i on instance i mod 2). */
export function instanceOf(gw: Gateway, tunnel: number): number {
  return gw.kind === 'vpn' && gw.activeActive === true ? tunnel % 2 : 0;
}

/**
 * The gateway's BGP peer addresses, one per instance, when the site must route to them (AZ-R21):
 * the written `bgpPeerIps`, else on Azure GatewaySubnet base+4 (and base+5 active-active).
 * Undefined: the provider peers over link-local inside-tunnel addresses (AWS 169.254.x, GCP),
 * which the tunnel itself reaches.
 */
export function gatewayPeerIps(topology: Topology, path: string): readonly string[] | undefined {
  const ips = gatewayBgpPeerIps(topology, path);
  return ips.length > 0 ? ips : undefined;
}

const LINK_LOCAL = parsePrefix('169.254.0.0/16');
const EMPTY_ROUTES: readonly SiteRoute[] = [];
const reachCache = new WeakMap<readonly SiteRoute[], Map<string, boolean>>();

/** Does the site have an entry of its `routes` via `conn` that covers `ip`? (AZ-R21) */
export function siteReaches(site: Site, conn: string, ip: string): boolean {
  const addr = parsePrefix(ip);
  if (!addr) return false;
  if (LINK_LOCAL && contains(LINK_LOCAL, addr)) return true; // APIPA / inside-tunnel addresses
  const routes = site.routes ?? EMPTY_ROUTES;
  let memo = reachCache.get(routes);
  if (!memo) reachCache.set(routes, (memo = new Map<string, boolean>()));
  const key = `${conn}|${ip}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let ok = false;
  for (const r of routes) {
    if (r.via !== conn) continue;
    const p = parsePrefix(r.prefix);
    if (p && contains(p, addr)) {
      ok = true;
      break;
    }
  }
  memo.set(key, ok);
  return ok;
}

export type Condition =
  | { readonly kind: 'up' }
  | { readonly kind: 'down'; readonly rule: string; readonly reason: string }
  | { readonly kind: 'unreachable'; readonly rule: string; readonly reason: string };

const UP: Condition = { kind: 'up' };

/** Whether session `i` of a BGP connection can be established, given its tunnel. */
export function sessionCondition(
  state: NetworkState,
  conn: Connection,
  i: number,
  adminUp: boolean,
  tunnel: TunnelStatus | undefined,
): Condition {
  if (!adminUp) return { kind: 'down', rule: 'bgp-session', reason: 'admin-down' };
  if (!tunnel?.up) return { kind: 'down', rule: 'bgp-session', reason: tunnel?.reason ?? 'tunnel-down' };
  const ends = connectionEnds(conn);
  const topo = state.topology;
  // AZ-R22: an Azure VPN gateway accepts at most maxPrefixesFromPeer prefixes; above that the session drops.
  for (const g of ends.gateways) {
    const f = findGateway(topo, g);
    if (!f || f.network.provider !== 'azure' || f.item.kind !== 'vpn') continue;
    const peer = ends.site ?? ends.gateways.find((x) => x !== g);
    const count = peer === undefined ? 0 : (state.adverts[peer]?.length ?? 0);
    const max = state.profile.azure.maxPrefixesFromPeer;
    if (count > max) {
      return {
        kind: 'down',
        rule: 'AZ-R22',
        reason: `AZ-R22 prefix limit: ${count} prefixes from ${peer ?? '?'} > ${max}`,
      };
    }
  }
  // AZ-R21: a site peering from its own address needs a route via this connection to the gateway's peer IP.
  if (ends.site !== undefined) {
    const site = findSite(topo, ends.site)?.site;
    const gwPath = ends.gateways[0];
    if (site?.bgpPeerIp !== undefined && gwPath !== undefined) {
      const ips = gatewayPeerIps(topo, gwPath);
      const gw = findGateway(topo, gwPath)?.item;
      if (ips && ips.length > 0 && gw) {
        const ip = ips[instanceOf(gw, i) % ips.length] ?? ips[0] ?? '';
        if (!siteReaches(site, conn.name, ip)) {
          return {
            kind: 'unreachable',
            rule: 'AZ-R21',
            reason: `AZ-R21 peer unreachable: ${site.name} has no route via ${conn.name} to ${ip}`,
          };
        }
      }
    }
  }
  return UP;
}

/** The hold time of a connection's sessions: the smaller of its gateway ends' (AZ-R22, GCP-R19). */
export function holdTime(state: NetworkState, conn: Connection): number {
  const p = state.profile;
  let t = Infinity;
  for (const g of connectionEnds(conn).gateways) {
    const f = findGateway(state.topology, g);
    if (!f) continue;
    let h: number;
    switch (f.network.provider) {
      case 'aws':
        h = p.aws.bgpHoldTime;
        break;
      case 'gcp': {
        // GCP-R19: hold = 3 × keepalive of the Cloud Router (default keepalive 20 s → 60 s).
        const router =
          f.item.kind === 'cloudRouter'
            ? f.item
            : f.network.gateways.find((x) => x.name === f.item.router && x.kind === 'cloudRouter');
        h = router?.keepalive !== undefined ? 3 * router.keepalive : p.gcp.bgpHoldTime;
        break;
      }
      case 'azure':
      case 'openstack':
        h = p.azure.bgpHoldTime;
        break;
    }
    t = Math.min(t, h);
  }
  return Number.isFinite(t) ? t : p.azure.bgpHoldTime;
}

function tunnel(up: boolean, adminUp: boolean, reason: string | undefined): TunnelStatus {
  return { up, ...(adminUp ? {} : { adminUp: false }), ...(reason === undefined ? {} : { reason }) };
}

function sameTunnel(a: TunnelStatus | undefined, b: TunnelStatus): boolean {
  return (
    a !== undefined && a.up === b.up && (a.adminUp ?? true) === (b.adminUp ?? true) && a.reason === b.reason
  );
}

/** Tunnel `i` of a connection as the gateways at its ends allow. */
export function tunnelStatus(
  state: NetworkState,
  conn: Connection,
  i: number,
  prev: TunnelStatus | undefined,
): TunnelStatus {
  const adminUp = prev?.adminUp ?? true;
  let reason: string | undefined = adminUp ? undefined : 'admin-down';
  if (reason === undefined) {
    for (const g of connectionEnds(conn).gateways) {
      const st = state.gateways[g];
      const f = findGateway(state.topology, g);
      if (!st || !f) {
        reason = 'gateway-missing';
        break;
      }
      if (st.phase !== 'ready') {
        reason = `gateway-${st.phase}`;
        break;
      }
      if (st.failingInstance !== undefined && instanceOf(f.item, i) === st.failingInstance) {
        reason = 'gateway-failing-over';
        break;
      }
    }
  }
  const next = tunnel(reason === undefined, adminUp, reason);
  return sameTunnel(prev, next) && prev ? prev : next;
}

export function session(s: {
  adminUp: boolean;
  established: boolean;
  reason?: string | undefined;
  holdExpires?: number | undefined;
  establishAt?: number | undefined;
}): SessionStatus {
  return {
    adminUp: s.adminUp,
    established: s.established,
    ...(s.reason === undefined ? {} : { reason: s.reason }),
    ...(s.holdExpires === undefined ? {} : { holdExpires: s.holdExpires }),
    ...(s.establishAt === undefined ? {} : { establishAt: s.establishAt }),
  };
}

function sameSession(a: SessionStatus | undefined, b: SessionStatus): boolean {
  return (
    a !== undefined &&
    a.adminUp === b.adminUp &&
    a.established === b.established &&
    a.reason === b.reason &&
    a.holdExpires === b.holdExpires &&
    a.establishAt === b.establishAt
  );
}

export interface LinkChanges {
  readonly tunnels: ReadonlyMap<string, readonly TunnelStatus[]>;
  readonly sessions: ReadonlyMap<string, readonly SessionStatus[]>;
  readonly scheduled: readonly EngineEvent[];
  readonly notes: readonly NoteDraft[];
  /** Connections whose tunnels went up or down or whose sessions were established or dropped. */
  readonly flipped: readonly string[];
}

function establishedFact(
  state: NetworkState,
  conn: Connection,
  i: number,
  at: number,
): BgpSessionEstablished {
  const ends = connectionEnds(conn);
  const peer = ends.site ?? ends.gateways[1] ?? '';
  return withLabel<BgpSessionEstablished>({
    type: 'bgp.session.established',
    at,
    origin: 'engine',
    connection: conn.name,
    tunnel: i,
    prefixes: state.adverts[peer]?.length ?? 0,
  });
}

/**
 * Recomputes the tunnels and sessions of the named connections in `state` at time `at`. With
 * `initial`, the network is taken as converged: a session whose conditions hold is established at
 * once, and nothing is scheduled.
 */
export function reconcileLinks(
  state: NetworkState,
  names: Iterable<string>,
  at: number,
  initial = false,
): LinkChanges {
  const idx = connections(state.topology);
  const tunnels = new Map<string, readonly TunnelStatus[]>();
  const sessions = new Map<string, readonly SessionStatus[]>();
  const scheduled: EngineEvent[] = [];
  const notes: NoteDraft[] = [];
  const flipped = new Set<string>();
  for (const name of [...new Set(names)].sort()) {
    const conn = idx.byName.get(name);
    if (!conn) continue;
    const n = tunnelCount(state.topology, conn);
    const prevT = state.tunnels[name] ?? [];
    const nextT: TunnelStatus[] = [];
    for (let i = 0; i < n; i++) {
      const t = tunnelStatus(state, conn, i, prevT[i]);
      if (prevT[i] !== undefined && prevT[i]?.up !== t.up) flipped.add(name);
      nextT.push(t);
    }
    if (nextT.length !== prevT.length || nextT.some((t, i) => t !== prevT[i])) tunnels.set(name, nextT);
    if (!conn.bgp) continue;
    const prevS = state.sessions[name] ?? [];
    const nextS: SessionStatus[] = [];
    for (let i = 0; i < n; i++) {
      const p = prevS[i] ?? session({ adminUp: true, established: initial });
      const cond = sessionCondition(state, conn, i, p.adminUp, nextT[i]);
      let s: SessionStatus;
      if (initial) {
        s =
          cond.kind === 'up'
            ? session({ adminUp: p.adminUp, established: true })
            : session({ adminUp: p.adminUp, established: false, reason: cond.reason });
      } else if (cond.kind === 'up') {
        if (p.established) s = session({ adminUp: p.adminUp, established: true });
        else if (p.establishAt !== undefined) s = p;
        else {
          const when = at + state.profile.bgpSessionEstablish;
          scheduled.push(establishedFact(state, conn, i, when));
          s = session({ adminUp: p.adminUp, established: false, reason: 'establishing', establishAt: when });
        }
      } else if (cond.kind === 'down') {
        if (p.established) {
          flipped.add(name);
          notes.push({
            severity: 'info',
            rule: cond.rule,
            message: `${name} tunnel ${i}: BGP session dropped (${cond.reason})`,
          });
        }
        s = session({ adminUp: p.adminUp, established: false, reason: cond.reason });
      } else if (p.established) {
        // Silent path failure: keepalives stop arriving; the session lives until its hold timer expires.
        if (p.holdExpires !== undefined) s = p;
        else {
          const when = at + holdTime(state, conn);
          scheduled.push(
            withLabel<BgpSessionDropped>({
              type: 'bgp.session.dropped',
              at: when,
              origin: 'engine',
              connection: name,
              tunnel: i,
              reason: `hold timer expired: ${cond.reason}`,
            }),
          );
          s = session({ adminUp: p.adminUp, established: true, holdExpires: when });
        }
      } else {
        s = session({ adminUp: p.adminUp, established: false, reason: cond.reason });
      }
      nextS.push(sameSession(p, s) && prevS[i] !== undefined ? p : s);
    }
    if (nextS.length !== prevS.length || nextS.some((s, i) => s !== prevS[i])) sessions.set(name, nextS);
  }
  return { tunnels, sessions, scheduled, notes, flipped: [...flipped] };
}

/** Every connection of a gateway (`net/gw`) or a site. */
export function linksOf(topology: Topology, endpoint: string): readonly string[] {
  const idx = connections(topology);
  return (endpoint.includes('/') ? idx.byGateway.get(endpoint) : idx.bySite.get(endpoint)) ?? [];
}
