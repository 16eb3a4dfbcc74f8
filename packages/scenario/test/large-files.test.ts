/**
 * A file of many routes loads and its tables build: 200,000 custom routes of a GCP network
 * (the view spread them into a call's arguments, past the stack's size). Behaviour only: the
 * time such files take is `pnpm bench load`'s to measure.
 */
import { describe, expect, it } from 'vitest';
import { initialState } from '@cloudroute/engine';
import { forwardingTables } from '@cloudroute/model';
import { loadScenario } from '../src/index.js';
import { largeScenarioJson, largeScenarioYaml } from '../../../benchmarks/lib/large-scenario.js';

describe('large files', () => {
  it('200,000 GCP custom routes, as JSON: loaded, and the network table holds them all', () => {
    const r = loadScenario(largeScenarioJson(200_000), 'large.json');
    expect(r.problems).toEqual([]);
    const sc = r.scenario!;
    expect(sc.topology.networks[0]!.routes).toHaveLength(200_000);
    const tables = forwardingTables(initialState(sc.topology, sc.profile));
    const sizes = tables.map((t) => t.routes.length);
    expect(Math.max(...sizes)).toBeGreaterThan(200_000);
  });

  it('the same routes as YAML and as JSON load to the same scenario (2,000 routes)', () => {
    const y = loadScenario(largeScenarioYaml(2_000), 'large.yaml');
    const j = loadScenario(largeScenarioJson(2_000), 'large.json');
    expect(y.problems).toEqual([]);
    const { sourceMap: ys, ...yaml } = y.scenario!;
    const { sourceMap: js, ...json } = j.scenario!;
    expect(json).toEqual(yaml);
    // The last route's next hop, in each text: where `{ type` / `{"type"` starts.
    expect(js.position(['networks', 0, 'routes', 1999, 'nextHop'])).toEqual({ line: 2008, column: 37 });
    expect(ys.position(['networks', 0, 'routes', 1999, 'nextHop'])).toEqual({ line: 2013, column: 43 });
  });
});
