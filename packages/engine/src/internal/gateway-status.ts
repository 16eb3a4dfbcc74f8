/**
 * A gateway's status records and the events the engine schedules for it: provisioning times
 * (AZ-R17, AWS-R28), the `gateway.provisioned` and `gateway.failover.completed` events, and the
 * status during a switchover window (AZ-R19, AZ-R20). Shared by the gateway lifecycles.
 */
import type { Gateway, GatewayStatus, ProviderProfile } from '@cloudroute/model';
import { withLabel } from '../labels.js';
import type { GatewayFailoverCompleted, GatewayProvisioned } from '../events.js';

/** Seconds from create (or recreate) to ready. */
export function provisioningTime(profile: ProviderProfile, gw: Gateway): number {
  if (gw.provisioning !== undefined) return Math.max(0, gw.provisioning);
  if (gw.kind === 'vpn') return profile.azure.vpnGatewayProvisioning; // AZ-R17
  if (gw.kind === 'vgw') return profile.aws.vgwProvisioning; // AWS-R28 [GUESS]
  if (gw.kind === 'nat') return profile.aws.natProvisioning; // AWS-R28 [GUESS]
  return 0; // no documented figure: ready at once unless the gateway says otherwise
}

/** A gateway status record; the optional fields appear only when set. */
export function gatewayStatus(s: {
  phase: GatewayStatus['phase'];
  since: number;
  generation: number;
  until?: number | undefined;
  failingInstance?: number | undefined;
  upgradingTo?: string | undefined;
}): GatewayStatus {
  return {
    phase: s.phase,
    since: s.since,
    generation: s.generation,
    ...(s.until === undefined ? {} : { until: s.until }),
    ...(s.failingInstance === undefined ? {} : { failingInstance: s.failingInstance }),
    ...(s.upgradingTo === undefined ? {} : { upgradingTo: s.upgradingTo }),
  };
}

/** The `gateway.provisioned` event of `gateway`'s `generation`, at `at`. */
export function provisioned(gateway: string, generation: number, at: number): GatewayProvisioned {
  return withLabel<GatewayProvisioned>({
    type: 'gateway.provisioned',
    at,
    origin: 'engine',
    gateway,
    generation,
  });
}

/** The `gateway.failover.completed` event that ends a switchover window at `until`. */
export function failoverCompleted(gateway: string, until: number): GatewayFailoverCompleted {
  return withLabel<GatewayFailoverCompleted>({
    type: 'gateway.failover.completed',
    at: until,
    origin: 'engine',
    gateway,
  });
}

/**
 * A gateway's status during a switchover window `[at, until)` (a failover, AZ-R19, or the end of a
 * SKU upgrade, AZ-R18): active-active, only instance 0's tunnels go down and the other instance
 * keeps forwarding (AZ-R20); active-standby, the whole gateway is failing over.
 */
export function switchoverStatus(
  activeActive: boolean,
  st: GatewayStatus,
  at: number,
  until: number,
): GatewayStatus {
  return activeActive
    ? gatewayStatus({ phase: 'ready', since: st.since, generation: st.generation, until, failingInstance: 0 })
    : gatewayStatus({ phase: 'failing-over', since: at, generation: st.generation, until });
}
