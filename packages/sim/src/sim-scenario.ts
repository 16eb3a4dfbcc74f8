/**
 * The one scenario type of cloudroute: what the simulator needs of a scenario. The scenario
 * package's loader produces it (its `Scenario` extends this with the source map), the jobs take
 * it, and the simulator's inputs are picked from it rather than copied field by field.
 */
import type { ChaosSpec, TimelineAction } from '@cloudroute/engine';
import type { ProviderProfile, Topology } from '@cloudroute/model';
import type { Expectation, FlowGroup } from './spec.js';

/** What the simulator needs of a scenario. */
export interface SimScenario {
  readonly name: string;
  readonly description?: string;
  /** Every random choice derives from it (default 1). */
  readonly seed: number;
  /** The simulated span in seconds (default 3600). */
  readonly horizon: number;
  readonly topology: Topology;
  /** The default profile with the file's `profile:` overrides. */
  readonly profile: ProviderProfile;
  readonly flows: readonly FlowGroup[];
  /** Sorted stably by `at`. */
  readonly timeline: readonly TimelineAction[];
  readonly expect: readonly Expectation[];
  readonly chaos?: ChaosSpec;
}

/**
 * The parts of a scenario that decide forwarding over time: what a simulation (and each worker
 * thread) is given. Plain data; the scenario's chaos block and names stay behind.
 */
export type SimSource = Pick<SimScenario, 'topology' | 'profile' | 'timeline' | 'horizon' | 'seed' | 'flows'>;

/**
 * The {@link SimSource} of a scenario: only these parts are passed on (and cloned to worker
 * threads), not the source map or the chaos block, whose `chaos` differs from a run's.
 */
export function simSource(sc: SimScenario): SimSource {
  const { topology, profile, timeline, horizon, seed, flows } = sc;
  return { topology, profile, timeline, horizon, seed, flows };
}

/** What the HTML report shows of a scenario besides the result: its name and description. */
export type ReportScenario = Pick<SimScenario, 'name' | 'description'>;
