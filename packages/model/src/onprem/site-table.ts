/**
 * An on-premises site's routing table `site:<name>`: its own cidrs, its static routes, what it
 * learns over BGP from cloud gateways, its static routes to clouds reached over static
 * connections, and internet egress.
 *
 * Sites carry the large tables (a full internet table at an edge, DESIGN.md "Scale"), so the
 * configured part is built once per Site object (and each SiteRoute's candidate once per route
 * object), and only the small learned part is rebuilt when BGP state changes.
 *
 *   routes = [ configured candidates (cached per Site) ..., learned candidates ... ]
 */
import type { NetworkState } from '../state.js';
import type { CandidateRoute, ForwardingTable, RouteAction } from '../tables.js';
import type { Site, SiteRoute } from '../topology.js';
import { advertisedTo } from '../bgp/advertised.js';
import { otherEnd } from '../bgp/learned.js';
import { prefixTextKey } from '../internal/ip.js';
import { Memo, weakCache } from '../internal/memo.js';
import { anySessionEstablished, siteAdverts } from '../internal/status.js';
import { topologyIndex } from '../internal/topology-index.js';
import { transitAddressSpace } from '../azure/gateway-transit.js';

// Equal prefix, like a router's administrative distance: connected < static < BGP; the
// `internetEgress` default is the last resort (DESIGN.md: routes first, then the internet).
const RANK = { connected: 0, static: 1, bgp: 2, internet: 3 } as const;

interface Configured {
  readonly key: number | string;
  readonly rank: number;
  /** The route as selected; the rare unselected copy is made on demand. */
  readonly selected: CandidateRoute;
}

const LOSER_REASON = 'a route of equal prefix with a better administrative distance is preferred';

function candidate(
  prefix: string,
  source: string,
  nextHopType: string,
  action: RouteAction,
  name: string | undefined,
  asPath?: readonly number[],
  med?: number,
): CandidateRoute {
  const out: { -readonly [K in keyof CandidateRoute]: CandidateRoute[K] } = {
    prefix,
    source,
    state: 'active',
    nextHopType,
    selected: true,
    action,
  };
  if (name !== undefined) out.name = name;
  if (asPath !== undefined) out.asPath = asPath;
  if (med !== undefined) out.med = med;
  return out;
}

function unselected(c: CandidateRoute): CandidateRoute {
  return { ...c, state: 'inactive', selected: false, reason: LOSER_REASON };
}

function configured(
  prefix: string,
  source: string,
  nextHopType: string,
  action: RouteAction,
  rank: number,
  name?: string,
): Configured {
  return {
    key: prefixTextKey(prefix),
    rank,
    selected: candidate(prefix, source, nextHopType, action, name),
  };
}

const routeConfigured = weakCache((r: SiteRoute): Configured =>
  configured(
    r.prefix,
    'static',
    'connection',
    { kind: 'connection', connection: r.via },
    RANK.static,
    r.name ?? r.via,
  ),
);

interface ConfiguredTable {
  readonly routes: readonly CandidateRoute[];
  /** Prefix key → index of the selected configured route. */
  readonly best: ReadonlyMap<number | string, number>;
  /** The rank of every configured route, by index. */
  readonly ranks: Uint8Array;
  /** The `internetEgress` default, which a learned 0.0.0.0/0 displaces: its index and key. */
  readonly internet?: {
    readonly index: number;
    readonly key: number | string;
    readonly unselected: CandidateRoute;
  };
}

const configuredTable = weakCache((site: Site): ConfiguredTable => {
  const items: Configured[] = site.cidrs.map((p) =>
    configured(p, 'connected', 'site', { kind: 'site', site: site.name }, RANK.connected),
  );
  for (const r of site.routes ?? []) items.push(routeConfigured(r));
  if (site.internetEgress === true)
    items.push(
      configured('0.0.0.0/0', 'static', 'internet', { kind: 'internet' }, RANK.internet, 'internet'),
    );
  const best = new Map<number | string, number>();
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const cur = best.get(it.key);
    if (cur === undefined || it.rank < items[cur]!.rank) best.set(it.key, i);
  }
  const routes = new Array<CandidateRoute>(items.length);
  const ranks = new Uint8Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    routes[i] = best.get(it.key) === i ? it.selected : unselected(it.selected);
    ranks[i] = it.rank;
  }
  const last = items.length - 1;
  const inet = items[last];
  if (site.internetEgress === true && inet && best.get(inet.key) === last)
    return {
      routes,
      best,
      ranks,
      internet: { index: last, key: inet.key, unselected: unselected(inet.selected) },
    };
  return { routes, best, ranks };
});

