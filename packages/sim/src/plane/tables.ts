/**
 * One forwarding table compiled for the plane: its selected IPv4 routes in an lpm lookup, then
 * the GCP policy-based routes (GCP-R8) and the ECMP members (GCP-R10). Builds are cached by table
 * identity; a large table is patched from its previous build (table-patch.ts).
 */
import type { CandidateRoute, ForwardingTable, Network } from '@cloudroute/model';
import { compile4, prefix4Contains, type Entry4, type Lpm4, type Lpm4Builder } from '@cloudroute/lpm';
import { parsePrefix4, parsePrefix4Once } from '../internal/lpm-adapter.js';
import { INCREMENTAL_MIN, patchTable } from './table-patch.js';

/** What a route does when it is not the model's plain action: a GCP ILB, or a policy route skip. */
export type Special = { readonly kind: 'ilb'; readonly gateway: string } | { readonly kind: 'skip' };

/** A GCP policy-based route's match, as inclusive address ranges. */
export interface PolicyMatch {
  readonly srcLo: number;
  readonly srcHi: number;
  readonly dstLo: number;
  readonly dstHi: number;
}

/** GCP-R10: lpm route `route` shares traffic with the routes `[first, first + count)` of its build. */
export interface EcmpGroup {
  readonly route: number;
  readonly first: number;
  readonly count: number;
}

/** One compiled forwarding table (see the file comment); the unit the plane's tables are made of. */
export interface TableBuild {
  readonly table: ForwardingTable;
  /**
   * `routes[0, lpmCount)` are in `lpm`; then the GCP policy-based routes in priority order; then
   * the ECMP members of the lpm routes (see `ecmp`).
   */
  readonly routes: readonly CandidateRoute[];
  readonly lpm: Lpm4;
  readonly lpmCount: number;
  /** Prefix length of each route. */
  readonly lens: readonly number[];
  /** OpenStack guest tables: the next less specific lpm route covering each route (OS-R3 self routes), or -1. */
  readonly parents: readonly number[];
  readonly special: readonly (Special | undefined)[];
  /** Per policy route (index - lpmCount). */
  readonly policy: readonly PolicyMatch[];
  /** GCP-R10: lpm route `route` shares traffic with `routes[first, first + count)`. */
  readonly ecmp: readonly EcmpGroup[];
  /** Routes after the policy routes: the ECMP members of all groups. */
  readonly memberCount: number;
  /** Large tables: this build is the newest of its lineage and may be patched. */
  patchable?: boolean;
  /** Large tables: the route index of each entry of `table.routes` (-1: not in the lpm). */
  position?: Int32Array;
  /** Large tables: an editable copy of the lpm, shared along the table's lineage, made on first need. */
  builder?: Lpm4Builder;
  /**
   * Large tables built whole, until their builder is made: the network address of each lpm route
   * (with `lens`, the builder's routes without parsing the prefixes again).
   */
  nets?: Float64Array;
  /**
   * What builds of the same content share (see `twinOf`): their routes' resolved actions for one
   * layout of the plane's entities (`layoutKey`), and the key of their cuts and segments (cuts.ts).
   */
  readonly core: BuildCore;
  /** A patched build: the build it was patched from and the prefixes whose routes changed. */
  patchedFrom?: TableBuild;
  changedPrefixes?: readonly string[];
  /** Large tables: where its cuts and action segments derive from (cuts.ts `carryCuts`). */
  cutsFrom?: { readonly from: TableBuild; readonly changed: readonly string[] };
}

/** The part of a build that builds of the same content share (one per content, patched builds one each). */
export interface BuildCore {
  resolved?: Resolved;
}

/** A table's slice of the plane's route arrays, reusable while the entity layout is the same. */
export interface Resolved {
  readonly layout: string;
  readonly count: number;
  /** The routes' prefix lengths (they do not depend on the layout; kept beside the actions to be copied with them). */
  readonly len: Uint8Array;
  readonly kind: Uint8Array;
  readonly target: Int32Array;
  readonly ip: Float64Array;
}

/** Compiled tables are reused across states when the model hands back the same table object. */
const compiledTables = new WeakMap<ForwardingTable, TableBuild>();

/**
 * The model hands the subnets of a network that use the same route table one routes array
 * (AWS-R10, AZ-R5): the first build of that array stands for them all, since a build depends on
 * the routes, the provider and the network only.
 */
const twins = new WeakMap<
  readonly CandidateRoute[],
  { readonly net: Network | undefined; readonly build: TableBuild }
>();

/** A build of `table` sharing everything but the table itself with an earlier build of the same routes. */
function twinOf(table: ForwardingTable, net: Network | undefined): TableBuild | undefined {
  const twin = twins.get(table.routes);
  if (!twin || twin.net !== net || twin.build.table.provider !== table.provider) return undefined;
  const b = twin.build;
  return {
    table,
    routes: b.routes,
    lpm: b.lpm,
    lpmCount: b.lpmCount,
    lens: b.lens,
    parents: b.parents,
    special: b.special,
    policy: b.policy,
    ecmp: b.ecmp,
    memberCount: b.memberCount,
    core: b.core,
  };
}

/** The inclusive IPv4 address range of a prefix (no prefix: all addresses; IPv6: an empty range). */
export function range4(prefix: string | undefined): { lo: number; hi: number } {
  const p = parsePrefix4(prefix ?? '0.0.0.0/0');
  if (!p) return { lo: 1, hi: 0 }; // IPv6: matches no IPv4 packet
  return { lo: p.network, hi: p.network + 2 ** (32 - p.length) - 1 };
}

