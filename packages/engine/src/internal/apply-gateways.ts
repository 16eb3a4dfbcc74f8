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
import type {
  Gateway,
  GatewayKind,
  GatewayStatus,
  NetworkState,
  ProviderProfile,
  Provider,
  SkuUpgradeKind,
} from '@cloudroute/model';
import { azureSkuUpgradeKind, transitRefusesGatewayIn, transitRefusesHubChange } from '@cloudroute/model';
import { withLabel } from '../labels.js';
import type {
  GatewayCreated,
  GatewayDeleted,
  GatewayFailoverCompleted,
  GatewayFailoverStarted,
  GatewayProvisioned,
  GatewayUpdated,
  GatewayUpgraded,
} from '../events.js';
import { linksOf } from './links.js';
import { findGateway, findNetwork } from './lookup.js';
import { STALE, assign, change, refuse } from './outcome.js';
import type { NoteDraft, Outcome } from './outcome.js';
import { azureGatewayUpdate } from './rules/azure.js';
import type { NeedsRecreate } from './rules/azure.js';

const KINDS: Readonly<Record<Provider, ReadonlySet<GatewayKind>>> = {
  aws: new Set<GatewayKind>(['igw', 'nat', 'vgw', 'tgw', 'egressOnlyIgw', 'vpcEndpoint']),
  azure: new Set<GatewayKind>(['vpn']),
  gcp: new Set<GatewayKind>(['cloudRouter', 'haVpn', 'classicVpn', 'cloudNat', 'ilb']),
  openstack: new Set<GatewayKind>(['router']),
};

/** Seconds from create (or recreate) to ready. */
export function provisioningTime(profile: ProviderProfile, gw: Gateway): number {
  if (gw.provisioning !== undefined) return Math.max(0, gw.provisioning);
  if (gw.kind === 'vpn') return profile.azure.vpnGatewayProvisioning; // AZ-R17
  if (gw.kind === 'vgw') return profile.aws.vgwProvisioning; // AWS-R28 [GUESS]
  if (gw.kind === 'nat') return profile.aws.natProvisioning; // AWS-R28 [GUESS]
  return 0; // no documented figure: ready at once unless the gateway says otherwise
}

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

function provisioned(gateway: string, generation: number, at: number): GatewayProvisioned {
  return withLabel<GatewayProvisioned>({
    type: 'gateway.provisioned',
    at,
    origin: 'engine',
    gateway,
    generation,
  });
}

const minutes = (s: number): string => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);

const live = (state: NetworkState, net: string, g: Gateway): boolean =>
  state.gateways[`${net}/${g.name}`]?.phase !== 'deleted';

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
    if (gw.sku === 'Basic' && gw.activeActive === true)
      return refuse('AZ-R18', 'a Basic gateway cannot be active-active');
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

const IMMUTABLE = ['name', 'kind'];

function changed(gw: Gateway, set: Readonly<Record<string, unknown>>, key: keyof Gateway): boolean {
  return key in set && set[key] !== gw[key];
}

/** What a provider can only do by deleting and recreating the gateway. */
function recreateNeeded(
  provider: Provider,
  gw: Gateway,
  set: Readonly<Record<string, unknown>>,
): NeedsRecreate | undefined {
  if (provider === 'aws' && (gw.kind === 'vgw' || gw.kind === 'tgw') && changed(gw, set, 'asn')) {
    return {
      kind: 'recreate',
      rule: 'AWS-R21',
      message: `the Amazon-side ASN of a ${gw.kind.toUpperCase()} is chosen at creation and cannot be changed (${gw.asn ?? 64512} → ${JSON.stringify(set['asn'])})`,
    };
  }
  if (
    provider === 'aws' &&
    gw.kind === 'nat' &&
    (changed(gw, set, 'subnet') || changed(gw, set, 'connectivity'))
  ) {
    return {
      kind: 'recreate',
      rule: 'AWS-R16',
      message: `a NAT gateway's subnet and connectivity type are fixed at creation`,
    };
  }
  if (provider === 'gcp' && gw.kind === 'cloudRouter' && changed(gw, set, 'asn')) {
    return { kind: 'recreate', rule: 'GCP-R19', message: `a Cloud Router's ASN is fixed for the router` };
  }
  return undefined;
}

