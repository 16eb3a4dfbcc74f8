/**
 * The reducer: `(state, event) → Transition`. Pure: it returns the next state (immer `produce`,
 * structural sharing), the facts to schedule, the refusals, the notes and the touched tables, and
 * runs nothing. A command the provider refuses leaves the state as it was (the same object) and
 * comes back as a {@link Rejection}; the reducer never throws on an event.
 *
 * Two phases: the event's own recipe, then `reconcileLinks` over the connections it may have
 * affected (tunnels follow their gateways, sessions follow their conditions).
 */
import { castDraft, enablePatches, produce, produceWithPatches } from 'immer';
import type { Patch } from 'immer';
import type { NetworkState } from '@cloudroute/model';
import { actionOfEvent, isCommand } from './events.js';
import type { EngineEvent } from './events.js';
import {
  bgpAdvertised,
  bgpWithdrawn,
  sessionAdmin,
  sessionDropped,
  sessionEstablished,
  tunnelAdmin,
} from './internal/apply-bgp.js';
import { gatewayCreated, gatewayDeleted, gatewayProvisioned } from './internal/apply-gateways.js';
import { gatewayFailoverCompleted, gatewayFailoverStarted } from './internal/apply-gateway-failover.js';
import { gatewayUpdated, gatewayUpgraded } from './internal/apply-gateway-update.js';
import { filterRuleAdded, filterRuleRemoved, filterUpdated } from './internal/apply-filters.js';
import { hostRestored, hostUpdated } from './internal/apply-hosts.js';
import { networkUpdated, subnetUpdated } from './internal/apply-objects.js';
import { propagationSet, routeTableAssociated } from './internal/apply-associations.js';
import { routeAdded, routeRemoved } from './internal/apply-routes.js';
import { reconcileLinks } from './internal/links.js';
import type { LinkChanges } from './internal/links.js';
import { refuse } from './internal/outcome.js';
import type { Outcome, Recipe } from './internal/outcome.js';
import { Touch } from './internal/touched.js';
import type { Note, Rejection, Transition } from './results.js';

enablePatches();

function handle(state: NetworkState, ev: EngineEvent): Outcome {
  switch (ev.type) {
    case 'route.added':
    case 'route.replaced':
      return routeAdded(state, ev);
    case 'route.removed':
      return routeRemoved(state, ev);
    case 'routeTable.associated':
      return routeTableAssociated(state, ev);
    case 'propagation.set':
      return propagationSet(state, ev);
    case 'bgp.advertised':
      return bgpAdvertised(state, ev);
    case 'bgp.withdrawn':
      return bgpWithdrawn(state, ev);
    case 'bgp.session.disabled':
    case 'bgp.session.enabled':
      return sessionAdmin(state, ev);
    case 'tunnel.downed':
    case 'tunnel.upped':
      return tunnelAdmin(state, ev);
    case 'gateway.created':
      return gatewayCreated(state, ev);
    case 'gateway.deleted':
      return gatewayDeleted(state, ev);
    case 'gateway.updated':
      return gatewayUpdated(state, ev);
    case 'gateway.failover.started':
      return gatewayFailoverStarted(state, ev);
    case 'host.updated':
      return hostUpdated(state, ev);
    case 'subnet.updated':
      return subnetUpdated(state, ev);
    case 'network.updated':
      return networkUpdated(state, ev);
    case 'filterRule.added':
    case 'filterRule.replaced':
      return filterRuleAdded(state, ev);
    case 'filterRule.removed':
      return filterRuleRemoved(state, ev);
    case 'filter.updated':
      return filterUpdated(state, ev);
    case 'gateway.provisioned':
      return gatewayProvisioned(state, ev);
    case 'gateway.upgraded':
      return gatewayUpgraded(state, ev);
    case 'gateway.failover.completed':
      return gatewayFailoverCompleted(state, ev);
    case 'bgp.session.established':
      return sessionEstablished(state, ev);
    case 'bgp.session.dropped':
      return sessionDropped(state, ev);
    case 'host.restored':
      return hostRestored(state, ev);
    default: {
      const never: never = ev;
      return refuse('invalid-event', `unknown event type ${String((never as { type: unknown }).type)}`);
    }
  }
}

