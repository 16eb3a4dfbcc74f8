/**
 * Gateway lifecycles. Durations come from the provider profile and a gateway's own
 * `provisioning` overrides them:
 *
 *   create        → provisioning (Azure VPN 45 min AZ-R17; AWS VGW / NAT AWS-R28) → gateway.provisioned
 *   update        in place, or with `recreate: true` delete + create: generation + 1 (new public
 *                 IP), provisioning again, connections down until provisioned (AZ-R17, AZ-R18)
 *   SKU upgrade   Azure, in place (AZ-R17, AZ-R18): skuUpgrade (45 min) forwarding on the old SKU,
 *                 public IP kept, other operations refused → gateway.upgraded: the new SKU; same
 *                 tier → AZ no downtime, any other resize a planned switchover window (AZ-R19)
 *   failover      active-standby: failing-over for 15 s planned / 180 s unplanned (AZ-R19);
 *                 active-active: only one instance's tunnels go down for the window (AZ-R20)
 *   delete        deleted; routes naming it stay (AWS-R12), its connections go down
 */
import { castDraft } from 'immer';
import type { Gateway, GatewayKind, NetworkState, Provider } from '@cloudroute/model';
import {
  azureActiveActiveRefusal,
  transitRefusesGatewayIn,
  transitRefusesHubChange,
} from '@cloudroute/model';
import type { GatewayCreated, GatewayDeleted, GatewayProvisioned } from '../events.js';
import { linksOf } from './links.js';
import { findGateway, findNetwork } from './lookup.js';
import { STALE, change, refuse } from './outcome.js';
import type { Outcome } from './outcome.js';
import { gatewayStatus, provisioned, provisioningTime } from './gateway-status.js';

const KINDS: Readonly<Record<Provider, ReadonlySet<GatewayKind>>> = {
  aws: new Set<GatewayKind>(['igw', 'nat', 'vgw', 'tgw', 'egressOnlyIgw', 'vpcEndpoint']),
  azure: new Set<GatewayKind>(['vpn']),
  gcp: new Set<GatewayKind>(['cloudRouter', 'haVpn', 'classicVpn', 'cloudNat', 'ilb']),
  openstack: new Set<GatewayKind>(['router']),
};

const live = (state: NetworkState, net: string, g: Gateway): boolean =>
  state.gateways[`${net}/${g.name}`]?.phase !== 'deleted';

/** A gateway is created (or created again after a delete): provisioning, then ready. */
export function gatewayCreated(state: NetworkState, ev: GatewayCreated): Outcome {
  const net = findNetwork(state.topology, ev.network);
  if (!net) return refuse('not-found', `no network ${ev.network}`);
  const n = net.network;
  const gw = ev.gateway;
  if (!KINDS[n.provider].has(gw.kind)) {
    return refuse(
      'unsupported-kind',
      `${gw.kind} is not a gateway kind of ${n.provider} (${[...KINDS[n.provider]].join(', ')})`,
    );
  }
  const path = `${n.name}/${gw.name}`;
  const gi = n.gateways.findIndex((g) => g.name === gw.name);
  const prev = state.gateways[path];
  if (gi >= 0 && prev?.phase !== 'deleted') return refuse('already-exists', `${path} already exists`);
  const others = n.gateways.filter((g) => g.name !== gw.name && live(state, n.name, g));
  if (gw.kind === 'vpn') {
    if (!n.subnets.some((s) => s.name === 'GatewaySubnet')) {
      return refuse('AZ-R16', `${n.name} has no subnet named GatewaySubnet, which a VPN gateway requires`);
    }
    if (others.some((g) => g.kind === 'vpn'))
      return refuse('AZ-R11', `${n.name} already has a VPN gateway (one per VNet)`);
    const activeActive = azureActiveActiveRefusal(gw.sku, gw.activeActive);
    if (activeActive) return refuse(activeActive.rule, activeActive.message);
    const transit = transitRefusesGatewayIn(state.topology, n.name);
    if (transit !== undefined) return refuse('AZ-R36', transit);
  }
  if (gw.kind === 'vgw' && others.some((g) => g.kind === 'vgw')) {
    return refuse('AWS-R24', `${n.name} already has a VGW attached (one per VPC at a time)`);
  }
  if (gw.kind === 'nat' && gw.subnet !== undefined && !n.subnets.some((s) => s.name === gw.subnet)) {
    return refuse('not-found', `${n.name} has no subnet ${gw.subnet} for the NAT gateway`);
  }
  const generation = prev ? prev.generation + 1 : 0;
  const dur = provisioningTime(state.profile, gw);
  const at = ev.at;
  return change(
    (d) => {
      const gws = d.topology.networks[net.ni]?.gateways;
      if (!gws) return;
      if (gi >= 0) gws[gi] = castDraft(gw);
      else gws.push(castDraft(gw));
      d.gateways[path] =
        dur > 0
          ? gatewayStatus({ phase: 'provisioning', since: at, generation, until: at + dur })
          : gatewayStatus({ phase: 'ready', since: at, generation });
    },
    (t) => t.gateway(path),
    {
      links: linksOf(state.topology, path),
      scheduled: dur > 0 ? [provisioned(path, generation, at + dur)] : [],
    },
  );
}

/** A gateway is deleted; routes naming it stay (AWS-R12), its connections go down. */
export function gatewayDeleted(state: NetworkState, ev: GatewayDeleted): Outcome {
  const f = findGateway(state.topology, ev.gateway);
  const st = state.gateways[ev.gateway];
  if (!f || !st || st.phase === 'deleted') return refuse('not-found', `no gateway ${ev.gateway}`);
  if (f.item.kind === 'vpn') {
    // AZ-R36: the spokes' peerings use this gateway.
    const transit = transitRefusesHubChange(state.topology, f.network.name, 'delete');
    if (transit !== undefined) return refuse('AZ-R36', transit);
  }
  return change(
    (d) => {
      d.gateways[ev.gateway] = gatewayStatus({ phase: 'deleted', since: ev.at, generation: st.generation });
    },
    (t) => t.gateway(ev.gateway),
    { links: linksOf(state.topology, ev.gateway) },
  );
}

/** Provisioning finished: the gateway is ready (stale if a later create or recreate replaced it). */
export function gatewayProvisioned(state: NetworkState, ev: GatewayProvisioned): Outcome {
  const st = state.gateways[ev.gateway];
  if (!st || st.phase !== 'provisioning' || st.generation !== ev.generation || st.until !== ev.at)
    return STALE;
  return change(
    (d) => {
      d.gateways[ev.gateway] = gatewayStatus({ phase: 'ready', since: ev.at, generation: st.generation });
    },
    (t) => t.gateway(ev.gateway),
    { links: linksOf(state.topology, ev.gateway) },
  );
}
