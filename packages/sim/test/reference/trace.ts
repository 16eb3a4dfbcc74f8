/**
 * One packet as `cloudroute trace` takes it (DESIGN.md "Contracts"): `--from` a subnet, a host or
 * an address inside some subnet; `--to` an IPv4 address. `hops[0]` is the source's own table even
 * when the packet is delivered before any lookup (AWS-R9, OS-R1): then it shows no route and the
 * routes it bypassed.
 *
 * Rules left open and taken from the product: from `net/subnet` the source is the subnet's fifth
 * address (base + 4; the base itself in a subnet of at most nine addresses) and no host; from an
 * address, the first network in file order with a subnet holding it.
 */
import type { FlowProtocol, NetworkState, PortRange } from '@cloudroute/model';
import { flowOf, type RefCheck } from './filters.js';
import { parseIp } from './ipv4.js';
import { recordHop, type RefVerdict } from './packet.js';
import { sourcePort, walk, type Start } from './walk.js';
import { siteHolding, siteNamed, siteTraceAddress, walkFromSite } from './site-origin.js';
import { anySubnetAt, buildWorld, firstPort, tableOfPort, type World } from './world.js';

function resolveFrom(w: World, from: string): Start {
  const port = firstPort(w, from);
  if (port) return { subnet: port.subnetPath, port, src: port.ip };
  const s = w.subnetByPath.get(from);
  if (s) {
    const r = s.ranges[0]!;
    return { subnet: s.path, port: undefined, src: r.hi - r.lo > 8 ? r.lo + 4 : r.lo };
  }
  const ip = parseIp(from);
  const at = ip !== undefined ? anySubnetAt(w, ip) : undefined;
  if (ip === undefined || !at)
    throw new Error(`--from ${from}: not a subnet, a host or an address inside a subnet`);
  return { subnet: at.path, port: sourcePort(w, at.path, ip), src: ip };
}

/** Worlds already built, per state object (a state never changes: one world per moment). */
const worlds = new WeakMap<NetworkState, World>();

/** `trace --protocol --port --source-port` (FILTERS.md "Output"). */
export interface RefTraceOptions {
  readonly protocol?: FlowProtocol;
  readonly port?: number;
  readonly sourcePorts?: PortRange;
}

/** A trace's verdict; with `firewall: rules`, the checks and (dropped by one) the deciding check. */
export type RefTraceResult = RefVerdict & {
  verdict: 'delivered' | 'dropped' | 'unknown';
  reason?: string;
  filter?: Omit<RefCheck, 'action'>;
};

/** One packet, as `cloudroute trace` takes it. */
export function referenceTrace(
  state: NetworkState,
  from: string,
  to: string,
  options: RefTraceOptions = {},
): RefTraceResult {
  let w = worlds.get(state);
  if (!w) {
    w = buildWorld(state);
    worlds.set(state, w);
  }
  const dst = parseIp(to);
  if (dst === undefined) throw new Error(`--to ${to}: not an IPv4 address`);
  const flow = flowOf(
    w.state.profile.flows.sourcePorts,
    {
      ...(options.protocol !== undefined ? { protocol: options.protocol } : {}),
      ...(options.port !== undefined ? { port: { lo: options.port, hi: options.port } } : {}),
      ...(options.sourcePorts !== undefined ? { sourcePorts: options.sourcePorts } : {}),
    },
    0,
  );
  // From a site (its name, or an address no subnet holds inside its cidrs): site-origin.ts.
  const ip = parseIp(from);
  const site =
    siteNamed(w, from) ?? (ip !== undefined && !anySubnetAt(w, ip) ? siteHolding(w, ip) : undefined);
  const siteSrc = site === undefined ? undefined : (ip ?? siteTraceAddress(w, site));
  if (site !== undefined && siteSrc !== undefined) {
    const v = walkFromSite(w, site, siteSrc, dst, true, flow);
    const t = w.tables.get(`site:${site}`);
    if (v.hops.length === 0 && t) recordHop({ dst, hops: v.hops, traced: true }, t, undefined);
    return verdictOf(v);
  }
  const start = resolveFrom(w, from);
  const v = walk(w, start, dst, true, flow);
  if (v.hops.length === 0) {
    const t = (start.port && tableOfPort(w, start.port)) ?? w.tables.get(start.subnet);
    if (t) recordHop({ dst, hops: v.hops, traced: true }, t, undefined);
  }
  // FILTERS.md "Output": a check at the destination is at `hops.length`; a reply check retraces the
  // point of a request check, and is numbered as the last request check made there (the product's
  // presentation, README "Rules left open").
  const n = v.hops.length;
  const seen: RefCheck[] = [];
  for (const c of v.checks) {
    if (c.phase === 'request') c.hop = Math.min(v.atDestination.has(c) ? n : c.hop, n);
    else {
      const mirror = [...seen].reverse().find((r) => r.phase === 'request' && r.at === c.at);
      c.hop = mirror ? mirror.hop : Math.min(c.hop, n);
    }
    seen.push(c);
  }
  return verdictOf(v);
}

/** DESIGN.md "`trace`": delivered, dropped with the reason, or (an opaque construct reached) unknown. */
function verdictOf(v: RefVerdict): RefTraceResult {
  if (v.outcome === 'delivered') return { ...v, verdict: 'delivered' };
  const deny = v.outcome === 'firewall' ? v.checks.find((c) => c.action === 'deny') : undefined;
  const filter = deny
    ? {
        hop: deny.hop,
        at: deny.at,
        object: deny.object,
        kind: deny.kind,
        direction: deny.direction,
        phase: deny.phase,
        rule: deny.rule,
      }
    : undefined;
  return {
    ...v,
    verdict: v.outcome === 'unmodelled' ? 'unknown' : 'dropped',
    reason: v.outcome,
    ...(filter ? { filter } : {}),
  };
}
