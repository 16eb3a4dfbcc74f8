/**
 * The reference's answers over a timeline: the moments (engine replay, as the product's
 * `foldTimeline`: every distinct event time before the horizon, the last state of that time, time
 * 0 the initial state), each flow's outcome at each moment, the per-group counts `run` sums, and
 * the changed-flow count of `diff`.
 *
 * Flows come from the product's flow generation (`resolveGroup`, `generateFlows`: sampling, not
 * forwarding), so the reference and the product forward exactly the same flows.
 */
import { replay } from '@cloudroute/engine';
import type { NetworkState } from '@cloudroute/model';
import { OUTCOMES, type SimInput } from '../../src/index.js';
import { generateFlows, resolveGroup } from '../../src/flows.js';
import type { RefOutcome } from './packet.js';
import { flowOf } from './filters.js';
import type { FlowGroup } from '../../src/spec.js';
import { sourcePort, walk } from './walk.js';
import { walkFromSite } from './site-origin.js';
import { buildWorld, firstPort, type World } from './world.js';

/** Per moment: time and state, as the product's foldTimeline gives them (from engine replay). */
export function referenceMoments(input: SimInput): { time: number; state: NetworkState }[] {
  const { initial, steps } = replay({
    topology: input.topology,
    profile: input.profile,
    timeline: input.timeline,
    horizon: input.horizon,
    seed: input.seed,
    ...(input.chaos ? { chaos: input.chaos } : {}),
  });
  const moments = [{ time: 0, state: initial }];
  for (const s of steps) {
    if (s.time >= input.horizon) break;
    const last = moments[moments.length - 1]!;
    if (last.time === s.time) last.state = s.state;
    else moments.push({ time: s.time, state: s.state });
  }
  return moments;
}

/** Flows [start, end) of group `g`: sources and destinations. */
function flowsOf(
  input: SimInput,
  g: number,
  start: number,
  end: number,
): { src: Uint32Array; dst: Uint32Array } {
  const n = Math.max(0, end - start);
  const src = new Uint32Array(n);
  const dst = new Uint32Array(n);
  generateFlows(resolveGroup(input.topology, input.flows[g]!), input.seed, start, end, src, dst);
  return { src, dst };
}

/** The outcome of flow `k` of group `group` (from `source`) in world `w`. */
function outcomeOf(
  w: World,
  source: { readonly subnet: string; readonly host?: string; readonly site?: { readonly site: string } },
  group: FlowGroup,
  k: number,
  src: number,
  dst: number,
): { outcome: RefOutcome; rule?: string } {
  const flow = flowOf(w.state.profile.flows.sourcePorts, group, k);
  const { subnet, host } = source;
  const v = source.site
    ? walkFromSite(w, source.site.site, src, dst, false, flow)
    : walk(
        w,
        { subnet, port: host !== undefined ? firstPort(w, host) : sourcePort(w, subnet, src), src },
        dst,
        false,
        flow,
      );
  const deny = v.outcome === 'firewall' ? v.checks.find((c) => c.action === 'deny') : undefined;
  return deny ? { outcome: v.outcome, rule: `${deny.object}#${deny.rule}` } : { outcome: v.outcome };
}

/** Outcomes of several groups' flow ranges at every moment: out[g][k][f]. */
function outcomesAll(
  input: SimInput,
  slice: readonly (readonly [number, number])[],
): { times: number[]; out: RefOutcome[][][]; rules: (string | undefined)[][][] } {
  const moments = referenceMoments(input);
  const flows = input.flows.map((_, g) => {
    const [s, e] = slice[g] ?? [0, 0];
    return { s, source: resolveGroup(input.topology, input.flows[g]!).source, ...flowsOf(input, g, s, e) };
  });
  const out = input.flows.map(() => [] as RefOutcome[][]);
  const rules = input.flows.map(() => [] as (string | undefined)[][]);
  for (const m of moments) {
    const w = buildWorld(m.state);
    flows.forEach((f, g) => {
      const row: RefOutcome[] = [];
      const why: (string | undefined)[] = [];
      const group = input.flows[g]!;
      for (let i = 0; i < f.src.length; i++) {
        const o = outcomeOf(w, f.source, group, f.s + i, f.src[i]!, f.dst[i]!);
        row.push(o.outcome);
        why.push(o.rule);
      }
      out[g]!.push(row);
      rules[g]!.push(why);
    });
  }
  return { times: moments.map((m) => m.time), out, rules };
}

