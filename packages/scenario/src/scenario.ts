/**
 * A validated scenario: what the simulator runs. Times are seconds from the start; prefixes and
 * addresses canonical text; references `network/object` paths as written.
 */
import type { FirewallMode } from '@cloudroute/model';
import type { SimScenario } from '@cloudroute/sim';
import type { Problem } from './problem.js';
import type { SourceMap } from './source-map.js';

/** A validated scenario: the simulator's {@link SimScenario} with where each part came from. */
export interface Scenario extends SimScenario {
  /** `none` (default), `provider-default` or `rules` (FILTERS.md); also `topology.firewall`. */
  readonly firewall: FirewallMode;
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
