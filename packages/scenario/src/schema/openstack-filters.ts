/** OpenStack traffic filters (OS-R18..R23): Neutron security groups and their rules. */
import * as z from 'zod';
import type { NeutronRule } from '@cloudroute/model';
import { localOrPath, name, prefix } from './leaves.js';
import { coded, doc, strict } from './registry.js';
import { description, id, ipProtocol, numberIn } from './filter-leaves.js';

export const neutronRule = strict(
  {
    context: 'filterRule',
    what: 'a Neutron security group rule',
    provider: 'openstack',
    variant: 'securityGroup',
  },
  {
    direction: doc(z.enum(['ingress', 'egress']), '`ingress` or `egress`.'),
    ethertype: doc(
      z.enum(['IPv4', 'IPv6']),
      '`IPv4` or `IPv6` (the remote prefix must match).',
    ).exactOptional(),
    protocol: doc(
      ipProtocol.nullable(),
      'A name or number; absent or null: any protocol (as in Neutron).',
    ).exactOptional(),
    portRangeMin: doc(
      numberIn(0, 65535, 'port', 'OS-R19'),
      'Lowest port (ICMP: the type); absent: every port.',
    ).exactOptional(),
    portRangeMax: doc(numberIn(0, 65535, 'port', 'OS-R19'), 'Highest port (ICMP: the code).').exactOptional(),
    remoteIpPrefix: doc(
      prefix,
      'The remote range (or `remoteGroup`; neither: every address).',
    ).exactOptional(),
    remoteGroup: doc(
      localOrPath('security group'),
      'The remote group: members are the addresses of ports using it (OS-R20); by name or `network/group`.',
    ).exactOptional(),
    description,
  },
)
  .superRefine((r, ctx) => {
    if (r.remoteIpPrefix !== undefined && r.remoteGroup !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['remoteGroup'],
        input: r,
        message: coded(
          'OS-R19',
          'a rule has `remoteIpPrefix` or `remoteGroup`, not both — split it into two rules',
        ),
      });
    if (
      r.protocol !== 'icmp' &&
      r.portRangeMin !== undefined &&
      r.portRangeMax !== undefined &&
      r.portRangeMin > r.portRangeMax
    )
      ctx.addIssue({
        code: 'custom',
        path: ['portRangeMax'],
        input: r,
        message: coded(
          'OS-R19',
          `\`portRangeMax\` ${r.portRangeMax} is below \`portRangeMin\` ${r.portRangeMin} — swap them`,
        ),
      });
    if (r.remoteIpPrefix !== undefined && r.ethertype !== undefined)
      if ((r.remoteIpPrefix.includes(':') ? 'IPv6' : 'IPv4') !== r.ethertype)
        ctx.addIssue({
          code: 'custom',
          path: ['remoteIpPrefix'],
          input: r,
          message: coded(
            'OS-R19',
            `\`${r.remoteIpPrefix}\` is not an ${r.ethertype} prefix — the remote prefix must match \`ethertype\``,
          ),
        });
  })
  .transform((r): NeutronRule => {
    const { protocol, ...rest } = r;
    return protocol === null || protocol === undefined ? rest : { ...rest, protocol };
  });

export const openstackSecurityGroup = strict(
  { context: 'filter', what: 'an OpenStack security group', provider: 'openstack', variant: 'securityGroup' },
  {
    name: doc(name, 'The group name; `default` redefines the one default group of the scenario (OS-R23).'),
    stateful: doc(z.boolean(), 'Stateful (default true, OS-R21).').exactOptional(),
    rules: doc(z.array(neutronRule), 'Allow rules (OS-R18, OS-R19).').default([]),
    description,
    id,
  },
);
