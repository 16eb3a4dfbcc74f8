/** How subnets use filters: each provider's `defaultHost` (implicit instances' filters) and the firewall mode. */
import * as z from 'zod';
import { localOrPath, name, tags } from './leaves.js';
import { doc, strict } from './registry.js';

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
