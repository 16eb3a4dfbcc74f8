/** The what-if's shared state: the two sides indexed by key, and the actions timed by the plan's schedule. */
import type { DAction, DConnection, DGateway, DNetwork, DRouteTable, DSubnet, DTopology } from '../draft.js';
import type { Warnings } from '../warnings.js';
import type { TfResolver } from './refs.js';
import { APPLY_START, type Schedule } from './schedule.js';

/** One side of the plan (before or after) indexed by object key. */
export interface Index {
  readonly nets: Map<string, DNetwork>;
  readonly subnets: Map<string, { net: DNetwork; s: DSubnet }>;
  readonly tables: Map<string, { net: DNetwork; t: DRouteTable }>;
  readonly gateways: Map<string, { net: DNetwork; g: DGateway }>;
  readonly hosts: Map<string, { net: DNetwork; h: DNetwork['hosts'][number] }>;
  readonly connections: Map<string, DConnection>;
}

/** Indexes a topology's networks, subnets, route tables, gateways, hosts and connections by key. */
export function index(t: DTopology): Index {
  const ix: Index = {
    nets: new Map(),
    subnets: new Map(),
    tables: new Map(),
    gateways: new Map(),
    hosts: new Map(),
    connections: new Map(),
  };
  for (const n of t.networks) {
    ix.nets.set(n.key, n);
    for (const s of n.subnets) ix.subnets.set(s.key, { net: n, s });
    for (const r of n.routeTables) ix.tables.set(r.key, { net: n, t: r });
    for (const g of n.gateways) ix.gateways.set(g.key, { net: n, g });
    for (const h of n.hosts) ix.hosts.set(h.key, { net: n, h });
  }
  for (const c of t.connections) ix.connections.set(c.key, c);
  return ix;
}

/** A deep copy (the two sides are never shared with the t=0 topology). */
export const clone = <T>(v: T): T => structuredClone(v);

/** When an action happens relative to its resource's change in the schedule. */
export type Timing = 'apply' | 'remove' | 'create-start' | 'delete-start';

/** The actions collected so far, timed by the schedule of the plan's resource changes. */
export class WhatIf {
  readonly actions: DAction[] = [];
  constructor(
    readonly r: TfResolver,
    readonly sched: Schedule,
    readonly w: Warnings,
  ) {}

  replaced(origin: string | undefined): boolean {
    const i = origin === undefined ? undefined : this.r.plan.instances.find((x) => x.address === origin);
    return i !== undefined && i.actions.includes('delete') && i.actions.includes('create');
  }

  at(origin: string | undefined, timing: Timing): number {
    const ops = origin === undefined ? undefined : this.sched.get(origin);
    if (ops === undefined) return APPLY_START;
    switch (timing) {
      case 'apply':
        return (ops.create ?? ops.update)?.end ?? ops.delete?.end ?? APPLY_START;
      case 'create-start':
        return (ops.create ?? ops.update)?.start ?? APPLY_START;
      case 'remove':
      case 'delete-start':
        return ops.delete?.start ?? (ops.update ?? ops.create)?.start ?? APPLY_START;
    }
  }

  push(a: DAction, origin: string | undefined): void {
    this.actions.push(origin === undefined ? a : { ...a, origin });
  }
}
