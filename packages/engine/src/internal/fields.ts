/** Which fields of a host, subnet or network an update may set, per provider. */
import type { Provider } from '@cloudroute/model';
import { refuse } from './outcome.js';
import type { Refused } from './outcome.js';

export type Settings = Readonly<Record<string, unknown>>;

/**
 * Refuses `name`/`provider` (immutable), another provider's field (with a hint), or an unknown
 * one.
 */
export function fieldCheck(
  what: string,
  provider: Provider,
  set: Settings,
  allowed: Readonly<Record<Provider, readonly string[]>>,
  hints: Readonly<Record<string, string>> = {},
): Refused | undefined {
  for (const k of Object.keys(set)) {
    if (k === 'name' || k === 'provider') return refuse('immutable-field', `a ${what}'s ${k} cannot change`);
    if (allowed[provider].includes(k)) continue;
    const hint = hints[`${provider}:${k}`] ?? hints[k];
    const owners = (Object.keys(allowed) as Provider[]).filter((p) => allowed[p].includes(k));
    if (hint !== undefined) return refuse('wrong-provider-field', hint);
    if (owners.length > 0) {
      return refuse('wrong-provider-field', `${k} is a ${owners.join('/')} ${what} field, not ${provider}'s`);
    }
    return refuse(
      'unknown-field',
      `${what} has no field ${k} on ${provider} (fields: ${allowed[provider].join(', ')})`,
    );
  }
  return undefined;
}