export function gatewayUpdated(state: NetworkState, ev: GatewayUpdated): Outcome {
  const f = findGateway(state.topology, ev.gateway);
  const st = state.gateways[ev.gateway];
  if (!f || !st || st.phase === 'deleted') return refuse('not-found', `no gateway ${ev.gateway}`);
  const gw = f.item;
  const fixed = IMMUTABLE.filter((k) => k in ev.set);
  if (fixed.length > 0)
    return refuse('immutable-field', `${fixed.join(', ')} cannot change: delete and create another gateway`);
  if (st.phase === 'provisioning' || st.upgradingTo !== undefined) {
    const doing = st.phase === 'provisioning' ? 'provisioning' : `upgrading to ${st.upgradingTo ?? '?'}`;
    return refuse(
      'gateway-busy',
      `${ev.gateway} is ${doing} until ${st.until ?? '?'} s: another operation is in progress`,
    );
  }
  let needs: NeedsRecreate | undefined;
  let upgrade: SkuUpgradeKind | undefined;
  if (f.network.provider === 'azure' && gw.kind === 'vpn') {
    // AZ-R36: a Basic gateway cannot offer transit to the spokes that use it.
    const transit =
      ev.set['sku'] === 'Basic' && transitRefusesHubChange(state.topology, f.network.name, 'basic');
    if (typeof transit === 'string') return refuse('AZ-R36', transit);
    const verdict = azureGatewayUpdate(gw, ev.set);
    if (verdict?.kind === 'rejected') return verdict;
    needs = verdict;
    const sku = ev.set['sku'];
    if (!needs && typeof sku === 'string') upgrade = azureSkuUpgradeKind(gw.sku, sku);
  } else needs = recreateNeeded(f.network.provider, gw, ev.set);
  const next: Gateway = { ...gw };
  assign(next as unknown as Record<string, unknown>, ev.set, new Set(['externalGateway']));
  const dur = provisioningTime(state.profile, next);
  if (needs && ev.recreate !== true) {
    return refuse(
      needs.rule,
      `${needs.message} — the gateway must be deleted and recreated: add recreate: true (${ev.gateway} is then down for ${minutes(dur)} of provisioning)`,
    );
  }
  const at = ev.at;
  const links = linksOf(state.topology, ev.gateway);
  const recipe = (d: Parameters<Parameters<typeof change>[0]>[0]): void => {
    const gws = d.topology.networks[f.ni]?.gateways;
    if (gws) gws[f.i] = castDraft(next);
  };
  if (!needs) {
    const notes: NoteDraft[] =
      ev.recreate === true
        ? [
            {
              severity: 'warning',
              rule: upgrade ? 'AZ-R18' : 'recreate-not-needed',
              message: `${ev.gateway}: recreate: true is not needed — ${settingsText(ev.set)} changes in place, without a delete and create; remove recreate: true`,
            },
          ]
        : [];
    if (upgrade) return skuUpgrade(state, ev, f, next, upgrade, notes);
    return change(recipe, (t) => t.gateway(ev.gateway), { links, notes });
  }
  // AZ-R17 / AZ-R18 / AWS-R21: delete + create — a new generation (new public IP), provisioning again.
  const generation = st.generation + 1;
  const notes: NoteDraft[] = [
    {
      severity: 'info',
      rule: needs.rule,
      message: `${ev.gateway} recreated (${needs.message}): new public IP, its connections are down until it is provisioned at ${at + dur} s`,
    },
  ];
  return change(
    (d) => {
      recipe(d);
      d.gateways[ev.gateway] =
        dur > 0
          ? gatewayStatus({ phase: 'provisioning', since: at, generation, until: at + dur })
          : gatewayStatus({ phase: 'ready', since: at, generation });
    },
    (t) => t.gateway(ev.gateway),
    { links, notes, scheduled: dur > 0 ? [provisioned(ev.gateway, generation, at + dur)] : [] },
  );
}

const settingsText = (set: Readonly<Record<string, unknown>>): string =>
  Object.entries(set)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join(', ');

/**
 * AZ-R17 / AZ-R18: an in-place SKU upgrade. The other fields of `set` apply at once; the SKU is in
 * force when `gateway.upgraded` fires `skuUpgrade` later. Meanwhile the gateway forwards on its old
 * SKU with its public IP, so its tunnels and sessions stay as they are.
 */
