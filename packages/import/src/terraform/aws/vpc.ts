/** Terraform VPCs, their extra CIDR blocks and subnets → describe-vpcs and describe-subnets records. */
import { arr, obj, str } from '../../internal/json.js';
import { cidrContains, canonicalPrefix } from '../../internal/ip.js';
import type { TfInstance } from '../plan.js';
import { UNKNOWN } from '../refs.js';
import type { AwsConverter, Mutable } from './converter.js';

/** `aws_vpc` and `aws_vpc_ipv4_cidr_block_association` → VPC records with their CIDR blocks. */
export function convertVpcs(c: AwsConverter): void {
  const { r, w } = c;
  for (const i of c.instances('aws_vpc')) {
    const cidr = c.stringAttr(i, 'cidr_block');
    const v6 = c.stringAttr(i, 'ipv6_cidr_block');
    const o: Mutable = {
      VpcId: i.address,
      CidrBlock: cidr,
      CidrBlockAssociationSet:
        cidr === undefined ? [] : [{ CidrBlock: cidr, CidrBlockState: { State: 'associated' } }],
      Ipv6CidrBlockAssociationSet:
        v6 === undefined ? [] : [{ Ipv6CidrBlock: v6, Ipv6CidrBlockState: { State: 'associated' } }],
      Tags: c.tags(i),
      State: 'available',
    };
    if (cidr === undefined)
      w.add('unresolved', `${i.address}: cidr_block unknown until apply (IPAM) — VPC left out`, r.file);
    c.vpcs.set(i.address, o);
    c.inv.put('Vpcs', c.record(i, o), w);
  }
  for (const i of c.instances('aws_vpc_ipv4_cidr_block_association')) {
    const vpc = c.vpcs.get(c.link(i, 'vpc_id') ?? '');
    const cidr = c.stringAttr(i, 'cidr_block');
    if (vpc !== undefined && cidr !== undefined)
      (vpc['CidrBlockAssociationSet'] as Mutable[]).push({
        CidrBlock: cidr,
        CidrBlockState: { State: 'associated' },
      });
  }
}

/** The one VPC whose CIDR blocks contain the CIDR, if exactly one does. */
function vpcByCidr(c: AwsConverter, cidr: string | undefined): string | undefined {
  if (cidr === undefined) return undefined;
  const hits = [...c.vpcs.entries()].filter(([, v]) =>
    arr(v['CidrBlockAssociationSet']).some((a) =>
      cidrContains(str(obj(a)?.['CidrBlock']) ?? '', canonicalPrefix(cidr) ?? ''),
    ),
  );
  return hits.length === 1 ? hits[0]?.[0] : undefined;
}

/**
 * The VPC of a resource: its `vpc_id` link; else, when that is unknown until apply, the VPC whose
 * CIDR contains `cidr` or the only VPC (reported as assumed); else undefined (reported).
 */
export function vpcOf(c: AwsConverter, i: TfInstance, cidr?: string): string | undefined {
  const { r, side, w } = c;
  const linked = r.link(i, side, 'vpc_id', undefined, undefined, true);
  if (linked !== undefined) return linked;
  const byCidr = vpcByCidr(c, cidr);
  const only = c.vpcs.size === 1 ? [...c.vpcs.keys()][0] : undefined;
  const pick = byCidr ?? only;
  const refs = arr(r.expression(i, 'vpc_id')?.['references']).join(', ');
  if (pick !== undefined)
    w.add(
      'assumed',
      `${i.address}: vpc_id is unknown until apply and its reference (${refs || 'none'}) cannot be followed — placed in ${pick}${byCidr !== undefined ? ', the VPC whose CIDR contains it' : ', the only VPC'}`,
      r.file,
    );
  else
    w.add(
      'unresolved',
      `${i.address}: vpc_id is unknown until apply and its reference (${refs || 'none'}) cannot be followed — left out`,
      r.file,
    );
  return pick;
}

/** `aws_subnet` → subnet records (a subnet whose IPv4 range is unknown until apply is left out). */
export function convertSubnets(c: AwsConverter): void {
  const { r, side, w } = c;
  for (const i of c.instances('aws_subnet')) {
    const constant = r.expression(i, 'cidr_block')?.['constant_value'];
    const cidr =
      c.stringAttr(i, 'cidr_block') ??
      c.stringAttr(i, 'address_prefix') ??
      (typeof constant === 'string' && constant !== '' ? constant : undefined);
    if (cidr === undefined && r.value(i, side, ['cidr_block']) === UNKNOWN) {
      const refs = arr(r.expression(i, 'cidr_block')?.['references']).join(', ');
      w.add(
        'unresolved',
        `${i.address}: cidr_block is unknown until apply${refs !== '' ? ` (computed from ${refs})` : ''} — subnet left out: a scenario subnet needs its IPv4 range`,
        r.file,
      );
      continue;
    }
    c.inv.put(
      'Subnets',
      c.record(i, {
        SubnetId: i.address,
        VpcId: vpcOf(c, i, cidr),
        CidrBlock: cidr,
        AvailabilityZone: c.stringAttr(i, 'availability_zone'),
        MapPublicIpOnLaunch: r.value(i, side, ['map_public_ip_on_launch']) === true,
        Tags: c.tags(i),
      }),
      w,
    );
  }
}
