/**
 * The topology benchmark's generated estate (benchmarks/lib/estate.ts, issue 14): the scenario
 * file it writes validates, and its timeline changes what the flows get, so the benchmark cannot
 * silently become a no-op again. Small sizes; no timing.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '@cloudroute/scenario';
import { runJob, type RunResult } from '@cloudroute/sim';
import { effectiveEventTimes, estate, oldEstate, type Estate } from '../benchmarks/lib/estate.js';
import { toYaml } from '../benchmarks/lib/yaml-emit.js';
import { simScenarioOf } from './scenario-input.js';

const small = { networks: 20, sitePrefixes: 1_000, flows: 5_000 };

async function runFile(e: Estate): Promise<RunResult> {
  const r = loadScenario(toYaml(e.doc), 'estate.yaml');
  expect(r.problems).toEqual([]);
  const res = await runJob(simScenarioOf(r.scenario!), { workers: 1 });
  if (!('groups' in res)) throw new Error('expected a run result');
  return res;
}

/** The event times at which some group's delivered fraction changes. */
function effective(res: RunResult, times: readonly number[]): number[] {
  return effectiveEventTimes(res.groups, times);
}

describe('benchmark estate', () => {
  it('writes the same text for the same options (seeded)', () => {
    expect(toYaml(estate(small).doc)).toBe(toYaml(estate(small).doc));
  });

  it('is a valid scenario file of the size asked for', () => {
    const e = estate(small);
    const r = loadScenario(toYaml(e.doc), 'estate.yaml');
    expect(r.problems).toEqual([]);
    const sc = r.scenario!;
    expect(sc.topology.networks).toHaveLength(e.summary.networks);
    expect(sc.topology.networks.reduce((a, n) => a + n.subnets.length, 0)).toBe(e.summary.subnets);
    expect(sc.topology.sites[0]!.routes).toHaveLength(1_000);
    expect(sc.flows).toHaveLength(100);
    expect(sc.flows.reduce((a, f) => a + f.count, 0)).toBe(5_000);
    expect(sc.timeline).toHaveLength(100);
    const providers = new Map<string, number>();
    for (const n of sc.topology.networks) providers.set(n.provider, (providers.get(n.provider) ?? 0) + 1);
    // 20 cloud networks (8 AWS, 8 Azure, 2 GCP, 2 OpenStack) and the external network `public`.
    expect(Object.fromEntries(providers)).toEqual({ aws: 8, azure: 8, gcp: 2, openstack: 3 });
  });

  it('every event is applied, and at least 80% of them change what some group delivers', async () => {
    const e = estate(small);
    const res = await runFile(e);
    expect(res.rejected).toEqual([]);
    const changed = effective(res, e.eventTimes);
    expect(changed.length / e.eventTimes.length).toBeGreaterThanOrEqual(0.8);
    // Every kind of event bites (the pairs cycle through five kinds).
    const kinds = new Set(changed.map((t) => Math.floor(e.eventTimes.indexOf(t) / 2) % 5));
    expect([...kinds].sort()).toEqual([0, 1, 2, 3, 4]);
  }, 180_000);

  it('the old workload validates too, and is the near no-op issue 14 describes', async () => {
    const e = oldEstate(small);
    const res = await runFile(e);
    expect(effective(res, e.eventTimes).length / e.eventTimes.length).toBeLessThan(0.8);
  }, 180_000);
});
