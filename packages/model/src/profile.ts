/**
 * Provider profiles: the durations and behaviours PROVIDERS.md leaves configurable ([GUESS], [3P]
 * rules and documented ranges). Every duration is in seconds and can be overridden per object in
 * the scenario (e.g. a gateway's `provisioning`).
 */
import type { PortRange } from './filters/types.js';

/** The configurable durations and behaviours of each provider, in seconds where they are times; a scenario can override them. */
export interface ProviderProfile {
  readonly azure: {
    /** AZ-R17: "Creating a gateway can often take 45 minutes or more". */
    readonly vpnGatewayProvisioning: number;
    /** AZ-R19: planned failover restores connectivity within 10–15 s. */
    readonly failoverPlanned: number;
    /** AZ-R19: unplanned failover, about 1 to 3 minutes worst case. */
    readonly failoverUnplanned: number;
    /** AZ-R22: BGP hold time. */
    readonly bgpHoldTime: number;
    /** AZ-R22: more prefixes than this from a peer drops the session. */
    readonly maxPrefixesFromPeer: number;
    /** AZ-R18: SKU upgrade duration (in place, public IP kept). */
    readonly skuUpgrade: number;
    /** AZ-R30 [GUESS]: the `VirtualNetwork` tag includes the prefixes of the subnet's routes (default true). */
    readonly virtualNetworkTagIncludesRoutes: boolean;
    /** AZ-R32 [GUESS]: an NSG on the GatewaySubnet `breaks` the gateway (default) or is `ignored`. */
    readonly gatewaySubnetNsg: 'breaks' | 'ignored';
  };
  readonly aws: {
    /** AWS-R28 [GUESS]: VGW and VPN connection pending → available. */
    readonly vgwProvisioning: number;
    readonly natProvisioning: number;
    /** AWS-R14: propagated routes per table. */
    readonly maxPropagatedRoutes: number;
    readonly bgpHoldTime: number;
  };
  readonly gcp: {
    /** GCP-R6 [GUESS]: a route to a stopped VM is disregarded (default) or drops. */
    readonly stoppedNextHop: 'disregard' | 'drop';
    readonly bgpHoldTime: number;
    /**
     * GCP-R17 [GUESS]: the region-to-region cost added to the MED of a dynamic route applied in
     * another region (global routing mode, legacy best path). Google sets it between 201 and
     * 9999; absent: 201.
     */
    readonly interRegionCost?: number;
  };
  readonly openstack: {
    /** OS-R6: which firewall driver enforces port security. */
    readonly firewallDriver: 'ovn' | 'iptables' | 'openvswitch';
  };
  /** DESIGN.md "Timing": a session comes up as soon as both peer routes exist (default 0 s). */
  readonly bgpSessionEstablish: number;
  readonly flows: {
    /** AWS-R42 [GUESS]: a flow's default client ephemeral ports (32768–61000). */
    readonly sourcePorts: PortRange;
  };
  readonly filters: {
    /** AWS-R39, AZ-R29 [GUESS]: a rule change `reevaluate`s established flows at once (default) or they `keep` going. */
    readonly existingConnections: 'reevaluate' | 'keep';
  };
}

/** The profile a scenario gets when it sets none: the documented defaults and the project's guesses where the providers say nothing. */
export const defaultProfile: ProviderProfile = {
  azure: {
    vpnGatewayProvisioning: 45 * 60,
    failoverPlanned: 15,
    failoverUnplanned: 180,
    bgpHoldTime: 180,
    maxPrefixesFromPeer: 4000,
    skuUpgrade: 45 * 60,
    virtualNetworkTagIncludesRoutes: true,
    gatewaySubnetNsg: 'breaks',
  },
  aws: {
    vgwProvisioning: 5 * 60,
    natProvisioning: 2 * 60,
    maxPropagatedRoutes: 100,
    bgpHoldTime: 30,
  },
  gcp: { stoppedNextHop: 'disregard', bgpHoldTime: 60 },
  openstack: { firewallDriver: 'ovn' },
  bgpSessionEstablish: 0,
  flows: { sourcePorts: { lo: 32768, hi: 61000 } },
  filters: { existingConnections: 'reevaluate' },
};
