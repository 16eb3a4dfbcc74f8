/** Shared by the tests that run scenarios straight through the simulator and the reference. */
import { loadScenario, type Scenario } from '@cloudroute/scenario';
import type { SimInput, SimScenario } from '@cloudroute/sim';

/** Loads a scenario document; a problem is a broken test, not a user's mistake, so it throws. */
export function loadOrThrow(source: string, path: string): Scenario {
  const r = loadScenario(source, path);
  if (r.scenario === undefined)
    throw new Error(`${path} is invalid: ${r.problems.map((p) => `${p.code} ${p.message}`).join('; ')}`);
  return r.scenario;
}

/** What the simulator (and the reference) needs of a scenario to replay it without chaos. */
export function simInputOf(
  sc: Pick<SimInput, 'topology' | 'profile' | 'timeline' | 'horizon' | 'seed' | 'flows'>,
): SimInput {
  const { topology, profile, timeline, horizon, seed, flows } = sc;
  return { topology, profile, timeline, horizon, seed, flows };
}

/** The scenario as `runJob`/`diffJob` take it, without its chaos block. */
export function simScenarioOf(sc: Scenario): SimScenario {
  const { name, expect, topology, profile, timeline, horizon, seed, flows } = sc;
  return { name, expect, topology, profile, timeline, horizon, seed, flows };
}
