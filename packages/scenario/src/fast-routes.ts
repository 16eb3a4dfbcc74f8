/**
 * The schema's fast path for long route lists (issue 14, "Large files"): a route the schema would
 * certainly accept unchanged is checked by hand, and its output built as the schema builds it,
 * without zod (about 60% of the load of a 500,000-route file went to zod and its garbage).
 *
 * The hand check is conservative: it accepts only the common shapes (GCP routes with an
 * `instance`, `gateway` or `vpnTunnel` next hop; AWS routes to `local`, `blackhole` or a named
 * gateway; Azure routes to a `VirtualAppliance` address or a next hop without fields; a site's
 * static routes `via` a connection), with an IPv4 prefix already in canonical form without host bits, and no other field.
 * A list is taken off the schema's hands only when every route of it passes: then the schema
 * would report nothing about it, and its output is the routes as written (fresh objects, fields
 * in the schema's order). Any other list, and every error, is the schema's: the diagnostics are
 * the schema's own. `test/fast-routes.test.ts` checks the equality against the schema.
 */

import { scanCanonicalIpv4, scanCanonicalPrefix4 } from '@cloudroute/lpm';

/** A route the schema accepts, as the schema outputs it; `undefined`: leave it to the schema. */
type FastRoute = (route: unknown) => Record<string, unknown> | undefined;

const NAME = /^[^\s/]+$/;
function isName(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 128 && NAME.test(v);
}

/** An IPv4 prefix in canonical text (dotted decimal without leading zeros) without host bits. */
function isCanonicalPrefix(v: unknown): v is string {
  return typeof v === 'string' && scanCanonicalPrefix4(v) >= 0;
}

/** An IPv4 address in canonical text (dotted decimal without leading zeros). */
function isCanonicalAddress(v: unknown): v is string {
  return typeof v === 'string' && scanCanonicalIpv4(v) >= 0;
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** A plain mapping whose keys are all among `allowed` (the values are checked by the caller). */
function fields(v: unknown, allowed: readonly string[]): Record<string, unknown> | undefined {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
  for (const k in v) if (!allowed.includes(k) || !has(v, k)) return undefined;
  return v as Record<string, unknown>;
}

const GCP_ROUTE_KEYS = ['name', 'prefix', 'priority', 'tags', 'nextHop'];
const GCP_HOP_FIELD: Readonly<Record<string, string>> = {
  instance: 'host',
  gateway: 'gateway',
  vpnTunnel: 'connection',
};

function gcpNextHop(v: unknown): Record<string, unknown> | undefined {
  const h = fields(v, ['type', 'host', 'gateway', 'connection']);
  if (h === undefined || typeof h.type !== 'string' || !has(GCP_HOP_FIELD, h.type)) return undefined;
  const field = GCP_HOP_FIELD[h.type]!;
  if (Object.keys(h).length !== 2 || !has(h, field)) return undefined;
  const value = h[field];
  if (h.type === 'gateway' ? value !== 'default-internet-gateway' : !isName(value)) return undefined;
  return { type: h.type, [field]: value };
}

/**
 * A route as the schema outputs it, or `undefined`: its `name` (when written) and `prefix`, the
 * provider's own fields (`middle` checks and copies them; false: not for the fast path), then
 * its `nextHop`. The fields of `v` must be among `keys`.
 */
function routeOf(
  v: unknown,
  keys: readonly string[],
  middle: ((r: Record<string, unknown>, out: Record<string, unknown>) => boolean) | undefined,
  nextHop: (v: unknown) => Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  const r = fields(v, keys);
  if (r === undefined || !isCanonicalPrefix(r.prefix)) return undefined;
  const out: Record<string, unknown> = {};
  if (has(r, 'name')) {
    if (!isName(r.name)) return undefined;
    out.name = r.name;
  }
  out.prefix = r.prefix;
  if (middle !== undefined && !middle(r, out)) return undefined;
  const hop = nextHop(r.nextHop);
  if (hop === undefined) return undefined;
  out.nextHop = hop;
  return out;
}

/** A GCP route's `priority` and `tags` (GCP-R3, GCP-R4), copied to `out`; false when one is off. */
function gcpFields(r: Record<string, unknown>, out: Record<string, unknown>): boolean {
  if (has(r, 'priority')) {
    const p = r.priority;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 65_535) return false;
    out.priority = p;
  }
  if (has(r, 'tags')) {
    const tags = r.tags;
    if (!Array.isArray(tags) || !tags.every(isName)) return false;
    out.tags = tags.slice();
  }
  return true;
}

/** A GCP route (GCP-R1..R5) as the schema outputs it, or `undefined`. */
const gcpRoute: FastRoute = (v) => routeOf(v, GCP_ROUTE_KEYS, gcpFields, gcpNextHop);

const AWS_GATEWAY_HOPS = new Set(['igw', 'nat', 'vgw', 'vpce', 'peering']);

function awsNextHop(v: unknown): Record<string, unknown> | undefined {
  const h = fields(v, ['type', 'gateway']);
  if (h === undefined || typeof h.type !== 'string') return undefined;
  if (h.type === 'local' || h.type === 'blackhole') return has(h, 'gateway') ? undefined : { type: h.type };
  if (!AWS_GATEWAY_HOPS.has(h.type) || !isName(h.gateway)) return undefined;
  return { type: h.type, gateway: h.gateway };
}

