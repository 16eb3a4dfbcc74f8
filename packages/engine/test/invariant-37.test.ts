/**
 * Invariant 37 of PROVIDERS.md section 5 (OS-R7, OS-R8) through the engine: an update that would
 * leave a port with allowed address pairs or security groups but no port security, or with more
 * than 10 pairs, is rejected and leaves the state unchanged; every other update is applied. An
 * oracle written from the invariant's text keeps the port as it should be after each update.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { defaultProfile, validateTopology, type NetworkState, type Topology } from '@cloudroute/model';
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
  test('invariant 37 (OS-R7, OS-R8): updates that would break it are rejected and leave the state unchanged; valid ones are applied', () => {
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
    let accepted = 0;
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
        // The oracle's port: created with port security on (the network's default), no pairs, and
        // the project's `default` group (OS-R8); it has a fixed IP.
        let port: Port = { portSecurity: true, pairs: 0, groups: 1 };
        let state = initial;
        sets.forEach((set, i) => {
          const at = 60 * (i + 1);
          const step = steps.find((s) => s.time === at);
          const next: Port = {
            portSecurity: set.portSecurity ?? port.portSecurity,
            pairs: set.allowedAddressPairs?.length ?? port.pairs,
            groups: set.securityGroups?.length ?? port.groups,
          };
          if (holds37(next)) {
            accepted += 1;
            expect(step?.rejections ?? []).toEqual([]);
            if (step !== undefined) state = step.state;
            port = next;
          } else {
            rejected += 1;
            expect(step).toBeDefined();
            expect(step!.rejections.length).toBeGreaterThan(0);
            expect(step!.rejections.every((r) => r.rule === 'OS-R7' || r.rule === 'OS-R8')).toBe(true);
            expect(step!.state).toBe(state);
          }
          expect(portOf(state)).toEqual(port);
          expect(codes(state.topology, 'OS-R7') + codes(state.topology, 'OS-R8')).toBe(0);
        });
      }),
      { seed: 3702, numRuns: 200 },
    );
    expect(rejected).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(0);
  });
});

/** The port of host `h` as invariant 37 sees it: port security, number of pairs and of groups. */
interface Port {
  readonly portSecurity: boolean;
  readonly pairs: number;
  readonly groups: number;
}

/**
 * Invariant 37: pairs ≠ [] ⇒ port security; groups ≠ [] ⇒ port security ∧ a fixed IP (the host
 * has one); at most 10 pairs. (The generated pairs are distinct and never the port's own IP.)
 */
function holds37(p: Port): boolean {
  return (p.pairs === 0 || p.portSecurity) && (p.groups === 0 || p.portSecurity) && p.pairs <= 10;
}

function portOf(state: NetworkState): Port {
  const h = state.topology.networks[0]!.hosts[0]!;
  return {
    portSecurity: h.portSecurity ?? true,
    pairs: h.allowedAddressPairs?.length ?? 0,
    groups: h.securityGroups?.length ?? 1,
  };
}