const NOTHING = { scheduled: [], rejections: [], touched: [], notes: [] } as const;

function rejection(ev: EngineEvent, rule: string, message: string): Rejection {
  const action = isCommand(ev) ? actionOfEvent[ev.type] : ev.type;
  return { at: ev.at, action, rule, message, ...(ev.index === undefined ? {} : { index: ev.index }) };
}

function run(
  state: NetworkState,
  recipe: Recipe,
  patches: boolean,
): { state: NetworkState; patches?: Patch[]; inverse?: Patch[] } {
  if (!patches) return { state: produce(state, recipe) };
  const [next, p, inv] = produceWithPatches(state, recipe);
  return { state: next, patches: p, inverse: inv };
}

function applyLinks(links: LinkChanges): Recipe {
  return (d) => {
    for (const [name, list] of links.tunnels) d.tunnels[name] = castDraft([...list]);
    for (const [name, list] of links.sessions) d.sessions[name] = castDraft([...list]);
  };
}

/** How `reduce` applies an event. */
export interface ReduceOptions {
  /** Return immer patches (audit trail, undo). */
  readonly patches?: boolean;
}

/** Applies one event. Never throws on an event: a malformed one is refused (`invalid-event`). */
export function reduce(state: NetworkState, event: EngineEvent, options: ReduceOptions = {}): Transition {
  const withPatches = options.patches === true;
  let outcome: Outcome;
  try {
    outcome = handle(state, event);
  } catch (err) {
    outcome = refuse(
      'invalid-event',
      `cannot apply ${String(event.type)}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  // With patches on, every step carries them (empty when nothing changed).
  const unchanged = withPatches ? { ...NOTHING, patches: [], inversePatches: [] } : NOTHING;
  if (outcome.kind === 'rejected') {
    return {
      state,
      applied: false,
      ...unchanged,
      rejections: [rejection(event, outcome.rule, outcome.message)],
    };
  }
  if (outcome.kind === 'stale') return { state, applied: false, ...unchanged };
  const at = event.at;
  const change = outcome;
  let first: ReturnType<typeof run>;
  try {
    first = run(
      state,
      (d) => {
        d.time = at;
        change.recipe(d);
      },
      withPatches,
    );
  } catch (err) {
    const message = `cannot apply ${event.type}: ${err instanceof Error ? err.message : String(err)}`;
    return { state, applied: false, ...unchanged, rejections: [rejection(event, 'invalid-event', message)] };
  }
  let next = first.state;
  let patches = first.patches;
  let inverse = first.inverse;
  const links = change.links && change.links.length > 0 ? reconcileLinks(next, change.links, at) : undefined;
  if (links && (links.tunnels.size > 0 || links.sessions.size > 0)) {
    const second = run(next, applyLinks(links), withPatches);
    next = second.state;
    if (withPatches) {
      patches = [...(patches ?? []), ...(second.patches ?? [])];
      inverse = [...(second.inverse ?? []), ...(inverse ?? [])];
    }
  }
  const touch = new Touch(next.topology);
  change.touch(touch);
  for (const c of links?.flipped ?? []) touch.connection(c);
  const idx = event.index === undefined ? {} : { index: event.index };
  const notes: Note[] = [...(change.notes ?? []), ...(links?.notes ?? [])].map((n) => ({ at, ...n, ...idx }));
  return {
    state: next,
    applied: true,
    scheduled: [...(change.scheduled ?? []), ...(links?.scheduled ?? [])],
    rejections: [],
    touched: touch.toArray(),
    notes,
    ...(patches === undefined ? {} : { patches }),
    ...(inverse === undefined ? {} : { inversePatches: inverse }),
  };
}
