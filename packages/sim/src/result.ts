/**
 * From per-interval outcome counts to the `run` result document of DESIGN.md: availability,
 * lost flow-seconds, outages (maximal half-open intervals with some flow lost) and expectations.
 */
import type { EngineEvent, Rejection } from '@cloudroute/engine';
import { OUTCOMES, OUTCOME_COUNT, UNMODELLED } from './plane/codes.js';
import type { Expectation, FlowGroup } from './spec.js';
import type { SimScenario } from './sim-scenario.js';
import type { GroupCoverage } from './coverage.js';
import { mergePairs } from './address-ranges.js';
import { formatIpv4 } from '@cloudroute/lpm';

/** A maximal half-open interval `[start, end)` during which some of a group's flows were lost (DESIGN.md `run`). */
export interface Outage {
  readonly start: number;
  readonly end: number;
  /** The most flows lost at once during the outage. */
  readonly flows: number;
  /** The reason with the most lost flow-seconds in it. */
  readonly reason: string;
  /** Reason `firewall` only: `"<object>#<rule>"`, the filter rule with the most lost flow-seconds in the outage (FILTERS.md "Output"). */
  readonly filter?: string;
  /**
   * DESIGN.md "Exact coverage": the destination ranges lost at some time in the outage (over every
   * address of the group's `to` range, from its classes), merged, as prefixes: at most
   * {@link LOST_RANGES_SHOWN}, then `moreLostRanges`, the number of further prefixes.
   */
  readonly lostRanges?: readonly string[];
  readonly moreLostRanges?: number;
}

/** Prefixes listed in an outage's `lostRanges`. */
export const LOST_RANGES_SHOWN = 16;

/** One flow group's figures in a `run`: sampled availability, exact coverage, lost time, outages and reasons. */
export interface GroupResult {
  readonly name: string;
  readonly flows: number;
  readonly availability: number;
  /**
   * DESIGN.md "Exact coverage": the fraction of (destination address × time) delivered over every
   * address of the group's `to` range, from its classes (coverage.ts); `availability` is the sampled figure.
   */
  readonly addressAvailability?: number;
  readonly lostFlowSeconds: number;
  /**
   * DESIGN.md "Unknown": flow-seconds of flows that reached a construct imported but not modelled
   * (neither delivered nor lost; not in `availability`'s delivered share, not in outages). Present
   * only when nonzero, so results without opaque constructs keep their shape.
   */
  readonly unknownFlowSeconds?: number;
  readonly maxOutageSeconds: number;
  readonly outages: readonly Outage[];
  /** Lost flow-seconds per drop reason (reasons with none left out). */
  readonly reasons: Readonly<Record<string, number>>;
  /** Delivered fraction per interval: `[time, fraction]`, a step function (for charts). */
  readonly delivered: readonly (readonly [number, number])[];
}

/** A scenario `expect` entry and whether the run met it (`actual` is the delivered share measured). */
export interface ExpectationResult {
  readonly ok: boolean;
  readonly flows: string;
  readonly during: readonly [number, number];
  readonly reachable: number;
  readonly actual: number;
  /** `actual - reachable`. */
  readonly delta: number;
}

/**
 * The `run` document of DESIGN.md: per group results, expectations, refused changes and the
 * timeline's events; its `seed` and `horizon` are the scenario's.
 */
export interface RunResult extends Pick<SimScenario, 'seed' | 'horizon'> {
  /** The document's kind, for switching on results in memory; not printed (`toJson` leaves it out). */
  readonly kind: 'run';
  readonly scenario: string;
  readonly groups: readonly GroupResult[];
  readonly expectations: readonly ExpectationResult[];
  readonly rejected: readonly Rejection[];
  readonly events: readonly { readonly at: number; readonly type: string; readonly label: string }[];
}

