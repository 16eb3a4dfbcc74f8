/**
 * The topology's hosts (VMs, NICs, instances) and their OpenStack ports, with port security and allowed address
 * pairs (types re-exported by ../topology.ts).
 */
import type { PrefixText, IpText } from '../topology.js';

/** OpenStack (OS-R7): an extra address or prefix a port may send from, besides its own. */
export interface AllowedAddressPair {
  /** The allowed address or prefix. */
  readonly ip: PrefixText;
  /** The MAC address it goes with; absent: the port's own. */
  readonly mac?: string;
}

/**
 * What an OpenStack port sets for itself, on a {@link Port} or on a host's shorthand port (`subnet` +
 * `ip`): port security, address pairs and groups; a port's own value wins over its host's. On an AWS
 * host, `securityGroups` are the ENI's.
 */
export interface PortSettings {
  /** OpenStack: port security on the port (OS-R4); absent: the network's default. */
  readonly portSecurity?: boolean;
  /** OpenStack: extra sources the port may use (OS-R7). */
  readonly allowedAddressPairs?: readonly AllowedAddressPair[];
  /** OpenStack: the port's security groups (OS-R18); AWS: the ENI's security groups (default `[default]`, AWS-R36). */
  readonly securityGroups?: readonly string[];
}

/** An OpenStack port of a host: its address in one subnet, with its own port security, pairs and groups. */
export interface Port extends PortSettings {
  /** `subnet` (same network) or `net/subnet`. */
  readonly subnet: string;
  /** The port's fixed address in that subnet. */
  readonly ip: IpText;
  /** The port's MAC address, kept from an import. */
  readonly mac?: string;
}

/**
 * A machine with an address in a subnet (or OpenStack ports): a flow's source or destination, or an
 * appliance a route points at. Its {@link PortSettings} are those of its shorthand port (OpenStack)
 * or its ENI (AWS `securityGroups`).
 */
export interface Host extends PortSettings {
  /** The host's name, unique in its network. */
  readonly name: string;
  /** The subnet the host's address is in; with `ip`, shorthand for one port. */
  readonly subnet?: string;
  /** The host's private address in `subnet`. */
  readonly ip?: IpText;
  /** Azure NIC IP forwarding (AZ-R6); GCP canIpForward; OpenStack: the guest forwards. */
  readonly ipForwarding?: boolean;
  /** AWS source/destination check (default true). */
  readonly sourceDestCheck?: boolean;
  /** The host has a public address (AWS-R15 for AWS; an OpenStack floating IP, OS-R15). */
  readonly publicIp?: boolean;
  /** GCP network tags. */
  readonly tags?: readonly string[];
  /** GCP: the VM is RUNNING (default true). */
  readonly running?: boolean;
  /** OpenStack ports, each with its own {@link PortSettings}; `subnet` + `ip` is shorthand for one port. */
  readonly ports?: readonly Port[];
  /** Azure: the NIC's NSG (AZ-R25), a name of the network or `net/nsg`. */
  readonly networkSecurityGroup?: string;
  /** GCP: the VM's service account (GCP-R29); default `default`. */
  readonly serviceAccount?: string;
  /** Provider id kept from an import. */
  readonly id?: string;
}
