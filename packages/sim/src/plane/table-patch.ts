/**
 * Incremental builds: a large table whose routes mostly survive from the previous state is
 * patched from its previous build instead of compiled again.
 */
import type { CandidateRoute, ForwardingTable } from '@cloudroute/model';
import { Lpm4Builder, type Prefix4, type Route4 } from '@cloudroute/lpm';
import { parsePrefix4, parsePrefix4Once } from '../internal/lpm-adapter.js';
import type { Special, TableBuild } from './tables.js';
import { carryCuts } from './cuts.js';

/** Tables at least this large are recompiled by patching the previous build. */
export const INCREMENTAL_MIN = 20_000;
/** …when at most this fraction of their routes changed. */
const INCREMENTAL_MAX_CHANGE = 0.05;

/** The editable lpm of a build made whole: its lpm routes, from the networks it kept, or parsed again. */
function firstBuilder(
  prev: TableBuild,
  before: readonly CandidateRoute[],
  beforePos: Int32Array,
): Lpm4Builder {
  const nets = prev.nets;
  delete prev.nets;
  if (nets) {
    const routes: Route4[] = [];
    for (let i = 0; i < nets.length; i++)
      routes.push({ prefix: { family: 4, network: nets[i]!, length: prev.lens[i]! }, value: i });
    return new Lpm4Builder(routes);
  }
  const routes: Route4[] = [];
  for (let j = 0; j < beforePos.length; j++) {
    const value = beforePos[j]!;
    const p = value >= 0 ? parsePrefix4Once(before[j]!.prefix) : undefined;
    if (p) routes.push({ prefix: p, value });
  }
  return new Lpm4Builder(routes);
}

/**
 * A large table whose route objects mostly survive from the previous build (the model reuses
 * them) is patched: removed routes leave the lpm, new ones get new indices, and the lpm is
 * rebuilt only in the directory buckets they span (Lpm4Builder). Undefined when too much changed.
 */
export function patchTable(prev: TableBuild, table: ForwardingTable): TableBuild | undefined {
  const before = prev.table.routes;
  const beforePos = prev.position!;
  const now = table.routes;
  // The model rebuilds a large table around the same route objects in the same order (a site's
  // configured routes first): the common head is found by pointer comparison, and only the tail
  // is looked up.
  let head = 0;
  while (head < now.length && head < before.length && now[head] === before[head]) head++;
  const position = new Int32Array(now.length).fill(-1);
  position.set(beforePos.subarray(0, head));
  // The previous table's tail: route object → its index.
  const index = new Map<CandidateRoute, number>();
  for (let j = head; j < before.length; j++) if (beforePos[j]! >= 0) index.set(before[j]!, beforePos[j]!);
  const keptTail = new Set<number>();
  const added: { at: number; r: CandidateRoute; p: Prefix4 }[] = [];
  for (let j = head; j < now.length; j++) {
    const r = now[j]!;
    if (!r.selected || !r.action) continue;
    if (r.ecmp && r.ecmp.length > 1) return undefined; // ECMP members: a full build
    const i = index.get(r);
    if (i !== undefined) {
      keptTail.add(i);
      position[j] = i;
    } else {
      const p = parsePrefix4(r.prefix);
      if (p) added.push({ at: j, r, p });
    }
  }
  const removed: number[] = [];
  for (let j = head; j < before.length; j++) {
    const i = beforePos[j]!;
    if (i >= 0 && !keptTail.has(i)) removed.push(j);
  }
  if (added.length + removed.length > INCREMENTAL_MAX_CHANGE * before.length) return undefined;
  // The lineage's arrays, index and builder move on to the new build: only the newest build
  // of a table may be patched (the old ones keep their immutable lpm and stay valid).
  prev.patchable = false;
  // Only the newest build is patched or diffed against its parent: the old one lets go of its
  // parent and its positions, so a run keeps two builds of a lineage alive, not one per moment.
  delete prev.patchedFrom;
  delete prev.position;
  const { routes, lens, special, parents } = prev as unknown as {
    [K in 'routes' | 'lens' | 'special' | 'parents']: unknown[];
  };
  const builder = prev.builder ?? firstBuilder(prev, before, beforePos);
  for (const j of removed) {
    const r = before[j]!;
    const i = beforePos[j]!;
    const prefix = parsePrefix4(r.prefix)!;
    if (builder.get(prefix) === i) builder.remove(prefix);
  }
  for (const { at, r, p } of added) {
    position[at] = routes.length;
    builder.insert(p, routes.length);
    routes.push(r);
    lens.push(p.length);
    special.push(undefined);
    parents.push(-1);
  }
  const build: TableBuild = {
    table,
    routes: routes as CandidateRoute[],
    lpm: builder.table(),
    lpmCount: routes.length,
    lens: lens as number[],
    parents: parents as number[],
    special: special as (Special | undefined)[],
    policy: [],
    ecmp: [],
    memberCount: 0,
    patchable: true,
    position,
    builder,
    patchedFrom: prev,
    changedPrefixes: [...removed.map((j) => before[j]!.prefix), ...added.map((a) => a.r.prefix)],
    // The resolved actions of the surviving routes stay valid; new routes are resolved on use.
    core: prev.core.resolved ? { resolved: prev.core.resolved } : {},
  };
  carryCuts(prev, build, build.changedPrefixes!);
  return build;
}
