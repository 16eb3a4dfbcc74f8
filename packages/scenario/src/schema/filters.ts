/**
 * Traffic filters (FILTERS.md "Filter objects"): AWS prefix lists, security groups and network
 * ACLs, Azure network security groups, GCP VPC firewall rules and Neutron security groups, the
 * per-subnet `defaultHost`, and the leaves they share (protocols, ports). Each schema validates a
 * rule in itself (AWS-R35, AWS-R40, AZ-R26, GCP-R26, OS-R19) and normalises it to the model's
 * types (`@cloudroute/model` filters/types.ts): protocols to `IpProtocol`, ports to `PortRange`,
 * Azure addresses and ports to lists, GCP defaults filled in, an AWS group's default outbound rule
 * written. What depends on other objects (references, repeated numbers) is checked in
 * checks/filters.ts.
 */
import * as z from 'zod';
import type {
  FirewallRule,
  IpProtocol,
  NetworkAclEntry,
  NeutronRule,
  NsgProtocol,
  NsgRule,
  PortRange,
  SecurityGroup,
  SecurityGroupRule,
} from '@cloudroute/model';
import { formatAddress, formatPrefix, hostBitsFix, tryParseAddress, tryParsePrefix } from '../internal/ip.js';
import { describeValue } from '../internal/describe.js';
import { suggest } from '../internal/suggest.js';
import { localOrPath, name, prefix, providerId, tags } from './leaves.js';
import { coded, doc, strict } from './registry.js';

const id = providerId.exactOptional();
const description = doc(z.string().max(1024), 'Free text (kept for traces).').exactOptional();

/** Every port. */
export const ALL_PORTS: PortRange = { lo: 0, hi: 65535 };

type Issue = (message: string) => never;

const fail =
  (ctx: z.core.$RefinementCtx, input: unknown, code: string): Issue =>
  (message) => {
    ctx.issues.push({ code: 'custom', input, message: coded(code, message) });
    return z.NEVER;
  };

// ---------------------------------------------------------------------------------------------
// Leaves: ports and protocols
// ---------------------------------------------------------------------------------------------

/** `80` or `"1000-2000"` (or a number-string `"80"`) as a range; a message when it is not one. */
export function parsePortRange(v: unknown, max = 65535): PortRange | string {
  const bad = `${describeValue(v)} is not a port — write a number from 0 to ${max} or a range \`lo-hi\` such as \`1024-65535\``;
  let lo: number;
  let hi: number;
  if (typeof v === 'number') {
    if (!Number.isInteger(v)) return bad;
    lo = hi = v;
  } else if (typeof v === 'string') {
    const m = /^\s*(\d{1,6})\s*(?:-\s*(\d{1,6})\s*)?$/.exec(v);
    if (m === null) return bad;
    lo = Number(m[1]);
    hi = m[2] === undefined ? lo : Number(m[2]);
  } else return bad;
  if (lo < 0 || hi > max || lo > max)
    return `port ${String(v)} is outside 0–${max} — write ports from 0 to ${max}`;
  if (lo > hi)
    return `the range \`${String(v)}\` runs backwards — write the lower port first (\`${hi}-${lo}\`)`;
  return { lo, hi };
}

const portInput = z.union([z.int(), z.string()], {
  error: (iss) =>
    iss.input === undefined
      ? undefined
      : coded(
          'bad-port',
          `${describeValue(iss.input)} is not a port — write a number from 0 to 65535 or a range \`lo-hi\``,
        ),
});

/** A port or an inclusive range: `443`, `1024-65535` → `{ lo, hi }`. */
export const portRange = doc(
  portInput.transform((v, ctx): PortRange => {
    const r = parsePortRange(v);
    return typeof r === 'string' ? fail(ctx, v, 'bad-port')(r) : r;
  }),
  'A port (`443`) or an inclusive range `lo-hi` (`1024-65535`).',
  'PortRange',
);

/** IANA numbers of the protocol names a rule may use beside tcp, udp and icmp. */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  icmpv6: 58,
  esp: 50,
  ah: 51,
  gre: 47,
  sctp: 132,
  ipip: 4,
};

/** The names that mean every protocol: AWS `-1`, GCP `all`, Azure `*`. */
const ALL_NAMES = new Set(['all', '-1', '*', 'any']);

/**
 * A protocol as AWS, GCP and Neutron write it — a name (`tcp`, case-insensitive), a number (`6`,
 * `"17"`), or every protocol (`all`, `-1`, `"*"`) — as an {@link IpProtocol}: 1, 6, 17 become
 * `icmp`, `tcp`, `udp`; other numbers stay numbers.
 */
