/** State shared by the steps of the AWS build: what has been imported so far, by provider id. */
import type { DConnection, DGateway, DNetwork, DPeering, DSubnet, DTopology } from '../draft.js';
import { str } from '../internal/json.js';
import type { Warnings } from '../warnings.js';
import type { AwsInventory, AwsRecord } from './inventory.js';

export interface EniInfo {
  readonly ip: string;
  readonly vpc: string | undefined;
}

export class AwsContext {
  readonly nets = new Map<string, DNetwork>();
  readonly subnets = new Map<string, { readonly net: DNetwork; readonly s: DSubnet }>();
  /** IGW, egress-only IGW, NAT, VGW and TGW by id. */
  readonly gateways = new Map<string, { readonly net: DNetwork; readonly g: DGateway }>();
  readonly peerings = new Map<string, DPeering>();
  readonly enis = new Map<string, EniInfo>();
  /** Instance id → its primary ENI id. */
  readonly instanceEni = new Map<string, string>();
  /** VGW id → prefixes propagated from it into route tables (learned over BGP). */
  readonly propagated = new Map<string, Set<string>>();
  /** VPN connection id → prefixes a TGW learned from it. */
  readonly vpnLearned = new Map<string, Set<string>>();
  readonly connections = new Map<string, DConnection>();
  /** Host key (ENI id) → the group ids its interface lists (`Groups[].GroupId`). */
  readonly hostGroups = new Map<string, { readonly groups: string[]; readonly rec: AwsRecord }>();

  constructor(
    readonly inv: AwsInventory,
    readonly t: DTopology,
    readonly w: Warnings,
  ) {}

  /** The id to write for a record: Terraform's known id or address, else the provider id. */
  idOf(rec: AwsRecord, id: string): string {
    return rec.outId ?? id;
  }

  warn(
    rec: AwsRecord,
    code: Parameters<Warnings['add']>[0],
    message: string,
    sub: readonly (string | number)[] = [],
  ): void {
    this.w.add(code, message, rec.file, [...rec.path, ...sub]);
  }

  /**
   * Adds the network of a VPC (`key` its VPC id), with its CIDRs and nothing in it yet; the steps
   * after fill its subnets, tables, hosts and gateways.
   */
  addNetwork(key: string, id: string, names: string[], cidrs: string[], origin?: string): DNetwork {
    const net: DNetwork = {
      key,
      id,
      names,
      provider: 'aws',
      cidrs,
      subnets: [],
      routeTables: [],
      hosts: [],
      gateways: [],
      ...(origin !== undefined ? { origin } : {}),
    };
    this.nets.set(key, net);
    this.t.networks.push(net);
    return net;
  }

  /** The network of a VPC id, or undefined with a warning naming the record. */
  network(rec: AwsRecord, vpcId: string | undefined, what: string): DNetwork | undefined {
    const net = vpcId === undefined ? undefined : this.nets.get(vpcId);
    if (net === undefined)
      this.warn(
        rec,
        'missing-reference',
        `${what}: VPC ${vpcId ?? '(none)'} is not in the input — skipped (add its describe-vpcs output)`,
      );
    return net;
  }
}

/** The lifecycle states that mean a record no longer exists. */
export function isGone(state: unknown): boolean {
  const s = str(state)?.toLowerCase();
  return (
    s === 'deleted' ||
    s === 'deleting' ||
    s === 'failed' ||
    s === 'rejected' ||
    s === 'expired' ||
    s === 'terminated' ||
    s === 'shutting-down'
  );
}
