/**
 * The topology's on-premises sites, the connections (VPN, Direct Connect) between gateways and sites or
 * gateways, and peerings between networks (types re-exported by ../topology.ts).
 */
import type { PrefixText, IpText } from '../topology.js';

/** A static route of an on-premises site: traffic to `prefix` leaves through a connection's tunnels. */
export interface SiteRoute {
  /** Optional name, as written in the scenario. */
  readonly name?: string;
  /** The destination the route matches. */
  readonly prefix: PrefixText;
  /** Connection name: through its tunnels. */
  readonly via: string;
}

/** A prefix a site advertises over BGP, with the MED and AS path it carries. */
export interface Advertisement {
  /** The advertised prefix. */
  readonly prefix: PrefixText;
  /** The multi-exit discriminator sent with it. */
  readonly med?: number;
  /** ASNs prepended after the site's own. */
  readonly asPath?: readonly number[];
}

/** An on-premises site: its address ranges, its BGP identity and what it routes and advertises over its connections. */
export interface Site {
  /** The site's name, unique in the topology. */
  readonly name: string;
  /** The site's own address ranges. */
  readonly cidrs: readonly PrefixText[];
  /** The site's BGP ASN. */
  readonly asn?: number;
  /** Does the site forward traffic on to the internet? (default false) */
  readonly internetEgress?: boolean;
  /** BGP from this address (a loopback); absent: the tunnel interface (AZ-R21). */
  readonly bgpPeerIp?: IpText;
  /** The site's static routes toward the cloud. */
  readonly routes?: readonly SiteRoute[];
  /** What the site advertises over BGP; default: its cidrs. */
  readonly advertise?: readonly Advertisement[];
  /** Provider id kept from an import (a customer gateway). */
  readonly id?: string;
}

/** A VPN (or Direct Connect) connection between a gateway and a site or between two gateways, with its tunnels and whether it runs BGP. */
export interface Connection {
  /** The connection's name, unique in the topology. */
  readonly name: string;
  /** `[net/gateway, site]` or `[net/gateway, net/gateway]`. */
  readonly between: readonly [string, string];
  /** false: the site's cidrs are static prefixes of the gateway; true: BGP only. */
  readonly bgp: boolean;
  /** Number of tunnels; default per provider (AWS 2, AWS-R23; Azure 1 or 2 active-active; GCP HA 2). */
  readonly tunnels?: number;
  /** AWS Direct Connect (AWS-R46): the connection is a VIF through a Direct Connect gateway. */
  readonly directConnect?: DirectConnect;
  /** Provider id kept from an import. */
  readonly id?: string;
}

/**
 * AWS-R46: a site's virtual interface to a Direct Connect gateway and that gateway's association
 * with the connection's VGW (private VIF) or TGW (transit VIF), seen as one BGP connection.
 */
export interface DirectConnect {
  /** The Direct Connect gateway's name (several connections may share one); absent: a private VIF straight to the VGW. */
  readonly gateway?: string;
  /** The DX gateway's provider id, `dxgw` id or UUID. */
  readonly gatewayId?: string;
  /** The DX gateway's Amazon-side ASN: first in the AS path the site learns. */
  readonly asn?: number;
  /** The association's allowed prefixes: what the site learns (default: VGW the VPC's CIDRs, TGW none). */
  readonly allowedPrefixes?: readonly string[];
  /** The VIF's provider id (`dxvif-…`). */
  readonly vif?: string;
}

/** A peering between two networks, with GCP route exchange and Azure gateway transit. */
export interface Peering {
  /** Optional name, as written in the scenario. */
  readonly name?: string;
  /** The two peered networks' names. */
  readonly between: readonly [string, string];
  /** GCP custom route exchange (GCP-R23). */
  readonly customRoutes?: 'none' | 'a-to-b' | 'b-to-a' | 'both';
  /**
   * Azure gateway transit (AZ-R34..R37): `between[0]` is the hub that allows transit,
   * `between[1]` the spoke that uses the hub's gateway. Default false.
   */
  readonly gatewayTransit?: boolean;
  /** Provider id kept from an import. */
  readonly id?: string;
}