export function normaliseProtocol(v: unknown): IpProtocol | undefined {
  let n: number;
  if (typeof v === 'number') {
    if (v === -1) return 'all';
    n = v;
  } else if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (ALL_NAMES.has(t)) return 'all';
    if (t === 'tcp' || t === 'udp' || t === 'icmp') return t;
    const named = PROTOCOL_NUMBERS[t];
    if (named !== undefined) return named;
    if (!/^\d{1,3}$/.test(t)) return undefined;
    n = Number(t);
  } else return undefined;
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  return n === 6 ? 'tcp' : n === 17 ? 'udp' : n === 1 ? 'icmp' : n;
}

const PROTOCOL_HELP = '`tcp`, `udp`, `icmp`, `all` (or `-1`), or a protocol number from 0 to 255';

/** An IP protocol (AWS, GCP, Neutron rules) normalised to `all | tcp | udp | icmp | number`. */
export const ipProtocol = doc(
  z
    .union([z.string(), z.int()], {
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : coded('bad-protocol', `${describeValue(iss.input)} is not a protocol — write ${PROTOCOL_HELP}`),
    })
    .transform((v, ctx): IpProtocol => {
      const p = normaliseProtocol(v);
      if (p !== undefined) return p;
      const close =
        typeof v === 'string'
          ? suggest(v, ['tcp', 'udp', 'icmp', 'all', ...Object.keys(PROTOCOL_NUMBERS)])
          : undefined;
      return fail(
        ctx,
        v,
        'bad-protocol',
      )(
        `\`${String(v)}\` is not a protocol${close === undefined ? '' : `; did you mean \`${close}\`?`} — write ${PROTOCOL_HELP}`,
      );
    }),
  `The IP protocol: ${PROTOCOL_HELP} (esp, ah, gre, sctp, ipip, icmpv6 by name too).`,
  'IpProtocol',
);

const icmpValue = (what: string) =>
  doc(
    z
      .int({
        error: (iss) =>
          iss.input === undefined
            ? undefined
            : coded(
                'bad-value',
                `${describeValue(iss.input)} is not an ICMP ${what} — write 0 to 255, or -1 for all`,
              ),
      })
      .min(-1, { error: coded('out-of-range', `an ICMP ${what} is 0 to 255, or -1 for all — change it`) })
      .max(255, { error: coded('out-of-range', `an ICMP ${what} is 0 to 255, or -1 for all — change it`) }),
    `ICMP ${what} (0–255; -1 or absent: all).`,
  ).exactOptional();

/** `-1` (all) becomes absent, as the model reads it. */
function withoutAllIcmp<T extends { icmpType?: number; icmpCode?: number }>(r: T): T {
  const { icmpType, icmpCode, ...rest } = r;
  return {
    ...rest,
    ...(icmpType === undefined || icmpType === -1 ? {} : { icmpType }),
    ...(icmpCode === undefined || icmpCode === -1 ? {} : { icmpCode }),
  } as T;
}

/** Ports are for TCP and UDP; ICMP types and codes are for ICMP (AWS-R35). */
function checkPortsFor(
  r: { protocol: IpProtocol; port?: PortRange; icmpType?: number; icmpCode?: number },
  ctx: z.core.$RefinementCtx,
  rule: string,
): void {
  if (r.port !== undefined && r.protocol !== 'tcp' && r.protocol !== 'udp')
    ctx.addIssue({
      code: 'custom',
      path: ['port'],
      input: r.port,
      message: coded(
        rule,
        `\`port\` is for tcp and udp — protocol ${String(r.protocol)} has no ports${r.protocol === 'icmp' ? ' (use `icmpType` and `icmpCode`)' : ''}; remove it`,
      ),
    });
  for (const key of ['icmpType', 'icmpCode'] as const)
    if (r[key] !== undefined && r.protocol !== 'icmp')
      ctx.addIssue({
        code: 'custom',
        path: [key],
        input: r[key],
        message: coded(
          rule,
          `\`${key}\` is for ICMP rules — protocol ${String(r.protocol)} has none; remove it`,
        ),
      });
}

