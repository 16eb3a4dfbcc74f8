/**
 * @cloudroute/model: provider semantics. Topology types, network state, provider profiles,
 * forwarding tables with per-provider route selection, effective routes and validation.
 */
export { defaultProfile } from './profile.js';
export { forwardingTables } from './forwarding-tables.js';
export { effectiveRoutes, forwardingTable, routesTargets } from './effective-routes.js';
export { validateTopology } from './validate.js';
export { checkGatewayUpdate, gatewayUpdateVerdict } from './gateway-updates.js';
export { OPAQUE_KINDS, opaqueAction } from './opaque.js';
export { azureActiveActiveRefusal, azureSkuChangeRefusal, azureSkuUpgradeKind } from './azure/sku-change.js';
export {
  findHostByIp,
  subnetOf,
  subnetGatewayIp,
  gatewayBgpPeerIps,
  gatewaySubnet,
  gatewayIngressTable,
  tunnelCount,
} from './lookup.js';
export { reservedAddresses, reservedSpan } from './internal/reserved-addresses.js';
export type { ReservedSpan } from './internal/reserved-addresses.js';
export { splitPath } from './internal/topology-index.js';
export { learnedPrefixes } from './bgp/learned.js';
export { advertisedTo } from './bgp/advertised.js';
export { AWS_DEFAULT_ASN, AZURE_DEFAULT_ASN } from './bgp/asn.js';
export { AWS_RESERVED_DESTINATIONS } from './aws/route-selection.js';
export { AZURE_NONE_PREFIXES } from './azure/system-routes.js';
export { AZURE_NEXT_HOP_TYPES, AZURE_ROUTES_PER_TABLE } from './azure/route-refusals.js';
export { OS_MAX_ADDRESS_PAIRS, OS_MAX_EXTRA_ROUTES } from './openstack/validate.js';
export { awsNewCidrRefusal, awsRouteRefusal } from './aws/route-refusals.js';
export { azureOnGatewaySubnet, azureRouteRefusal, azureRouteWarnings } from './azure/route-refusals.js';
export { gcpRouteRefusal } from './gcp/route-refusals.js';
export { openstackExtraRouteRefusal } from './openstack/route-refusals.js';
export { openstackPortRefusal } from './openstack/port-refusals.js';
export type { NeutronPortView } from './openstack/port-refusals.js';
export type { ChangeRefusal } from './change-refusal.js';
export { parseLooseAddress, parseLoosePrefix } from './loose-prefix.js';
export type { LoosePrefix } from './loose-prefix.js';
export {
  transitHubOf,
  transitRefusesGatewayIn,
  transitRefusesHubChange,
  transitSpokesOf,
} from './azure/gateway-transit.js';
export type { TransitHub } from './azure/gateway-transit.js';
export {
  AWS_NACL_RULE_MAX,
  AWS_NACL_RULE_MIN,
  AWS_RULES_PER_NACL,
  AWS_RULES_PER_SG,
  AWS_SGS_PER_ENI,
  awsNaclEntriesRefusal,
  awsNaclEntryRefusal,
  awsSecurityGroupRuleRefusal,
  awsSecurityGroupsRefusal,
} from './aws/filter-refusals.js';
export {
  AZURE_NSG_PRIORITY_MAX,
  AZURE_NSG_PRIORITY_MIN,
  azureNsgRuleRefusal,
  azureNsgRulesRefusal,
} from './azure/filter-refusals.js';
export { gcpFirewallRuleChangeRefusal, gcpFirewallRuleRefusal } from './gcp/filter-refusals.js';
export {
  neutronGroupOwner,
  neutronGroupUsers,
  neutronRuleRefusal,
  neutronStatefulRefusal,
} from './openstack/filter-refusals.js';
export type { FilterRefusal } from './filters/refusal.js';

export type * from './topology.js';
export type * from './state.js';
export type { ProviderProfile } from './profile.js';
export type { Diagnostic } from './diagnostics.js';
export type * from './tables.js';
export type { RoutesView, RouteRow, RoutesTargetError } from './effective-routes.js';
export type { HostMatch } from './lookup.js';
export type { LearnedRoute } from './bgp/learned.js';
export type { AdvertisedRoute } from './bgp/advertised.js';
export type { GatewayUpdateRefusal, GatewayUpdateVerdict } from './gateway-updates.js';
export type { SkuRefusal, SkuUpgradeKind } from './azure/sku-change.js';
export {
  compileFilters,
  firewallMode,
  ANY_PROTOCOL,
  PROTO_ICMP,
  PROTO_TCP,
  PROTO_UDP,
  allows,
  firstMatch,
} from './filters/index.js';
// Filters (FILTERS.md): what the data plane and the reference need beyond compileFilters.
export {
  isSecurityGroupReference,
  awsSecurityGroupMembers,
  awsNetworkAclOf,
  awsSecurityGroup,
} from './aws/filters.js';
export { AZURE_DEFAULT_NSG_RULES, azureNsgOf } from './azure/filters.js';
/** GCP-R27: the implied rules' names, as a FilterProgram's `defaultRule` and a trace's `rule`. */
export { GCP_IMPLIED_ALLOW_EGRESS, GCP_IMPLIED_DENY_INGRESS } from './gcp/filters.js';
/** OS-R18: `implicit-deny`; the trace name of an OpenStack port (`net/host:i`). */
export { NEUTRON_IMPLICIT_DENY } from './openstack/filters.js';
export { neutronPortLabel } from './openstack/filter-groups.js';
export {
  AZURE_HOST_VIP,
  azureCloudRanges,
  azureInternetRanges,
  azureServiceTagRanges,
  azureVirtualNetworkRanges,
} from './azure/service-tags.js';
export type { AddressRanges } from './filters/address-ranges.js';
export type {
  FilterChecks,
  FilterEntry,
  FilterKind,
  FilterProgram,
  NetworkFilters,
} from './filters/index.js';
