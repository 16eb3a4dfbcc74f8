/**
 * `trace`: one packet hop by hop through the forwarding plane of a moment, with the route chosen
 * at each table, the routes that matched and lost ("beat"), and the verdict. Uses the same walker
 * as the flow loop, with a recorder attached, so a trace never disagrees with a run.
 *
 * Every gateway the packet crosses is a hop, by its provider `id` when imported (crossings.ts):
 * an internet, NAT or egress-only gateway, a VPN connection, a peering, an ILB, any gateway kind
 * the walker enters. A gateway with a table of its own (VGW, transit gateway, Azure VPN gateway,
 * Cloud Router, OpenStack router) is the hop of that table's lookup (node `net/gw` or
 * `net/tgw#table`, the gateway's id): one hop, its route the one the gateway chose. A gateway
 * without a lookup has `route: null` and `beat: []` (node `net/gw`, `connection:name` or
 * `peering:name`); what happens there (a translation, a tunnel) is in its notes. `hops[0]` stays
 * the source's table, and a packet dropped by a route still ends on that route's hop.
 * DESIGN.md "Unknown": a route to an opaque construct (imported, not modelled) ends the trace with
 * `verdict: "unknown"`, `reason: "unmodelled"`, `construct: { kind, id }` and a last hop
 * `opaque:kind` with its provider id, after the hop of the route that chose it.
 */
import type { CandidateRoute, FilterKind, NetworkState } from '@cloudroute/model';
import { OUTCOMES, UNMODELLED } from './plane/codes.js';
import { ForwardingPlane, NodeRegistry } from './plane/compile.js';
import { Walker, type HopRecorder } from './plane/walk.js';
import { formatIpv4, prefix4Contains } from '@cloudroute/lpm';
import { parseIpv4, parsePrefix4 } from './internal/lpm-adapter.js';
import { siteTraceSource } from './site-flows.js';
import { flowPacket } from './flows.js';
import { crossingHop, mergesInto, opaqueHop, peeringHop, type Crossing } from './crossings.js';

/** A route as a trace shows it: prefix, source, state and next hop, in the provider's vocabulary. */
export interface TraceRoute {
  readonly prefix: string;
  readonly source: string;
  readonly state?: string;
  readonly nextHopType: string;
  readonly nextHopIp?: string;
  readonly name?: string;
}

/** One table lookup or gateway crossing on a packet's way: the route chosen, the routes it beat, and what happened next. */
export interface TraceHop {
  /** The table consulted: `net/subnet`, `net/gw`, `site:name`, … */
  readonly node: string;
  /** Provider id of the object, when imported. */
  readonly id?: string;
  /** The route the lookup chose; `null` at a gateway without a table of its own. */
  readonly route: TraceRoute | null;
  /** The routes that matched too but lost to `route`. */
  readonly beat: readonly TraceRoute[];
  /** What happened after the lookup: an appliance forwarding, a tunnel, the internet. */
  readonly notes?: readonly string[];
}

/** One packet's way from a source to a destination at a moment: every hop, the verdict and, when dropped, why. */
export interface TraceResult {
  /** The source as asked: `net/subnet`, `net/host` or a site. */
  readonly from: string;
  /** The destination address as asked. */
  readonly to: string;
  /** The moment traced, seconds from the scenario start. */
  readonly at: number;
  /** `unknown` (reason `unmodelled`): the packet reached a construct imported but not modelled. */
  readonly verdict: 'delivered' | 'dropped' | 'unknown';
  /** Why the packet did not arrive: an `OUTCOMES` reason (`unmodelled` with verdict `unknown`). */
  readonly reason?: string;
  /** With verdict `unknown`: the construct reached, its provider kind and id (also the last hop). */
  readonly construct?: { readonly kind: string; readonly id?: string };
  /** The hops in order; `hops[0]` is the source's table. */
  readonly hops: readonly TraceHop[];
  /** Notes before the first lookup (e.g. AWS-R9 layer-2 delivery). */
  readonly notes?: readonly string[];
  /** `firewall: rules` only: every filter check in order, request then reply (FILTERS.md "Output"). */
  readonly filters?: readonly TraceFilterCheck[];
  /** The check that dropped the flow (reason `firewall` under `firewall: rules`). */
  readonly filter?: Omit<TraceFilterCheck, 'action'>;
}

/** One filter check of a trace (FILTERS.md "Output"). */
export interface TraceFilterCheck {
  /** Index in `hops` where the check happens (`hops.length`: at the destination). */
  readonly hop: number;
  /** The subnet, host or port checked: `prod/web`, `prod/web1`, `app/vm1:0`. */
  readonly at: string;
  /** The filter holding the deciding rule, or the host whose groups matched nothing. */
  readonly object: string;
  readonly kind: FilterKind;
  /** In the provider's words: inbound/outbound, INGRESS/EGRESS, ingress/egress. */
  readonly direction: string;
  readonly phase: 'request' | 'reply';
  readonly action: 'allow' | 'deny';
  readonly rule: string;
}