function skuUpgrade(
  state: NetworkState,
  ev: GatewayUpdated,
  f: NonNullable<ReturnType<typeof findGateway>>,
  next: Gateway,
  kind: SkuUpgradeKind,
  notes: readonly NoteDraft[],
): Outcome {
  const st = state.gateways[ev.gateway];
  if (!st) return refuse('not-found', `no gateway ${ev.gateway}`);
  if (st.phase !== 'ready' || st.failingInstance !== undefined)
    return refuse(
      'gateway-busy',
      `${ev.gateway} is failing over until ${st.until ?? '?'} s: no SKU change now (AZ-R19)`,
    );
  const to = next.sku ?? '';
  const from = f.item.sku;
  const keep: Record<string, unknown> = { ...next };
  if (from === undefined) delete keep['sku'];
  else keep['sku'] = from;
  const until = ev.at + Math.max(0, state.profile.azure.skuUpgrade);
  const done = withLabel<GatewayUpgraded>({
    type: 'gateway.upgraded',
    at: until,
    origin: 'engine',
    gateway: ev.gateway,
    sku: to,
    generation: st.generation,
    switchover: kind === 'switchover',
  });
  const effect =
    kind === 'no-downtime'
      ? 'no downtime (same tier to its AZ SKU)'
      : `a planned switchover to the resized instances at the end (AZ-R19)`;
  return change(
    (d) => {
      const gws = d.topology.networks[f.ni]?.gateways;
      if (gws) gws[f.i] = castDraft(keep as unknown as Gateway);
      d.gateways[ev.gateway] = gatewayStatus({
        phase: 'ready',
        since: st.since,
        generation: st.generation,
        until,
        upgradingTo: to,
      });
    },
    (t) => t.gateway(ev.gateway),
    {
      links: linksOf(state.topology, ev.gateway),
      scheduled: [done],
      notes: [
        ...notes,
        {
          severity: 'info',
          rule: 'AZ-R18',
          message: `${ev.gateway}: SKU ${from ?? '(default)'} → ${to} in place until ${until} s, public IP kept; ${effect}`,
        },
      ],
    },
  );
}

/** The upgrade finished: the new SKU, then the switchover window when the resize has one. */
export function gatewayUpgraded(state: NetworkState, ev: GatewayUpgraded): Outcome {
  const f = findGateway(state.topology, ev.gateway);
  const st = state.gateways[ev.gateway];
  if (
    !f ||
    !st ||
    st.phase !== 'ready' ||
    st.upgradingTo !== ev.sku ||
    st.until !== ev.at ||
    st.generation !== ev.generation
  )
    return STALE;
  const window = state.profile.azure.failoverPlanned;
  const switching = ev.switchover && window > 0;
  const until = ev.at + window;
  const activeActive = f.item.activeActive === true;
  const done = withLabel<GatewayFailoverCompleted>({
    type: 'gateway.failover.completed',
    at: until,
    origin: 'engine',
    gateway: ev.gateway,
  });
  return change(
    (d) => {
      const g = d.topology.networks[f.ni]?.gateways[f.i];
      if (g) g.sku = ev.sku;
      d.gateways[ev.gateway] = !switching
        ? gatewayStatus({ phase: 'ready', since: st.since, generation: st.generation })
        : switchoverStatus(activeActive, st, ev.at, until);
    },
    (t) => t.gateway(ev.gateway),
    { links: linksOf(state.topology, ev.gateway), scheduled: switching ? [done] : [] },
  );
}

/**
 * A gateway's status during a switchover window `[at, until)` (a failover, AZ-R19, or the end of a
 * SKU upgrade, AZ-R18): active-active, only instance 0's tunnels go down and the other instance
 * keeps forwarding (AZ-R20); active-standby, the whole gateway is failing over.
 */
function switchoverStatus(
  activeActive: boolean,
  st: GatewayStatus,
  at: number,
  until: number,
): GatewayStatus {
  return activeActive
    ? gatewayStatus({ phase: 'ready', since: st.since, generation: st.generation, until, failingInstance: 0 })
    : gatewayStatus({ phase: 'failing-over', since: at, generation: st.generation, until });
}

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
  const done = withLabel<GatewayFailoverCompleted>({
    type: 'gateway.failover.completed',
    at: until,
    origin: 'engine',
    gateway: ev.gateway,
  });
  return change(
    (d) => {
      d.gateways[ev.gateway] = switchoverStatus(activeActive, st, ev.at, until);
    },
    (t) => t.gateway(ev.gateway),
    { links: linksOf(state.topology, ev.gateway), scheduled: [done] },
  );
}

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
