// Over 400 lines: the generators of every provider's filter objects, drawn together so mixes stay consistent.
/**
 * Traffic filters for generated scenarios (FILTERS.md), drawn only for mixes that ask for them
 * (`Mix.filters`), so the draws of every other mix stay as they were:
 *
 * - `firewall: rules` at the top (now and then `provider-default` or `none`), and per-network
 *   overrides;
 * - AWS: security groups with cidr, prefix-list and group peers (an unnamed rule now and then, a
 *   redefined `default`, a group with `outbound: []`), NACLs with allow and deny entries and narrow
 *   or wide ephemeral ranges, a `default: true` NACL, hosts' groups and subnets' `defaultHost`;
 * - Azure: NSGs on subnets and NICs with Tcp/Udp/Icmp/`*` rules, tags (`Internet`,
 *   `VirtualNetwork`, a declared service tag) and port lists, now and then on GatewaySubnet (AZ-R32);
 *   top-level `serviceTags`;
 * - GCP: firewall rules with target tags and service accounts, source ranges, tags and accounts,
 *   priorities, deny rules and a disabled one; hosts' service accounts;
 * - OpenStack: stateful and stateless groups with remote prefixes and remote groups, ports' groups,
 *   `defaultHost`;
 * - timeline candidates: `filterRule.add/replace/remove`, `filter.update`, `host.update` and
 *   `subnet.update` of associations, refused ones included (AWS-R36, AWS-R40, AZ-R26, GCP-R26, OS-R21).
 *
 * Valid by construction: every name is one the step declared.
 */
import type { GenContext, NetInfo, Obj, ScenarioDoc } from './context.js';
import { named, netOf, subnet24 } from './context.js';

/** Flow fields (FILTERS.md "Flows"): protocol, port and source ports, or none (any protocol). */
export function flowFilterFields(ctx: GenContext): Obj {
  const { d } = ctx;
  if (d.bool(0.15)) return {};
  const protocol = d.pick(['tcp', 'udp', 'icmp', 'any', 'tcp', 'tcp']);
  const out: Obj = { protocol };
  if (protocol === 'tcp' || protocol === 'udp')
    if (!d.bool(0.15)) out['port'] = d.pick([443, 22, 5432, 80, 53, '8000-8003', 123]);
  if (protocol !== 'icmp' && d.bool(0.3))
    out['sourcePorts'] = d.pick(['49152-65535', '1024-65535', '32768-61000', '40000-40010']);
  return out;
}

/** Adds filters to every network of the context (after the networks, links and sites exist). */
export function buildFilters(ctx: GenContext): { firewall: string; serviceTags?: Obj } {
  const { d } = ctx;
  const firewall = d.bool(0.15) ? d.pick(['none', 'provider-default']) : 'rules';
  let serviceTags: Obj | undefined;
  for (const n of ctx.networks) {
    if (n.block < 0) continue; // an external OpenStack network: nothing to filter
    if (d.bool(0.12)) n.doc['firewall'] = d.pick(['none', 'provider-default', 'rules']);
    switch (n.provider) {
      case 'aws':
        awsFilters(ctx, n);
        break;
      case 'azure':
        if (azureFilters(ctx, n)) serviceTags = { Storage: ['20.60.0.0/16'], Sql: ['20.40.0.0/16'] };
        break;
      case 'gcp':
        gcpFilters(ctx, n);
        break;
      case 'openstack':
        openstackFilters(ctx, n);
        break;
    }
  }
  if (serviceTags) ctx.destinations.push('20.60.1.0/24', '20.40.0.0/24');
  return { firewall, ...(serviceTags ? { serviceTags } : {}) };
}

// ---------------------------------------------------------------------------------------------
// AWS
// ---------------------------------------------------------------------------------------------

