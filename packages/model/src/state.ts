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

/** Where a gateway is in its life: ready, provisioning, failing over or deleted. */
export type GatewayPhase =
  /** Provisioned and forwarding. */
  | 'ready'
  /** Being created (AZ-R17: 45 min by default on Azure; AWS-R28 minutes). Forwards nothing. */
  | 'provisioning'
  /** An active-standby failover is in progress (AZ-R19). Forwards nothing until it completes. */
  | 'failing-over'
  /** Deleted; routes naming it become blackhole (AWS-R12) or lose their next hop. */
  | 'deleted';

/** The runtime status of one gateway: its phase, since when, and the transition in progress. */
export interface GatewayStatus {
  /** Where the gateway is in its life. */
  readonly phase: GatewayPhase;
  /** Virtual time (s) the phase began. */
  readonly since: number;
  /** Bumped when the gateway is recreated: a new public IP (AZ-R17). */
  readonly generation: number;
  /**
   * Virtual time (s) the current transition ends: provisioning done (AZ-R17, AWS-R28) or failover
   * done (AZ-R19). Absent when no transition is in progress. Set by the engine.
   */
  readonly until?: number;
  /**
   * Active-active failover (AZ-R20): the instance (0 or 1) whose tunnels are down until `until`;
   * the phase stays `ready` and the other instance keeps forwarding. Set by the engine.
   */
  readonly failingInstance?: number;
  /**
   * An in-place SKU upgrade is in progress (AZ-R17, AZ-R18): the SKU it moves to, in force at
   * `until`. The gateway keeps forwarding with its old SKU (public IP kept); another operation is
   * refused meanwhile. Set by the engine.
   */
  readonly upgradingTo?: string;
}

/** The runtime status of one tunnel of a connection: up or down, and why. */
export interface TunnelStatus {
  /** The IPsec tunnel is up (not failed, not administratively down). */
  readonly up: boolean;
  /**
   * Not brought down by a `tunnel.down` command or fault (absent = true). `up` is `adminUp` and
   * the state of the gateways at both ends; the engine keeps both so that a gateway coming back
   * does not raise a tunnel that was taken down on purpose.
   */
  readonly adminUp?: boolean;
  /** Why it is down (`admin-down`, `gateway-provisioning`, `gateway-failing-over`, `gateway-deleted`). */
  readonly reason?: string;
}

/** The runtime status of the BGP session over one tunnel: shut down or not, established or not, and the timers that change it. */
export interface SessionStatus {
  /** Not shut down by a `bgp.session.down` command or a fault. */
  readonly adminUp: boolean;
  /** The session is Established: routes are exchanged. */
  readonly established: boolean;
  /** Why it is not established, for explanations (e.g. `AZ-R22 prefix limit`). */
  readonly reason?: string;
  /**
   * The path to the peer failed silently (AZ-R21: its peer route is gone) while established: the
   * session drops at this virtual time (hold timer, AZ-R22 180 s) unless the path comes back.
   */
  readonly holdExpires?: number;
  /** Not established, every condition met: it becomes established at this virtual time. */
  readonly establishAt?: number;
}

/** The network at one moment of a timeline: the topology, the profile, and the status of every gateway, tunnel, BGP session and advertisement. */
export interface NetworkState {
  /** Virtual time in seconds from the scenario start. */
  readonly time: number;
  /** The topology as it stands at `time`, configuration changes applied. */
  readonly topology: Topology;
  /** The provider profile the timeline runs with. */
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
