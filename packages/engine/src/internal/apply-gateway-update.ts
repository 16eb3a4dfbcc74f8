/**
 * Gateway updates (AZ-R17, AZ-R18, AZ-R23, AWS-R16, AWS-R21, GCP-R19): in place, refused, or with
 * `recreate: true` a delete and create (generation + 1, new public IP, provisioning again,
 * connections down until provisioned). An Azure SKU upgrade runs in place for
 * `profile.azure.skuUpgrade` on the old SKU, then `gateway.upgraded` puts the new SKU in force,
 * with a planned switchover window unless the resize has no downtime (AZ-R19). The provider rules
 * are the model's (`gatewayUpdateVerdict`, `azureSkuUpgradeKind`); this file turns them into
 * outcomes.
 */
import { castDraft } from 'immer';
import type { Gateway, NetworkState, SkuUpgradeKind } from '@cloudroute/model';
import { azureSkuUpgradeKind, gatewayUpdateVerdict, transitRefusesHubChange } from '@cloudroute/model';
import type { GatewayUpdateVerdict } from '@cloudroute/model';
import { withLabel } from '../labels.js';
import type { GatewayUpdated, GatewayUpgraded } from '../events.js';
import { linksOf } from './links.js';
import { findGateway } from './lookup.js';
import { STALE, assign, change, refuse } from './outcome.js';
import type { NoteDraft, Outcome } from './outcome.js';
import {
  failoverCompleted,
  gatewayStatus,
  provisioned,
  provisioningTime,
  switchoverStatus,
} from './gateway-status.js';

const minutes = (s: number): string => (s % 60 === 0 ? `${s / 60} min` : `${s} s`);

const IMMUTABLE = ['name', 'kind'];

/** A gateway update: refused, in place, an in-place SKU upgrade, or a delete and create. */
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
  const azureVpn = f.network.provider === 'azure' && gw.kind === 'vpn';
  if (azureVpn) {
    // AZ-R36: a Basic gateway cannot offer transit to the spokes that use it.
    const transit =
      ev.set['sku'] === 'Basic' && transitRefusesHubChange(state.topology, f.network.name, 'basic');
    if (typeof transit === 'string') return refuse('AZ-R36', transit);
  }
  const verdict = gatewayUpdateVerdict(f.network.provider, gw, ev.set);
  if (verdict?.kind === 'refused') return refuse(verdict.rule, verdict.message);
  const needs: GatewayUpdateVerdict | undefined = verdict;
  const sku = ev.set['sku'];
  const upgrade: SkuUpgradeKind | undefined =
    azureVpn && !needs && typeof sku === 'string' ? azureSkuUpgradeKind(gw.sku, sku) : undefined;
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
  const done = failoverCompleted(ev.gateway, until);
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
