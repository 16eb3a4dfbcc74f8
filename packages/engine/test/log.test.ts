import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventLogError, eventLog, fromNdjson, replay, replayLog, toNdjson } from '../src/index.js';
import { timeline } from './arbitraries.js';
import { azureHub, hybrid, input } from './fixtures.js';

describe('event log (NDJSON)', () => {
  it('replaying the log gives the same steps as the live run', () => {
    fc.assert(
      fc.property(timeline(7200), (tl) => {
        const live = replay(input(hybrid(), tl, 7200));
        const text = toNdjson(eventLog(live.steps));
        const again = replayLog(live.initial, fromNdjson(text));
        expect(again).toEqual(live.steps);
      }),
      { seed: 0x10c, numRuns: 60 },
    );
  });

  it('one event a line, with the facts the engine scheduled', () => {
    const live = replay(
      input(
        azureHub({ activeActive: false }),
        [{ at: 60, do: 'gateway.failover', gateway: 'hub/vng1', planned: true }],
        120,
      ),
    );
    const lines = toNdjson(eventLog(live.steps)).trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([
      {
        at: 60,
        origin: 'timeline',
        index: 0,
        type: 'gateway.failover.started',
        gateway: 'hub/vng1',
        planned: true,
        label: 'hub/vng1 planned failover',
      },
      {
        type: 'gateway.failover.completed',
        at: 75,
        origin: 'engine',
        gateway: 'hub/vng1',
        label: 'hub/vng1 failover completed',
      },
      {
        type: 'bgp.session.established',
        at: 75,
        origin: 'engine',
        connection: 'dc1-vpn',
        tunnel: 0,
        prefixes: 1,
        label: 'dc1-vpn tunnel 0: BGP session established (1 prefix learned)',
      },
    ]);
  });

  it('a bad line is an EventLogError naming the line', () => {
    expect(() => fromNdjson('\n{"type":"nope","at":1,"label":"x","origin":"engine"}\n')).toThrow(
      /line 2: unknown event type/,
    );
    expect(() => fromNdjson('{oops')).toThrow(EventLogError);
    expect(() => fromNdjson('{"type":"tunnel.downed","label":"x","origin":"engine"}')).toThrow(/`at`/);
    expect(fromNdjson('')).toEqual([]);
  });
});