interface Learned {
  readonly prefix: string;
  readonly source: 'static' | 'bgp';
  readonly rank: number;
  readonly connection: string;
  readonly asPath?: readonly number[];
  readonly med?: number;
}

/** What the site learns or is configured with towards the clouds over its connections. */
function learnedAtSite(state: NetworkState, site: Site): Learned[] {
  const index = topologyIndex(state.topology);
  const out: Learned[] = [];
  for (const c of index.connectionsByEndpoint.get(site.name) ?? []) {
    const other = otherEnd(c, site.name);
    const gw = index.gateways.get(other);
    if (!c.bgp) {
      // A static connection: the site routes the cloud's address space (GCP: its subnet ranges) into it.
      const prefixes = gw
        ? transitAddressSpace(state.topology, gw.network)
        : (index.sites.get(other)?.site.cidrs ?? []);
      for (const prefix of prefixes)
        out.push({ prefix, source: 'static', rank: RANK.static, connection: c.name });
      continue;
    }
    if (!anySessionEstablished(state, c)) continue;
    if (gw) {
      for (const a of advertisedTo(state, other, c.name))
        out.push({
          prefix: a.prefix,
          source: 'bgp',
          rank: RANK.bgp,
          connection: c.name,
          asPath: a.asPath,
          ...(a.med !== undefined ? { med: a.med } : {}),
        });
    } else {
      const peer = index.sites.get(other)?.site;
      for (const a of peer ? siteAdverts(state, peer) : [])
        out.push({
          prefix: a.prefix,
          source: 'bgp',
          rank: RANK.bgp,
          connection: c.name,
          asPath: peer?.asn !== undefined ? [peer.asn, ...(a.asPath ?? [])] : (a.asPath ?? []),
          ...(a.med !== undefined ? { med: a.med } : {}),
        });
    }
  }
  return out;
}

/** Equal prefix among learned routes: static, then shorter AS path, then lower MED, then connection name. */
function compareLearned(a: Learned, b: Learned): number {
  if (a.rank !== b.rank) return a.rank - b.rank;
  const la = a.asPath?.length ?? 0;
  const lb = b.asPath?.length ?? 0;
  if (la !== lb) return la - lb;
  if ((a.med ?? 0) !== (b.med ?? 0)) return (a.med ?? 0) - (b.med ?? 0);
  return a.connection < b.connection ? -1 : a.connection > b.connection ? 1 : 0;
}

const memo = new Memo<Site, ForwardingTable>();
const learnedMemo = new Memo<
  Site,
  { readonly sig: string; readonly routes: readonly CandidateRoute[]; readonly displaced: boolean }
>();

export function siteTable(state: NetworkState, site: Site): ForwardingTable {
  const conf = configuredTable(site);
  const learned = learnedAtSite(state, site);
  // A content signature keeps the learned part (and so the table) identical while it does not change.
  const sig = learned
    .map((l) => `${l.prefix}|${l.source}|${l.connection}|${(l.asPath ?? []).join(' ')}|${l.med ?? ''}`)
    .join('\n');
  const part = learnedMemo.get(site, [sig], () => {
    const keys = learned.map((l) => prefixTextKey(l.prefix));
    const best = new Map<number | string, number>();
    learned.forEach((l, i) => {
      const k = keys[i]!;
      const confBest = conf.best.get(k);
      if (confBest !== undefined && conf.ranks[confBest]! <= l.rank) return;
      const cur = best.get(k);
      if (cur === undefined || compareLearned(l, learned[cur]!) < 0) best.set(k, i);
    });
    const routes = learned.map((l, i) => {
      const action: RouteAction = { kind: 'connection', connection: l.connection };
      const c = candidate(l.prefix, l.source, 'connection', action, l.connection, l.asPath, l.med);
      return best.get(keys[i]!) === i ? c : unselected(c);
    });
    const displaced = conf.internet !== undefined && best.has(conf.internet.key);
    return { sig, routes, displaced };
  });
  return memo.get(site, [part], () => {
    let routes = conf.routes;
    if (part.displaced && conf.internet) {
      routes = routes.slice();
      (routes as CandidateRoute[])[conf.internet.index] = conf.internet.unselected;
    }
    return { id: `site:${site.name}`, kind: 'site', provider: 'onprem', routes: routes.concat(part.routes) };
  });
}