function awsFilters(ctx: GenContext, n: NetInfo): void {
  const { d } = ctx;
  const b = n.block;
  const doc = n.doc;
  const groups: Obj[] = [];
  const usePl = d.bool(0.4);
  if (usePl) doc['prefixLists'] = [{ name: 'corp', cidrs: ['192.168.0.0/16', '10.0.0.0/8'] }];
  const webIn: Obj[] = [{ name: 'https', protocol: 'tcp', port: 443, cidr: '0.0.0.0/0' }];
  if (d.bool())
    webIn.push({ protocol: 'tcp', port: 22, ...(usePl ? { prefixList: 'corp' } : { cidr: '10.0.0.0/8' }) });
  if (d.bool(0.4)) webIn.push({ name: 'ping', protocol: 'icmp', icmpType: 8, cidr: '0.0.0.0/0' });
  const web: Obj = { name: 'web-sg', inbound: webIn };
  if (d.bool(0.3)) web['outbound'] = d.pick([[], [{ protocol: 'tcp', port: '0-65535', cidr: '10.0.0.0/8' }]]);
  groups.push(web);
  const appIn: Obj[] = [
    { name: 'from-web', protocol: d.pick(['all', 'tcp']), securityGroup: 'web-sg' },
    d.bool()
      ? { protocol: 'tcp', port: '5432', cidr: subnet24(b, 1) }
      : { protocol: 'udp', port: '53', cidr: '0.0.0.0/0' },
  ];
  if (d.bool(0.4)) appIn.push({ name: 'self', protocol: 'all', securityGroup: 'app-sg' });
  groups.push({ name: 'app-sg', inbound: appIn });
  groups.push({
    name: 'fw-sg',
    inbound: [{ name: 'inside', protocol: 'all', cidr: d.pick(['10.0.0.0/8', '0.0.0.0/0']) }],
  });
  if (d.bool(0.3))
    groups.push({
      name: 'default',
      inbound: [{ protocol: 'all', cidr: d.pick(['10.0.0.0/8', `10.${b}.0.0/16`]) }],
    });
  doc['securityGroups'] = groups;
  const hosts = doc['hosts'] as Obj[];
  const setGroups = (host: string, g: string[]): void => {
    named(hosts, host)['securityGroups'] = g;
  };
  setGroups('web1', d.pick([['web-sg'], ['web-sg', 'app-sg'], ['default', 'web-sg']]));
  if (!d.bool(0.2)) setGroups('api1', d.pick([['app-sg'], ['app-sg', 'web-sg']]));
  if (!d.bool(0.2)) setGroups('fw1', ['fw-sg']);
  const acls: Obj[] = [];
  const eph = d.pick(['1024-65535', '32768-65535', '49152-65535']);
  const appAcl: Obj = {
    name: 'app-acl',
    inbound: [
      { ruleNumber: 100, protocol: 'all', cidr: '10.0.0.0/8', action: 'allow' },
      { ruleNumber: 200, protocol: 'tcp', port: eph, cidr: '0.0.0.0/0', action: 'allow' },
      ...(d.bool()
        ? [{ ruleNumber: 90, protocol: 'tcp', port: 22, cidr: '10.0.0.0/8', action: 'deny' }]
        : []),
      ...(d.bool(0.4)
        ? [{ ruleNumber: 150, protocol: 'icmp', icmpType: -1, cidr: '0.0.0.0/0', action: 'allow' }]
        : []),
    ],
    outbound: !d.bool(0.4)
      ? [{ ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }]
      : [
          {
            ruleNumber: 100,
            protocol: 'tcp',
            port: d.pick(['443', '1024-65535', eph]),
            cidr: '0.0.0.0/0',
            action: 'allow',
          },
          { ruleNumber: 110, protocol: 'udp', port: '53', cidr: '0.0.0.0/0', action: 'allow' },
          { ruleNumber: 120, protocol: 'all', cidr: '10.0.0.0/8', action: 'allow' },
        ],
  };
  acls.push(appAcl);
  const withDefault = d.bool(0.3);
  if (withDefault)
    acls.push({
      name: 'base',
      default: true,
      inbound: [
        { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' },
        ...(d.bool()
          ? [{ ruleNumber: 50, protocol: 'tcp', port: '5432', cidr: '0.0.0.0/0', action: 'deny' }]
          : []),
      ],
      outbound: [{ ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'allow' }],
    });
  doc['networkAcls'] = acls;
  const subnets = doc['subnets'] as Obj[];
  if (!d.bool(0.3)) named(subnets, 'app')['networkAcl'] = 'app-acl';
  if (d.bool(0.3)) named(subnets, 'pub')['networkAcl'] = 'app-acl';
  if (d.bool(0.4))
    named(subnets, 'app')['defaultHost'] = { securityGroups: d.pick([['app-sg'], ['web-sg']]) };
  const net = n.name;
  ctx.action('aws filterRule.add sg', () => ({
    do: 'filterRule.add',
    securityGroup: `${net}/${d.pick(['web-sg', 'app-sg', 'fw-sg'])}`,
    direction: d.pick(['inbound', 'outbound']),
    rule: d.pick([
      { protocol: 'tcp', port: d.pick([22, 443, 5432]), cidr: d.pick(['0.0.0.0/0', '10.0.0.0/8']) },
      { protocol: 'all', securityGroup: 'web-sg' },
      { protocol: 'icmp', cidr: '0.0.0.0/0' },
    ]),
  }));
  ctx.action('aws filterRule.remove sg', () =>
    d.pick([
      { do: 'filterRule.remove', securityGroup: `${net}/web-sg`, direction: 'inbound', name: 'https' },
      { do: 'filterRule.remove', securityGroup: `${net}/app-sg`, direction: 'inbound', name: 'from-web' },
      { do: 'filterRule.remove', securityGroup: `${net}/fw-sg`, direction: 'inbound', name: 'inside' },
    ]),
  );
  ctx.action('aws filterRule.replace sg', () => ({
    do: 'filterRule.replace',
    securityGroup: `${net}/web-sg`,
    direction: 'inbound',
    rule: {
      name: 'https',
      protocol: 'tcp',
      port: d.pick([443, 8443]),
      cidr: d.pick(['0.0.0.0/0', '192.168.0.0/16']),
    },
  }));
  ctx.action('aws filterRule nacl', () =>
    d.pick([
      {
        do: 'filterRule.add',
        networkAcl: `${net}/app-acl`,
        direction: d.pick(['inbound', 'outbound']),
        rule: {
          ruleNumber: d.pick([10, 60, 300]),
          protocol: d.pick(['all', 'tcp']),
          cidr: '0.0.0.0/0',
          action: d.pick(['allow', 'deny']),
        },
      },
      // AWS-R40: a number already used in that direction is refused.
      {
        do: 'filterRule.add',
        networkAcl: `${net}/app-acl`,
        direction: 'outbound',
        rule: { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: 'deny' },
      },
      {
        do: 'filterRule.replace',
        networkAcl: `${net}/app-acl`,
        direction: 'outbound',
        rule: { ruleNumber: 100, protocol: 'all', cidr: '0.0.0.0/0', action: d.pick(['allow', 'deny']) },
      },
      { do: 'filterRule.remove', networkAcl: `${net}/app-acl`, direction: 'inbound', ruleNumber: 100 },
    ]),
  );
  ctx.action('aws host.update securityGroups', () => ({
    do: 'host.update',
    host: `${net}/${d.pick(['web1', 'api1', 'fw1'])}`,
    // AWS-R36: `[]` is refused.
    set: { securityGroups: d.pick([['default'], ['app-sg'], ['web-sg', 'fw-sg'], []]) },
  }));
  ctx.action('aws subnet.update networkAcl', () => ({
    do: 'subnet.update',
    subnet: `${net}/${d.pick(['app', 'pub', 'inspect'])}`,
    set: d.pick([
      { networkAcl: 'app-acl' },
      ...(withDefault ? [{ networkAcl: 'base' }] : []),
      { defaultHost: { securityGroups: ['fw-sg'] } },
    ]),
  }));
  ctx.mutate('aws web-sg drops https', (doc2: ScenarioDoc) => {
    const g = named(netOf(doc2, net)['securityGroups'], 'web-sg');
    g['inbound'] = (g['inbound'] as Obj[]).filter((r) => r['name'] !== 'https');
  });
}

// ---------------------------------------------------------------------------------------------
// Azure
// ---------------------------------------------------------------------------------------------

function azureFilters(ctx: GenContext, n: NetInfo): boolean {
  const { d } = ctx;
  const doc = n.doc;
  const rule = (o: Obj): Obj => o;
  const pool: Obj[] = [
    rule({
      name: 'no-ssh',
      priority: 100,
      direction: 'Inbound',
      access: 'Deny',
      protocol: 'Tcp',
      destinationPorts: ['22'],
    }),
    rule({
      name: 'https-in',
      priority: 200,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source: 'Internet',
      destinationPorts: ['443', '8000-8003'],
    }),
    rule({
      name: 'vnet-udp',
      priority: 300,
      direction: 'Inbound',
      access: 'Deny',
      protocol: 'Udp',
      source: 'VirtualNetwork',
    }),
    rule({
      name: 'icmp-in',
      priority: 310,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Icmp',
      source: '*',
    }),
    rule({
      name: 'no-db',
      priority: 320,
      direction: 'Inbound',
      access: 'Deny',
      protocol: '*',
      source: '10.0.0.0/8',
      destinationPorts: ['5432'],
    }),
    rule({
      name: 'storage-out',
      priority: 150,
      direction: 'Outbound',
      access: 'Allow',
      protocol: 'Tcp',
      destination: 'Storage',
      destinationPorts: ['443'],
    }),
    rule({
      name: 'no-internet',
      priority: 400,
      direction: 'Outbound',
      access: 'Deny',
      protocol: '*',
      destination: 'Internet',
    }),
    rule({
      name: 'dns-out',
      priority: 410,
      direction: 'Outbound',
      access: 'Allow',
      protocol: 'Udp',
      destination: ['10.0.0.0/8', '192.168.0.0/16'],
      destinationPorts: ['53'],
    }),
    rule({
      name: 'eph',
      priority: 420,
      direction: 'Outbound',
      access: 'Deny',
      protocol: 'Tcp',
      sourcePorts: ['1024-40000'],
    }),
  ];
  // Kept when a draw is low: fast-check's draws lean low, so the lists stay rich (shrinking empties them).
  const pick = (): Obj[] => pool.filter(() => !d.bool(0.6));
  const nsgs: Obj[] = [
    { name: 'web-nsg', securityRules: pick() },
    { name: 'app-nsg', securityRules: pick() },
  ];
  const usesTags = nsgs.some((x) =>
    (x['securityRules'] as Obj[]).some((r) => r['destination'] === 'Storage'),
  );
  doc['networkSecurityGroups'] = nsgs;
  const subnets = doc['subnets'] as Obj[];
  if (!d.bool(0.3)) named(subnets, 'web')['networkSecurityGroup'] = 'web-nsg';
  if (d.bool(0.5)) named(subnets, 'app')['networkSecurityGroup'] = d.pick(['app-nsg', 'web-nsg']);
  if (d.bool(0.3)) named(subnets, 'nva')['networkSecurityGroup'] = 'app-nsg';
  if (d.bool(0.3)) named(subnets, 'app')['defaultHost'] = { networkSecurityGroup: 'web-nsg' };
  // AZ-R32: now and then an NSG on GatewaySubnet (accepted with a warning; the gateway forwards nothing).
  const gws = subnets.find((x) => x['name'] === 'GatewaySubnet');
  if (gws && d.bool(0.15)) gws['networkSecurityGroup'] = 'app-nsg';
  const hosts = doc['hosts'] as Obj[];
  if (d.bool(0.4)) named(hosts, 'app1')['networkSecurityGroup'] = 'app-nsg';
  if (d.bool(0.3)) named(hosts, 'nva1')['networkSecurityGroup'] = 'web-nsg';
  const net = n.name;
  ctx.action('azure filterRule.add', () => ({
    do: 'filterRule.add',
    networkSecurityGroup: `${net}/${d.pick(['web-nsg', 'app-nsg'])}`,
    rule: d.pick([
      {
        name: 'deny-all-in',
        priority: d.pick([110, 4000]),
        direction: 'Inbound',
        access: 'Deny',
        protocol: '*',
      },
      {
        name: 'allow-22',
        priority: 105,
        direction: 'Inbound',
        access: 'Allow',
        protocol: 'Tcp',
        destinationPorts: ['22'],
      },
      {
        name: 'out-block',
        priority: 120,
        direction: 'Outbound',
        access: 'Deny',
        protocol: 'Tcp',
        destination: 'Internet',
      },
      // AZ-R26: a priority taken in the direction (no-ssh's 100, if present) is refused.
      { name: 'clash', priority: 100, direction: 'Inbound', access: 'Allow', protocol: '*' },
    ]),
  }));
  ctx.action('azure filterRule.remove', () => ({
    do: 'filterRule.remove',
    networkSecurityGroup: `${net}/${d.pick(['web-nsg', 'app-nsg'])}`,
    name: d.pick(pool.map((r) => r['name'] as string)),
  }));
  ctx.action('azure host.update nsg', () => ({
    do: 'host.update',
    host: `${net}/${d.pick(['web1', 'app1', 'nva1'])}`,
    set: { networkSecurityGroup: d.pick(['web-nsg', 'app-nsg']) },
  }));
  ctx.action('azure subnet.update nsg', () => ({
    do: 'subnet.update',
    subnet: `${net}/${d.pick(['web', 'app', 'nva'])}`,
    set: { networkSecurityGroup: d.pick(['web-nsg', 'app-nsg']) },
  }));
  return usesTags || d.bool(0.3);
}

// ---------------------------------------------------------------------------------------------
// GCP
// ---------------------------------------------------------------------------------------------

function gcpFilters(ctx: GenContext, n: NetInfo): void {
  const { d } = ctx;
  const doc = n.doc;
  const pool: Obj[] = [
    {
      name: 'allow-internal',
      allow: [{ protocol: 'tcp' }, { protocol: 'udp' }, { protocol: 'icmp' }],
      sourceRanges: ['10.0.0.0/8'],
    },
    {
      name: 'allow-web',
      allow: [{ protocol: 'tcp', ports: ['443', '80'] }],
      sourceRanges: ['0.0.0.0/0'],
      targetTags: ['web'],
    },
    {
      name: 'deny-db',
      priority: 900,
      deny: [{ protocol: 'tcp', ports: ['5432'] }],
      sourceTags: ['egress-fw'],
    },
    {
      name: 'from-fw',
      priority: 800,
      allow: [{ protocol: 'all' }],
      sourceServiceAccounts: ['fw-sa'],
      targetServiceAccounts: ['app-sa'],
    },
    {
      name: 'block-egress',
      direction: 'EGRESS',
      priority: 500,
      deny: [{ protocol: 'all' }],
      destinationRanges: ['203.0.113.0/24', '192.168.0.0/16'],
    },
    {
      name: 'egress-dns',
      direction: 'EGRESS',
      priority: 400,
      allow: [{ protocol: 'udp', ports: ['53'] }],
      destinationRanges: ['0.0.0.0/0'],
    },
    { name: 'old', priority: 10, deny: [{ protocol: 'all' }], sourceRanges: ['0.0.0.0/0'], disabled: true },
    { name: 'sites', priority: 1000, allow: [{ protocol: 'all' }], sourceRanges: ['192.168.0.0/16'] },
    { name: 'tie-deny', priority: 1000, deny: [{ protocol: 'udp' }], sourceRanges: ['10.0.0.0/8'] },
  ];
  doc['firewallRules'] = pool.filter(() => !d.bool(0.5));
  const hosts = doc['hosts'] as Obj[];
  if (!d.bool(0.4)) named(hosts, 'fw1')['serviceAccount'] = 'fw-sa';
  if (!d.bool(0.4)) named(hosts, 'vm2')['serviceAccount'] = 'app-sa';
  if (d.bool(0.25))
    named(doc['subnets'], 'east')['defaultHost'] = { serviceAccount: d.pick(['app-sa', 'fw-sa']) };
  const net = n.name;
  ctx.action('gcp filterRule.add', () => ({
    do: 'filterRule.add',
    network: net,
    rule: d.pick([
      {
        name: 'new-allow',
        priority: d.pick([100, 1000, 65535]),
        allow: [{ protocol: 'all' }],
        sourceRanges: ['0.0.0.0/0'],
      },
      {
        name: 'new-deny',
        priority: d.pick([100, 1000]),
        deny: [{ protocol: 'tcp' }],
        sourceRanges: ['10.0.0.0/8'],
        targetTags: ['web'],
      },
      {
        name: 'new-egress',
        direction: 'EGRESS',
        priority: 600,
        deny: [{ protocol: 'icmp' }],
        destinationRanges: ['0.0.0.0/0'],
      },
    ]),
  }));
  ctx.action('gcp filterRule.replace/remove', () =>
    d.pick([
      { do: 'filterRule.remove', network: net, name: d.pick(pool.map((r) => r['name'] as string)) },
      {
        do: 'filterRule.replace',
        network: net,
        rule: {
          name: 'allow-internal',
          allow: [{ protocol: 'all' }],
          sourceRanges: ['10.0.0.0/8'],
          disabled: d.bool(),
        },
      },
    ]),
  );
  ctx.action('gcp host.update identity', () =>
    d.pick([
      { do: 'host.update', host: `${net}/vm2`, set: { serviceAccount: d.pick(['app-sa', 'default']) } },
      { do: 'host.update', host: `${net}/fw1`, set: { serviceAccount: d.pick(['fw-sa', 'default']) } },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// OpenStack
// ---------------------------------------------------------------------------------------------

function openstackFilters(ctx: GenContext, n: NetInfo): void {
  const { d } = ctx;
  const doc = n.doc;
  const b = n.block;
  const groups: Obj[] = [
    {
      name: 'web',
      rules: [
        {
          direction: 'ingress',
          protocol: 'tcp',
          portRangeMin: 80,
          portRangeMax: 443,
          remoteIpPrefix: '0.0.0.0/0',
        },
        ...(d.bool() ? [{ direction: 'ingress', protocol: 'icmp' }] : []),
        { direction: 'egress', ...(d.bool(0.3) ? { protocol: 'tcp' } : {}) },
      ],
    },
    {
      name: 'db',
      rules: [
        { direction: 'ingress', protocol: 'tcp', portRangeMin: 5432, portRangeMax: 5432, remoteGroup: 'web' },
        ...(d.bool() ? [{ direction: 'ingress', remoteIpPrefix: subnet24(b, 2) }] : []),
        { direction: 'egress', ethertype: 'IPv4' },
      ],
    },
    {
      name: 'sl',
      stateful: false,
      rules: [
        { direction: 'ingress', protocol: 'tcp', remoteIpPrefix: '10.0.0.0/8' },
        {
          direction: 'egress',
          protocol: 'tcp',
          ...(d.bool() ? { portRangeMin: 1024, portRangeMax: 65535 } : {}),
        },
        ...(d.bool()
          ? [
              { direction: 'ingress', protocol: 'udp' },
              { direction: 'egress', protocol: 'udp' },
            ]
          : []),
      ],
    },
  ];
  doc['securityGroups'] = groups;
  const secured = (o: Obj): boolean =>
    o['portSecurity'] !== false && (o['portSecurity'] === true || doc['portSecurity'] !== false);
  const hosts = doc['hosts'] as Obj[];
  const web1 = named(hosts, 'web1');
  if (secured(web1) && !d.bool(0.3)) web1['securityGroups'] = d.pick([['web'], ['sl'], ['web', 'db']]);
  const db1 = named(hosts, 'db1');
  if (secured(db1) && !d.bool(0.3)) db1['securityGroups'] = d.pick([['db'], ['sl'], ['default', 'db']]);
  for (const port of named(hosts, 'fw1')['ports'] as Obj[])
    if (secured(port) && !String(port['subnet']).includes('/') && d.bool(0.4))
      port['securityGroups'] = d.pick([['web'], ['default'], ['sl']]);
  if (doc['portSecurity'] !== false && d.bool(0.3))
    named(doc['subnets'], 'data-sub')['defaultHost'] = { securityGroups: d.pick([['db'], ['sl']]) };
  const net = n.name;
  ctx.action('openstack filterRule.add', () => ({
    do: 'filterRule.add',
    securityGroup: `${net}/${d.pick(['web', 'db', 'sl'])}`,
    rule: d.pick([
      { direction: 'ingress', protocol: 'tcp', portRangeMin: 22, portRangeMax: 22 },
      { direction: 'egress' },
      { direction: 'ingress', remoteGroup: 'default' },
    ]),
  }));
  ctx.action('openstack filterRule.remove', () => ({
    do: 'filterRule.remove',
    securityGroup: `${net}/web`,
    rule: {
      direction: 'ingress',
      protocol: 'tcp',
      portRangeMin: 80,
      portRangeMax: 443,
      remoteIpPrefix: '0.0.0.0/0',
    },
  }));
  // OS-R21: refused while a port uses the group.
  ctx.action('openstack filter.update stateful', () => ({
    do: 'filter.update',
    securityGroup: `${net}/${d.pick(['sl', 'web', 'db'])}`,
    set: { stateful: d.bool() },
  }));
}
