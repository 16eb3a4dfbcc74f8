/**
 * Node ids that stay stable across the planes of one run, and the pool of the plane-wide route
 * arrays that a run's planes reuse one after another.
 */
import type { Lpm4 } from '@cloudroute/lpm';
import type { TableBuild } from './tables.js';

/** Stable node ids for the entities of one run: `table:<id>`, `gw:<path>`, `conn:<name>`, `host:<path>`, `subnet:<path>`. */
export class NodeRegistry {
  private readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  /** The latest build of each table id in this run: the base of incremental recompiles. */
  readonly lineage = new Map<string, TableBuild>();
  /**
   * The route arrays of the last plane, reused by the next one: a run builds its planes one after
   * another and uses only the newest, so a registry's planes must not be used side by side.
   */
  routeArrays: RouteArrays | undefined;
  /**
   * What the last plane wrote into `routeArrays`: per table index, the core of the build whose
   * routes it wrote and where (routes.ts skips a table written the same way before).
   */
  written: Written | undefined;
  /** The lookups of the last plane's networks' subnets and hosts, by name, with the entries they were compiled from (entities.ts). */
  readonly lookups = new Map<string, { readonly key: Float64Array; readonly lpm: Lpm4 }>();
  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) {
      v = this.keys.length;
      this.ids.set(key, v);
      this.keys.push(key);
    }
    return v;
  }
}

/** The route arrays' contents as the last plane left them (see `NodeRegistry.written`). */
export interface Written {
  readonly arrays: RouteArrays;
  readonly layout: string;
  readonly cores: readonly object[];
  readonly nets: Int32Array;
  readonly bases: Int32Array;
}

/** The plane-wide per-route arrays (see the file comment). */
export interface RouteArrays {
  readonly kind: Uint8Array;
  readonly target: Int32Array;
  readonly ip: Float64Array;
  readonly len: Uint8Array;
  readonly parent: Int32Array;
  readonly srcLo: Float64Array;
  readonly srcHi: Float64Array;
  readonly dstLo: Float64Array;
  readonly dstHi: Float64Array;
  readonly ecmpFirst: Int32Array;
  readonly ecmpCount: Int32Array;
}

/**
 * The route arrays for `total` routes: the pool when it fits (its contents as the last plane left
 * them: the caller clears what it rewrites, {@link clearRoutes}), else new ones with some headroom.
 */
export function routeArrays(pool: RouteArrays | undefined, total: number): RouteArrays {
  if (pool && pool.kind.length >= total && pool.kind.length <= 2 * total + 1024) return pool;
  const n = total + (total >> 3);
  return {
    kind: new Uint8Array(n),
    target: new Int32Array(n).fill(-1),
    ip: new Float64Array(n),
    len: new Uint8Array(n),
    parent: new Int32Array(n).fill(-1),
    srcLo: new Float64Array(n),
    srcHi: new Float64Array(n),
    dstLo: new Float64Array(n),
    dstHi: new Float64Array(n),
    ecmpFirst: new Int32Array(n).fill(-1),
    ecmpCount: new Int32Array(n),
  };
}

/** Resets routes [from, to) to no target, parent, match or ECMP members (as new arrays hold them). */
export function clearRoutes(a: RouteArrays, from: number, to: number): void {
  a.target.fill(-1, from, to);
  a.parent.fill(-1, from, to);
  a.srcLo.fill(0, from, to);
  a.srcHi.fill(0, from, to);
  a.dstLo.fill(0, from, to);
  a.dstHi.fill(0, from, to);
  a.ecmpFirst.fill(-1, from, to);
  a.ecmpCount.fill(0, from, to);
}
