/**
 * Imports that used to answer wrong without a warning (issue 18, item 6):
 * - AWS `MapPublicIpOnLaunch` (AWS-R15): a subnet that maps public IPs gives the flows drawn from
 *   it public addresses, so the import's own suggested flow from a public subnet is delivered;
 * - Terraform values known only after apply are resolved through the configuration, or kept with
 *   a warning — never turned into a change the apply will not make;
 * - every input document the Azure importer cannot use is named in a warning.
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  formatWarning,
  importAws,
  importAzure,
  importTerraform,
  walkFolder,
  type FolderFs,
} from '@cloudroute/import';
import { loadScenario } from '@cloudroute/scenario';
import { runJob, trace } from '@cloudroute/sim';
import { fixture, fixtureFiles, scenarioOf, stateOf, withFlows } from './helpers.js';

/** The flow group the import suggests in the scenario's comment. */
function suggestedFlow(text: string): string {
  const line = /^# {3}- (\{ name: .* \})$/m.exec(text)?.[1];
  if (line === undefined) throw new Error('no suggested flow in the imported scenario');
  return line;
}

async function availability(text: string, flows: readonly string[]): Promise<number[]> {
  const run = await runJob(scenarioOf(withFlows(text, flows)), { workers: 1 });
  if (!('groups' in run)) throw new Error('not a run result');
  return run.groups.map((g) => g.availability);
}

describe('AWS MapPublicIpOnLaunch (AWS-R15)', () => {
  const r = importAws(fixtureFiles('aws-public-subnet'));
  const sc = scenarioOf(r.text);
  const web = sc.topology.networks[0]!;

  it('is imported from describe-subnets, and an interface there without a public address says so', () => {
    expect(web.subnets.map((s) => [s.name, s.mapPublicIpOnLaunch])).toEqual([
      ['public', true],
      ['private', undefined],
    ]);
    expect(web.hosts.map((h) => [h.name, h.publicIp])).toEqual([
      ['web1', true],
      ['admin', false],
    ]);
    expect(r.warnings).toEqual([]);
  });

  it("the import's own suggested flow from the public subnet reaches the internet", async () => {
    const flow = suggestedFlow(r.text);
    expect(flow).toContain('from: web/public, to: internet');
    // All but the flows drawn onto admin's address (an instance listed without a public IP);
    // without the subnet's flag only web1's address got out (0.4%).
    const [a] = await availability(r.text, [flow]);
    expect(a).toBeGreaterThan(0.99);
    expect(a).toBeLessThan(1);
  });

  it('a subnet that does not map public IPs still has none (no-public-ip)', async () => {
    expect(
      await availability(r.text, ['{ name: private-out, from: web/private, to: internet, count: 200 }']),
    ).toEqual([0]);
    expect(trace(stateOf(sc), 'web/private', '8.8.8.8')).toMatchObject({ reason: 'no-public-ip' });
  });

  it("a host's own publicIp: false wins (an instance launched without one); without publicIp it inherits", () => {
    expect(trace(stateOf(sc), 'web/admin', '8.8.8.8')).toMatchObject({ reason: 'no-public-ip' });
    expect(trace(stateOf(sc), 'web/web1', '8.8.8.8').verdict).toBe('delivered');
    const inherits = scenarioOf(r.text.replace(', ip: 10.40.1.20, publicIp: false,', ', ip: 10.40.1.20,'));
    expect(trace(stateOf(inherits), 'web/admin', '8.8.8.8').verdict).toBe('delivered');
  });

  it('after a private NAT gateway the source is the NAT, not an instance of the public subnet', () => {
    const text = r.text
      .replace(
        '- { prefix: 0.0.0.0/0, nextHop: { type: igw, gateway: web-igw } }',
        '- { prefix: 0.0.0.0/0, nextHop: { type: igw, gateway: web-igw } }\n      - name: via-nat\n        routes:\n          - { prefix: 0.0.0.0/0, nextHop: { type: nat, gateway: pnat } }',
      )
      .replace('cidr: 10.40.2.0/24,', 'cidr: 10.40.2.0/24, routeTable: via-nat,')
      .replace(
        '- { name: web-igw, id: igw-0c0c0c0c0c0c0c0c0, kind: igw }',
        '- { name: web-igw, id: igw-0c0c0c0c0c0c0c0c0, kind: igw }\n      - { name: pnat, kind: nat, subnet: public, connectivity: private }',
      );
    expect(trace(stateOf(scenarioOf(text)), 'web/private', '8.8.8.8')).toMatchObject({
      reason: 'no-public-ip',
    });
  });

  it('is imported from Terraform map_public_ip_on_launch', () => {
    const t = importTerraform(fixture('terraform', 'aws-nat-replace-1.2.plan.json'));
    const subnets = scenarioOf(t.text).topology.networks[0]!.subnets;
    expect(subnets.map((s) => [s.name, s.mapPublicIpOnLaunch])).toEqual([
      ['shop-public', true],
      ['shop-private', undefined],
    ]);
  });

  it('is fixed by the timeline: a running instance keeps its address', () => {
    const text = r.text.replace(
      'timeline: []',
      'timeline:\n  - { at: 10m, do: subnet.update, subnet: web/private, set: { mapPublicIpOnLaunch: true } }',
    );
    const p = loadScenario(text, 'x.yaml').problems.map((x) => `${x.code} ${x.message}`);
    expect(p).toEqual([
      "fixed-field `mapPublicIpOnLaunch` cannot be set — it applies when an instance is launched, and running instances keep their address (AWS-R15) — change hosts' `publicIp` with `host.update`",
    ]);
  });

  it('is an AWS field: refused on the other providers with their equivalent', () => {
    const azure = `name: x
networks:
  - name: hub
    provider: azure
    cidrs: [10.0.0.0/16]
    subnets:
      - { name: app, cidr: 10.0.1.0/24, mapPublicIpOnLaunch: true }
`;
    const p = loadScenario(azure, 'x.yaml').problems;
    expect(p.map((x) => `${x.line}:${x.column} ${x.message}`).join('\n')).toContain(
      '`mapPublicIpOnLaunch` is an AWS field — on Azure',
    );
    expect(p.every((x) => x.severity === 'error')).toBe(true);
    expect(p.length).toBeGreaterThan(0);
  });
});

