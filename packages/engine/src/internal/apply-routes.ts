/**
 * Route events: `route.added/replaced/removed` on a route table (AWS, Azure), a site, a GCP
 * network or an OpenStack router (associations and propagation: apply-associations.ts).
 */
import type { Draft } from 'immer';
import {
  awsRouteRefusal,
  azureRouteRefusal,
  azureRouteWarnings,
  gcpRouteRefusal,
  openstackExtraRouteRefusal,
} from '@cloudroute/model';
import type {
  ChangeRefusal,
  Gateway,
  Network,
  NetworkState,
  Route,
  RouteTable,
  Site,
  SiteRoute,
  Subnet,
} from '@cloudroute/model';
import type { RouteTarget } from '../actions.js';
import type { RouteAdded, RouteRemoved, RouteReplaced } from '../events.js';
import { formatPrefix, parsePrefix } from './ip.js';
import type { Prefix } from './ip.js';
import { linksOf } from './links.js';
import {
  connectionEnds,
  connections,
  findGateway,
  findNetwork,
  findRouteTable,
  findSite,
  findSubnet,
  qualify,
} from './lookup.js';
import type { Found } from './lookup.js';
import { change, refuse } from './outcome.js';
import type { NoteDraft, Outcome, Refused } from './outcome.js';
import type { Touch } from './touched.js';

type AnyRoute = Route | SiteRoute;

type Where =
  | { readonly kind: 'table'; readonly f: Found<RouteTable> }
  | { readonly kind: 'site'; readonly i: number; readonly site: Site }
  | { readonly kind: 'gcp'; readonly f: Found<Network> }
  | { readonly kind: 'router'; readonly f: Found<Gateway> };

function resolve(state: NetworkState, target: RouteTarget): Where | Refused {
  const topo = state.topology;
  if ('routeTable' in target) {
    const f = findRouteTable(topo, target.routeTable);
    if (!f) return refuse('not-found', `no route table ${target.routeTable}`);
    if (f.network.provider === 'gcp') {
      return refuse('GCP-R1', `GCP networks have no route tables: write network: ${f.network.name}`);
    }
    if (f.network.provider === 'openstack') {
      return refuse(
        'invalid-target',
        `OpenStack routes live on routers (gateway: net/router) or subnets' hostRoutes`,
      );
    }
    return { kind: 'table', f };
  }
  if ('site' in target) {
    const s = findSite(topo, target.site);
    return s ? { kind: 'site', i: s.i, site: s.site } : refuse('not-found', `no site ${target.site}`);
  }
  if ('network' in target) {
    const f = findNetwork(topo, target.network);
    if (!f) return refuse('not-found', `no network ${target.network}`);
    if (f.network.provider !== 'gcp') {
      return refuse(
        'invalid-target',
        `network: targets GCP networks; ${f.network.name} is ${f.network.provider}: use routeTable: net/rt`,
      );
    }
    return { kind: 'gcp', f };
  }
  const f = findGateway(topo, target.gateway);
  if (!f) return refuse('not-found', `no gateway ${target.gateway}`);
  if (f.item.kind !== 'router') {
    return refuse(
      'invalid-target',
      `gateway: targets OpenStack routers; ${target.gateway} is a ${f.item.kind}`,
    );
  }
  return { kind: 'router', f };
}

function routesAt(w: Where): readonly AnyRoute[] {
  switch (w.kind) {
    case 'table':
      return w.f.item.routes;
    case 'site':
      return w.site.routes ?? [];
    case 'gcp':
      return w.f.network.routes ?? [];
    case 'router':
      return w.f.item.routes ?? [];
  }
}

/** The mutable route list of a draft, created when absent. */
function draftRoutes(d: Draft<NetworkState>, w: Where): AnyRoute[] {
  switch (w.kind) {
    case 'table': {
      const t = d.topology.networks[w.f.ni]?.routeTables[w.f.i];
      return t?.routes ?? [];
    }
    case 'site': {
      const s = d.topology.sites[w.i];
      if (!s) return [];
      s.routes ??= [];
      return s.routes;
    }
    case 'gcp': {
      const n = d.topology.networks[w.f.ni];
      if (!n) return [];
      n.routes ??= [];
      return n.routes;
    }
    case 'router': {
      const g = d.topology.networks[w.f.ni]?.gateways[w.f.i];
      if (!g) return [];
      g.routes ??= [];
      return g.routes;
    }
  }
}