const numberIn = (min: number, max: number, what: string, rule: string) =>
  z
    .int({
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : coded(
              'wrong-type',
              `expected ${what} (a whole number from ${min} to ${max}), not ${describeValue(iss.input)} — write a plain number`,
            ),
    })
    .min(min, {
      error: (iss) =>
        coded(
          rule,
          `${what} ${String(iss.input)} is outside ${min}–${max} — use a number from ${min} to ${max}`,
        ),
    })
    .max(max, {
      error: (iss) =>
        coded(
          rule,
          `${what} ${String(iss.input)} is outside ${min}–${max} — use a number from ${min} to ${max}`,
        ),
    });

// ---------------------------------------------------------------------------------------------
// AWS (AWS-R34..R44)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Azure (AZ-R25..R33)
// ---------------------------------------------------------------------------------------------

/** Service tags every scenario has (AZ-R30); `AzureCloud` may also be listed under `serviceTags`. */
export const BUILT_IN_TAGS: readonly string[] = [
  'Internet',
  'VirtualNetwork',
  'AzureLoadBalancer',
  'AzureCloud',
];

const caseless = <const T extends string>(
  values: readonly [T, ...T[]],
  what: string,
  extra: Readonly<Record<string, T>> = {},
) =>
  z
    .string({
      error: (iss) =>
        iss.input === undefined
          ? undefined
          : coded(
              'bad-value',
              `${describeValue(iss.input)} is not ${what} — use one of ${values.join(', ')}`,
            ),
    })
    .transform((v, ctx): T => {
      const t = v.trim().toLowerCase();
      const found = values.find((x) => x.toLowerCase() === t) ?? extra[t];
      if (found !== undefined) return found;
      const close = suggest(v, values);
      return fail(
        ctx,
        v,
        'bad-value',
      )(
        `\`${v}\` is not ${what}${close === undefined ? '' : `; did you mean \`${close}\`?`} — use one of ${values.join(', ')}`,
      );
    });

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

// ---------------------------------------------------------------------------------------------
// GCP (GCP-R25..R31)
// ---------------------------------------------------------------------------------------------

const gcpPorts = doc(
  z.array(portInput).transform((list, ctx): PortRange[] =>
    list.map((p) => {
      const r = parsePortRange(p);
      return typeof r === 'string' ? fail(ctx, p, 'bad-port')(r) : r;
    }),
  ),
  'Ports as the Compute API writes them: `"5432"`, `"1000-2000"` (TCP and UDP only); absent: every port.',
);

const protocolPorts = strict(
  { context: 'filterRule', what: 'a GCP `allow`/`deny` entry', provider: 'gcp', variant: 'protocolPorts' },
  {
    protocol: ipProtocol,
    ports: gcpPorts.exactOptional(),
  },
).superRefine((e, ctx) => {
  if (e.ports !== undefined && e.protocol !== 'tcp' && e.protocol !== 'udp')
    ctx.addIssue({
      code: 'custom',
      path: ['ports'],
      input: e.ports,
      message: coded(
        'GCP-R26',
        `ports apply to tcp and udp only — remove \`ports\` from protocol ${String(e.protocol)}`,
      ),
    });
});

