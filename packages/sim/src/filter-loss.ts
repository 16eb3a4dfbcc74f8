/**
 * Which filter rule dropped how many flows when (`firewall: rules`, FILTERS.md "Output"): the data
 * behind a `run` outage's `filter: "<object>#<rule>"`.
 *
 * Rule ids are interned per run from the `"<object>#<rule>"` text, once per plane and rule. The
 * per-flow engine (flow-engine.ts) tells this class when a flow's deciding rule changes (`move`);
 * the class engine (classes.ts) gives a group's flows per rule at once (`set`); `snapshot` records
 * the flows per rule at each moment. The result is keyed by the rule's text, so the slices of workers and shards add
 * up key by key (parallel.ts, commands.ts) into what one whole run counts.
 */
import type { ForwardingPlane } from './plane/compile.js';

/** Per group: rule text → flows dropped by it during each interval. */
export type FilterLossRows = Readonly<Record<string, readonly number[]>>;

/** Flows dropped per filter rule, per group and interval, as a run goes. */
export class FilterLoss {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Per group: flows currently dropped by each rule id. */
  private readonly current: number[][];
  /** Per group: rule ids ever seen, and their rows (by interval). */
  private readonly rows: Map<number, number[]>[];
  private readonly intern = (key: string): number => {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(key, id);
      this.names.push(key);
    }
    return id;
  };

  constructor(
    groups: number,
    private readonly intervals: number,
  ) {
    this.current = Array.from({ length: groups }, () => []);
    this.rows = Array.from({ length: groups }, () => new Map<number, number[]>());
  }

  /** The run-level id of a plane's deciding rule (program index, entry or -1 for its default). */
  ruleOf(plane: ForwardingPlane, program: number, entry: number): number {
    return plane.filters!.ruleId(program, entry, this.intern);
  }

  /** A flow of group `g` was dropped by rule `from` (-1: none) and now by `to` (-1: none). */
  move(g: number, from: number, to: number): void {
    const cur = this.current[g]!;
    if (from >= 0) cur[from] = (cur[from] ?? 0) - 1;
    if (to >= 0) {
      cur[to] = (cur[to] ?? 0) + 1;
      if (!this.rows[g]!.has(to)) this.rows[g]!.set(to, new Array<number>(this.intervals).fill(0));
    }
  }

  /** Group `g`'s flows per rule id are now `counts` (classes.ts counts them per class). */
  set(g: number, counts: ReadonlyMap<number, number>): void {
    const cur: number[] = [];
    for (const [id, n] of counts) {
      cur[id] = n;
      if (n > 0 && !this.rows[g]!.has(id)) this.rows[g]!.set(id, new Array<number>(this.intervals).fill(0));
    }
    this.current[g] = cur;
  }

  /** Records group `g`'s flows per rule during interval `k`. */
  snapshot(g: number, k: number): void {
    const cur = this.current[g]!;
    for (const [id, row] of this.rows[g]!) row[k] = cur[id] ?? 0;
  }

  /** Per group, rule text → flows per interval (keys sorted); undefined when no rule dropped anything. */
  result(): FilterLossRows[] | undefined {
    if (this.rows.every((r) => r.size === 0)) return undefined;
    return this.rows.map((r) => {
      const out: Record<string, number[]> = {};
      const keys = [...r.keys()].sort((a, b) => (this.names[a]! < this.names[b]! ? -1 : 1));
      for (const id of keys) out[this.names[id]!] = r.get(id)!;
      return out;
    });
  }
}

/** Adds filter-loss rows of slices together (same timeline). */
export function mergeFilterLoss(
  parts: readonly (readonly FilterLossRows[] | undefined)[],
  groups: number,
): FilterLossRows[] | undefined {
  if (parts.every((p) => p === undefined)) return undefined;
  return Array.from({ length: groups }, (_, g) => {
    const sum: Record<string, number[]> = {};
    for (const p of parts)
      for (const [key, row] of Object.entries(p?.[g] ?? {})) {
        const acc = (sum[key] ??= new Array<number>(row.length).fill(0));
        row.forEach((v, i) => (acc[i]! += v));
      }
    const sorted: Record<string, number[]> = {};
    for (const key of Object.keys(sum).sort()) sorted[key] = sum[key]!;
    return sorted;
  });
}
