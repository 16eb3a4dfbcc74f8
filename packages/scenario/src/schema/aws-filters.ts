/** AWS traffic filters (AWS-R34..R44): prefix lists, security groups and their rules, network ACLs and their entries. */
import * as z from 'zod';
import type { NetworkAclEntry, SecurityGroup, SecurityGroupRule } from '@cloudroute/model';
import { localOrPath, name, prefix } from './leaves.js';
import { coded, doc, strict } from './registry.js';
import {
  checkPortsFor,
  description,
  icmpValue,
  id,
  ipProtocol,
  numberIn,
  portRange,
  withoutAllIcmp,
} from './filter-leaves.js';

export const prefixList = strict(
  { context: 'filter', what: 'an AWS prefix list', provider: 'aws', variant: 'prefixList' },
  {
    name,
    cidrs: doc(z.array(prefix), 'The CIDRs of the list (AWS-R38).'),
    id,
  },
);

const SG_PEERS = ['cidr', 'prefixList', 'securityGroup'] as const;

/** AWS-R35: a security-group rule, exactly one of `cidr`, `prefixList`, `securityGroup`. */
export const securityGroupRule = strict(
  { context: 'filterRule', what: 'an AWS security group rule', provider: 'aws', variant: 'securityGroup' },
  {
    name: doc(
      name,
      'A name (`filterRule.replace` and `remove` find the rule by it; traces show it).',
    ).exactOptional(),
    protocol: ipProtocol,
    port: doc(portRange, 'TCP/UDP port or range; absent: every port.').exactOptional(),
    icmpType: icmpValue('type'),
    icmpCode: icmpValue('code'),
    cidr: doc(prefix, 'The source (inbound) or destination (outbound) range.').exactOptional(),
    prefixList: doc(name, 'A prefix list of this network (AWS-R38).').exactOptional(),
    securityGroup: doc(
      localOrPath('security group'),
      'A security group of this VPC by name (`default` too), or `network/group` of a peered VPC (AWS-R37).',
    ).exactOptional(),
    description,
  },
)
  .superRefine((r, ctx) => {
    const given = SG_PEERS.filter((k) => r[k] !== undefined);
    if (given.length !== 1)
      ctx.addIssue({
        code: 'custom',
        path: given.length > 1 ? [given[1] ?? 'cidr'] : [],
        input: r,
        message: coded(
          'AWS-R35',
          given.length === 0
            ? 'a security group rule names its peer — give exactly one of `cidr`, `prefixList`, `securityGroup`'
            : `a security group rule has exactly one peer — remove all but one of ${given.map((k) => `\`${k}\``).join(', ')}`,
        ),
      });
    checkPortsFor(r, ctx, 'AWS-R35');
  })
  .transform((r): SecurityGroupRule => withoutAllIcmp(r));

/** A new security group's outbound rule (AWS-R35), written when the file has no `outbound` key. */
export const ALLOW_ALL_OUTBOUND: readonly SecurityGroupRule[] = [{ protocol: 'all', cidr: '0.0.0.0/0' }];

export const awsSecurityGroup = strict(
  { context: 'filter', what: 'an AWS security group', provider: 'aws', variant: 'securityGroup' },
  {
    name: doc(name, 'The group name; `default` redefines the VPC default group (AWS-R36).'),
    inbound: doc(z.array(securityGroupRule), 'Inbound allow rules (default none).').default([]),
    outbound: doc(
      z.array(securityGroupRule),
      'Outbound allow rules. No `outbound` key: the allow-all rule of a new group (`{ protocol: all, cidr: 0.0.0.0/0 }`); `outbound: []`: none.',
    ).exactOptional(),
    description,
    id,
  },
).transform((g): SecurityGroup => ({
  ...g,
  outbound: g.outbound ?? ALLOW_ALL_OUTBOUND,
}));

/** AWS-R40: a network ACL entry. */
export const networkAclEntry = strict(
  { context: 'filterRule', what: 'an AWS network ACL entry', provider: 'aws', variant: 'networkAcl' },
  {
    ruleNumber: doc(
      numberIn(1, 32766, 'rule number', 'AWS-R40'),
      'Evaluated from the lowest; 1–32766 (32767 is the `*` rule), once per direction (AWS-R40).',
    ),
    protocol: ipProtocol,
    port: doc(portRange, 'TCP/UDP port or range; absent: every port.').exactOptional(),
    icmpType: icmpValue('type'),
    icmpCode: icmpValue('code'),
    cidr: doc(prefix, 'The source (inbound) or destination (outbound) range (a CIDR only, AWS-R38).'),
    action: doc(z.enum(['allow', 'deny']), '`allow` or `deny`.'),
  },
)
  .superRefine((r, ctx) => checkPortsFor(r, ctx, 'AWS-R40'))
  .transform((r): NetworkAclEntry => withoutAllIcmp(r));

export const networkAcl = strict(
  { context: 'filter', what: 'an AWS network ACL', provider: 'aws', variant: 'networkAcl' },
  {
    name,
    default: doc(
      z.boolean(),
      "The VPC's default NACL: subnets without `networkAcl` use it (default: an allow-all default NACL).",
    ).exactOptional(),
    inbound: doc(z.array(networkAclEntry), 'Inbound entries; the `*` deny is implicit.').default([]),
    outbound: doc(z.array(networkAclEntry), 'Outbound entries; the `*` deny is implicit.').default([]),
    id,
  },
);
