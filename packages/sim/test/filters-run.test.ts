/**
 * `firewall: rules` over a run: per-flow ports (FILTERS.md "Flows"), incremental re-forwarding of
 * flows whose filters changed, `filters.existingConnections` (AWS-R39, AZ-R29), the outage's
 * deciding rule (`filter`), and slices that merge into the whole run (workers, shards).
 *
 * The test's compiler switches programs on host fields the engine already updates (`publicIp` of
 * db1 switches db1's SG, of web2 the db subnet's NACL): only the filters change with them, and
 * flows to db1 cross no host node, so only the filter node can make them re-forwarded.
 */
import { describe, expect, it } from 'vitest';
import { defaultProfile, type FilterProgram, type Topology } from '@cloudroute/model';
import { OUTCOMES, OUTCOME_COUNT } from '../src/plane/codes.js';
import { ForwardingPlane, NodeRegistry } from '../src/plane/compile.js';
import { Walker } from '../src/plane/walk.js';
import { flowPacket, generateFlows, resolveGroup } from '../src/flows.js';
import { foldTimeline, simulateSlice, type SimInput } from '../src/simulate.js';
import { mergeSlices } from '../src/parallel.js';
import { runResult } from '../src/result.js';
import type { FlowGroup } from '../src/spec.js';
import { open, program, rule, TCP, useTestFilters } from './filters-helper.js';
import { mainTable, network, topologyOf } from './fixtures.js';

const FIREWALL = OUTCOMES.indexOf('firewall');

function topology(): Topology {
  const net = network('prod', 'aws', {
    cidrs: ['10.0.0.0/16'],
    subnets: [
      { name: 'web', cidr: '10.0.1.0/24' },
      { name: 'db', cidr: '10.0.2.0/24' },
    ],
    routeTables: [mainTable()],
    hosts: [
      { name: 'web2', subnet: 'web', ip: '10.0.1.11' },
      { name: 'db1', subnet: 'db', ip: '10.0.2.10' },
    ],
  });
  return topologyOf([net], { firewall: 'rules' });
}

const acl = (dir: string, entries: ReturnType<typeof rule>[]): FilterProgram =>
  program('networkAcl', dir, entries, { object: 'prod/db-acl', rule: '*' });

useTestFilters((_state, net) => {
  const db1 = net.hosts.find((h) => h.name === 'db1');
  const web2 = net.hosts.find((h) => h.name === 'web2');
  const sgClosed = db1?.publicIp === true;
  const naclClosed = web2?.publicIp === true;
  const allOpen = (dir: string): FilterProgram => acl(dir, [rule('prod/db-acl', '100', true)]);
  return {
    defaultHost: { web: { out: open('securityGroup', 'outbound', 'prod/default') } },
    host: {
      db1: {
        in: program(
          'securityGroup',
          'inbound',
          sgClosed ? [] : [rule('prod/db-sg', 'pg', true, { protocol: TCP, ports: [5431, 5433] })],
          { object: 'prod/db1' },
        ),
      },
    },
    subnet: {
      db: {
        in: naclClosed
          ? acl('inbound', [])
          : acl('inbound', [
              rule('prod/db-acl', '90', false, { protocol: TCP, ports: [5431, 5431] }),
              rule('prod/db-acl', '100', true, { protocol: TCP, ports: [5432, 5432] }),
            ]),
        out: allOpen('outbound'),
      },
    },
  };
});

function input(timeline: SimInput['timeline'], flows: FlowGroup[], keep = false): SimInput {
  return {
    topology: topology(),
    profile: keep ? { ...defaultProfile, filters: { existingConnections: 'keep' } } : defaultProfile,
    timeline,
    horizon: 1800,
    seed: 7,
    flows,
  };
}

/** Every flow forwarded afresh at every moment (no incremental re-forwarding, no `keep`). */
function naive(inp: SimInput): number[][] {
  const { moments } = foldTimeline(inp);
  return inp.flows.map((f) => {
    const g = resolveGroup(inp.topology, f);
    const pk = flowPacket(f, inp.profile);
    const src = new Uint32Array(f.count);
    const dst = new Uint32Array(f.count);
    generateFlows(g, inp.seed, 0, f.count, src, dst);
    const row = new Array<number>(moments.length * OUTCOME_COUNT).fill(0);
    moments.forEach((m, k) => {
      const plane = new ForwardingPlane(m.state, new NodeRegistry());
      const walker = new Walker(plane);
      const s = plane.subnetIndex.get(g.source.subnet)!;
      for (let i = 0; i < f.count; i++) {
        const port = pk.portSpan > 1 ? pk.portLo + (i % pk.portSpan) : pk.portLo;
        walker.fw!.setPacket(pk.protocol, pk.sourceLo, pk.sourceHi, port, pk.portSpan > 1 ? port : pk.portHi);
        const host = plane.hostByIp[0]!.get(src[i]!) ?? -1;
        row[k * OUTCOME_COUNT + walker.forward(s, host, dst[i]!, null, src[i])]!++;
      }
    });
    return row;
  });
}