/** GCP-R26: one VPC firewall rule, with its defaults (INGRESS, priority 1000). */
export const firewallRule = strict(
  { context: 'filterRule', what: 'a GCP firewall rule', provider: 'gcp', variant: 'firewallRule' },
  {
    name,
    direction: doc(
      caseless(['INGRESS', 'EGRESS'], 'a direction'),
      '`INGRESS` (default) or `EGRESS`.',
    ).default('INGRESS'),
    priority: doc(
      numberIn(0, 65535, 'priority', 'GCP-R26'),
      '0–65535, lower wins, deny wins a tie (default 1000, GCP-R26).',
    ).default(1000),
    allow: doc(
      z.array(protocolPorts),
      'What the rule allows (exactly one of `allow`, `deny`).',
    ).exactOptional(),
    deny: doc(
      z.array(protocolPorts),
      'What the rule denies (exactly one of `allow`, `deny`).',
    ).exactOptional(),
    sourceRanges: doc(z.array(prefix), 'INGRESS: source ranges.').exactOptional(),
    sourceTags: doc(tags, 'INGRESS: sources are VMs of this network with one of these tags.').exactOptional(),
    sourceServiceAccounts: doc(
      z.array(name),
      'INGRESS: sources are VMs of this network with one of these service accounts (not with tags).',
    ).exactOptional(),
    destinationRanges: doc(z.array(prefix), 'EGRESS: destination ranges.').exactOptional(),
    targetTags: doc(tags, 'The VMs the rule applies to (default: all of the network).').exactOptional(),
    targetServiceAccounts: doc(
      z.array(name),
      'The VMs the rule applies to, by service account (not with tags).',
    ).exactOptional(),
    disabled: doc(z.boolean(), 'As if the rule did not exist (default false).').exactOptional(),
    description,
    id,
  },
)
  .superRefine((r, ctx) => {
    const add = (path: (string | number)[], message: string): void =>
      ctx.addIssue({ code: 'custom', path, input: r, message: coded('GCP-R26', message) });
    if ((r.allow === undefined) === (r.deny === undefined))
      add(
        r.allow === undefined ? [] : ['deny'],
        r.allow === undefined
          ? 'a firewall rule needs `allow` or `deny` — give exactly one'
          : 'a firewall rule has `allow` or `deny`, not both — split it into two rules',
      );
    const sources = (['sourceRanges', 'sourceTags', 'sourceServiceAccounts'] as const).filter(
      (k) => r[k] !== undefined,
    );
    if (r.direction === 'EGRESS')
      for (const k of sources)
        add([k], `\`${k}\` is for INGRESS rules — an EGRESS rule matches \`destinationRanges\`; remove it`);
    else {
      if (r.destinationRanges !== undefined)
        add(
          ['destinationRanges'],
          '`destinationRanges` is for EGRESS rules — an INGRESS rule matches sources; remove it or set `direction: EGRESS`',
        );
      if (sources.length === 0)
        add(
          [],
          'an INGRESS rule needs a source — give `sourceRanges`, `sourceTags` or `sourceServiceAccounts` (`sourceRanges: [0.0.0.0/0]` for any)',
        );
    }
    if (r.sourceServiceAccounts !== undefined && r.sourceTags !== undefined)
      add(
        ['sourceServiceAccounts'],
        'source service accounts cannot be combined with source tags — use one kind',
      );
    if (r.targetServiceAccounts !== undefined && r.targetTags !== undefined)
      add(
        ['targetServiceAccounts'],
        'target service accounts cannot be combined with target tags — use one kind',
      );
    if (r.targetServiceAccounts !== undefined && r.sourceTags !== undefined)
      add(
        ['sourceTags'],
        'service accounts cannot be combined with tags — use source and target service accounts, or tags',
      );
    if (r.targetTags !== undefined && r.sourceServiceAccounts !== undefined)
      add(
        ['sourceServiceAccounts'],
        'service accounts cannot be combined with tags — use source and target tags, or service accounts',
      );
  })
  .transform((r): FirewallRule => r);

// ---------------------------------------------------------------------------------------------
// OpenStack (OS-R18..R23)
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Associations
// ---------------------------------------------------------------------------------------------

const groupList = (what: string, pathOk: boolean) =>
  doc(z.array(pathOk ? localOrPath('security group') : name), what);

export const defaultHostByProvider = {
  aws: strict(
    { context: 'defaultHost', what: 'an AWS defaultHost', provider: 'aws' },
    {
      securityGroups: groupList(
        'The security groups of implicit instances (default `[default]`).',
        false,
      ).exactOptional(),
    },
  ),
  azure: strict(
    { context: 'defaultHost', what: 'an Azure defaultHost', provider: 'azure' },
    {
      networkSecurityGroup: doc(
        localOrPath('network security group'),
        'The NIC NSG of implicit instances (default none: the subnet NSG only).',
      ).exactOptional(),
    },
  ),
  gcp: strict(
    { context: 'defaultHost', what: 'a GCP defaultHost', provider: 'gcp' },
    {
      tags: doc(tags, 'Network tags of implicit VMs (default none).').exactOptional(),
      serviceAccount: doc(name, 'Service account of implicit VMs (default `default`).').exactOptional(),
    },
  ),
  openstack: strict(
    { context: 'defaultHost', what: 'an OpenStack defaultHost', provider: 'openstack' },
    {
      securityGroups: groupList(
        'The security groups of implicit ports (default `[default]`), by name or `network/group`.',
        true,
      ).exactOptional(),
    },
  ),
} as const;

export const defaultHostDoc =
  "The filters of the subnet's implicit instances: flows from the subnet and destinations that are no host's (FILTERS.md).";

export const firewallMode = doc(
  z.enum(['none', 'provider-default', 'rules']),
  "`none`: nothing filters; `provider-default`: only the implicit rules (GCP-R24, OS-R11); `rules`: every declared filter, plus each provider's defaults where nothing is declared.",
);
