/** The what-if's t=0 topology: the prior state plus what the timeline cannot create. */
import type { DGateway, DTopology } from '../draft.js';
import { clone, index, type Index, type WhatIf } from './what-if-context.js';

/** The t=0 topology: the prior state plus what the timeline cannot create. */
export function initial(before: DTopology, after: DTopology, a: Index, b: Index, x: WhatIf): DTopology {
  const t0 = clone(before);
  const t0ix = index(t0);
  const structural: string[] = [];
  for (const n of after.networks) {
    let net = t0ix.nets.get(n.key);
    if (net === undefined) {
      net = { ...clone(n), subnets: [], routeTables: [], hosts: [], gateways: [] };
      t0.networks.push(net);
      t0ix.nets.set(n.key, net);
      structural.push(`network ${n.names[0] ?? n.key}`);
    }
    for (const s of n.subnets)
      if (!b.subnets.has(s.key)) {
        const { routeTable: _rt, ...rest } = clone(s);
        net.subnets.push(rest);
        structural.push(`subnet ${s.names[0] ?? s.key}`);
      }
    for (const t of n.routeTables)
      if (!b.tables.has(t.key)) {
        net.routeTables.push({
          ...clone(t),
          routes: [],
          ...(t.main === true && b.tables.size > 0 ? { main: false } : {}),
        });
        structural.push(`route table ${t.names[0] ?? t.key}`);
      }
    for (const h of n.hosts)
      if (!b.hosts.has(h.key)) {
        net.hosts.push(clone(h));
        structural.push(`host ${h.names[0] ?? h.key}`);
      }
    for (const g of n.gateways) {
      const old = b.gateways.get(g.key);
      if (g.kind !== 'tgw' || old === undefined) continue;
      const shape = (v: DGateway): string => JSON.stringify([v.attachments, v.routeTables]);
      if (shape(old.g) !== shape(g)) {
        const mine = net.gateways.find((y) => y.key === g.key);
        if (mine !== undefined) {
          mine.attachments = clone(g.attachments ?? []);
          mine.routeTables = clone(g.routeTables ?? []);
        }
        x.w.note(
          'unsupported',
          `transit gateway ${g.names[0] ?? g.key}: attachment and TGW route table changes are applied from the start (no timeline action changes them)`,
        );
      }
    }
  }
  const known = new Set(t0.sites.map((s) => s.key));
  for (const s of after.sites)
    if (!known.has(s.key)) {
      t0.sites.push(clone(s));
      structural.push(`site ${s.names[0] ?? s.key}`);
    }
  const peers = new Set(t0.peerings.map((p) => p.key));
  for (const p of after.peerings)
    if (!peers.has(p.key)) {
      t0.peerings.push(clone(p));
      structural.push(`peering ${p.names[0] ?? p.key}`);
    }
  if (structural.length > 0)
    x.w.note(
      'assumed',
      `created by the plan and present from the start (the timeline cannot create them): ${structural.join(', ')}`,
    );
  for (const c of after.connections) {
    if (b.connections.has(c.key)) continue;
    const endsExist = b.gateways.has(c.gateway) && ('site' in c.other || b.gateways.has(c.other.gateway));
    if (!endsExist) {
      x.w.note(
        'unsupported',
        `connection ${c.names[0] ?? c.key} ends at a gateway the plan creates: not simulated (a connection cannot be created by the timeline)`,
      );
      continue;
    }
    t0.connections.push(clone(c));
    x.push({ at: 0, do: 'tunnel.down', connection: c.key }, c.origin);
    x.push({ at: x.at(c.origin, 'apply'), do: 'tunnel.up', connection: c.key }, c.origin);
  }
  for (const c of before.connections) {
    if (!a.connections.has(c.key))
      x.push({ at: x.at(c.origin, 'delete-start'), do: 'tunnel.down', connection: c.key }, c.origin);
    else if (x.replaced(c.origin)) {
      // Replaced: no tunnels from its delete until its create is done.
      x.push({ at: x.at(c.origin, 'delete-start'), do: 'tunnel.down', connection: c.key }, c.origin);
      x.push({ at: x.at(c.origin, 'apply'), do: 'tunnel.up', connection: c.key }, c.origin);
    }
  }
  for (const [key, { s }] of b.subnets)
    if (!a.subnets.has(key))
      x.w.note('unsupported', `subnet ${s.names[0] ?? key} is deleted by the plan: not simulated (it stays)`);
  for (const [key, { h }] of b.hosts)
    if (!a.hosts.has(key))
      x.w.note('unsupported', `host ${h.names[0] ?? key} is deleted by the plan: not simulated (it stays)`);
  return t0;
}