const pg: FlowGroup = {
  name: 'pg',
  from: 'prod/web',
  to: '10.0.2.10/32',
  protocol: 'tcp',
  port: { lo: 5432, hi: 5432 },
  count: 20,
};
const sgToggle: SimInput['timeline'] = [
  { at: 600, do: 'host.update', host: 'prod/db1', set: { publicIp: true } },
  { at: 1200, do: 'host.update', host: 'prod/db1', set: { publicIp: false } },
];
const firewallCounts = (counts: readonly number[], k: number): number[] =>
  Array.from({ length: k }, (_, i) => counts[i * OUTCOME_COUNT + FIREWALL]!);

describe('filters over a run (firewall: rules)', () => {
  it('a filter change re-forwards the flows that met it: incremental equals forwarding every flow at every moment', () => {
    const inp = input(sgToggle, [pg]);
    const r = simulateSlice(inp, [[0, 20]]);
    expect(r.counts).toEqual(naive(inp));
    expect(firewallCounts(r.counts[0]!, 3)).toEqual([0, 20, 0]);
  });

  it('AWS-R39: with existingConnections keep, an SG change does not cut established flows; a NACL change does', () => {
    expect(firewallCounts(simulateSlice(input(sgToggle, [pg], true), [[0, 20]]).counts[0]!, 3)).toEqual([
      0, 0, 0,
    ]);
    const naclToggle: SimInput['timeline'] = [
      { at: 600, do: 'host.update', host: 'prod/web2', set: { publicIp: true } },
      { at: 1200, do: 'host.update', host: 'prod/web2', set: { publicIp: false } },
    ];
    expect(firewallCounts(simulateSlice(input(naclToggle, [pg], true), [[0, 20]]).counts[0]!, 3)).toEqual([
      0, 20, 0,
    ]);
    // A flow dropped once is a new connection afterwards: keep does not revive it under a closed SG.
    const closedFirst: SimInput['timeline'] = [
      { at: 0, do: 'host.update', host: 'prod/db1', set: { publicIp: true } },
      { at: 600, do: 'host.update', host: 'prod/web2', set: { publicIp: true } },
    ];
    expect(firewallCounts(simulateSlice(input(closedFirst, [pg], true), [[0, 20]]).counts[0]!, 2)).toEqual([
      20, 20,
    ]);
  });

  it('FILTERS.md Flows: flow k of a port range uses lo + k mod (hi - lo + 1); the outage names the rule with the most lost flow-seconds', () => {
    const ranged: FlowGroup = { ...pg, name: 'range', port: { lo: 5431, hi: 5433 }, count: 10 };
    const inp = input([], [ranged]);
    const r = simulateSlice(inp, [[0, 10]]);
    // 5431 (k = 0, 3, 6, 9) denied by rule 90, 5432 delivered, 5433 (k = 2, 5, 8) by `*`.
    expect(r.counts[0]![0]).toBe(3);
    expect(r.filterLoss).toEqual([{ 'prod/db-acl#*': [3], 'prod/db-acl#90': [4] }]);
    const { events, rejected } = foldTimeline(inp);
    const doc = runResult({
      scenario: 't',
      seed: 7,
      horizon: 1800,
      flows: [ranged],
      expect: [],
      times: r.times,
      counts: r.counts,
      rejected,
      events,
      ...(r.filterLoss ? { filterLoss: r.filterLoss } : {}),
    });
    expect(doc.groups[0]!.outages).toEqual([
      { start: 0, end: 1800, flows: 7, reason: 'firewall', filter: 'prod/db-acl#90' },
    ]);
    // A tie (3 and 3 flows): the first rule in string order.
    const tie = { ...ranged, count: 9 };
    const rt = simulateSlice(input([], [tie]), [[0, 9]]);
    const dt = runResult({
      scenario: 't',
      seed: 7,
      horizon: 1800,
      flows: [tie],
      expect: [],
      times: rt.times,
      counts: rt.counts,
      rejected,
      events,
      ...(rt.filterLoss ? { filterLoss: rt.filterLoss } : {}),
    });
    expect(dt.groups[0]!.outages[0]!.filter).toBe('prod/db-acl#*');
  });

  it('slices of any split merge into the whole run, filter counts included (workers, shards)', () => {
    const ranged: FlowGroup = { ...pg, name: 'range', port: { lo: 5431, hi: 5433 }, count: 10 };
    const inp = input(sgToggle, [ranged, pg]);
    const whole = simulateSlice(inp, [
      [0, 10],
      [0, 20],
    ]);
    for (const cuts of [
      [3, 7],
      [1, 2, 5, 9],
    ]) {
      const bounds = [0, ...cuts, Infinity];
      const parts = bounds.slice(1).map((e, i) =>
        simulateSlice(inp, [
          [Math.min(bounds[i]!, 10), Math.min(e, 10)],
          [Math.min(bounds[i]!, 20), Math.min(e, 20)],
        ]),
      );
      expect(JSON.stringify(mergeSlices(parts))).toBe(JSON.stringify(whole));
    }
    expect(whole.filterLoss![1]).toEqual({ 'prod/db1#implicit-deny': [0, 20, 0] });
  });

  it('invariant 55: under none no filter data is kept and flows ignore ports', () => {
    const inp = { ...input(sgToggle, [pg]), topology: { ...topology(), firewall: 'none' as const } };
    const r = simulateSlice(inp, [[0, 20]]);
    expect(r.filterLoss).toBeUndefined();
    expect(firewallCounts(r.counts[0]!, 3)).toEqual([0, 0, 0]);
  });
});
