/**
 * Every real export in ../shared/real-configs (see its README; read, never copied into the
 * project) imports with warnings at most, the written scenario validates, and no pre-shared key
 * of the input appears in any output. Skipped when the folder is absent.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatWarning,
  importAws,
  importAzure,
  importTerraform,
  type ImportResult,
  type SourceFile,
} from '@cloudroute/import';
import { loadScenario } from '@cloudroute/scenario';
import { REAL, awsSnapshotDirs, jsonSources, present, readSources, walk } from './real-configs.js';

/** Secret values of the inputs: VPN pre-shared keys in any of the shapes the providers use. */
function secretsOf(files: readonly SourceFile[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    for (const m of f.text.matchAll(/<pre_shared_key>([^<]+)<\/pre_shared_key>/g)) out.add(m[1]!);
    for (const m of f.text.matchAll(
      /"(?:PreSharedKey|sharedKey|shared_key|tunnel[12]_preshared_key)"\s*:\s*"([^"]{8,})"/g,
    ))
      out.add(m[1]!);
  }
  return [...out];
}

function check(r: ImportResult, inputs: readonly SourceFile[]): void {
  const l = loadScenario(r.text, 'imported.yaml');
  expect(l.problems.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([]);
  const all = `${r.text}\n${r.warnings.map(formatWarning).join('\n')}`;
  for (const s of secretsOf(inputs)) expect(all.includes(s), 'a pre-shared key was written').toBe(false);
}

/**
 * FILTERS.md "Importers": a Batfish AWS snapshot's groups and NACLs are in the scenario. Every
 * group of an imported VPC is declared (by id), every interface that is a host has its groups,
 * every subnet of a VPC with NACLs in the export has one, and `firewall: rules` is set.
 */
function filtersImported(r: ImportResult, files: readonly SourceFile[]): void {
  const records = (key: string): Record<string, unknown>[] =>
    files.flatMap((f) => {
      const v = (JSON.parse(f.text) as Record<string, unknown>)[key];
      return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
    });
  const sc = loadScenario(r.text, 'imported.yaml').scenario!;
  const vpcs = new Set(sc.topology.networks.map((n) => n.id));
  const groups = records('SecurityGroups').filter((g) => vpcs.has(g['VpcId'] as string));
  const acls = records('NetworkAcls').filter((a) => vpcs.has(a['VpcId'] as string));
  const nets = sc.topology.networks;
  expect(groups.length + acls.length).toBeGreaterThan(0);
  expect(sc.firewall).toBe('rules');
  const sgIds = new Set(nets.flatMap((n) => (n.securityGroups ?? []).map((g) => g.id)));
  for (const g of groups) expect(sgIds, `security group ${String(g['GroupId'])}`).toContain(g['GroupId']);
  const aclIds = new Set(nets.flatMap((n) => (n.networkAcls ?? []).map((a) => a.id)));
  for (const a of acls)
    expect(aclIds, `network ACL ${String(a['NetworkAclId'])}`).toContain(a['NetworkAclId']);
  for (const n of nets) {
    // Every host is an instance or interface of the export: it has the groups it listed.
    for (const h of n.hosts) expect(h.securityGroups?.length ?? 0, `${n.name}/${h.name}`).toBeGreaterThan(0);
    if (acls.some((a) => a['VpcId'] === n.id))
      for (const s of n.subnets) expect(s.networkAcl, `${n.name}/${s.name}`).toBeDefined();
  }
}

/** A Batfish Azure config's NSGs are in the scenario, with their subnet and NIC associations. */
function nsgsImported(r: ImportResult, files: readonly SourceFile[]): void {
  const nsgs = files.filter((f) => /"type":\s*"Microsoft\.Network\/networkSecurityGroups"/i.test(f.text));
  if (nsgs.length === 0) return;
  const sc = loadScenario(r.text, 'imported.yaml').scenario!;
  expect(sc.firewall).toBe('rules');
  const nets = sc.topology.networks;
  const declared = nets.flatMap((n) => n.networkSecurityGroups ?? []);
  expect(declared.length).toBeGreaterThan(0);
  const used = nets.flatMap((n) => [
    ...n.subnets.map((s) => s.networkSecurityGroup),
    ...n.hosts.map((h) => h.networkSecurityGroup),
  ]);
  for (const g of declared) expect(used, `network security group ${g.name}`).toContain(g.name);
}

/** `Output::` blocks of the AWS CLI examples that are JSON. */
function cliOutputs(file: string): SourceFile[] {
  const text = readFileSync(file, 'utf8');
  const out: SourceFile[] = [];
  const parts = text.split(/^Output::\s*$/m).slice(1);
  parts.forEach((part, i) => {
    const lines = part.split('\n').slice(1);
    const block: string[] = [];
    for (const line of lines) {
      if (line.trim() !== '' && !line.startsWith('    ')) break;
      block.push(line.slice(4));
    }
    const json = block.join('\n').trim();
    try {
      JSON.parse(json);
      out.push({ path: `${relative(REAL, file)}#output${i + 1}`, text: json });
    } catch {
      // Not a JSON output (text tables): not an export.
    }
  });
  return out;
}

describe.skipIf(!present)('real exports in ../shared/real-configs', () => {
  const dirs = present ? walk(REAL).map((p) => p.slice(0, p.lastIndexOf('/'))) : [];
  const awsSnapshots = awsSnapshotDirs(dirs);
  const azureSnapshots = [
    ...new Set(
      dirs.filter(
        (d) =>
          d.endsWith('/azure_configs') ||
          d.endsWith('batfish-azure/unit') ||
          d.endsWith('azure-rest-api-specs-examples'),
      ),
    ),
  ];
  const plans = present ? walk(REAL).filter((p) => /terraform|checkov/.test(p) && p.endsWith('.json')) : [];

  it('finds the exports', () => {
    expect(awsSnapshots.length).toBeGreaterThan(10);
    expect(azureSnapshots.length).toBeGreaterThan(4);
    expect(plans.length).toBeGreaterThan(10);
  });

  for (const dir of awsSnapshots)
    it(`import aws ${relative(REAL, dir)}`, () => {
      const files = jsonSources(dir);
      const r = importAws(files);
      check(r, files);
      if (dir.includes('batfish-aws-e2e')) filtersImported(r, files);
    });

  it('import aws of each JSON Output:: block of the AWS CLI examples', () => {
    const dir = join(REAL, 'aws-cli-examples');
    const outputs = readdirSync(dir)
      .filter((f) => f.endsWith('.rst'))
      .flatMap((f) => cliOutputs(join(dir, f)));
    expect(outputs.length).toBeGreaterThan(15);
    for (const o of outputs) check(importAws([o]), [o]);
    const all = importAws(outputs);
    check(all, outputs);
  });

  for (const dir of azureSnapshots)
    it(`import azure ${relative(REAL, dir)}`, () => {
      const files = jsonSources(dir);
      const r = importAzure(files);
      check(r, files);
      if (dir.includes('batfish-azure')) nsgsImported(r, files);
    });

  for (const plan of plans)
    it(`import terraform ${relative(REAL, plan)}`, () => {
      const [file] = readSources([plan]);
      check(importTerraform(file!), [file!]);
      const doc = JSON.parse(file!.text) as { resource_changes?: unknown };
      if (doc.resource_changes !== undefined) check(importTerraform(file!, { whatIf: true }), [file!]);
    });

  it('the hybrid-cloud pull: the VGW propagates what the on-premises site advertises (5 routes)', () => {
    const files = jsonSources(join(REAL, 'batfish-hybrid-cloud-aws', 'aws_configs'));
    const r = importAws(files);
    const sc = loadScenario(r.text, 'x.yaml').scenario!;
    const site = sc.topology.sites[0]!;
    expect(site.cidrs).toEqual(['10.1.1.0/24', '10.1.2.0/24', '10.1.3.0/24', '10.1.4.0/24']);
    expect(site.advertise?.map((a) => a.prefix)).toContain('0.0.0.0/0');
    expect(basename(files[0]!.path)).toBe('Addresses.json');
    expect(secretsOf(files).length).toBeGreaterThan(0);
  });
});
