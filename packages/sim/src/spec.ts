/**
 * What a scenario asks the simulator to measure: flow groups and expectations
 * (DESIGN.md "Scenario format": `flows:` and `expect:`).
 */

/** A scenario's flow group: `count` flows from a subnet or host to a destination, with their protocol and ports; availability is measured per group. */
export interface FlowGroup {
  /** The group's name, unique in the scenario. */
  readonly name: string;
  /** `net/subnet` or `net/host`. */
  readonly from: string;
  /** A prefix (`10.2.0.0/16`, `192.168.20.10/32`), a site name, or `internet`. */
  readonly to: string;
  /** How many flows the group sends. */
  readonly count: number;
  /** FILTERS.md "Flows": `tcp | udp | icmp | any`; absent = any (matched only by all-protocol rules). */
  readonly protocol?: 'tcp' | 'udp' | 'icmp' | 'any';
  /** Destination port or range (tcp/udp); flow k uses `lo + k mod (hi − lo + 1)`; absent = every port. */
  readonly port?: { readonly lo: number; readonly hi: number };
  /** The client's ephemeral range; absent = the profile's `flows.sourcePorts` (AWS-R42). */
  readonly sourcePorts?: { readonly lo: number; readonly hi: number };
}

/** A scenario's `expect:` entry: the share of a flow group's traffic that should get through during an interval. */
export interface Expectation {
  /** Flow group name. */
  readonly flows: string;
  /** `[start, end)` in seconds. */
  readonly during: readonly [number, number];
  /** Fraction of the group's flow-seconds delivered during the interval (0 none, 1 all). */
  readonly reachable: number;
}