describe('import folders: each real file read once', () => {
  const root = mkdtempSync(join(tmpdir(), 'cloudroute-walk-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const reads = new Map<string, number>();
  const fs: FolderFs = {
    readdir: (p) => {
      reads.set(p, (reads.get(p) ?? 0) + 1);
      return readdirSync(p);
    },
    stat: (p) => statSync(p),
    realpath: (p) => realpathSync(p),
  };
  // acct/eu-west-1/{Vpcs,Subnets}.json, a link to its own folder, a link back to the root, two
  // links to one folder, a link to a file, a broken link.
  mkdirSync(join(root, 'acct', 'eu-west-1'), { recursive: true });
  writeFileSync(join(root, 'acct', 'eu-west-1', 'Vpcs.json'), '{"Vpcs": []}');
  writeFileSync(join(root, 'acct', 'eu-west-1', 'Subnets.json'), '{"Subnets": []}');
  symlinkSync('.', join(root, 'acct', 'eu-west-1', 'self'));
  symlinkSync('..', join(root, 'acct', 'up'));
  symlinkSync(join(root, 'acct', 'eu-west-1'), join(root, 'also'));
  symlinkSync(join(root, 'acct', 'eu-west-1', 'Vpcs.json'), join(root, 'Vpcs-link.json'));
  symlinkSync(join(root, 'nowhere'), join(root, 'broken.json'));

  it('lists each real file once, walks each folder once, and warns about each loop', () => {
    const w = walkFolder(root, fs);
    // Name order ('V' before 'a'): Vpcs.json is listed under the link met first.
    expect(w.files.map((f) => f.slice(root.length + 1))).toEqual([
      'Vpcs-link.json',
      'acct/eu-west-1/Subnets.json',
    ]);
    expect(Math.max(...reads.values())).toBe(1);
    expect(w.warnings.map(formatWarning).map((m) => m.slice(root.length + 1))).toEqual([
      'acct/eu-west-1/self: a symbolic link loop (back to ' +
        join(root, 'acct', 'eu-west-1') +
        ') — not followed; each file is read once',
      `acct/up: a symbolic link loop (back to ${root}) — not followed; each file is read once`,
    ]);
  });

  it("passes the walk's warnings on to the import (stderr and the scenario's header)", () => {
    const w = walkFolder(root, fs);
    const r = importAws(
      w.files.map((p) => ({ path: p, text: '{"Vpcs": []}' })),
      { warnings: w.warnings },
    );
    expect(r.warnings.filter((x) => x.message.startsWith('a symbolic link loop'))).toHaveLength(2);
    expect(r.text).toContain('a symbolic link loop');
  });
});

describe('import azure: every input the importer cannot use is named', () => {
  const files = fixtureFiles('azure-vms');
  const file = (name: string) => files.filter((f) => f.path.endsWith(name));

  it('a VM list alone (az vm list): a warning naming the file, what it is and what to export', () => {
    const r = importAzure(file('vm-list.json'));
    expect(r.warnings.map(formatWarning)).toEqual([
      "azure-vms/vm-list.json: 2 virtual machines (Microsoft.Compute/virtualMachines: web1, db1) not imported: a VM's address is on its network interface, which is not in the input — add `az network nic list` output (or the NICs' ARM JSON) and their virtual networks to import them as hosts",
    ]);
    expect(r.summary.hosts).toBe(0);
  });

  it('VMs with their NICs are hosts named after the VM (the NIC found through the VM)', () => {
    const r = importAzure(files);
    const hosts = scenarioOf(r.text).topology.networks[0]!.hosts;
    expect(hosts.map((h) => [h.name, h.subnet, h.ip])).toEqual([['web1', 'app', '10.60.1.4']]);
    expect(r.warnings.map(formatWarning)).toEqual([
      "azure-vms/vm-list.json: 1 virtual machine (Microsoft.Compute/virtualMachines: db1) not imported: a VM's address is on its network interface, which is not in the input — add `az network nic list` output (or the NICs' ARM JSON) and their virtual networks to import them as hosts",
      // NSGs are imported (FILTERS.md "Importers"); this one filters nothing that was imported.
      'azure-vms/app-nsg.json: network security group app-nsg is associated with no imported subnet or network interface — skipped',
    ]);
  });
});

describe('import terraform: values known only after apply (IMPORTERS.md 3.4)', () => {
  // An existing VPC whose NAT gateway the plan replaces: every id that names it is unknown until
  // apply — in an aws_route, in inline route sets (`after_unknown.route: true`), behind a
  // local value — and a new subnet's cidr_block comes from IPAM.
  const plan = fixture('terraform', 'aws-nat-replace-1.2.plan.json');
  const after = importTerraform(plan);
  const warnings = after.warnings.map(formatWarning).map((m) => m.replace(/^[^:]*\.json: /, ''));
  const routes = (t: string) =>
    scenarioOf(after.text)
      .topology.networks[0]!.routeTables.find((x) => x.name === t)
      ?.routes.map((r) => `${r.prefix} ${JSON.stringify(r.nextHop)}`);

  it('--what-if: the NAT gateway is replaced, and no route is removed (unknown is not gone)', () => {
    const wi = scenarioOf(importTerraform(plan, { whatIf: true }).text);
    expect(wi.timeline.map((a) => `${a.at} ${a.do}`)).toEqual(['300 gateway.delete', '300 gateway.create']);
  });

  it('resolves the unknown targets through the configuration, or keeps the value before the plan', () => {
    const nat = JSON.stringify({ type: 'nat', gateway: 'shop-nat' });
    expect(routes('shop-private')).toEqual([`0.0.0.0/0 ${nat}`, `10.50.0.0/16 ${nat}`]);
    expect(routes('shop-batch')).toEqual([`0.0.0.0/0 ${nat}`]);
    expect(routes('shop-legacy')).toEqual([`10.99.0.0/16 ${nat}`]);
    expect(warnings).toContain(
      'aws_route_table.batch: its inline routes are unknown until apply — read from its 1 route block in the configuration',
    );
    expect(warnings).toContain(
      'aws_route_table.legacy: its inline routes are unknown until apply and not in the configuration (a dynamic block) — kept as before the plan',
    );
    expect(warnings).toContain(
      'aws_route.to_partner: nat_gateway_id is unknown until apply and its reference (local.nat_id) cannot be followed — kept its value before the plan (aws_nat_gateway.main)',
    );
  });

  it('--what-if: a change of map_public_ip_on_launch is reported, not simulated (it applies at launch)', () => {
    const doc = JSON.parse(plan.text) as {
      resource_changes: { address: string; change: { after: Record<string, unknown> } }[];
    };
    const pub = doc.resource_changes.find((c) => c.address === 'aws_subnet.public')!;
    pub.change.after = { ...pub.change.after, map_public_ip_on_launch: false };
    const r = importTerraform({ path: plan.path, text: JSON.stringify(doc) }, { whatIf: true });
    expect(r.warnings.map(formatWarning)).toContain(
      'subnet shop-public: map_public_ip_on_launch becomes false: not simulated — it applies to instances launched after the apply (AWS-R15), so the timeline keeps the value before the plan',
    );
    expect(scenarioOf(r.text).topology.networks[0]!.subnets[0]!.mapPublicIpOnLaunch).toBe(true);
  });

  it('a subnet whose cidr_block is unknown until apply is reported as such, not as IPv6-only', () => {
    expect(warnings.filter((m) => m.includes('aws_subnet.data'))).toEqual([
      'aws_subnet.data: cidr_block is unknown until apply (computed from data.aws_vpc_ipam_preview_next_cidr.data.cidr, data.aws_vpc_ipam_preview_next_cidr.data) — subnet left out: a scenario subnet needs its IPv4 range',
    ]);
    expect(warnings.some((m) => m.includes('IPv6'))).toBe(false);
  });
});
