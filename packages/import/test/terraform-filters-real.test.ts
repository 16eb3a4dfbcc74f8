/**
 * `import terraform` of the filters in the real plans of ../shared/real-configs (read, never copied
 * into the project; skipped when the folder is absent). Terraform 0.12 plans (format 0.1): their
 * configuration holds no inline rule blocks, so rules come from plan values and rule resources.
 * Expected values are read off each plan's `resource_changes`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { formatWarning, importTerraform } from '@cloudroute/import';
import { ALL_OUT, tcpFromAnywhere } from './helpers.js';

const REAL = join(import.meta.dirname, '../../../../shared/real-configs');
const present = existsSync(REAL);

interface Doc {
  firewall?: string;
  networks: {
    name: string;
    securityGroups?: { name: string; inbound: unknown[]; outbound: unknown[] }[];
    hosts: Record<string, unknown>[];
  }[];
}

function load(path: string) {
  const r = importTerraform({ path, text: readFileSync(join(REAL, path), 'utf8') });
  return { doc: parse(r.text) as Doc, warnings: r.warnings.map(formatWarning) };
}

describe.skipIf(!present)('import terraform: filters of real plans', () => {
  it('checkov: a group whose rules are two aws_security_group_rule (ingress/egress unknown until apply), and one with inline rules', () => {
    const { doc } = load('checkov/plan/tfplan.json');
    const vpc = doc.networks.find((n) => n.name === '123456789123-acme-corp-vpc');
    expect(vpc?.securityGroups).toEqual([
      {
        name: '123456789123-acme-corp-rds-sg',
        id: 'aws_security_group.default',
        inbound: [{ protocol: 'tcp', port: 3306, cidr: '172.16.0.0/16' }],
        outbound: ALL_OUT,
      },
      {
        name: '123456789123-acme-corp-sg',
        id: 'aws_security_group.web-node',
        inbound: tcpFromAnywhere(22, 80),
        outbound: ALL_OUT,
      },
    ]);
    // aws_network_interface.web-eni sets no security_groups: the VPC's default group.
    expect(vpc?.hosts.map((h) => h['securityGroups'])).toEqual([undefined]);
    expect(doc.firewall).toBe('rules');
  });

  it('terraform-compliance test_pull_330: TF-AWS-SG (no egress block, no egress); a rule for a group outside the plan', () => {
    const { doc, warnings } = load('terraform-compliance/test_pull_330/plan.out.json');
    expect(doc.networks[0]?.securityGroups).toEqual([
      {
        name: 'allow_all',
        id: 'aws_security_group.allow_all_egress',
        inbound: [],
        outbound: [{ protocol: 'tcp', port: 443, cidr: '0.0.0.0/0' }],
      },
      {
        name: 'allow_tls',
        id: 'aws_security_group.allow_tls',
        inbound: [{ protocol: 'tcp', port: 443, cidr: '10.0.0.0/8' }],
        outbound: [],
      },
    ]);
    expect(warnings).toContain(
      'terraform-compliance/test_pull_330/plan.out.json: aws_security_group_rule.allow_all: security group sg-123456 is not in the plan — rule left out',
    );
  });

  it('terraform-compliance test_issue-294: NSGs of NICs that are no host (dynamic IPs) are not written; no firewall key', () => {
    const { doc, warnings } = load('terraform-compliance/test_issue-294/plan.out.json');
    expect(doc.firewall).toBeUndefined();
    expect(
      warnings.filter((w) => w.includes('azurerm_network_interface_security_group_association')),
    ).toHaveLength(2);
  });
});
