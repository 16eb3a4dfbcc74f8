/**
 * Terraform AWS filters (FILTERS.md "Importers", AWS-R35..R41) → the records of
 * `aws ec2 describe-security-groups` and `describe-network-acls` (keyed by the Terraform address,
 * as in `aws/`) and the `Groups` of the hosts' interface records, so that the CLI importer's
 * builder writes the same `securityGroups`, `networkAcls`, `prefixLists` and hosts'
 * `securityGroups`.
 *
 * Resources: `aws_security_group` (inline `ingress`/`egress`), `aws_security_group_rule`,
 * `aws_vpc_security_group_{ingress,egress}_rule`, `aws_default_security_group` (the VPC's
 * `default`), `aws_network_acl` (inline `ingress`/`egress`, `subnet_ids`), `aws_network_acl_rule`,
 * `aws_network_acl_association`, `aws_default_network_acl` (`default: true`, and every subnet of
 * its VPC that no other NACL takes), `aws_instance.vpc_security_group_ids` / `security_groups`,
 * `aws_network_interface.security_groups`, `aws_network_interface_sg_attachment`,
 * `aws_ec2_managed_prefix_list` (+ `_entry`).
 *
 * Traps:
 * - TF-AWS-SG: Terraform removes the allow-all egress rule AWS gives a new group; a group without
 *   `egress` blocks (and without egress rule resources) has no egress: `IpPermissionsEgress: []`,
 *   which the builder writes `outbound: []`. `aws_default_security_group` and
 *   `aws_default_network_acl` likewise keep only the rules written in the configuration.
 * - `protocol = "-1"` comes with `from_port = to_port = 0`: all ports (AWS-R35), no port range.
 * - `self = true` names the group itself.
 * - Inline rules and rule resources on one group (or NACL) are merged, identical rules once, with
 *   a warning when both declare rules of their own (the provider documents that they overwrite
 *   each other). A state lists every rule of a group inline, those of rule resources too: no
 *   warning then.
 * - Links unknown until apply (`security_group_id`, `source_security_group_id`, the groups of an
 *   instance, `subnet_ids`) follow the configuration's references, as every other link of the
 *   importer (refs.ts); what cannot be followed is left out and reported.
 */
import type { Warnings } from '../warnings.js';
import { Filters, type FilterConv } from './aws-filters-shared.js';
import { hostGroups } from './aws-filters-hosts.js';
import { networkAcls } from './aws-filters-network-acls.js';
import { prefixLists } from './aws-filters-prefix-lists.js';
import { securityGroups } from './aws-filters-security-groups.js';
import type { TfResolver } from './refs.js';

/** Resource types this file converts. */
export const AWS_FILTERS_HANDLED: readonly string[] = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_default_security_group',
  'aws_network_acl',
  'aws_network_acl_rule',
  'aws_network_acl_association',
  'aws_default_network_acl',
  'aws_network_interface_sg_attachment',
  'aws_ec2_managed_prefix_list',
  'aws_ec2_managed_prefix_list_entry',
];

/** Filters of other providers the Terraform importer does not convert yet: one warning each. */
export const OTHER_FILTERS: Readonly<Record<string, string>> = {
  google_compute_firewall: 'GCP firewall rules',
  google_compute_firewall_policy: 'GCP firewall policies',
  google_compute_firewall_policy_rule: 'GCP firewall policies',
  google_compute_network_firewall_policy: 'GCP firewall policies',
  google_compute_network_firewall_policy_rule: 'GCP firewall policies',
  openstack_networking_secgroup_v2: 'Neutron security groups',
  openstack_networking_secgroup_rule_v2: 'Neutron security groups',
  openstack_compute_secgroup_v2: 'Neutron security groups',
};

/** Warns once per resource of {@link OTHER_FILTERS}: not modelled yet by this importer. */
export function noteOtherFilters(r: TfResolver, w: Warnings): void {
  for (const i of r.plan.instances) {
    const what = OTHER_FILTERS[i.type];
    if (what !== undefined)
      w.add(
        'unsupported',
        `${i.address}: ${what} are not modelled yet by the Terraform importer — not imported (write them in the scenario by hand, FILTERS.md)`,
        r.file,
      );
  }
}

/**
 * Security groups, network ACLs, prefix lists and the hosts' groups of a plan side → inventory
 * records. Called after the hosts' interface records are written (it adds their `Groups`).
 */
export function awsFilters(c: FilterConv): void {
  const f = new Filters(c);
  prefixLists(f);
  securityGroups(f);
  networkAcls(f);
  hostGroups(f);
}