/** GCP-R5: a static route whose next hop is an ILB named by its forwarding rule. */
function ilbOfStatic(net: Network | undefined, r: CandidateRoute): Special | undefined {
  if (!net || net.provider !== 'gcp' || r.nextHopType !== 'ilb' || r.source !== 'STATIC') return undefined;
  const route = (net.routes ?? []).find(
    (x) => x.nextHop.type === 'ilb' && x.prefix === r.prefix && (r.name === undefined || x.name === r.name),
  );
  const hop = route?.nextHop;
  return hop?.type === 'ilb' && hop.gateway !== undefined ? { kind: 'ilb', gateway: hop.gateway } : undefined;
}

/**
 * Compiles one table. `net` is the table's network (GCP: the policy routes' source ranges and
 * ILB names live in the topology); a table object is only ever built from one topology, so the
 * cache by table identity stays sound.
 */
export function compileTable(
  table: ForwardingTable,
  net: Network | undefined,
  lineage: Map<string, TableBuild>,
): TableBuild {
  const hit = compiledTables.get(table);
  if (hit) return hit;
  const prev = lineage.get(table.id);
  const small = table.routes.length < INCREMENTAL_MIN;
  const build =
    (prev?.patchable ? patchTable(prev, table) : undefined) ??
    (small ? twinOf(table, net) : undefined) ??
    buildTable(table, net);
  if (small && build.table === table && !twins.has(table.routes)) twins.set(table.routes, { net, build });
  if (build.lpmCount >= INCREMENTAL_MIN && build.lpmCount === build.routes.length && !build.patchable) {
    // The route index of each entry of the table (buildTable keeps the selected IPv4 routes in order).
    const position = new Int32Array(table.routes.length).fill(-1);
    let i = 0;
    table.routes.forEach((r, j) => {
      if (i < build.routes.length && build.routes[i] === r) position[j] = i++;
    });
    build.position = position;
    build.patchable = true;
  }
  compiledTables.set(table, build);
  lineage.set(table.id, build);
  return build;
}

/**
 * The routes of a build: its lpm routes, then its policy routes. (A patched lineage shares and
 * grows its arrays, so an older build's arrays may be longer than its own routes.)
 */
export function routeCount(b: TableBuild): number {
  return b.lpmCount + b.policy.length + b.memberCount;
}

/** A full build of one table (the first of its lineage, or one too changed to patch). */
function buildTable(table: ForwardingTable, net: Network | undefined): TableBuild {
  // A large table's prefixes are parsed once here (its later builds are patches): not memoised.
  const parse = table.routes.length >= INCREMENTAL_MIN ? parsePrefix4Once : parsePrefix4;
  const routes: CandidateRoute[] = [];
  const entries: Entry4[] = [];
  const lens: number[] = [];
  const special: (Special | undefined)[] = [];
  for (const r of table.routes) {
    if (!r.selected || !r.action) continue;
    const p = parse(r.prefix);
    if (!p) continue; // IPv6: flows are IPv4
    entries.push({ prefix: p, value: routes.length });
    routes.push(r);
    lens.push(p.length);
    special.push(ilbOfStatic(net, r));
  }
  const lpmCount = routes.length;
  const parents = entries.map((e) => {
    if (table.provider !== 'openstack') return -1;
    let best = -1;
    for (const o of entries)
      if (
        o.prefix.length < e.prefix.length &&
        prefix4Contains(o.prefix, e.prefix.network) &&
        (best < 0 || o.prefix.length > lens[best]!)
      )
        best = o.value;
    return best;
  });
  // GCP-R8: policy-based routes, lowest priority value first; equal priority: by name (GCP picks
  // one by "a deterministic, internal algorithm").
  const policy: PolicyMatch[] = [];
  if (net?.provider === 'gcp') {
    const pbrs = table.routes
      .filter((r) => r.source === 'POLICY_BASED')
      .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0) || ((a.name ?? '') < (b.name ?? '') ? -1 : 1));
    for (const r of pbrs) {
      const def = (net.policyRoutes ?? []).find((x) => x.name === r.name);
      if (!def) continue;
      const src = range4(def.match.src);
      const dst = range4(def.match.dst);
      let sp: Special | undefined;
      if (def.nextHop.type === 'defaultRouting') sp = { kind: 'skip' };
      else if (def.nextHop.gateway !== undefined) sp = { kind: 'ilb', gateway: def.nextHop.gateway };
      else if (!r.action) continue;
      routes.push(r);
      lens.push(parsePrefix4(r.prefix)?.length ?? 0);
      special.push(sp);
      policy.push({ srcLo: src.lo, srcHi: src.hi, dstLo: dst.lo, dstHi: dst.hi });
    }
  }
  // GCP-R10: each ECMP member becomes a route of its own (the model's candidate that holds the
  // member's action, for its name and ILB next hop), so the walker only indexes at run time.
  const ecmp: EcmpGroup[] = [];
  const policyEnd = routes.length;
  for (let i = 0; i < lpmCount; i++) {
    const r = routes[i]!;
    if (!r.ecmp || r.ecmp.length < 2) continue;
    const first = routes.length;
    for (const a of r.ecmp) {
      const m =
        table.routes.find((x) => x.prefix === r.prefix && x.action === a) ??
        ({ ...r, action: a, selected: false } satisfies CandidateRoute);
      routes.push(m);
      lens.push(lens[i]!);
      special.push(ilbOfStatic(net, m));
    }
    ecmp.push({ route: i, first, count: r.ecmp.length });
  }
  const build: TableBuild = {
    table,
    routes,
    lpm: compile4(entries),
    lpmCount,
    lens,
    parents,
    special,
    policy,
    ecmp,
    memberCount: routes.length - policyEnd,
    core: {},
  };
  if (lpmCount >= INCREMENTAL_MIN) build.nets = Float64Array.from(entries, (e) => e.prefix.network);
  return build;
}
