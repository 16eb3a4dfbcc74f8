/** Traffic filters (FILTERS.md "Filter objects"), one file per provider plus shared leaves; this file re-exports them. */
export { ALL_PORTS, ipProtocol, normaliseProtocol, parsePortRange, portRange } from './filter-leaves.js';
export {
  ALLOW_ALL_OUTBOUND,
  awsSecurityGroup,
  networkAcl,
  networkAclEntry,
  prefixList,
  securityGroupRule,
} from './aws-filters.js';
export { BUILT_IN_TAGS, networkSecurityGroup, nsgRule, serviceTags } from './azure-filters.js';
export { firewallRule } from './gcp-filters.js';
export { neutronRule, openstackSecurityGroup } from './openstack-filters.js';
export { defaultHostByProvider, defaultHostDoc, firewallMode } from './filter-associations.js';
