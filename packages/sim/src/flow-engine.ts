/**
 * The per-flow engine: each sampled flow keeps its outcome and interned path, and a moment
 * re-forwards only the flows on a path that crossed something that changed (narrowed to the changed
 * prefixes when those are known). simulate.ts uses it where a flow's own history matters:
 * `existingConnections: keep` (AWS-R39, AZ-R29: an established connection keeps passing stateful
 * filters) and per-flow outcome histories (`diff`). Everywhere else flows are forwarded by class
 * (classes.ts).
 *
 * `keep`, exactly: a flow re-forwarded at moment k whose outcome at the previous moment was
 * `delivered` is an established connection. It is walked once with every stateful program passing;
 * if that walk delivers it along the very path (the same nodes) it had before, it stays delivered.
 * Otherwise it is judged as a new connection by the rules of the moment.
 */
import { DELIVERED, OUTCOME_COUNT, outcomeCode } from './plane/codes.js';
import type { ForwardingPlane } from './plane/compile.js';
import type { PathTable } from './plane/paths.js';
import type { Walker } from './plane/walk.js';
import { mix32, type FlowPacket } from './flows.js';
import type { FilterLoss } from './filter-loss.js';
import type { CoverageSource } from './coverage.js';

const FIREWALL = outcomeCode('firewall');

/** One moment as the per-flow engine sees it. */
export interface FlowMoment {
  readonly plane: ForwardingPlane;
  readonly walker: Walker;
  readonly paths: PathTable;
  readonly at: CoverageSource;
  readonly time: number;
  /** First moment: every flow is forwarded. */
  readonly all: boolean;
  /** By path id: 1 when the path crossed a changed node; and the changed destinations when known. */
  readonly affected: Uint8Array;
  readonly narrow: readonly (Float64Array | undefined)[];
  readonly keep: boolean;
  readonly loss: FilterLoss;
  readonly group: number;
}

/** The sampled flows of one group, forwarded one by one. */
export class FlowEngine {
  readonly outcome: Uint8Array;
  private readonly path: Int32Array;
  /** `firewall: rules`: the run-level id of the rule that dropped the flow, -1 when none. */
  private readonly rule: Int32Array;
  /** Per flow, a hash of its outcome history (with histories on). */
  readonly history: Uint32Array;
  /** Flows per outcome right now. */
  readonly current = new Int32Array(OUTCOME_COUNT);
  private buckets: Buckets;

  constructor(
    private readonly start: number,
    private readonly src: Uint32Array,
    private readonly dst: Uint32Array,
    private readonly packet: FlowPacket,
    histories: boolean,
  ) {
    const n = src.length;
    this.outcome = new Uint8Array(n);
    this.path = new Int32Array(n);
    this.rule = new Int32Array(n).fill(-1);
    this.history = new Uint32Array(histories ? n : 0);
    this.buckets = { path: new Int32Array(0), start: new Int32Array(1), order: new Int32Array(n) };
  }

  /** Forwards the flows this moment concerns; `current` holds the counts after it. */
  step(m: FlowMoment, scratch: { slots: Int32Array }): void {
    const { walker, paths, at, all, keep, loss, plane } = m;
    const n = this.src.length;
    const fw = walker.fw;
    const pk = this.packet;
    const keepHistory = this.history.length > 0;
    const byIp = at.byIp;
    let moved = all;
    const step = (f: number): void => {
      const src = this.src[f]!;
      const host = at.fixedHost >= 0 ? at.fixedHost : (byIp?.get(src) ?? -1);
      let o = -1;
      let pid = -1;
      if (fw) {
        const port = pk.portSpan > 1 ? pk.portLo + ((this.start + f) % pk.portSpan) : pk.portLo;
        fw.setPacket(pk.protocol, pk.sourceLo, pk.sourceHi, port, pk.portSpan > 1 ? port : pk.portHi);
        if (keep && !all && this.outcome[f] === DELIVERED) {
          // Established: delivered again if its path is unchanged with the stateful filters passed.
          fw.keep = true;
          o = walker.forward(at.srcSubnet, host, this.dst[f]!, null, src, at.srcSite);
          fw.keep = false;
          pid = paths.intern(walker.path, walker.pathLen);
          if (o !== DELIVERED || pid !== this.path[f]) o = -1;
        }
      }
      if (o < 0) {
        o = walker.forward(at.srcSubnet, host, this.dst[f]!, null, src, at.srcSite);
        pid = paths.intern(walker.path, walker.pathLen);
      }
      if (fw) {
        const r =
          o === FIREWALL && fw.dropProgram >= 0 ? loss.ruleOf(plane, fw.dropProgram, fw.dropEntry) : -1;
        if (r !== this.rule[f]) {
          loss.move(m.group, this.rule[f]!, r);
          this.rule[f] = r;
        }
      }
      if (pid !== this.path[f]) moved = true;
      this.path[f] = pid;
      if (all || o !== this.outcome[f]) {
        if (keepHistory)
          this.history[f] = mix32(this.history[f]! ^ Math.imul(m.time + 1, 0x9e3779b1) ^ (o << 24));
        if (!all) this.current[this.outcome[f]!]!--;
        this.current[o]!++;
        this.outcome[f] = o;
      }
    };
    const { buckets } = this;
    if (all) for (let f = 0; f < n; f++) step(f);
    else {
      // Only the flows on a path that crossed something that changed.
      for (let b = 0; b < buckets.path.length; b++) {
        const pid = buckets.path[b]!;
        if (m.affected[pid] !== 1) continue;
        const only = m.narrow[pid];
        for (let i = buckets.start[b]!, end = buckets.start[b + 1]!; i < end; i++) {
          const f = buckets.order[i]!;
          if (only === undefined || inRanges(only, this.dst[f]!)) step(f);
        }
      }
    }
    if (moved) this.buckets = bucketByPath(this.path, n, buckets.order, scratch);
  }
}

/** Is `a` in one of the sorted, disjoint [lo, hi] pairs? (binary search) */
function inRanges(r: Float64Array, a: number): boolean {
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a < r[2 * mid]!) hi = mid - 1;
    else if (a > r[2 * mid + 1]!) lo = mid + 1;
    else return true;
  }
  return false;
}

/** The flows bucketed by path id: `order[start[b] .. start[b + 1])` are on `path[b]`. */
interface Buckets {
  readonly path: Int32Array;
  readonly start: Int32Array;
  readonly order: Int32Array;
}

/** Groups flows by path id (a counting sort): the flows of each path, in flow order. */
function bucketByPath(
  path: Int32Array,
  n: number,
  order: Int32Array,
  scratch: { slots: Int32Array },
): Buckets {
  const slot = new Map<number, number>();
  const ids: number[] = [];
  for (let f = 0; f < n; f++) {
    const p = path[f]!;
    if (!slot.has(p)) {
      slot.set(p, ids.length);
      ids.push(p);
    }
  }
  const start = new Int32Array(ids.length + 1);
  if (scratch.slots.length < n) scratch.slots = new Int32Array(n);
  const slots = scratch.slots;
  for (let f = 0; f < n; f++) {
    const b = slot.get(path[f]!)!;
    slots[f] = b;
    start[b + 1]!++;
  }
  for (let b = 0; b < ids.length; b++) start[b + 1]! += start[b]!;
  const fill = start.slice(0, ids.length);
  for (let f = 0; f < n; f++) order[fill[slots[f]!]!++] = f;
  return { path: Int32Array.from(ids), start, order };
}
