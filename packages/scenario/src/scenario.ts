/**
 * A validated scenario: what the simulator runs. Times are seconds from the start; prefixes and
 * addresses canonical text; references `network/object` paths as written.
 */
import type { ChaosSpec, TimelineAction } from '@cloudroute/engine';
import type { FirewallMode, ProviderProfile, Topology } from '@cloudroute/model';
import type { Expectation, FlowGroup } from '@cloudroute/sim';
import type { Problem } from './problem.js';
import type { SourceMap } from './source-map.js';

export interface Scenario {
  readonly name: string;
  readonly description?: string;
  /** Every random choice derives from it (default 1). */
  readonly seed: number;
  /** The simulated span in seconds (default 3600). */
  readonly horizon: number;
  /** `none` (default), `provider-default` or `rules` (FILTERS.md); also `topology.firewall`. */
  readonly firewall: FirewallMode;
  readonly topology: Topology;
  /** The default profile with the file's `profile:` overrides. */
  readonly profile: ProviderProfile;
  readonly flows: readonly FlowGroup[];
  /** Sorted stably by `at`. */
  readonly timeline: readonly TimelineAction[];
  readonly expect: readonly Expectation[];
  readonly chaos?: ChaosSpec;
  /** Where each part came from; see `locate`. */
  readonly sourceMap: SourceMap;
}

/** The outcome of {@link loadScenario}: a scenario when there is no error, and every problem found. */
export interface LoadResult {
  readonly scenario?: Scenario;
  /** Errors (bad input), sorted by position. */
  readonly problems: readonly Problem[];
  /** Warnings (accepted, but probably not what was meant), sorted by position. */
  readonly warnings: readonly Problem[];
}
