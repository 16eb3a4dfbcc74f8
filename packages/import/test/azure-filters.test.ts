/**
 * `import azure` of network security groups (FILTERS.md "Importers", AZ-R25..R30) on hand-written
 * ARM and flattened CLI objects that carry each trap: `TCP`/`tcp` against the scenario's `Tcp`,
 * `*` against `0.0.0.0/0`, address and port lists, service tags with and without an
 * `az network list-service-tags` answer, application security groups, an AVNM admin rule, a
 * priority outside 100–4096, default rules that differ, a separate `securityRules` resource, the
 * NSG's read-only `subnets[]`/`networkInterfaces[]` copies, an NSG used from another VNet
 * (`net/nsg`, its id in another case) and one that is not in the input.
 */
import { describe, expect, it } from 'vitest';
import { formatWarning, importAzure } from '@cloudroute/import';
import { fixtureFiles, scenarioOf } from './helpers.js';

type Doc = Record<string, unknown>;
const files = fixtureFiles('azure-filters');
const result = importAzure(files);
const warnings = result.warnings.map(formatWarning);
const networks = result.document['networks'] as Doc[];
const net = (name: string): Doc => networks.find((n) => n['name'] === name)!;
const list = (d: Doc, key: string): Doc[] => (d[key] as Doc[] | undefined) ?? [];
const nsg = (n: string, g: string): Doc =>
  list(net(n), 'networkSecurityGroups').find((x) => x['name'] === g)!;
const rule = (n: string, g: string, r: string): Doc =>
  list(nsg(n, g), 'securityRules').find((x) => x['name'] === r)!;

describe('import azure: NSG rules', () => {
  it('protocols in the scenario spelling (TCP, tcp → Tcp); `*` and 0.0.0.0/0 kept as written; access/direction normalised', () => {
    expect(rule('hub', 'app-nsg', 'allow-https')).toEqual({
      name: 'allow-https',
      priority: 200,
      direction: 'Inbound',
      access: 'Allow',
      protocol: 'Tcp',
      source: '*',
      destination: '0.0.0.0/0',
      destinationPorts: 443,
    });
    expect(rule('hub', 'app-nsg', 'deny-internet')).toMatchObject({
      protocol: '*',
      source: 'Internet',
      destinationPorts: '*',
    });
    // `"*"` is quoted in the YAML (alias syntax otherwise).
    expect(result.text).toContain('source: "*", destination: 0.0.0.0/0, destinationPorts: 443 }');
    expect(rule('hub', 'vm-nsg', 'ssh')['protocol']).toBe('Tcp');
  });

  it('address and port lists (…Prefixes, …Ranges) are written as lists, single values as values', () => {
    expect(rule('hub', 'app-nsg', 'allow-partners')).toMatchObject({
      source: ['198.51.100.0/24', '203.0.113.7'],
      destination: 'VirtualNetwork',
      destinationPorts: ['8080-8090', 22],
    });
  });

  it('rules in direction and priority order; a separate securityRules resource joins its NSG', () => {
    expect(
      list(nsg('hub', 'app-nsg'), 'securityRules').map((r) => [r['direction'], r['priority']].join(' ')),
    ).toEqual(['Inbound 200', 'Inbound 210', 'Inbound 4000', 'Outbound 100', 'Outbound 110']);
    expect(list(nsg('hub', 'vm-nsg'), 'securityRules').map((r) => r['name'])).toEqual(['ssh']);
  });

  it('application security groups, a priority outside 100–4096 and AVNM admin rules are warnings', () => {
    expect(warnings).toContainEqual(
      expect.stringContaining(
        'rule from-asg uses application security groups (sourceApplicationSecurityGroups), which are not modelled — rule skipped',
      ),
    );
    expect(warnings).toContainEqual(
      expect.stringContaining('rule too-urgent has priority 50, outside 100–4096 [AZ-R26] — rule skipped'),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/avnm-rule\.json: .*Azure Virtual Network Manager is not modelled/),
    );
  });

  it('default rules are implicit: not written; an export whose defaults differ from the six is warned', () => {
    const body = result.text.replace(/^#.*\n/gm, '');
    expect(body).not.toMatch(/AllowVnetInBound|DenyAllInBound|65000/);
    expect(warnings.filter((w) => w.includes('defaultSecurityRules differ'))).toEqual([
      "azure-filters/nic-nsg-cli.json: network security group vm-nsg: its defaultSecurityRules differ from Azure's six (AllowVnetInBound) — the scenario uses the six defaults [AZ-R27]",
    ]);
  });
});

