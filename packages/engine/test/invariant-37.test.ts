/**
 * Invariant 37 of PROVIDERS.md section 5 (OS-R7, OS-R8) through the engine: an update that would
 * leave a port with allowed address pairs or security groups but no port security is rejected, and
 * a rejected update leaves the state unchanged.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultProfile, validateTopology, type Topology } from '@cloudroute/model';
import { replay, type TimelineAction } from '../src/index.js';

const codes = (t: Topology, rule: string): number =>
  validateTopology(t).filter((d) => d.severity === 'error' && d.code === rule).length;

const pairsOf = (n: number): { ip: string }[] =>
  Array.from({ length: n }, (_, i) => ({ ip: `10.0.${i}.0/24` }));

const topo: Topology = {
  networks: [
    {
      name: 'app',
      provider: 'openstack',
      cidrs: [],
      portSecurity: true,
      subnets: [
        { name: 'app-sub', cidr: '192.168.10.0/24', gatewayIp: '192.168.10.1' },
        { name: 'other-sub', cidr: '192.168.11.0/24', gatewayIp: '192.168.11.1' },
      ],
      routeTables: [],
      hosts: [{ name: 'h', subnet: 'app-sub', ip: '192.168.10.5' }],
      gateways: [],
    },
  ],
  sites: [],
  connections: [],
  peerings: [],
};

describe('invariant 37 (OS-R7, OS-R8)', () => {
  test('invariant 37 (OS-R7, OS-R8): updates that would break it are rejected and leave the state unchanged', () => {
    const update = fc
      .record(
        {
          portSecurity: fc.boolean(),
          allowedAddressPairs: fc.integer({ min: 0, max: 12 }).map(pairsOf),
          securityGroups: fc
            .integer({ min: 0, max: 1 })
            .map((n) => Array.from({ length: n }, () => 'default')),
        },
        { requiredKeys: [] },
      )
      .filter((s) => Object.keys(s).length > 0);
    let rejected = 0;
    fc.assert(
      fc.property(fc.array(update, { minLength: 1, maxLength: 6 }), (sets) => {
        const timeline = sets.map((set, i): TimelineAction => ({
          at: 60 * (i + 1),
          do: 'host.update',
          host: 'app/h',
          set,
        }));
        const { initial, steps } = replay({
          topology: topo,
          profile: defaultProfile,
          timeline,
          horizon: 3600,
          seed: 1,
        });
        let prev = initial;
        for (const step of steps) {
          if (step.rejections.length > 0) {
            rejected += 1;
            expect(step.state).toBe(prev);
            expect(step.rejections.every((r) => r.rule === 'OS-R7' || r.rule === 'OS-R8')).toBe(true);
          }
          expect(codes(step.state.topology, 'OS-R7') + codes(step.state.topology, 'OS-R8')).toBe(0);
          prev = step.state;
        }
      }),
      { seed: 3702, numRuns: 200 },
    );
    expect(rejected).toBeGreaterThan(0);
  });
});