function parseDestination(text: string): Prefix | Refused {
  const p = parsePrefix(text);
  if (!p) return refuse('invalid-prefix', `${text} is not an IP prefix`);
  if (p.hostBits)
    return refuse('invalid-prefix', `${text} has host bits set — did you mean ${formatPrefix(p)}?`);
  return p;
}

const isRefused = (x: unknown): x is Refused =>
  typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'rejected';

const canonical = new WeakMap<AnyRoute, string>();

/** A route's destination in canonical text, memoised on the (immutable) route object. */
function keyOf(r: AnyRoute): string {
  let k = canonical.get(r);
  if (k === undefined) {
    const p = parsePrefix(r.prefix);
    k = p ? formatPrefix(p) : r.prefix;
    canonical.set(r, k);
  }
  return k;
}

function nextHopIp(r: AnyRoute): string | undefined {
  return 'nextHop' in r && 'ip' in r.nextHop ? r.nextHop.ip : undefined;
}

/** Indexes of the routes a `route.replace`/`route.remove` addresses: by name when given, else by prefix. */
function matches(list: readonly AnyRoute[], name: string | undefined, prefix: Prefix | undefined): number[] {
  const out: number[] = [];
  const key = prefix === undefined ? undefined : formatPrefix(prefix);
  list.forEach((r, i) => {
    const hit = name !== undefined ? r.name === name : key !== undefined && keyOf(r) === key;
    if (hit) out.push(i);
  });
  return out;
}

/** Would `route` duplicate one of `others` for this kind of table? */
function duplicate(w: Where, others: readonly AnyRoute[], route: AnyRoute, p: Prefix): string | undefined {
  const key = formatPrefix(p);
  for (const r of others) {
    const same = keyOf(r) === key;
    switch (w.kind) {
      case 'table':
        if (same) return `${route.prefix} already has a route in ${w.f.network.name}/${w.f.item.name}`;
        if (w.f.network.provider === 'azure' && route.name !== undefined && r.name === route.name) {
          return `a route named ${route.name} already exists in ${w.f.network.name}/${w.f.item.name}`;
        }
        break;
      case 'site':
        if (same && 'via' in r && 'via' in route && r.via === route.via) {
          return `${w.site.name} already routes ${route.prefix} via ${route.via}`;
        }
        break;
      case 'router':
        if (same && nextHopIp(r) === nextHopIp(route)) {
          return `router ${w.f.item.name} already routes ${route.prefix} via ${nextHopIp(route) ?? '?'}`;
        }
        break;
      case 'gcp':
        break; // GCP-R10: equal destinations are allowed (names are checked by the GCP rules)
    }
  }
  return undefined;
}

function providerChecks(
  state: NetworkState,
  w: Where,
  route: AnyRoute,
  p: Prefix,
  count: number,
  replacing: string | undefined,
): Refused | NoteDraft[] {
  if (w.kind === 'site') {
    if (!('via' in route))
      return refuse('invalid-route', `a site route has via: <connection>, not a nextHop`);
    const c = connections(state.topology).byName.get(route.via);
    if (!c || connectionEnds(c).site !== w.site.name) {
      return refuse('not-found', `${w.site.name} has no connection named ${route.via}`);
    }
    return [];
  }
  if (!('nextHop' in route))
    return refuse('invalid-route', `a route needs a nextHop (only site routes have via)`);
  switch (w.kind) {
    case 'table':
      if (w.f.network.provider === 'aws') return verdict(awsRouteRefusal(state, w.f.network, route, p));
      return verdict(azureRouteRefusal(w.f.item, route, count), () =>
        azureRouteWarnings(state, w.f.network, w.f.item, route, p),
      );
    case 'gcp': {
      const hop = route.nextHop;
      const c = hop.type === 'vpnTunnel' ? connections(state.topology).byName.get(hop.connection) : undefined;
      return verdict(gcpRouteRefusal(state, w.f.network, route, p, replacing, c));
    }
    case 'router': {
      const subnets: Subnet[] = [];
      for (const ref of w.f.item.interfaces ?? []) {
        const sub = findSubnet(state.topology, qualify(w.f.network.name, ref))?.item;
        if (sub) subnets.push(sub);
      }
      return verdict(openstackExtraRouteRefusal(w.f.item, route, count, subnets));
    }
  }
}