/** Rounds to 9 significant decimals so JSON output is stable and readable. */
export function round9(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Delivered flow-seconds of a group within [a, b). */
function delivered(
  times: readonly number[],
  counts: readonly number[],
  horizon: number,
  a: number,
  b: number,
): number {
  let total = 0;
  for (let k = 0; k < times.length; k++) {
    const s = Math.max(a, times[k]!);
    const e = Math.min(b, k + 1 < times.length ? times[k + 1]! : horizon);
    if (e > s) total += counts[k * OUTCOME_COUNT]! * (e - s);
  }
  return total;
}

export function groupResult(
  group: FlowGroup,
  times: readonly number[],
  counts: readonly number[],
  horizon: number,
  filterLoss?: Readonly<Record<string, readonly number[]>>,
  coverage?: GroupCoverage | null,
): GroupResult {
  const rules = filterLoss ? Object.keys(filterLoss).sort() : [];
  const flows = group.count;
  const K = times.length;
  const reasons = new Array<number>(OUTCOME_COUNT).fill(0);
  const outages: Outage[] = [];
  let lost = 0;
  let unknown = 0;
  let maxOutage = 0;
  let open:
    | { start: number; first: number; last: number; flows: number; byReason: number[]; byRule: number[] }
    | undefined;
  let exact = 0;
  const deliveredSeries: [number, number][] = [];
  const close = (end: number): void => {
    if (!open) return;
    let best = 1;
    for (let r = 2; r < OUTCOME_COUNT; r++)
      if (r !== UNMODELLED && open.byReason[r]! > open.byReason[best]!) best = r;
    // FILTERS.md "Output": a firewall outage names the rule with the most lost flow-seconds in it
    // (ties: the first rule in string order).
    let rule = -1;
    if (OUTCOMES[best] === 'firewall')
      open.byRule.forEach((v, i) => {
        if (v > 0 && (rule < 0 || v > open!.byRule[rule]!)) rule = i;
      });
    outages.push({
      start: open.start,
      end,
      flows: open.flows,
      reason: OUTCOMES[best]!,
      ...(rule >= 0 ? { filter: rules[rule]! } : {}),
      ...(coverage ? lostRanges(coverage, open.first, open.last) : {}),
    });
    maxOutage = Math.max(maxOutage, end - open.start);
    open = undefined;
  };
  for (let k = 0; k < K; k++) {
    const t = times[k]!;
    const dur = (k + 1 < K ? times[k + 1]! : horizon) - t;
    const base = k * OUTCOME_COUNT;
    const ok = counts[base]!;
    const unknownNow = counts[base + UNMODELLED]!;
    const lostNow = flows - ok - unknownNow;
    const frac = flows > 0 ? round9(ok / flows) : 1;
    if (deliveredSeries.length === 0 || deliveredSeries[deliveredSeries.length - 1]![1] !== frac)
      deliveredSeries.push([t, frac]);
    if (dur <= 0) continue;
    unknown += unknownNow * dur;
    if (coverage) exact += coverage.delivered[k]! * dur;
    if (lostNow > 0) {
      if (open) open.last = k;
      open ??= {
        start: t,
        first: k,
        last: k,
        flows: 0,
        byReason: new Array<number>(OUTCOME_COUNT).fill(0),
        byRule: new Array<number>(rules.length).fill(0),
      };
      rules.forEach((r, i) => (open!.byRule[i]! += (filterLoss![r]![k] ?? 0) * dur));
      open.flows = Math.max(open.flows, lostNow);
      for (let r = 1; r < OUTCOME_COUNT; r++) {
        if (r === UNMODELLED) continue;
        const c = counts[base + r]! * dur;
        open.byReason[r]! += c;
        reasons[r]! += c;
      }
      lost += lostNow * dur;
    } else close(t);
  }
  close(horizon);
  const byReason: Record<string, number> = {};
  reasons.forEach((v, r) => {
    if (v > 0) byReason[OUTCOMES[r]!] = v;
  });
  return {
    name: group.name,
    flows,
    availability: flows > 0 && horizon > 0 ? round9(1 - (lost + unknown) / (flows * horizon)) : 1,
    ...(coverage ? { addressAvailability: horizon > 0 ? round9(exact / horizon) : 1 } : {}),
    lostFlowSeconds: lost,
    ...(unknown > 0 ? { unknownFlowSeconds: unknown } : {}),
    maxOutageSeconds: maxOutage,
    outages,
    reasons: byReason,
    delivered: deliveredSeries,
  };
}

export function checkExpectations(
  expect: readonly Expectation[],
  flows: readonly FlowGroup[],
  times: readonly number[],
  counts: readonly (readonly number[])[],
  horizon: number,
): ExpectationResult[] {
  return expect.map((e) => {
    const gi = flows.findIndex((f) => f.name === e.flows);
    const [a, b] = e.during;
    const end = Math.min(b, horizon);
    const n = flows[gi]?.count ?? 0;
    const actual =
      gi < 0 || n === 0 || end <= a
        ? 1
        : round9(delivered(times, counts[gi]!, horizon, a, end) / (n * (end - a)));
    const delta = round9(actual - e.reachable);
    return {
      ok: Math.abs(delta) <= 1e-9,
      flows: e.flows,
      during: [a, b],
      reachable: e.reachable,
      actual,
      delta,
    };
  });
}

/** Assembles the run document from merged counts. */
export function runResult(
  args: Pick<RunResult, 'scenario' | 'seed' | 'horizon' | 'rejected'> &
    Pick<SimScenario, 'flows' | 'expect'> & {
      readonly times: readonly number[];
      readonly counts: readonly (readonly number[])[];
      readonly events: readonly EngineEvent[];
      readonly filterLoss?: readonly Readonly<Record<string, readonly number[]>>[];
      readonly coverage?: readonly (GroupCoverage | null)[];
    },
): RunResult {
  const { horizon, flows, times, counts } = args;
  return {
    kind: 'run',
    scenario: args.scenario,
    seed: args.seed,
    horizon,
    groups: flows.map((f, gi) =>
      groupResult(f, times, counts[gi]!, horizon, args.filterLoss?.[gi], args.coverage?.[gi]),
    ),
    expectations: checkExpectations(args.expect, flows, times, counts, horizon),
    rejected: args.rejected,
    events: args.events.map((e) => ({ at: e.at, type: e.type, label: e.label })),
  };
}

/** The lost destination ranges of intervals [first, last], merged, as prefixes (DESIGN.md "Exact coverage"). */
function lostRanges(
  coverage: GroupCoverage,
  first: number,
  last: number,
): { lostRanges: string[]; moreLostRanges?: number } {
  const all: number[] = [];
  for (let k = first; k <= last; k++) for (const x of coverage.lost[k] ?? []) all.push(x);
  const merged = mergePairs(all);
  const shown: string[] = [];
  let more = 0;
  for (let i = 0; i < merged.length; i += 2) {
    let lo = merged[i]!;
    const hi = merged[i + 1]!;
    while (lo <= hi) {
      // The largest aligned block at lo that fits in [lo, hi].
      let len = 32;
      while (len > 0) {
        const size = 2 ** (33 - len);
        if (lo % size !== 0 || lo + size - 1 > hi) break;
        len--;
      }
      if (shown.length < LOST_RANGES_SHOWN) shown.push(`${formatIpv4(lo)}/${len}`);
      else more++;
      lo += 2 ** (32 - len);
    }
  }
  return more > 0 ? { lostRanges: shown, moreLostRanges: more } : { lostRanges: shown };
}