/** The outcome of flows [start,end) of group g at every moment: out[k][f-start]. */
export function referenceOutcomes(input: SimInput, g: number, start: number, end: number): RefOutcome[][] {
  const slice = input.flows.map((_, i) => (i === g ? ([start, end] as const) : ([0, 0] as const)));
  return outcomesAll(input, slice).out[g]!;
}

/** Per group the product-comparable counts: counts[g][k * OUTCOMES.length + code]. */
export function referenceCounts(
  input: SimInput,
  slice: readonly (readonly [number, number])[] = input.flows.map((f) => [0, f.count] as const),
): {
  times: number[];
  counts: number[][];
  /** Per group, flows dropped by each filter rule (`object#rule`) at each moment; only when some rule dropped one. */
  filterLoss?: Record<string, number[]>[];
} {
  const { times, out, rules } = outcomesAll(input, slice);
  const codes = new Map<string, number>(OUTCOMES.map((o, i) => [o, i]));
  const counts = out.map((rows) => {
    const c = new Array<number>(times.length * OUTCOMES.length).fill(0);
    rows.forEach((row, k) => {
      for (const o of row) c[k * OUTCOMES.length + codes.get(o)!]!++;
    });
    return c;
  });
  const loss = rules.map((rows) => {
    const byRule: Record<string, number[]> = {};
    rows.forEach((row, k) => {
      for (const r of row) if (r !== undefined) (byRule[r] ??= new Array<number>(times.length).fill(0))[k]!++;
    });
    return byRule;
  });
  const dropped = loss.some((l) => Object.keys(l).length > 0);
  return { times, counts, ...(dropped ? { filterLoss: loss } : {}) };
}

/** A flow's outcome over time as a step function: the (time, outcome) pairs where it changes. */
function steps(times: readonly number[], rows: readonly RefOutcome[][], f: number): string {
  const out: string[] = [];
  let last: RefOutcome | undefined;
  rows.forEach((row, k) => {
    if (row[f] !== last) out.push(`${times[k]}:${row[f]}`);
    last = row[f];
  });
  return out.join(' ');
}

/**
 * Changed-flow count of `diff` per group name: flows whose outcome over time (as a step function
 * of time) differs. Groups are matched by name, flows by index within the group; flows one side
 * lacks (a missing or shorter group) count as changed.
 */
export function referenceChangedFlows(a: SimInput, b: SimInput): Map<string, number> {
  const ra = outcomesAll(
    a,
    a.flows.map((f) => [0, f.count] as const),
  );
  const rb = outcomesAll(
    b,
    b.flows.map((f) => [0, f.count] as const),
  );
  const names = a.flows.map((f) => f.name);
  for (const f of b.flows) if (!names.includes(f.name)) names.push(f.name);
  const changed = new Map<string, number>();
  for (const name of names) {
    const ia = a.flows.findIndex((f) => f.name === name);
    const ib = b.flows.findIndex((f) => f.name === name);
    const na = ia >= 0 ? a.flows[ia]!.count : 0;
    const nb = ib >= 0 ? b.flows[ib]!.count : 0;
    let n = Math.abs(na - nb);
    for (let f = 0; f < Math.min(na, nb); f++)
      if (steps(ra.times, ra.out[ia]!, f) !== steps(rb.times, rb.out[ib]!, f)) n++;
    changed.set(name, n);
  }
  return changed;
}
