/** The Azure hub with a VPN to one branch, as scenario YAML, for the end-to-end tests of its gateway. */

/** What differs between the tests' hubs. */
interface HubBranch {
  /** The lines before `networks:` (name, seed, horizon, profile…). */
  readonly head: string;
  /** The VPN gateway's SKU. */
  readonly sku: string;
  /** Puts an empty NSG `gw-nsg` on GatewaySubnet (AZ-R32). */
  readonly gatewaySubnetNsg?: boolean;
  /** The flows of the group app → branch. */
  readonly count: number;
  /** The lines after `flows:` (a timeline…). */
  readonly tail?: string;
}

/**
 * VNet `hub` (10.1.0.0/16: subnets app and GatewaySubnet, VPN gateway vng1), site `branch`
 * (192.168.50.0/24), a static connection `branch-vpn` between them and the flow group `app-branch`.
 */
export function hubBranchYaml(o: HubBranch): string {
  const nsg = o.gatewaySubnetNsg === true;
  return `${o.head}
networks:
  - name: hub
    provider: azure
    cidrs: [10.1.0.0/16]
    subnets:
      - { name: app, cidr: 10.1.1.0/24 }
      - { name: GatewaySubnet, cidr: 10.1.255.0/27${nsg ? ', networkSecurityGroup: gw-nsg' : ''} }
${nsg ? '    networkSecurityGroups: [ { name: gw-nsg, securityRules: [] } ]\n' : ''}    gateways:
      - { name: vng1, kind: vpn, sku: ${o.sku} }
sites:
  - { name: branch, cidrs: [192.168.50.0/24] }
connections:
  - { name: branch-vpn, between: [hub/vng1, branch], bgp: false }
flows:
  - { name: app-branch, from: hub/app, to: branch, count: ${o.count} }
${o.tail ?? ''}`;
}
