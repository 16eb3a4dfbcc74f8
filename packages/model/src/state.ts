/**
 * The network state at one moment of a timeline: the topology plus the runtime status of the
 * things that change without a configuration change (gateways provisioning, tunnels, BGP sessions,
 * what each BGP speaker currently advertises). The engine folds events into this with immer; the
 * model reads it. Plain data only.
 */
import type { Advertisement, Topology } from './topology.js';
import type { ProviderProfile } from './profile.js';

/** `net/gw` path of a gateway. */
export type GatewayPath = string;

export type GatewayPhase =
  /** Provisioned and forwarding. */
  | 'ready'
  /** Being created (AZ-R17: 45 min by default on Azure; AWS-R28 minutes). Forwards nothing. */
  | 'provisioning'
  /** An active-standby failover is in progress (AZ-R19). Forwards nothing until it completes. */
  | 'failing-over'
  /** Deleted; routes naming it become blackhole (AWS-R12) or lose their next hop. */
  | 'deleted';

export interface GatewayStatus {
  readonly phase: GatewayPhase;
  /** Virtual time (s) the phase began. */
  readonly since: number;
  /** Bumped when the gateway is recreated: a new public IP (AZ-R17). */
  readonly generation: number;
}

export interface TunnelStatus {
  /** The IPsec tunnel is up (not failed, not administratively down). */
  readonly up: boolean;
}

export interface SessionStatus {
  /** Not shut down by a `bgp.session.down` command or a fault. */
  readonly adminUp: boolean;
  /** The session is Established: routes are exchanged. */
  readonly established: boolean;
  /** Why it is not established, for explanations (e.g. `AZ-R22 prefix limit`). */
  readonly reason?: string;
}

export interface NetworkState {
  /** Virtual time in seconds from the scenario start. */
  readonly time: number;
  readonly topology: Topology;
  readonly profile: ProviderProfile;
  /** Keyed by `net/gw`. Every gateway of the topology has an entry. */
  readonly gateways: Readonly<Record<GatewayPath, GatewayStatus>>;
  /** Keyed by connection name; one entry per tunnel. */
  readonly tunnels: Readonly<Record<string, readonly TunnelStatus[]>>;
  /** Keyed by connection name; one entry per tunnel; present for BGP connections only. */
  readonly sessions: Readonly<Record<string, readonly SessionStatus[]>>;
  /**
   * What each BGP speaker advertises right now, keyed by site name or `net/gw`.
   * Initialised from the site's `advertise` (or its cidrs); changed by `bgp.advertise/withdraw`.
   */
  readonly adverts: Readonly<Record<string, readonly Advertisement[]>>;
}
