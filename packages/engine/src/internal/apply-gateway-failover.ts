/**
 * Azure VPN gateway failover (AZ-R19, AZ-R20): `gateway.failover.started` opens a window of
 * 15 s planned or 180 s unplanned; active-standby, the gateway is failing over; active-active,
 * only one instance's tunnels go down. `gateway.failover.completed` closes it.
 */
import type { NetworkState } from '@cloudroute/model';
import type { GatewayFailoverCompleted, GatewayFailoverStarted } from '../events.js';
import { linksOf } from './links.js';
import { findGateway } from './lookup.js';
import { STALE, change, refuse } from './outcome.js';
import type { Outcome } from './outcome.js';
import { failoverCompleted, gatewayStatus, switchoverStatus } from './gateway-status.js';

/** A failover starts: the gateway (or one instance) is down until the window ends. */
export function gatewayFailoverStarted(state: NetworkState, ev: GatewayFailoverStarted): Outcome {
  const f = findGateway(state.topology, ev.gateway);
  const st = state.gateways[ev.gateway];
  if (!f || !st || st.phase === 'deleted') return refuse('not-found', `no gateway ${ev.gateway}`);
  if (f.network.provider !== 'azure' || f.item.kind !== 'vpn') {
    return refuse(
      'unsupported',
      `failover is modelled for Azure VPN gateways (AZ-R19, AZ-R20); ${ev.gateway} is a ${f.item.kind}`,
    );
  }
  if (st.phase !== 'ready' || st.failingInstance !== undefined || st.upgradingTo !== undefined) {
    const doing =
      st.upgradingTo !== undefined
        ? `upgrading to ${st.upgradingTo}`
        : st.failingInstance !== undefined
          ? 'failing over'
          : st.phase;
    return refuse('gateway-busy', `${ev.gateway} is ${doing}: no failover now`);
  }
  const p = state.profile.azure;
  // AZ-R19: planned maintenance restores connectivity within 10–15 s; unplanned about 1–3 min (worst case used).
  const until = ev.at + (ev.planned ? p.failoverPlanned : p.failoverUnplanned);
  const activeActive = f.item.activeActive === true;
  const done = failoverCompleted(ev.gateway, until);
  return change(
    (d) => {
      d.gateways[ev.gateway] = switchoverStatus(activeActive, st, ev.at, until);
    },
    (t) => t.gateway(ev.gateway),
    { links: linksOf(state.topology, ev.gateway), scheduled: [done] },
  );
}

/** The failover window ended: the gateway is ready again (stale if another window replaced it). */
export function gatewayFailoverCompleted(state: NetworkState, ev: GatewayFailoverCompleted): Outcome {
  const st = state.gateways[ev.gateway];
  if (!st || st.until !== ev.at || (st.phase !== 'failing-over' && st.failingInstance === undefined))
    return STALE;
  return change(
    (d) => {
      d.gateways[ev.gateway] =
        st.phase === 'failing-over'
          ? gatewayStatus({ phase: 'ready', since: ev.at, generation: st.generation })
          : gatewayStatus({ phase: st.phase, since: st.since, generation: st.generation });
    },
    (t) => t.gateway(ev.gateway),
    { links: linksOf(state.topology, ev.gateway) },
  );
}