const AWS_ROUTE_KEYS = ['name', 'prefix', 'nextHop'];

/** An AWS route as the schema outputs it, or `undefined`. */
const awsRoute: FastRoute = (v) => routeOf(v, AWS_ROUTE_KEYS, undefined, awsNextHop);

const AZURE_PLAIN_HOPS = new Set(['VirtualNetworkGateway', 'VnetLocal', 'Internet', 'None']);

function azureNextHop(v: unknown): Record<string, unknown> | undefined {
  const h = fields(v, ['type', 'ip']);
  if (h === undefined || typeof h.type !== 'string') return undefined;
  if (AZURE_PLAIN_HOPS.has(h.type)) return has(h, 'ip') ? undefined : { type: h.type };
  if (h.type !== 'VirtualAppliance' || !isCanonicalAddress(h.ip)) return undefined;
  return { type: h.type, ip: h.ip };
}

/** An Azure route (a UDR, AZ-R5/R6) as the schema outputs it, or `undefined`. */
const azureRoute: FastRoute = (v) => routeOf(v, AWS_ROUTE_KEYS, undefined, azureNextHop);

const SITE_ROUTE_KEYS = ['name', 'prefix', 'via'];

/** A site's own static route (its `name`, `prefix` and the connection `via`) as the schema outputs it, or `undefined`. */
const siteRoute: FastRoute = (v) => {
  const r = fields(v, SITE_ROUTE_KEYS);
  if (r === undefined || !isCanonicalPrefix(r.prefix) || !isName(r.via)) return undefined;
  const out: Record<string, unknown> = {};
  if (has(r, 'name')) {
    if (!isName(r.name)) return undefined;
    out.name = r.name;
  }
  out.prefix = r.prefix;
  out.via = r.via;
  return out;
};

/** Every route of the list by the fast path, or `undefined` when one of them is not for it. */
function fastList(list: unknown, route: FastRoute): Record<string, unknown>[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: Record<string, unknown>[] = new Array<Record<string, unknown>>(list.length);
  for (let i = 0; i < list.length; i++) {
    const r = route(list[i]);
    if (r === undefined) return undefined;
    out[i] = r;
  }
  return out;
}

/** Below this many routes a list is left to the schema: the fast path pays only on long lists. */
const MIN_ROUTES = 64;

/** A route list taken off the schema's hands: where it is and its output. */
interface Taken {
  readonly owner: Record<string, unknown>;
  readonly list: unknown;
  /** The path of the owner's output in the schema's output, from the scenario. */
  readonly path: readonly (string | number)[];
  readonly routes: Record<string, unknown>[];
}

function take(
  owner: Record<string, unknown>,
  path: readonly (string | number)[],
  route: FastRoute,
  taken: Taken[],
): void {
  const list = owner.routes;
  if (!Array.isArray(list) || list.length < MIN_ROUTES) return;
  const routes = fastList(list, route);
  if (routes !== undefined) taken.push({ owner, list, path, routes });
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The long route lists of the data that the fast path reads whole (GCP networks, AWS and Azure route tables, sites). */
function takeRoutes(data: Record<string, unknown>): Taken[] {
  const taken: Taken[] = [];
  const sites = data.sites;
  if (Array.isArray(sites))
    sites.forEach((site: unknown, i) => {
      if (isPlain(site)) take(site, ['sites', i], siteRoute, taken);
    });
  const networks = data.networks;
  if (!Array.isArray(networks)) return taken;
  networks.forEach((n: unknown, i) => {
    if (n === null || typeof n !== 'object' || Array.isArray(n)) return;
    const network = n as Record<string, unknown>;
    if (network.provider === 'gcp') take(network, ['networks', i], gcpRoute, taken);
    const tableRoute =
      network.provider === 'aws' ? awsRoute : network.provider === 'azure' ? azureRoute : undefined;
    if (tableRoute !== undefined && Array.isArray(network.routeTables))
      network.routeTables.forEach((t: unknown, j) => {
        if (isPlain(t)) take(t, ['networks', i, 'routeTables', j], tableRoute, taken);
      });
  });
  return taken;
}

function outputAt(data: unknown, path: readonly (string | number)[]): Record<string, unknown> | undefined {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
}

/** What `safeParse` returns, as far as loading needs it. */
type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: unknown[] } };

/**
 * `parse(data)` (the schema's `safeParse`) with the long route lists that pass the hand check
 * swapped for empty lists during the parse (in place: the schema's notes on failed objects are
 * keyed by the objects themselves) and their outputs put back in the schema's output.
 */
export function parseWithFastRoutes<T, P extends Parsed<T>>(data: unknown, parse: (data: unknown) => P): P {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return parse(data);
  const taken = takeRoutes(data as Record<string, unknown>);
  if (taken.length === 0) return parse(data);
  let parsed: P;
  try {
    for (const t of taken) t.owner.routes = [];
    parsed = parse(data);
  } finally {
    for (const t of taken) t.owner.routes = t.list;
  }
  if (parsed.success)
    for (const t of taken) {
      const owner = outputAt(parsed.data, t.path);
      if (owner !== undefined) owner.routes = t.routes;
    }
  return parsed;
}

/** The hand checks, for the tests that hold them equal to the schema. Internal. */
export const fastRoutes = { gcpRoute, awsRoute, azureRoute, siteRoute, MIN_ROUTES } as const;