/** The model's verdict as the engine records it: a rejection, else the warnings as notes. */
function verdict(
  refusal: ChangeRefusal | undefined,
  warnings: () => readonly ChangeRefusal[] = () => [],
): Refused | NoteDraft[] {
  if (refusal) return refuse(refusal.rule, refusal.message);
  return warnings().map((n) => ({ severity: 'warning', rule: n.rule, message: n.message }));
}

function touchWhere(w: Where): (t: Touch) => void {
  return (t) => {
    switch (w.kind) {
      case 'table':
        t.routeTable(w.f.network.name, w.f.item.name);
        return;
      case 'site':
        t.site(w.site.name);
        return;
      case 'gcp':
        t.neighborhood(w.f.network.name); // one table per network; peers may import custom routes (GCP-R23)
        return;
      case 'router':
        t.add(`${w.f.network.name}/${w.f.item.name}`);
        return;
    }
  };
}

function linksWhere(state: NetworkState, w: Where): readonly string[] {
  // AZ-R21: a site's routes decide whether it reaches the gateways' BGP peer addresses.
  return w.kind === 'site' ? linksOf(state.topology, w.site.name) : [];
}

export function routeAdded(state: NetworkState, ev: RouteAdded | RouteReplaced): Outcome {
  const w = resolve(state, ev.target);
  if (isRefused(w)) return w;
  const p = parseDestination(ev.route.prefix);
  if (isRefused(p)) return p;
  const list = routesAt(w);
  let replaced: number[] = [];
  if (ev.type === 'route.replaced') {
    const byName = ev.route.name !== undefined && list.some((r) => r.name === ev.route.name);
    replaced = matches(list, byName ? ev.route.name : undefined, byName ? undefined : p);
    if (replaced.length === 0) {
      return refuse(
        'not-found',
        `no route ${ev.route.name ?? ev.route.prefix} to replace in ${targetName(w)}`,
      );
    }
  }
  const others = list.filter((_, i) => !replaced.includes(i));
  const dup = duplicate(w, others, ev.route, p);
  if (dup !== undefined) return refuse('already-exists', dup);
  const replacingName = replaced.length > 0 ? list[replaced[0] ?? 0]?.name : undefined;
  const verdict = providerChecks(state, w, ev.route, p, others.length + 1, replacingName);
  if (isRefused(verdict)) return verdict;
  const route = ev.route;
  return change(
    (d) => {
      const routes = draftRoutes(d, w);
      if (replaced.length === 0) {
        routes.push(route);
        return;
      }
      const first = replaced[0] ?? 0;
      routes[first] = route;
      for (let k = replaced.length - 1; k >= 1; k--) routes.splice(replaced[k] ?? 0, 1);
    },
    touchWhere(w),
    { links: linksWhere(state, w), notes: verdict },
  );
}

function targetName(w: Where): string {
  switch (w.kind) {
    case 'table':
      return `${w.f.network.name}/${w.f.item.name}`;
    case 'site':
      return w.site.name;
    case 'gcp':
      return w.f.network.name;
    case 'router':
      return `${w.f.network.name}/${w.f.item.name}`;
  }
}

export function routeRemoved(state: NetworkState, ev: RouteRemoved): Outcome {
  const w = resolve(state, ev.target);
  if (isRefused(w)) return w;
  let p: Prefix | undefined;
  if (ev.name === undefined) {
    if (ev.prefix === undefined) return refuse('invalid-route', 'route.remove needs a prefix or a name');
    const parsed = parseDestination(ev.prefix);
    if (isRefused(parsed)) return parsed;
    p = parsed;
  }
  const hits = matches(routesAt(w), ev.name, p);
  if (hits.length === 0) {
    return refuse('not-found', `no route ${ev.name ?? ev.prefix ?? ''} in ${targetName(w)}`);
  }
  return change(
    (d) => {
      const routes = draftRoutes(d, w);
      for (let k = hits.length - 1; k >= 0; k--) routes.splice(hits[k] ?? 0, 1);
    },
    touchWhere(w),
    { links: linksWhere(state, w) },
  );
}
