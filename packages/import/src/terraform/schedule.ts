/**
 * When each change of a plan happens during `terraform apply`: operations wait for what they
 * depend on (creates and updates after their dependencies' creates and updates; deletes before
 * the deletes of what they depend on, i.e. in reverse), a replacement deletes then creates (or
 * creates then deletes with create_before_destroy), and each operation takes its provider's time.
 * Terraform's parallelism limit (10) is not modelled: independent operations run at once.
 */
import { defaultProfile } from '@cloudroute/model';
import type { TfInstance } from './plan.js';
import type { TfResolver } from './refs.js';

export type OpKind = 'create' | 'update' | 'delete';

export interface OpTime {
  readonly start: number;
  readonly end: number;
}

export type Schedule = ReadonlyMap<string, Partial<Record<OpKind, OpTime>>>;

/** The apply starts this long after the scenario start, so that runs show the network before it. */
export const APPLY_START = 300;

/** [GUESS] a routine API call (route, association, table) takes a few seconds. */
const DEFAULT_SECONDS = 5;

/** Seconds an operation takes (PROVIDERS.md where it gives a figure; else [GUESS]). */
export function operationSeconds(type: string, kind: OpKind, i: TfInstance, r: TfResolver): number {
  const p = defaultProfile;
  switch (type) {
    case 'azurerm_virtual_network_gateway':
      if (kind === 'create') return p.azure.vpnGatewayProvisioning; // AZ-R17
      if (kind === 'update')
        return r.value(i, 'before', ['sku']) !== r.value(i, 'after', ['sku']) ? p.azure.skuUpgrade : 300; // AZ-R18; [GUESS] other updates
      return 0; // the engine's recreate counts the whole outage from the delete
    case 'aws_vpn_gateway':
    case 'aws_vpn_connection':
      return kind === 'create' ? p.aws.vgwProvisioning : DEFAULT_SECONDS; // AWS-R28 [GUESS]
    case 'aws_nat_gateway':
      return kind === 'create' ? p.aws.natProvisioning : kind === 'delete' ? 60 : DEFAULT_SECONDS;
    case 'aws_ec2_transit_gateway':
      return kind === 'create' ? 300 : DEFAULT_SECONDS; // [GUESS]
    case 'aws_ec2_transit_gateway_vpc_attachment':
    case 'azurerm_virtual_network_gateway_connection':
      return kind === 'create' ? 60 : DEFAULT_SECONDS; // [GUESS]
    default:
      return DEFAULT_SECONDS;
  }
}

interface Node {
  readonly addr: string;
  readonly kind: OpKind;
  readonly dur: number;
  readonly after: Node[];
  time?: OpTime;
}

export function schedule(r: TfResolver): Schedule {
  const nodes = new Map<string, Node>();
  const key = (addr: string, kind: OpKind): string => `${kind}:${addr}`;
  for (const i of r.plan.instances) {
    const a = i.actions;
    const kinds: OpKind[] = [];
    if (a.includes('delete')) kinds.push('delete');
    if (a.includes('create')) kinds.push('create');
    if (a.includes('update')) kinds.push('update');
    for (const k of kinds)
      nodes.set(key(i.address, k), {
        addr: i.address,
        kind: k,
        dur: operationSeconds(i.type, k, i, r),
        after: [],
      });
  }
  const deps = new Map(r.plan.instances.map((i) => [i.address, r.dependencies(i)]));
  for (const i of r.plan.instances) {
    const create = nodes.get(key(i.address, 'create')) ?? nodes.get(key(i.address, 'update'));
    const del = nodes.get(key(i.address, 'delete'));
    for (const d of deps.get(i.address) ?? []) {
      const dc = nodes.get(key(d, 'create')) ?? nodes.get(key(d, 'update'));
      if (create !== undefined && dc !== undefined) create.after.push(dc);
      // Destroy dependents before what they depend on.
      const dd = nodes.get(key(d, 'delete'));
      if (del !== undefined && dd !== undefined) dd.after.push(del);
    }
    const c = nodes.get(key(i.address, 'create'));
    if (c !== undefined && del !== undefined) {
      // ["delete","create"]: destroy first; ["create","delete"]: create_before_destroy.
      if (i.actions.indexOf('delete') < i.actions.indexOf('create')) c.after.push(del);
      else del.after.push(c);
    }
  }
  const visiting = new Set<Node>();
  const time = (n: Node): OpTime => {
    if (n.time !== undefined) return n.time;
    if (visiting.has(n)) return { start: APPLY_START, end: APPLY_START + n.dur }; // a cycle: Terraform would refuse the plan
    visiting.add(n);
    const start = Math.max(APPLY_START, ...n.after.map((p) => time(p).end));
    visiting.delete(n);
    n.time = { start, end: start + n.dur };
    return n.time;
  };
  const out = new Map<string, Partial<Record<OpKind, OpTime>>>();
  for (const n of nodes.values()) out.set(n.addr, { ...out.get(n.addr), [n.kind]: time(n) });
  return out;
}
