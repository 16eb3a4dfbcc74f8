/**
 * Names for imported objects (IMPORTERS issue: "named by its Name tag or resource name when unique
 * and valid, else by its id"). A name is valid by the scenario's rule (no spaces, no `/`, at most
 * 128 characters) and, here, has no `#` (which `routes` uses for transit gateway tables). Each
 * scope (networks, sites, connections, peerings; per network its subnets, route tables, hosts and
 * gateways; per transit gateway its attachments and tables) is named apart.
 */
import type { DGateway, DTopology, Keyed } from './draft.js';

const VALID = /^[^\s/#]{1,128}$/;

export function isValidName(s: string | undefined): s is string {
  return s !== undefined && VALID.test(s);
}

/** Something usable as a name from any text: whitespace and `/` become `-`. */
export function sanitizeName(s: string): string {
  const t = s
    .replace(/[\s/#]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 128);
  return t === '' ? 'unnamed' : t;
}

/**
 * Picks one name per item: the first candidate (then the id) that is valid and that no other item
 * of the scope also offers; else the id made valid, with `-2`, `-3` … against repeats.
 */
export function assignNames(
  items: readonly Keyed[],
  reserved: ReadonlySet<string> = new Set(),
): Map<string, string> {
  const freq = new Map<string, number>();
  const options = items.map((it) => [...new Set([...it.names, ...(it.id !== undefined ? [it.id] : [])])]);
  for (const list of options) for (const c of list) freq.set(c, (freq.get(c) ?? 0) + 1);
  const used = new Set<string>(reserved);
  const out = new Map<string, string>();
  const fallbacks: { key: string; base: string }[] = [];
  items.forEach((it, i) => {
    const pick = (options[i] ?? []).find((c) => isValidName(c) && freq.get(c) === 1 && !used.has(c));
    if (pick !== undefined) {
      used.add(pick);
      out.set(it.key, pick);
    } else fallbacks.push({ key: it.key, base: sanitizeName(it.id ?? it.names[0] ?? it.key) });
  });
  for (const { key, base } of fallbacks) {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base.slice(0, 120)}-${n}`;
    used.add(name);
    out.set(key, name);
  }
  return out;
}

/** Every name of a topology, by object key. */
export function nameTopology(t: DTopology): Map<string, string> {
  const names = new Map<string, string>();
  const put = (m: Map<string, string>): void => {
    for (const [k, v] of m) names.set(k, v);
  };
  put(assignNames(t.networks));
  // `internet` is a flow destination keyword: a site may not take it.
  put(assignNames(t.sites, new Set(['internet'])));
  put(assignNames(t.connections));
  put(assignNames(t.peerings));
  const created = new Map<string, DGateway[]>();
  for (const a of t.timeline)
    if (a.do === 'gateway.create') created.set(a.network, [...(created.get(a.network) ?? []), a.gateway]);
  for (const n of t.networks) {
    put(assignNames(n.subnets));
    put(assignNames(n.routeTables));
    put(assignNames(n.hosts));
    put(assignNames(n.prefixLists ?? []));
    put(assignNames(n.securityGroups ?? []));
    put(assignNames(n.networkAcls ?? []));
    put(assignNames(n.networkSecurityGroups ?? []));
    const gws = [
      ...n.gateways,
      ...(created.get(n.key) ?? []).filter((g) => !n.gateways.some((x) => x.key === g.key)),
    ];
    put(assignNames(gws));
    for (const g of gws) {
      put(assignNames(g.attachments ?? []));
      put(assignNames(g.routeTables ?? []));
    }
  }
  return names;
}