describe('import azure: NSG associations', () => {
  it("subnets and NICs by their networkSecurityGroup.id; another VNet's user writes net/nsg (ids case-insensitive)", () => {
    expect(list(net('hub'), 'subnets').map((s) => [s['name'], s['networkSecurityGroup']])).toEqual([
      ['app', 'app-nsg'],
      ['data', undefined],
    ]);
    expect(list(net('spoke'), 'subnets').map((s) => s['networkSecurityGroup'])).toEqual(['hub/app-nsg']);
    expect(list(net('hub'), 'hosts').map((h) => h['networkSecurityGroup'])).toEqual(['vm-nsg']);
    expect(list(net('spoke'), 'hosts').map((h) => h['networkSecurityGroup'])).toEqual(['hub/vm-nsg']);
    // Each NSG is declared once, in the VNet of its first user.
    expect(net('spoke')['networkSecurityGroups']).toBeUndefined();
  });

  it("the NSG's own subnets[]/networkInterfaces[] are read-only copies, not associations", () => {
    // app-nsg lists hub/data in `subnets[]`, vm-nsg lists other-nic: neither is an association.
    expect(warnings).toContainEqual(
      'subnet data uses network security group missing-nsg, which is not in the input — imported without it (add its az network nsg show output)',
    );
    expect(result.text).not.toContain('other-nic');
  });
});

describe('import azure: service tags (AZ-R30)', () => {
  it('without a list-service-tags answer: the tags are declared empty, with a warning', () => {
    expect(result.document['serviceTags']).toEqual({ Sql: [], 'Storage.WestEurope': [] });
    expect(warnings).toContainEqual(
      'service tags Sql, Storage.WestEurope written empty in serviceTags (no az network list-service-tags output among the inputs) — give them their prefixes [AZ-R30]',
    );
  });

  it('with one among the inputs (detected by its shape): the IPv4 prefixes of the tags the rules use', () => {
    const r = importAzure([...files, ...fixtureFiles('azure-service-tags')]);
    const w = r.warnings.map(formatWarning);
    expect(r.document['serviceTags']).toEqual({
      Sql: [],
      'Storage.WestEurope': ['20.60.0.0/16', '20.150.0.0/17'],
    });
    expect(w).toContainEqual(expect.stringMatching(/^service tag Sql written empty in serviceTags/));
    expect(w).toContainEqual('IPv6 prefixes of service tags are not written (flows are IPv4)');
    expect(w.join('\n')).not.toContain('service-tags.json');
  });
});

describe('import azure: the scenario with NSGs', () => {
  it('says `firewall: rules`, validates, and the loaded topology has the NSGs and associations', () => {
    expect(result.text).toMatch(/^horizon: 1h\nfirewall: rules\nserviceTags: /m);
    expect(warnings).toContainEqual(
      'filters imported (2 network security groups): `firewall: rules` written, so flows are evaluated with them — set `firewall: none` to see routing alone',
    );
    expect(warnings.join('\n')).not.toContain('network security groups are not modelled');
    const sc = scenarioOf(result.text);
    expect(sc.firewall).toBe('rules');
    const hub = sc.topology.networks.find((n) => n.name === 'hub')!;
    expect(hub.networkSecurityGroups?.map((g) => g.name)).toEqual(['app-nsg', 'vm-nsg']);
    expect(hub.subnets.find((s) => s.name === 'app')?.networkSecurityGroup).toBe('app-nsg');
  });
});
