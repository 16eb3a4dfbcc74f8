/**
 * The one scenario type of cloudroute: what the simulator needs of a scenario. The scenario
 * package's loader produces it (its `Scenario` extends this with the source map), the jobs take
 * it, and the simulator's inputs are picked from it rather than copied field by field.
 */
import type { ChaosSpec, TimelineInput } from '@cloudroute/engine';
import type { Expectation, FlowGroup } from './spec.js';

/**
 * What the simulator needs of a scenario. The parts the engine's timeline runs on are the
 * engine's {@link TimelineInput} fields, declared there: `topology`; `profile`, the default
 * profile with the file's `profile:` overrides; `timeline`, sorted stably by `at`; `horizon`, the
 * simulated span in seconds (default 3600); `seed`, from which every random choice derives
 * (default 1).
 */
export interface SimScenario extends Pick<
  TimelineInput,
  'topology' | 'profile' | 'timeline' | 'horizon' | 'seed'
> {
  readonly name: string;
  readonly description?: string;
  readonly flows: readonly FlowGroup[];
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
