/** The emitter's references: object keys written as names, or as `network/object` paths. */
import type { DGateway, DTopology } from './draft.js';
import { nameTopology } from './names.js';
import type { Warnings } from './warnings.js';

/** A scenario document (or part of one) as plain data. */
export type Doc = Record<string, unknown>;

/** The topology's names and the network (or transit gateway) each object key belongs to. */
export interface Index {
  readonly names: ReadonlyMap<string, string>;
  /** Object key → key of its network (subnets, route tables, hosts, gateways). */
  readonly networkOf: ReadonlyMap<string, string>;
  /** TGW route table and attachment keys → the TGW's key. */
  readonly tgwOf: ReadonlyMap<string, string>;
}

/** Indexes a topology for the emitter: names, each object's network, each TGW part's TGW. */
export function buildIndex(t: DTopology): Index {
  const networkOf = new Map<string, string>();
  const tgwOf = new Map<string, string>();
  const gateway = (g: DGateway, net: string): void => {
    networkOf.set(g.key, net);
    for (const a of g.attachments ?? []) tgwOf.set(a.key, g.key);
    for (const r of g.routeTables ?? []) tgwOf.set(r.key, g.key);
  };
  for (const n of t.networks) {
    for (const s of n.subnets) networkOf.set(s.key, n.key);
    for (const r of n.routeTables) networkOf.set(r.key, n.key);
    for (const h of n.hosts) networkOf.set(h.key, n.key);
    for (const g of n.gateways) gateway(g, n.key);
    for (const f of [
      ...(n.prefixLists ?? []),
      ...(n.securityGroups ?? []),
      ...(n.networkAcls ?? []),
      ...(n.networkSecurityGroups ?? []),
    ])
      networkOf.set(f.key, n.key);
  }
  for (const a of t.timeline) if (a.do === 'gateway.create') gateway(a.gateway, a.network);
  return { names: nameTopology(t), networkOf, tgwOf };
}

/** Thrown where a reference's target was not imported: the object is left out, with a warning. */
export class MissingRef extends Error {}

/** Writes references: an object's name, its `network/object` path, a filter reference. */
export class EmitterRefs {
  constructor(
    protected readonly ix: Index,
    protected readonly warnings: Warnings,
  ) {}

  name(key: string): string | undefined {
    return this.ix.names.get(key);
  }

  /** `net/object` for a network-scoped key. */
  path(key: string): string | undefined {
    const net = this.ix.networkOf.get(key);
    const n = net === undefined ? undefined : this.name(net);
    const o = this.name(key);
    return n === undefined || o === undefined ? undefined : `${n}/${o}`;
  }

  /** A filter reference from network `net`: its name there, else `net/object` (FILTERS.md). */
  filterRef(key: string, net: string): string | undefined {
    return this.ix.networkOf.get(key) === net ? this.name(key) : this.path(key);
  }
}
