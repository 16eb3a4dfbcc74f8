/**
 * GCP behaviour the reference adds to the model's tables (PROVIDERS.md 3):
 * - GCP-R8: policy-based routes first, lowest priority value first (equal priority: by name, the
 *   product's stand-in for GCP's "deterministic, internal algorithm" — a rule left open, so the
 *   reference follows the product); `defaultRouting` skips the remaining policy routes.
 * - GCP-R10 / invariant 27: ECMP members chosen by a hash of the flow; GCP-R5: an ILB next hop
 *   hands the flow to one of its running, forwarding backends by a hash of the flow, and drops
 *   packets from another region without global access. The two hash functions are part of the
 *   observable contract (which member a flow takes), so they are written here as the product has them.
 * - GCP-R24 with `firewall: provider-default`: the implied deny-ingress rule; the network named
 *   `default` also has `default-allow-internal` (sources in 10.128.0.0/9).
 */
import type { CandidateRoute, Network, RouteAction } from '@cloudroute/model';
import { parsePrefix } from './ipv4.js';
import { forwards, gatewayReady, type RefPort, type RefTable, type World } from './world.js';

/** The per-flow hash of (source, destination): same flow → same pick (ILB backends). */
export function flowHash(src: number, dst: number): number {
  let x = Math.imul((src | 0) ^ 0x9e3779b9, 0x85ebca6b) ^ dst;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** GCP-R10: the ECMP hash of a flow, independent of the ILB backend hash. */
export function ecmpHash(src: number, dst: number): number {
  return flowHash(dst ^ 0x45434d50, src);
}

/** What a GCP route does beyond the model's action: hand the flow to an ILB, or skip the policy routes. */
export type Special =
  { readonly kind: 'ilb'; readonly gateway: string } | { readonly kind: 'skip' } | undefined;

/** GCP-R5: a static route (the network's own) whose next hop is an ILB named by its forwarding rule. */
export function ilbOfRoute(net: Network | undefined, r: CandidateRoute): Special {
  if (!net || net.provider !== 'gcp' || r.source !== 'STATIC' || r.nextHopType !== 'ilb') return undefined;
  const def = (net.routes ?? []).find(
    (x) => x.nextHop.type === 'ilb' && x.prefix === r.prefix && (r.name === undefined || x.name === r.name),
  );
  return def?.nextHop.type === 'ilb' && def.nextHop.gateway !== undefined
    ? { kind: 'ilb', gateway: def.nextHop.gateway }
    : undefined;
}

/**
 * GCP-R8: the policy-based route of a GCP table that takes the packet, if any: the routes whose
 * destination and source ranges hold it, by priority then name; a `defaultRouting` route ends the
 * scan (undefined: the ordinary routing order follows).
 */
export function policyRoute(
  w: World,
  t: RefTable,
  src: number,
  dst: number,
): { readonly route: CandidateRoute; readonly special: Special } | undefined {
  const net = t.network !== undefined ? w.networks.get(t.network) : undefined;
  if (!net || net.provider !== 'gcp') return undefined;
  const pbrs = t.table.routes
    .filter((r) => r.source === 'POLICY_BASED')
    .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0) || ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
  for (const r of pbrs) {
    const def = (net.policyRoutes ?? []).find((x) => x.name === r.name);
    if (!def) continue;
    const d = parsePrefix(def.match.dst ?? '0.0.0.0/0');
    const s = parsePrefix(def.match.src ?? '0.0.0.0/0');
    if (!d || !s || dst < d.lo || dst > d.hi || src < s.lo || src > s.hi) continue;
    if (def.nextHop.type === 'defaultRouting') return undefined;
    if (def.nextHop.gateway !== undefined)
      return { route: r, special: { kind: 'ilb', gateway: def.nextHop.gateway } };
    if (r.action) return { route: r, special: undefined };
  }
  return undefined;
}

/**
 * GCP-R10: the route a flow takes among a selected route's equal members (the model lists their
 * actions in a deterministic order); the member is the table's candidate holding that action.
 */
export function ecmpMember(t: RefTable, r: CandidateRoute, src: number, dst: number): CandidateRoute {
  const members = r.ecmp;
  if (!members || members.length < 2) return r;
  const a: RouteAction = members[ecmpHash(src, dst) % members.length]!;
  const same = (x: RouteAction | undefined): boolean => JSON.stringify(x) === JSON.stringify(a);
  return (
    t.table.routes.find((x) => x.prefix === r.prefix && x.action === a) ??
    t.table.routes.find((x) => x.prefix === r.prefix && same(x.action)) ?? {
      ...r,
      action: a,
      selected: false,
    }
  );
}

/** The region of a GCP gateway: its own, else its Cloud Router's. */
export function gatewayRegion(w: World, path: string): string | undefined {
  const ref = w.gateways.get(path);
  if (!ref || ref.network.provider !== 'gcp') return undefined;
  const router =
    ref.gateway.router !== undefined
      ? ref.network.gateways.find((g) => g.name === ref.gateway.router)
      : undefined;
  return ref.gateway.region ?? router?.region;
}

/**
 * GCP-R5: the backend of ILB `net/name` that takes the flow: a drop reason, or the backend port.
 * `from` is the host that sent the packet to the ILB (a backend handing it back to itself loops).
 */
export function ilbBackend(
  w: World,
  net: string,
  name: string,
  region: string | undefined,
  from: RefPort | undefined,
  src: number,
  dst: number,
): RefPort | 'next-hop-not-forwarding' | 'gateway-not-ready' | 'loop' {
  const path = `${net}/${name}`;
  const ref = w.gateways.get(path);
  if (!ref) return 'next-hop-not-forwarding';
  if (!gatewayReady(w, path)) return 'gateway-not-ready';
  const lbRegion = gatewayRegion(w, path);
  if (
    ref.gateway.globalAccess !== true &&
    lbRegion !== undefined &&
    region !== undefined &&
    lbRegion !== region
  )
    return 'next-hop-not-forwarding';
  const healthy: RefPort[] = [];
  for (const b of ref.gateway.backends ?? []) {
    const hostPath = b.includes('/') ? b : `${net}/${b}`;
    const port = w.ports.find((p) => p.hostPath === hostPath);
    if (port && forwards(port)) healthy.push(port);
  }
  if (healthy.length === 0) return 'next-hop-not-forwarding';
  const b = healthy[flowHash(src, dst) % healthy.length]!;
  if (from !== undefined && b === from) return 'loop';
  return b;
}

/** GCP-R24: the `default-allow-internal` source range of the network named `default`. */
const INTERNAL = parsePrefix('10.128.0.0/9')!;

/** GCP-R24 with `firewall: provider-default`: is a packet from `src` let into network `net`? */
export function gcpIngressAllowed(net: Network, src: number): boolean {
  return net.name === 'default' && src >= INTERNAL.lo && src <= INTERNAL.hi;
}