/** The packet a trace sends (FILTERS.md "Output": `--protocol`, `--port`, `--source-port`). */
export interface TraceOptions {
  readonly protocol?: 'tcp' | 'udp' | 'icmp' | 'any';
  readonly port?: number;
  readonly sourcePorts?: { readonly lo: number; readonly hi: number };
}

/** A trace asked for a source the scenario does not have, or a destination that is not an IPv4 address. */
export class TraceInputError extends Error {
  override readonly name = 'TraceInputError';
}

/** The {@link TraceRoute} of a candidate: its fields of that name, the optional ones when set. */
function view({ prefix, source, state, nextHopType, nextHopIp, name }: CandidateRoute): TraceRoute {
  return {
    prefix,
    source,
    state,
    nextHopType,
    ...(nextHopIp !== undefined && { nextHopIp }),
    ...(name !== undefined && { name }),
  };
}

function prefixLength(prefix: string): number {
  return parsePrefix4(prefix)?.length ?? -1;
}

/** Resolves `--from`: `net/subnet`, `net/host`, a site, or an address inside some subnet or site. */
function resolveFrom(
  plane: ForwardingPlane,
  state: NetworkState,
  from: string,
): { subnet: number; host: number; src: number; site?: number } {
  const host = plane.hostIndex.get(from);
  if (host !== undefined) return { subnet: plane.hostSubnet[host]!, host, src: plane.hostIp[host]! };
  const subnet = plane.subnetIndex.get(from);
  if (subnet !== undefined) {
    const base = plane.subnetBase[subnet]!;
    const last = plane.subnetLast[subnet]!;
    return { subnet, host: -1, src: last - base > 8 ? base + 4 : base };
  }
  const ip = parseIpv4(from);
  if (ip !== undefined) {
    const s = plane.anySubnetAt(ip);
    const atSite = s < 0 ? siteTraceSource(state.topology, from, ip) : undefined;
    if (atSite)
      return { subnet: -1, host: -1, src: atSite.src, site: plane.siteIndex.get(atSite.site) ?? -1 };
    if (s < 0)
      throw new TraceInputError(
        `--from ${from}: no subnet or site of the scenario contains this address — give an address inside a subnet or a site's cidrs, or net/subnet, net/host or a site name`,
      );
    const h = plane.hostByIp[plane.subnetNet[s]!]?.get(ip) ?? -1;
    return { subnet: s, host: h, src: ip };
  }
  const site = siteTraceSource(state.topology, from, undefined);
  if (site) return { subnet: -1, host: -1, src: site.src, site: plane.siteIndex.get(site.site) ?? -1 };
  const known = [...plane.subnetIndex.keys(), ...plane.hostIndex.keys(), ...plane.siteIndex.keys()]
    .slice(0, 12)
    .join(', ');
  throw new TraceInputError(`--from ${from}: unknown subnet, host or site — known: ${known}`);
}

