/** The converter the Terraform AWS conversions share: the inventory they fill and the plan side they read. */
import { arr } from '../../internal/json.js';
import { AwsInventory, type AwsRecord, type KeyedName } from '../../aws/inventory.js';
import type { Warnings } from '../../warnings.js';
import type { TfInstance } from '../plan.js';
import { UNKNOWN, type Side, type TfResolver } from '../refs.js';

/** A describe-* record under construction. */
export type Mutable = Record<string, unknown>;

/**
 * The state of one plan side's conversion: the inventory it fills, the records later resources
 * add to (VPCs, route tables, VPN connections, transit gateways and their attachments), and the
 * attribute readers every conversion uses.
 */
export class AwsConverter {
  readonly inv = new AwsInventory();
  readonly vpcs = new Map<string, Mutable>();
  readonly tables = new Map<string, Mutable>();
  readonly vpns = new Map<string, Mutable>();
  readonly tgws = new Map<string, Mutable>();
  readonly tgwAttachments = new Map<string, Mutable>();
  readonly propagations = new Map<string, AwsRecord[]>();
  readonly tgwRoutes = new Map<string, AwsRecord[]>();
  readonly mains = new Map<string, string>();

  constructor(
    readonly r: TfResolver,
    readonly side: Side,
    readonly w: Warnings,
  ) {}

  /** The existing instances of a resource type on this side, in plan order. */
  instances(type: string): TfInstance[] {
    return this.r.plan.instances.filter((i) => this.r.exists(i, this.side) && i.type === type);
  }

  /** An inventory record of the instance: keyed by its address, its real id written when known. */
  record(i: TfInstance, o: Mutable): AwsRecord {
    const id = this.r.string(i, this.side, ['id']);
    return {
      o,
      file: this.r.file,
      path: ['resource_changes', i.address],
      origin: i.address,
      outId: id ?? i.address,
    };
  }

  /** Puts the record of an available object: its fields, then `State: available` and its Name tag. */
  putAvailable(kind: KeyedName, i: TfInstance, fields: Mutable): void {
    this.inv.put(kind, this.record(i, { ...fields, State: 'available', Tags: this.tags(i) }), this.w);
  }

  /** The Name tag, else the resource's name in the configuration (`private-0` for `private[0]`). */
  tags(i: TfInstance): Mutable[] {
    const n =
      this.r.string(i, this.side, ['tags', 'Name']) ??
      this.r.string(i, this.side, ['tags_all', 'Name']) ??
      (i.index === undefined ? i.name : `${i.name}-${String(i.index)}`);
    return [{ Key: 'Name', Value: n }];
  }

  /** A string attribute of the instance on this side, if known. */
  stringAttr(i: TfInstance, attr: string): string | undefined {
    return this.r.string(i, this.side, [attr]);
  }

  /** The key of the object an attribute links to (by reference or by id). */
  link(i: TfInstance, attr: string): string | undefined {
    return this.r.link(i, this.side, attr);
  }

  /** The VPC a gateway is attached to (its `vpc_id` link), quietly. */
  vpcOfGateway(x: TfInstance): string | undefined {
    return this.r.link(x, this.side, 'vpc_id', undefined, undefined, true);
  }
}

/** A list attribute's items; none when the whole list is unknown until apply. */
export function knownList(v: unknown): readonly unknown[] {
  return v === UNKNOWN ? [] : arr(v);
}
