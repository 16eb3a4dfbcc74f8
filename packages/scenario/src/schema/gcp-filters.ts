/** GCP traffic filters (GCP-R25..R31): VPC firewall rules and their `allow`/`deny` entries. */
import * as z from 'zod';
import type { FirewallRule, PortRange } from '@cloudroute/model';
import { name, prefix, tags } from './leaves.js';
import { coded, doc, strict } from './registry.js';
import {
  caseless,
  description,
  fail,
  id,
  ipProtocol,
  numberIn,
  parsePortRange,
  portInput,
} from './filter-leaves.js';

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
