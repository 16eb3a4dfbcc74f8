/** Azure traffic filters (AZ-R25..R33): network security groups and their rules, service tags. */
import * as z from 'zod';
import type { NsgProtocol, NsgRule, PortRange } from '@cloudroute/model';
import { formatAddress, formatPrefix, hostBitsFix, tryParseAddress, tryParsePrefix } from '../internal/ip.js';
import { describeValue } from '../internal/describe.js';
import { name, prefix } from './leaves.js';
import { coded, doc, strict } from './registry.js';
import {
  ALL_PORTS,
  caseless,
  description,
  fail,
  id,
  type Issue,
  numberIn,
  parsePortRange,
} from './filter-leaves.js';

/** Service tags every scenario has (AZ-R30); `AzureCloud` may also be listed under `serviceTags`. */
export const BUILT_IN_TAGS: readonly string[] = [
  'Internet',
  'VirtualNetwork',
  'AzureLoadBalancer',
  'AzureCloud',
];

const nsgProtocol = doc(
  caseless<NsgProtocol>(['Tcp', 'Udp', 'Icmp', 'Esp', 'Ah', '*'], 'an NSG protocol', { any: '*' }),
  'Tcp, Udp, Icmp, Esp, Ah or `"*"` (any; quote it), case-insensitive (default `"*"`).',
);

/** An NSG address: `*`, a CIDR or address (canonical), or a service tag name (as written). */
function nsgAddress(v: string, fail: Issue): string {
  const t = v.trim();
  if (t === '*') return '*';
  if (/^[0-9A-Fa-f:.]+\/\d+$/.test(t)) {
    const fixed = hostBitsFix(t);
    if (fixed !== undefined) return fail(`\`${t}\` has host bits set — write \`${fixed}\``);
    const r = tryParsePrefix(t);
    return r.ok ? formatPrefix(r.value) : fail(`${r.message} — write a CIDR like \`10.1.0.0/16\``);
  }
  if (/^[0-9A-Fa-f:.]+$/.test(t) && /[.:]/.test(t)) {
    const r = tryParseAddress(t);
    return r.ok ? formatAddress(r.value) : fail(`${r.message} — write an address like \`10.1.2.4\``);
  }
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(t))
    return fail(`\`${v}\` is not an NSG address — write \`"*"\`, a CIDR, an address or a service tag`);
  return t;
}

const nsgAddresses = doc(
  z
    .union([z.string(), z.array(z.string())], {
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : coded(
              'bad-value',
              `${describeValue(iss.input)} is not an NSG address — write \`"*"\`, a CIDR, an address, a service tag, or a list of them`,
            ),
    })
    .transform((v, ctx): string[] => {
      const list = typeof v === 'string' ? [v] : v;
      if (list.length === 0)
        return fail(ctx, v, 'bad-value')('an empty list matches nothing — write `"*"` for any address');
      return list.map((a) => nsgAddress(a, fail(ctx, a, 'bad-address')));
    }),
  '`"*"`, a CIDR, an address, a service tag (`Internet`, `VirtualNetwork`, `AzureLoadBalancer`, `AzureCloud`, a `serviceTags` key), or a list of CIDRs (default `"*"`).',
);

/** `*`, a port, `lo-hi`, or a list of them → ranges. */
function nsgPortList(v: unknown, fail: Issue): PortRange[] {
  const list = Array.isArray(v) ? (v as unknown[]) : [v];
  if (list.length === 0) return fail('an empty list matches no port — write `"*"` for every port');
  return list.map((p) => {
    if (p === '*') return ALL_PORTS;
    const r = parsePortRange(p);
    return typeof r === 'string' ? fail(`${r}, or \`"*"\``) : r;
  });
}

const nsgPorts = (what: string) =>
  doc(
    z
      .union([z.int(), z.string(), z.array(z.union([z.int(), z.string()]))], {
        error: (iss) =>
          iss.input === undefined
            ? undefined
            : coded(
                'bad-port',
                `${describeValue(iss.input)} is not a port — write \`"*"\`, a port, a range \`lo-hi\` or a list of them`,
              ),
      })
      .transform((v, ctx): PortRange[] => nsgPortList(v, fail(ctx, v, 'bad-port'))),
    `${what}: \`"*"\` (default), a port, a range \`lo-hi\` or a list of them.`,
  );

/** AZ-R26: one NSG security rule. */
export const nsgRule = strict(
  {
    context: 'filterRule',
    what: 'an Azure NSG security rule',
    provider: 'azure',
    variant: 'networkSecurityGroup',
  },
  {
    name: doc(name, 'Unique in the NSG (AZ-R26).'),
    priority: doc(
      numberIn(100, 4096, 'priority', 'AZ-R26'),
      '100–4096, processed from the lowest; once per direction (AZ-R26).',
    ),
    direction: doc(caseless(['Inbound', 'Outbound'], 'a direction'), '`Inbound` or `Outbound`.'),
    access: doc(caseless(['Allow', 'Deny'], 'an access'), '`Allow` or `Deny`.'),
    protocol: nsgProtocol.default('*'),
    source: nsgAddresses.default(['*']),
    destination: nsgAddresses.default(['*']),
    sourcePorts: nsgPorts('Source ports').default([ALL_PORTS]),
    destinationPorts: nsgPorts('Destination ports').default([ALL_PORTS]),
    description,
  },
).transform((r): NsgRule => r);

export const networkSecurityGroup = strict(
  {
    context: 'filter',
    what: 'an Azure network security group',
    provider: 'azure',
    variant: 'networkSecurityGroup',
  },
  {
    name,
    securityRules: doc(
      z.array(nsgRule),
      'Security rules; the six default rules are implicit (AZ-R27).',
    ).default([]),
    id,
  },
);

/** Top-level `serviceTags`: Azure tag → prefixes, the offline contents of tags rules use (AZ-R30). */
export const serviceTags = doc(
  z.record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9._-]*$/, {
      error: (iss) =>
        coded(
          'bad-name',
          `\`${String(iss.input)}\` is not a service tag name — write a name like \`Storage\` or \`Storage.WestUS\``,
        ),
    }),
    z.array(prefix),
  ),
  'Offline contents of the Azure service tags NSG rules use (AZ-R30): `Storage: [20.60.0.0/16]`. Built in: Internet, VirtualNetwork, AzureLoadBalancer; AzureCloud = its own prefixes (if listed) ∪ every tag listed here.',
);
