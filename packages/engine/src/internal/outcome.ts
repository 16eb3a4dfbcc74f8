/**
 * What one event handler decides, before anything is produced: refuse (a provider rule), ignore
 * (a stale fact), or apply a recipe to an immer draft, with the tables it touches, the connections
 * to reconcile, the facts to schedule and the notes to report.
 */
import type { Draft } from 'immer';
import type { NetworkState } from '@cloudroute/model';
import type { EngineEvent } from '../events.js';
import type { Touch } from './touched.js';

export type Recipe = (draft: Draft<NetworkState>) => void;

export interface NoteDraft {
  readonly severity: 'warning' | 'info';
  readonly rule: string;
  readonly message: string;
}

export interface Refused {
  readonly kind: 'rejected';
  readonly rule: string;
  readonly message: string;
}

export interface Stale {
  readonly kind: 'stale';
}

export interface Change {
  readonly kind: 'applied';
  readonly recipe: Recipe;
  /** Adds the touched table ids, given a {@link Touch} over the state after the recipe. */
  readonly touch: (t: Touch) => void;
  /** Connections whose tunnels and sessions may change (reconciled after the recipe). */
  readonly links?: readonly string[];
  readonly scheduled?: readonly EngineEvent[];
  readonly notes?: readonly NoteDraft[];
}

export type Outcome = Refused | Stale | Change;

export const refuse = (rule: string, message: string): Refused => ({ kind: 'rejected', rule, message });
export const STALE: Stale = { kind: 'stale' };

export function change(
  recipe: Recipe,
  touch: (t: Touch) => void,
  extra: {
    links?: readonly string[];
    scheduled?: readonly EngineEvent[];
    notes?: readonly NoteDraft[];
  } = {},
): Change {
  return { kind: 'applied', recipe, touch, ...extra };
}

/**
 * Writes `set` into a draft object. `null` removes the field (back to the provider default),
 * except for the fields in `nullable`, where `null` is a value (OS-R2 `gatewayIp: null`).
 */
export function assign(
  target: Record<string, unknown>,
  set: Readonly<Record<string, unknown>>,
  nullable: ReadonlySet<string> = NONE,
): void {
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined || (v === null && !nullable.has(k))) Reflect.deleteProperty(target, k);
    else target[k] = v;
  }
}

const NONE: ReadonlySet<string> = new Set();
