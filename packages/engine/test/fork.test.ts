import { describe, expect, it } from 'vitest';
import { forkInput, forkTimeline, replay } from '../src/index.js';
import type { TimelineAction } from '../src/index.js';
import { MIN, azureHub, input } from './fixtures.js';

const base: TimelineAction[] = [
  { at: 10 * MIN, do: 'gateway.update', gateway: 'hub/vng1', set: { vpnType: 'RouteBased' }, recreate: true },
  { at: 20 * MIN, do: 'tunnel.down', connection: 'branch-vpn' },
];

describe('what-if forks', () => {
  it('edits by original index; inserted actions come last', () => {
    const insert: TimelineAction = { at: 0, do: 'tunnel.up', connection: 'branch-vpn' };
    expect(
      forkTimeline(base, [
        { op: 'shift', index: 1, by: 5 * MIN },
        { op: 'insert', action: insert },
        { op: 'remove', index: 7 },
      ]),
    ).toEqual([base[0], { ...base[1], at: 25 * MIN }, insert]);
    expect(forkTimeline(base, [{ op: 'remove', index: 0 }])).toEqual([base[1]]);
    expect(forkTimeline(base, [{ op: 'replace', index: 1, action: insert }])).toEqual([base[0], insert]);
  });

  it('AZ-R17: the fork without the recreation has no provisioning outage', () => {
    const inp = input(azureHub({ vpnType: 'PolicyBased', activeActive: false }), base, 60 * MIN);
    const a = replay(inp);
    const b = replay(forkInput(inp, [{ op: 'remove', index: 0 }]));
    expect(a.steps.map((s) => s.event.type)).toContain('gateway.provisioned');
    expect(b.steps.map((s) => s.event.type)).toEqual(['tunnel.downed']);
  });
});
