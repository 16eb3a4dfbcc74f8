/**
 * Candidate routes under construction, and the one generic step every provider shares: among the
 * usable candidates of each prefix, pick exactly one with the provider's comparator. What makes a
 * candidate unusable and how the comparator ranks are provider rules and live in the provider's
 * `route-selection.ts`.
 */
import type { CandidateRoute } from '../tables.js';
import type { Network } from '../topology.js';
import type { Prefix } from '@cloudroute/lpm';
import { mustParsePrefix, prefixKey } from './ip.js';

/**
 * A candidate route under construction: the public candidate's own fields (see {@link CandidateRoute};
 * `action` is absent only on candidates that can never be selected, a GCP `defaultRouting` policy
 * route), the parsed prefix, and what selection reads and writes.
 */
export interface Draft extends Omit<CandidateRoute, 'state' | 'reason' | 'rule' | 'selected' | 'ecmp'> {
  readonly parsed: Prefix;
  /** The route's state when it is usable (the provider word for "active"). */
  state: string;
  /** False: never selected (disregarded, blackholed by rule, conflicting); `reason`/`rule` say why. */
  usable: boolean;
  reason?: string;
  rule?: string;
  /** Provider-specific ranking data (not output). */
  readonly rank?: number;
  readonly tie?: string;
}

/** Every draft field but the four a draft always has. */
type OptionalKey = Exclude<keyof Draft, 'prefix' | 'source' | 'state' | 'nextHopType'>;

/** Draft fields; optional ones may be given as undefined (they are then left out). */
export type DraftInit = Pick<Draft, 'prefix' | 'source' | 'state' | 'nextHopType'> & {
  readonly [K in OptionalKey]?: Draft[K] | undefined;
};

/** A draft from plain fields; undefined optional fields are left out (exactOptionalPropertyTypes). */
export function draft(init: DraftInit): Draft {
  const d: Mutable<Draft> = {
    prefix: init.prefix,
    parsed: init.parsed ?? mustParsePrefix(init.prefix),
    source: init.source,
    state: init.state,
    nextHopType: init.nextHopType,
    usable: init.usable ?? true,
  };
  if (init.action !== undefined) d.action = init.action;
  if (init.nextHopIp !== undefined) d.nextHopIp = init.nextHopIp;
  if (init.name !== undefined) d.name = init.name;
  if (init.priority !== undefined) d.priority = init.priority;
  if (init.tags !== undefined) d.tags = init.tags;
  if (init.region !== undefined) d.region = init.region;
  if (init.asPath !== undefined) d.asPath = init.asPath;
  if (init.med !== undefined) d.med = init.med;
  if (init.reason !== undefined) d.reason = init.reason;
  if (init.rule !== undefined) d.rule = init.rule;
  if (init.rank !== undefined) d.rank = init.rank;
  if (init.tie !== undefined) d.tie = init.tie;
  return d;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * One `local` draft per CIDR of `network`, in order: source and next hop `local`, state `active`,
 * delivering inside the network (AWS-R1 local routes; a VGW's or an Azure VPN gateway's own ranges).
 */
export function localDrafts(network: Network): Draft[] {
  return network.cidrs.map((prefix) =>
    draft({
      prefix,
      source: 'local',
      state: 'active',
      nextHopType: 'local',
      action: { kind: 'local', network: network.name },
    }),
  );
}

/** Mark a draft unusable with the reason and the rule that decided it. */
export function disregard(d: Draft, state: string, reason: string, rule: string): void {
  d.usable = false;
  d.state = state;
  d.reason = reason;
  d.rule = rule;
}

/**
 * For each prefix, the index of the usable draft that `compare` ranks first (negative: a before
 * b); on a full tie the earlier draft wins, so the result never depends on anything but the
 * drafts' order and content. Returns one flag per draft.
 */
export function pickPerPrefix(drafts: readonly Draft[], compare: (a: Draft, b: Draft) => number): boolean[] {
  const best = new Map<number | string, number>();
  drafts.forEach((d, i) => {
    if (!d.usable) return;
    const key = prefixKey(d.parsed);
    const cur = best.get(key);
    if (cur === undefined || compare(d, drafts[cur]!) < 0) best.set(key, i);
  });
  const flags = new Array<boolean>(drafts.length).fill(false);
  for (const i of best.values()) flags[i] = true;
  return flags;
}

/** The winner per prefix key, for explanations ("beaten by …"). */
export function winnersByKey(
  drafts: readonly Draft[],
  flags: readonly boolean[],
): Map<number | string, Draft> {
  const out = new Map<number | string, Draft>();
  drafts.forEach((d, i) => {
    if (flags[i]) out.set(prefixKey(d.parsed), d);
  });
  return out;
}

/** The public candidate route of a draft. */
export function toCandidate(d: Draft, selected: boolean): CandidateRoute {
  const out: Mutable<CandidateRoute> = {
    prefix: d.prefix,
    source: d.source,
    state: d.state,
    nextHopType: d.nextHopType,
    selected,
  };
  if (d.nextHopIp !== undefined) out.nextHopIp = d.nextHopIp;
  if (d.name !== undefined) out.name = d.name;
  if (d.priority !== undefined) out.priority = d.priority;
  if (d.tags !== undefined) out.tags = d.tags;
  if (d.region !== undefined) out.region = d.region;
  if (d.asPath !== undefined) out.asPath = d.asPath;
  if (d.med !== undefined) out.med = d.med;
  if (d.reason !== undefined) out.reason = d.reason;
  if (d.rule !== undefined) out.rule = d.rule;
  // The action is kept on every candidate: selected ones need it; for the others it explains
  // what the route would have done (trace "beat" lists, GCP policy-based routes).
  if (d.action !== undefined) out.action = d.action;
  return out;
}

/** Finish a provider's selection: selected flags plus the losers' state and explanation. */
export function finish(
  drafts: readonly Draft[],
  flags: readonly boolean[],
  loser: (
    d: Draft,
    winner: Draft | undefined,
  ) => { state: string; reason: string; rule?: string } | undefined,
): CandidateRoute[] {
  const winners = winnersByKey(drafts, flags);
  return drafts.map((d, i) => {
    if (flags[i]) return toCandidate(d, true);
    if (d.usable) {
      const l = loser(d, winners.get(prefixKey(d.parsed)));
      if (l) {
        d.state = l.state;
        d.reason = l.reason;
        if (l.rule !== undefined) d.rule = l.rule;
      }
    }
    return toCandidate(d, false);
  });
}
