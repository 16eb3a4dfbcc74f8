/**
 * The packet the reference walks, and what a verdict looks like: the outcome vocabulary of the
 * product (`delivered` or a drop reason) and the hops of `trace` (one per table decision).
 */
import type { CandidateRoute, DropReason } from '@cloudroute/model';
import type { FilterTrack, RefCheck } from './filters.js';
import { beaten, type RefPort, type RefTable } from './world.js';

/** `delivered` or a drop reason (DESIGN.md "Explain every drop"). */
export type RefOutcome = 'delivered' | DropReason | 'unmodelled';

/** A route as `trace` prints it. */
export interface RefRoute {
  readonly prefix: string;
  readonly source: string;
  readonly nextHopType: string;
  readonly nextHopIp?: string;
}

/** One table decision: the table (`node`, its id), the route taken (null: none matched), the routes that matched and lost. */
export interface RefHop {
  readonly node: string;
  readonly route: RefRoute | null;
  readonly beat: RefRoute[];
  /** A gateway, connection or peering crossed (no lookup of its own yet). */
  readonly crossed?: true;
}

export interface RefVerdict {
  readonly outcome: RefOutcome;
  readonly hops: RefHop[];
  /** `firewall: rules`: every filter check, request then reply (FILTERS.md "Output"). */
  readonly checks: readonly RefCheck[];
  /** The checks made at the destination (their `hop` is `hops.length`). */
  readonly atDestination: ReadonlySet<RefCheck>;
}

/** The route fields `trace` shows. */
export function view(r: CandidateRoute): RefRoute {
  return {
    prefix: r.prefix,
    source: r.source,
    nextHopType: r.nextHopType,
    ...(r.nextHopIp !== undefined ? { nextHopIp: r.nextHopIp } : {}),
  };
}

/** A packet on its way, and where it is. */
export interface Packet {
  readonly src: number;
  readonly dst: number;
  readonly hops: RefHop[];
  /** Trace mode: hops list the routes each decision beat (flows need only the outcome). */
  readonly traced: boolean;
  /** OS-R11: the source is a member of the `default` security group (with `firewall: provider-default`). */
  readonly srcMember: boolean;
  /** The subnet the flow starts in. */
  readonly srcSubnet: string;
  /** The network whose address space the packet is in; undefined at a site. */
  net: string | undefined;
  /** The host (port) that last sent the packet on: the source, an appliance, an ILB backend. */
  egPort: RefPort | undefined;
  /** The subnet the packet left from (public-source checks): the source's, an appliance's, a NAT gateway's. */
  egSubnet: string | undefined;
  /** The source was translated to a public address (a public NAT gateway, Cloud NAT, AWS-R16). */
  translated: boolean;
  /** GCP region of the resource that last sent the packet on (GCP-R5 ILB access). */
  region: string | undefined;
  /** The flow's protocol and ports, and the filter checks made so far (filters.ts). */
  readonly filters: FilterTrack;
}

/**
 * DESIGN.md "`trace`": every gateway a packet crosses is a hop (`net/gw`, `connection:name`,
 * `peering:name`), with no route. A gateway that has a table is looked up there next: that
 * lookup is the gateway's hop (`net/gw`, or `net/gw#table` of a transit gateway), not a second one.
 */
export function recordCrossing(p: Pick<Packet, 'hops'>, node: string): void {
  p.hops.push({ node, route: null, beat: [], crossed: true });
}

/** Records one table decision. */
export function recordHop(
  p: Pick<Packet, 'dst' | 'hops' | 'traced'>,
  t: RefTable,
  chosen: CandidateRoute | undefined,
): void {
  const last = p.hops[p.hops.length - 1];
  if (
    last?.crossed &&
    !last.node.includes(':') &&
    (t.table.id === last.node || t.table.id.startsWith(`${last.node}#`))
  )
    p.hops.pop();
  p.hops.push({
    node: t.table.id,
    route: chosen ? view(chosen) : null,
    beat: beaten(t, p.dst, chosen).map(view),
  });
}
