import { describe, expect, it } from 'vitest';
import { chaosActions, faultSeed, mulberry32, replay } from '../src/index.js';
import type { ChaosSpec, TimelineAction } from '../src/index.js';
import { azureHub, gcpOpenstack, input } from './fixtures.js';

const DAY = 86400;
const spec: ChaosSpec = {
  runs: 20,
  faults: [
    { kind: 'tunnel.down', connection: 'branch-vpn', mtbf: 30 * DAY, mttr: { min: 300, max: 7200 } },
    { kind: 'gateway.failover', gateway: 'hub/vng1', mtbf: 90 * DAY },
  ],
};

describe('chaosActions', () => {
  it('is a pure function of (spec, horizon, seed, run), pinned', () => {
    const a = chaosActions(spec, 365 * DAY, 42, 3);
    expect(chaosActions(spec, 365 * DAY, 42, 3)).toEqual(a);
    expect(chaosActions(spec, 365 * DAY, 42, 4)).not.toEqual(a);
    expect(chaosActions(spec, 365 * DAY, 43, 3)).not.toEqual(a);
    // Pinned: the generator must not drift (seeded mulberry32 from a splitmix-style hash of seed, run, fault).
    expect(a.slice(0, 3)).toMatchInlineSnapshot(`
      [
        {
          "at": 510754.912,
          "connection": "branch-vpn",
          "do": "tunnel.down",
        },
        {
          "at": 513754.595,
          "connection": "branch-vpn",
          "do": "tunnel.up",
        },
        {
          "at": 2132829.397,
          "connection": "branch-vpn",
          "do": "tunnel.down",
        },
      ]
    `);
  });

  it('a fault does not depend on the faults listed before it, nor on other runs', () => {
    const alone = chaosActions({ runs: 1, faults: [spec.faults[0]!] }, 365 * DAY, 7, 2);
    const both = chaosActions(spec, 365 * DAY, 7, 2).filter((a) => a.do.startsWith('tunnel'));
    // Fault 0 keeps its generator whatever follows it.
    expect(both).toEqual(alone);
    const reordered = chaosActions({ runs: 1, faults: [spec.faults[1]!, spec.faults[0]!] }, 365 * DAY, 7, 2);
    expect(reordered.filter((a) => a.do === 'gateway.failover')).toEqual(
      chaosActions({ runs: 1, faults: [spec.faults[1]!] }, 365 * DAY, 7, 2),
    );
  });

  it('up times are exponential with mean mtbf; repairs uniform in min..max', () => {
    const ups: number[] = [];
    const repairs: number[] = [];
    for (let run = 0; run < 200; run++) {
      const acts = chaosActions({ runs: 1, faults: [spec.faults[0]!] }, 3650 * DAY, 1, run);
      let lastUp = 0;
      for (let i = 0; i + 1 < acts.length; i += 2) {
        const down = acts[i] as TimelineAction;
        const up = acts[i + 1] as TimelineAction;
        expect(down.do).toBe('tunnel.down');
        expect(up.do).toBe('tunnel.up');
        ups.push(down.at - lastUp);
        repairs.push(up.at - down.at);
        lastUp = up.at;
      }
    }
    const mean = ups.reduce((x, y) => x + y, 0) / ups.length;
    expect(Math.abs(mean / (30 * DAY) - 1)).toBeLessThan(0.05);
    expect(Math.min(...repairs)).toBeGreaterThanOrEqual(300);
    expect(Math.max(...repairs)).toBeLessThanOrEqual(7200);
    const rmean = repairs.reduce((x, y) => x + y, 0) / repairs.length;
    expect(Math.abs(rmean - 3750) / 3750).toBeLessThan(0.05);
  });

  it('gateway.failover faults are unplanned and end by themselves', () => {
    const acts = chaosActions({ runs: 1, faults: [spec.faults[1]!] }, 3650 * DAY, 9, 0);
    expect(acts.length).toBeGreaterThan(10);
    expect(acts.every((a) => a.do === 'gateway.failover' && a.planned === false)).toBe(true);
  });

  it('faultSeed mixes every input and mulberry32 stays in [0, 1)', () => {
    expect(
      new Set([
        faultSeed(1, 0, 0),
        faultSeed(1, 1, 0),
        faultSeed(1, 0, 1),
        faultSeed(2, 0, 0),
        faultSeed(2 ** 40, 0, 0),
      ]).size,
    ).toBe(5);
    const r = mulberry32(123);
    for (let i = 0; i < 1000; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});

describe('chaos merged into the timeline', () => {
  it('faults run with origin chaos after the timeline at equal times', () => {
    const inp = { ...input(azureHub(), [], 365 * DAY), chaos: { spec, run: 0 } };
    const steps = replay(inp).steps;
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.filter((s) => s.event.origin !== 'engine').every((s) => s.event.origin === 'chaos')).toBe(
      true,
    );
    expect(steps.every((s) => s.rejections.length === 0 || s.rejections[0]?.rule === 'gateway-busy')).toBe(
      true,
    );
  });

  it('a host.update fault is reverted to the previous values (absent fields removed)', () => {
    const hostSpec: ChaosSpec = {
      runs: 1,
      faults: [
        {
          kind: 'host.update',
          host: 'corp/fw1',
          set: { running: false, tags: ['x'] },
          mtbf: DAY,
          mttr: { min: 600, max: 600 },
        },
      ],
    };
    const r = replay({ ...input(gcpOpenstack(), [], 10 * DAY), chaos: { spec: hostSpec, run: 0 } });
    const [fault, restore] = r.steps;
    expect(fault?.event.type).toBe('host.updated');
    expect(restore?.event.type).toBe('host.restored');
    expect(restore?.event['set']).toEqual({ running: null, tags: null });
    expect((restore?.time ?? 0) - (fault?.time ?? 0)).toBe(600);
    expect(fault?.state.topology.networks[0]?.hosts[1]).toMatchObject({
      name: 'fw1',
      running: false,
      tags: ['x'],
    });
    expect(restore?.state.topology.networks[0]?.hosts[1]).toEqual({
      name: 'fw1',
      subnet: 'app',
      ip: '10.20.0.5',
      ipForwarding: true,
    });
  });
});
