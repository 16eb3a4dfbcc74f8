/** The index of filter objects: each network's prefix lists, security groups, network ACLs, NSGs and firewall rules by name (repeated names reported once). */
import { asObject, field, objects, stringField } from '../internal/raw.js';
import type { CheckContext, Entry, NetworkEntry } from './topology-index.js';

export interface NetworkFilters {
  readonly net: NetworkEntry;
  readonly prefixLists: ReadonlyMap<string, Entry>;
  readonly securityGroups: ReadonlyMap<string, Entry>;
  readonly networkAcls: ReadonlyMap<string, Entry>;
  readonly networkSecurityGroups: ReadonlyMap<string, Entry>;
  readonly firewallRules: ReadonlyMap<string, Entry>;
}

export interface FilterIndex {
  readonly networks: ReadonlyMap<string, NetworkFilters>;
  readonly serviceTags: ReadonlySet<string>;
}

export const FILTER_LISTS = [
  ['prefixLists', 'prefix list'],
  ['securityGroups', 'security group'],
  ['networkAcls', 'network ACL'],
  ['networkSecurityGroups', 'network security group'],
  ['firewallRules', 'firewall rule'],
] as const;

const indexes = new WeakMap<object, FilterIndex>();

/** The filter objects of every network; reports repeated names the first time it is built. */
export function filterIndex(ctx: CheckContext): FilterIndex {
  const cached = indexes.get(ctx.index);
  if (cached !== undefined) return cached;
  const networks = new Map<string, NetworkFilters>();
  for (const net of ctx.index.networks.values()) {
    const lists = Object.fromEntries(
      FILTER_LISTS.map(([key, what]) => {
        const out = new Map<string, Entry>();
        for (const { item, index } of objects(net.raw, key)) {
          const name = stringField(item, 'name');
          if (name === undefined) continue;
          const path = [...net.path, key, index];
          const first = out.get(name);
          if (first !== undefined)
            ctx.sink.error(
              [...path, 'name'],
              'duplicate-name',
              `duplicate ${what} name \`${name}\` in network ${net.name} — the first is at line ${ctx.lineOf(first.path)}; rename one`,
            );
          else out.set(name, { name, path, raw: item });
        }
        return [key, out];
      }),
    ) as Record<(typeof FILTER_LISTS)[number][0], Map<string, Entry>>;
    networks.set(net.name, { net, ...lists });
  }
  const tags = asObject(field(ctx.data, 'serviceTags'));
  const index: FilterIndex = {
    networks,
    serviceTags: new Set(tags === undefined ? [] : Object.keys(tags)),
  };
  indexes.set(ctx.index, index);
  return index;
}

/** Security groups of an AWS or OpenStack network as they can be named: the declared ones and `default`. */
export function groupNames(f: NetworkFilters): string[] {
  const names = [...f.securityGroups.keys()];
  return names.includes('default') ? names : [...names, 'default'];
}
