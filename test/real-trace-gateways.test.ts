/**
 * DESIGN.md "`trace`" on the real AWS snapshots of ../shared/real-configs (read, never copied):
 * every gateway a traced packet crosses is a hop, by the provider id the import kept. From every
 * subnet to every other subnet, every site and the internet: wherever a hop's route sends the
 * packet to a gateway (internet, NAT, VGW, transit), a VPN connection or a named peering, and the
 * packet goes on, the next hop is that object, with its id. Skipped when the folder is absent.
 */
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws } from '@cloudroute/import';
import { forwardingTables, type CandidateRoute, type Topology } from '@cloudroute/model';
import { loadScenario } from '@cloudroute/scenario';
import { stateAt, trace, type TraceHop } from '@cloudroute/sim';
import { REAL, awsSnapshotDirs, jsonSources, present, walk } from './real-configs.js';

/** The provider id of what a route's action crosses next, and the node its hop must have. */
function crossed(topology: Topology, r: CandidateRoute): { node: string; id?: string } | undefined {
  const a = r.action;
  if (!a) return undefined;
  const gw = (path: string): { node: string; id?: string } => {
    const [net, name] = path.split('/');
    const id = topology.networks.find((n) => n.name === net)?.gateways.find((g) => g.name === name)?.id;
    return { node: path, ...(id !== undefined ? { id } : {}) };
  };
  switch (a.kind) {
    case 'internet':
      return a.gateway !== undefined ? gw(a.gateway) : undefined;
    case 'nat':
    case 'gateway':
      return gw(a.gateway);
    case 'connection': {
      const id = topology.connections.find((c) => c.name === a.connection)?.id;
      return { node: `connection:${a.connection}`, ...(id !== undefined ? { id } : {}) };
    }
    case 'peering': {
      const p = a.peering !== undefined ? topology.peerings.find((x) => x.name === a.peering) : undefined;
      return p ? { node: `peering:${a.peering}`, ...(p.id !== undefined ? { id: p.id } : {}) } : undefined;
    }
    case 'local':
    case 'appliance':
    case 'site':
    case 'drop':
    case 'opaque':
      return undefined;
  }
}

/** The selected route a hop shows, found in the model's tables. */
function routeOf(tables: Map<string, readonly CandidateRoute[]>, h: TraceHop) {
  const r = h.route;
  if (!r) return undefined;
  return tables
    .get(h.node)
    ?.find(
      (c) =>
        c.selected &&
        c.prefix === r.prefix &&
        c.source === r.source &&
        c.nextHopType === r.nextHopType &&
        c.nextHopIp === r.nextHopIp,
    );
}

describe.skipIf(!present)('trace through the real AWS snapshots: every gateway a hop, by provider id', () => {
  const snapshots = present ? awsSnapshotDirs(walk(REAL)) : [];
  /** Provider-id prefixes of the crossings seen over every snapshot. */
  const seen = new Set<string>();

  for (const dir of snapshots)
    it(`trace aws ${relative(REAL, dir)}`, () => {
      const sc = loadScenario(importAws(jsonSources(dir)).text, 'imported.yaml').scenario!;
      const { topology, profile, timeline, horizon, seed } = sc;
      const state = stateAt({ topology, profile, timeline, horizon, seed }, 0);
      const tables = new Map(forwardingTables(state).map((t) => [t.id, t.routes]));
      const subnets = topology.networks.flatMap((n) =>
        n.subnets.map((s) => ({ path: `${n.name}/${s.name}`, cidr: s.cidr })),
      );
      const fifth = (cidr: string): string => {
        const [a, len] = cidr.split('/');
        const o = a!.split('.').map(Number);
        const n = ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
        const x = Number(len) >= 29 ? n : n + 4;
        return [x >>> 24, (x >>> 16) & 255, (x >>> 8) & 255, x & 255].join('.');
      };
      const targets = [
        '8.8.8.8',
        ...subnets.filter((s) => !s.cidr.includes(':')).map((s) => fifth(s.cidr)),
        ...topology.sites.flatMap((s) => s.cidrs.filter((c) => !c.includes(':')).map(fifth)),
      ];
      let checked = 0;
      for (const from of subnets.filter((s) => !s.cidr.includes(':')))
        for (const to of targets) {
          const t = trace(state, from.path, to);
          t.hops.forEach((h, i) => {
            // A hop that names a gateway carries that gateway's id.
            const c = routeOf(tables, h);
            const x = c && crossed(topology, c);
            if (!x) return;
            const next = t.hops[i + 1];
            if (!next) {
              // The packet stopped at this route: dropped here, never delivered past a gateway.
              expect(t.verdict, `${from.path} → ${to}: ends at a route into ${x.node}`).toBe('dropped');
              return;
            }
            expect(
              next.node === x.node || next.node.startsWith(`${x.node}#`),
              `${from.path} → ${to}: hop ${i + 1} is ${next.node}, not ${x.node}`,
            ).toBe(true);
            expect(next.id, `${from.path} → ${to}: ${x.node}'s provider id`).toBe(x.id);
            if (x.id !== undefined) seen.add(x.id.split('-')[0]!);
            checked++;
          });
        }
      expect(checked + targets.length).toBeGreaterThan(0);
    });

  it('the snapshots cross internet, NAT, VPN and transit gateways, VPN connections and peerings, by id', () => {
    expect([...seen].sort()).toEqual(expect.arrayContaining(['igw', 'nat', 'pcx', 'tgw', 'vgw', 'vpn']));
  });
});