/** Traces one packet from `from` to `to` in `state`. */
export function trace(
  state: NetworkState,
  from: string,
  to: string,
  options: TraceOptions = {},
): TraceResult {
  const plane = new ForwardingPlane(state, new NodeRegistry());
  const dst = parseIpv4(to);
  if (dst === undefined)
    throw new TraceInputError(`--to ${to}: not an IPv4 address — give one address, e.g. 10.2.1.4`);
  const src = resolveFrom(plane, state, from);
  const hops: {
    node: string;
    id?: string;
    route: TraceRoute | null;
    beat: TraceRoute[];
    notes: string[];
    crossing?: Crossing;
  }[] = [];
  const pre: string[] = [];
  let construct: { kind: string; id?: string } | undefined;
  const rec: HopRecorder = {
    lookup(t, r) {
      const build = plane.tables[t]!;
      const chosen = r >= 0 ? build.routes[r]! : undefined;
      const matching = build.table.routes
        .filter((c) => c !== chosen && matches(c.prefix, dst))
        .sort((x, y) => prefixLength(y.prefix) - prefixLength(x.prefix));
      const id = providerId(state, build.table.id);
      // A gateway with a table: the crossing and its lookup are one hop (notes kept).
      const last = hops[hops.length - 1];
      const merged = last?.crossing && mergesInto(last.crossing, build.table.id) ? hops.pop()!.notes : [];
      hops.push({
        node: build.table.id,
        ...(id !== undefined ? { id } : {}),
        route: chosen ? view(chosen) : null,
        beat: matching.map(view),
        notes: merged,
      });
      const peering = chosen ? peeringHop(state.topology, chosen) : undefined;
      if (peering) hops.push({ ...peering, route: null, beat: [], notes: [] });
      const opaque = chosen ? opaqueHop(chosen) : undefined;
      if (opaque) {
        construct = { kind: opaque.kind, ...(opaque.id !== undefined ? { id: opaque.id } : {}) };
        hops.push({
          node: opaque.node,
          ...(opaque.id !== undefined ? { id: opaque.id } : {}),
          route: null,
          beat: [],
          notes: [],
        });
      }
    },
    cross(kind, index) {
      const c = crossingHop(state.topology, plane, kind, index);
      hops.push({ ...c, route: null, beat: [], notes: [], crossing: c });
    },
    note(_kind, detail) {
      (hops.length ? hops[hops.length - 1]!.notes : pre).push(detail);
    },
  };
  const checks: (TraceFilterCheck & { dest: boolean })[] = [];
  if (plane.filters) {
    rec.filter = (program, entry, allowed, at, phase, dest) => {
      const e = entry >= 0 ? program.entries[entry] : undefined;
      checks.push({
        hop: hops.length,
        at,
        object: e ? e.object : program.defaultObject,
        kind: program.kind,
        direction: program.direction,
        phase,
        action: allowed ? 'allow' : 'deny',
        rule: e ? e.rule : program.defaultRule,
        dest,
      });
    };
  }
  const walker = new Walker(plane);
  if (walker.fw) {
    const pk = flowPacket(
      {
        name: 'trace',
        from,
        to,
        count: 1,
        ...(options.protocol ? { protocol: options.protocol } : {}),
        ...(options.port !== undefined ? { port: { lo: options.port, hi: options.port } } : {}),
        ...(options.sourcePorts ? { sourcePorts: options.sourcePorts } : {}),
      },
      state.profile,
    );
    walker.fw.setPacket(pk.protocol, pk.sourceLo, pk.sourceHi, pk.portLo, pk.portHi);
  }
  const outcome = walker.forward(src.subnet, src.host, dst, rec, src.src, src.site ?? -1);
  if (hops.length === 0) {
    // Delivered before any lookup (AWS-R9 same subnet, OS-R1 same network): hops[0] is still the
    // source's own table, with no route used and the reason in its notes.
    const t =
      src.site !== undefined
        ? (plane.siteTable[src.site] ?? -1)
        : src.host >= 0 && plane.hostTable[src.host]! >= 0
          ? plane.hostTable[src.host]!
          : plane.subnetTable[src.subnet]!;
    const table = t >= 0 ? plane.tables[t]?.table : undefined;
    if (table) {
      const id = providerId(state, table.id);
      const bypassed = table.routes
        .filter((c) => matches(c.prefix, dst))
        .sort((x, y) => prefixLength(y.prefix) - prefixLength(x.prefix))
        .map(view);
      hops.push({
        node: table.id,
        ...(id !== undefined ? { id } : {}),
        route: null,
        beat: bypassed,
        notes: pre.splice(0),
      });
    }
  }
  const filters = plane.filters ? traceFilters(checks, hops.length) : undefined;
  const denied = filters && outcome !== 0 ? filters.find((c) => c.action === 'deny') : undefined;
  return {
    from,
    to: formatIpv4(dst),
    at: state.time,
    verdict: outcome === 0 ? 'delivered' : outcome === UNMODELLED ? 'unknown' : 'dropped',
    ...(outcome === 0 ? {} : { reason: OUTCOMES[outcome] }),
    ...(outcome === UNMODELLED && construct ? { construct } : {}),
    ...(pre.length ? { notes: pre } : {}),
    hops: hops.map((h) => ({
      node: h.node,
      ...(h.id !== undefined ? { id: h.id } : {}),
      route: h.route,
      beat: h.beat,
      ...(h.notes.length ? { notes: h.notes } : {}),
    })),
    ...(filters ? { filters } : {}),
    ...(denied ? { filter: filterOf(denied) } : {}),
  };
}

/**
 * The checks as the trace prints them: a destination's checks happen at `hops.length`, and a
 * reply check at the hop of the request check it retraces (the last request check at that point).
 */
function traceFilters(
  checks: readonly (TraceFilterCheck & { dest: boolean })[],
  hopCount: number,
): TraceFilterCheck[] {
  const out: TraceFilterCheck[] = [];
  for (const c of checks) {
    const { dest, ...rest } = c;
    let hop = dest ? hopCount : c.hop;
    if (c.phase === 'reply') {
      const mirror = [...out].reverse().find((r) => r.phase === 'request' && r.at === c.at);
      hop = mirror ? mirror.hop : Math.min(c.hop, hopCount);
    }
    out.push({ ...rest, hop: Math.min(hop, hopCount) });
  }
  return out;
}

function filterOf(c: TraceFilterCheck): Omit<TraceFilterCheck, 'action'> {
  const { action: _action, ...rest } = c;
  return rest;
}

/** The provider id an imported object kept (`id:`), for the object behind a table id. */
function providerId(state: NetworkState, tableId: string): string | undefined {
  const { topology } = state;
  if (tableId.startsWith('site:')) return topology.sites.find((x) => x.name === tableId.slice(5))?.id;
  const [netName, rest] = tableId.split('/');
  const net = topology.networks.find((n) => n.name === netName);
  const name = (rest ?? '').split('#')[0];
  if (!net) return undefined;
  return (
    net.subnets.find((x) => x.name === name)?.id ??
    net.gateways.find((x) => x.name === name)?.id ??
    net.hosts.find((x) => x.name === name)?.id ??
    net.id
  );
}

function matches(prefix: string, addr: number): boolean {
  const p = parsePrefix4(prefix);
  return p !== undefined && prefix4Contains(p, addr);
}
