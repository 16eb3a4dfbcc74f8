/**
 * Azure network security groups (FILTERS.md "Importers", AZ-R25..R33): an NSG's `securityRules[]`
 * (and separate `securityRules` resources) → `networkSecurityGroups` of the VNet of its first user,
 * referenced from subnets and NICs by their `networkSecurityGroup.id` (the NSG's own `subnets[]` and
 * `networkInterfaces[]` are read-only copies, IMPORTERS.md 2.2); another VNet's users write `net/nsg`.
 * The six `defaultSecurityRules` are implicit (AZ-R27): not written, a warning when they differ.
 * Traps: protocols in any case (`TCP`) are written in the scenario's spelling (`Tcp`); `*` and
 * `0.0.0.0/0` are kept as written; a service tag other than the built-ins takes its prefixes from an
 * `az network list-service-tags` answer among the inputs, else is declared empty with a warning.
 */
import type { DNetwork, DNsg, DNsgRule, DTopology } from '../draft.js';
import { arr, num, obj, str, type JsonObject } from '../internal/json.js';
import { canonicalIp, canonicalPrefix, isIpv4Prefix } from '../internal/ip.js';
import type { Warnings } from '../warnings.js';
import type { AzureInventory } from './inventory.js';
import { idKey, lastSegment, parentId, resourceGroup, type AzureObject } from './normalize.js';

export const NSG_TYPE = 'microsoft.network/networksecuritygroups';
export const NSG_RULE_TYPE = 'microsoft.network/networksecuritygroups/securityrules';

const PROTOCOLS: Readonly<Record<string, string>> = {
  '*': '*',
  any: '*',
  tcp: 'Tcp',
  udp: 'Udp',
  icmp: 'Icmp',
  esp: 'Esp',
  ah: 'Ah',
};

/** Tags every scenario knows (AZ-R30); `AzureCloud` may still take prefixes from a tags file. */
const BUILT_IN = new Set(['*', 'internet', 'virtualnetwork', 'azureloadbalancer']);

/** AZ-R27: the six default rules, as `name priority direction access protocol source destination`. */
const DEFAULTS = new Set([
  'AllowVnetInBound 65000 Inbound Allow * VirtualNetwork VirtualNetwork',
  'AllowAzureLoadBalancerInBound 65001 Inbound Allow * AzureLoadBalancer *',
  'DenyAllInBound 65500 Inbound Deny * * *',
  'AllowVnetOutBound 65000 Outbound Allow * VirtualNetwork VirtualNetwork',
  'AllowInternetOutBound 65001 Outbound Allow * * Internet',
  'DenyAllOutBound 65500 Outbound Deny * * *',
]);

export interface NsgUse {
  readonly net: DNetwork;
  /** The subnet or host that references it. */
  readonly holder: { networkSecurityGroup?: string };
  readonly what: string;
}

/** `az network list-service-tags` (or the downloadable ServiceTags_*.json): tag name → prefixes. */
export function serviceTagsOf(value: unknown): Map<string, string[]> | undefined {
  const values = arr(obj(value)?.['values']);
  if (values.length === 0) return undefined;
  const out = new Map<string, string[]>();
  for (const v of values) {
    const o = obj(v);
    const name = str(o?.['name']) ?? str(o?.['id']);
    const props = obj(o?.['properties']) ?? o;
    const list = props?.['addressPrefixes'];
    if (name === undefined || !Array.isArray(list)) return undefined;
    out.set(
      name,
      list.filter((x): x is string => typeof x === 'string'),
    );
  }
  return out;
}

function one<T extends string>(v: unknown, allowed: readonly T[]): T | undefined {
  const t = str(v)?.toLowerCase();
  return allowed.find((a) => a.toLowerCase() === t);
}

/** `prefixes[]` when non-empty, else `prefix`, else `*`; addresses canonical, tags as written. */
function addresses(o: JsonObject, side: 'source' | 'destination'): string[] {
  const list = arr(o[`${side}AddressPrefixes`]).filter((x): x is string => typeof x === 'string');
  const texts = list.length > 0 ? list : [str(o[`${side}AddressPrefix`]) ?? '*'];
  return texts.map((t) => {
    const x = t.trim();
    if (x.includes('/')) return canonicalPrefix(x) ?? x;
    return canonicalIp(x) ?? x;
  });
}

/** Port texts: `*`, `80` (written as a number) or `lo-hi`. */
function ports(o: JsonObject, side: 'source' | 'destination'): (string | number)[] {
  const list = arr(o[`${side}PortRanges`]).filter((x): x is string | number =>
    ['string', 'number'].includes(typeof x),
  );
  const one = o[`${side}PortRange`];
  const texts = list.length > 0 ? list : [typeof one === 'string' || typeof one === 'number' ? one : '*'];
  return texts.map((t) => {
    const x = String(t).trim();
    return /^\d+$/.test(x) ? Number(x) : x;
  });
}

const scalarOrList = <T>(xs: T[]): T | T[] => (xs.length === 1 ? (xs[0] as T) : xs);

function isTag(a: string): boolean {
  return canonicalPrefix(a) === undefined && canonicalIp(a) === undefined && a !== '*';
}

class NsgBuilder {
  /** Service tags the written rules use, other than the built-ins. */
  readonly tags = new Set<string>();
  constructor(
    readonly inv: AzureInventory,
    readonly w: Warnings,
  ) {}

  warn(o: AzureObject, code: Parameters<Warnings['add']>[0], message: string): void {
    this.w.add(code, message, o.file, o.path);
  }

  rule(r: JsonObject, nsgName: string, where: AzureObject): DNsgRule | undefined {
    const name = str(r['name']) ?? '?';
    const what = `network security group ${nsgName}: rule ${name}`;
    const asg = ['sourceApplicationSecurityGroups', 'destinationApplicationSecurityGroups'].filter(
      (k) => arr(r[k]).length > 0,
    );
    if (asg.length > 0) {
      this.warn(
        where,
        'unsupported',
        `${what} uses application security groups (${asg.join(', ')}), which are not modelled — rule skipped`,
      );
      return undefined;
    }
    const priority = num(r['priority']);
    if (priority === undefined || priority < 100 || priority > 4096) {
      this.warn(
        where,
        'malformed',
        `${what} has priority ${String(r['priority'])}, outside 100–4096 [AZ-R26] — rule skipped`,
      );
      return undefined;
    }
    const direction = one(r['direction'], ['Inbound', 'Outbound'] as const);
    const access = one(r['access'], ['Allow', 'Deny'] as const);
    const protocol = PROTOCOLS[str(r['protocol'])?.toLowerCase() ?? '*'];
    if (direction === undefined || access === undefined || protocol === undefined) {
      this.warn(
        where,
        'unknown-value',
        `${what}: direction ${String(r['direction'])}, access ${String(r['access'])}, protocol ${String(r['protocol'])} — rule skipped`,
      );
      return undefined;
    }
    const source = addresses(r, 'source');
    const destination = addresses(r, 'destination');
    for (const a of [...source, ...destination])
      if (isTag(a) && !BUILT_IN.has(a.toLowerCase())) this.tags.add(a);
    return {
      name,
      priority,
      direction,
      access,
      protocol,
      source: scalarOrList(source),
      destination: scalarOrList(destination),
      sourcePorts: scalarOrList(ports(r, 'source')),
      destinationPorts: scalarOrList(ports(r, 'destination')),
      ...(where.origin !== undefined ? { origin: where.origin } : {}),
    };
  }

  /** AZ-R27: the default rules are implicit; an export whose defaults differ is warned. */
  checkDefaults(o: AzureObject, nsgName: string): void {
    const defaults = arr(o.o['defaultSecurityRules'])
      .map(obj)
      .filter((x) => x !== undefined);
    if (defaults.length === 0) return;
    const seen = defaults.map((r) =>
      [
        str(r['name']),
        num(r['priority']),
        str(r['direction']),
        str(r['access']),
        str(r['protocol']),
        addresses(r, 'source').join(','),
        addresses(r, 'destination').join(','),
      ].join(' '),
    );
    const odd = seen.filter((s) => !DEFAULTS.has(s));
    if (odd.length > 0 || seen.length !== DEFAULTS.size)
      this.warn(
        o,
        'unsupported',
        `network security group ${nsgName}: its defaultSecurityRules differ from Azure's six (${odd.map((s) => s.split(' ')[0]).join(', ') || `${seen.length} rules`}) — the scenario uses the six defaults [AZ-R27]`,
      );
  }

  nsg(o: AzureObject, children: readonly AzureObject[]): DNsg {
    const name = str(o.o['name']) ?? lastSegment(o.id);
    const rg = resourceGroup(o.id);
    const rules: DNsgRule[] = [];
    const add = (r: DNsgRule | undefined, where: AzureObject): void => {
      if (r === undefined) return;
      // AZ-R26: one priority per direction; a separate rule resource repeats an inline one.
      const clash = rules.find(
        (x) => x.direction === r.direction && (x.priority === r.priority || x.name === r.name),
      );
      if (clash === undefined) rules.push(r);
      else if (clash.name !== r.name)
        this.warn(
          where,
          'malformed',
          `network security group ${name}: rules ${clash.name} and ${r.name} share priority ${r.priority} ${r.direction} [AZ-R26] — kept ${clash.name}`,
        );
    };
    arr(o.o['securityRules']).forEach((x) => {
      const r = obj(x);
      if (r !== undefined) add(this.rule(r, name, o), o);
    });
    for (const c of children) add(this.rule(c.o, name, c), c);
    this.checkDefaults(o, name);
    rules.sort((a, b) =>
      a.direction === b.direction ? a.priority - b.priority : a.direction < b.direction ? -1 : 1,
    );
    return {
      key: idKey(o.id),
      id: o.outId ?? o.id,
      names: rg === undefined ? [name] : [name, `${rg}.${name}`],
      securityRules: rules,
      ...(o.origin !== undefined ? { origin: o.origin } : {}),
    };
  }
}

/**
 * Places every NSG that an imported subnet or NIC references in the VNet of its first user (in
 * network, then subnet, then host order) and drops references to NSGs not in the input.
 */
export function buildNsgs(
  inv: AzureInventory,
  t: DTopology,
  uses: readonly NsgUse[],
  serviceTags: ReadonlyMap<string, string[]>,
  w: Warnings,
): void {
  const b = new NsgBuilder(inv, w);
  const nsgs = inv.get(NSG_TYPE);
  const children = new Map<string, AzureObject[]>();
  for (const r of inv.get(NSG_RULE_TYPE).values()) {
    const parent = parentId(r.id, 'securityRules');
    if (parent !== undefined) children.set(idKey(parent), [...(children.get(idKey(parent)) ?? []), r]);
  }
  const placed = new Map<string, DNsg>();
  for (const u of uses) {
    const key = u.holder.networkSecurityGroup;
    if (key === undefined) continue;
    const o = nsgs.get(key);
    if (o === undefined) {
      w.note(
        'missing-reference',
        `${u.what} uses network security group ${lastSegment(key)}, which is not in the input — imported without it (add its az network nsg show output)`,
      );
      delete u.holder.networkSecurityGroup;
      continue;
    }
    if (!placed.has(key)) {
      const g = b.nsg(o, children.get(key) ?? []);
      (u.net.networkSecurityGroups ??= []).push(g);
      placed.set(key, g);
    }
  }
  for (const [key, o] of nsgs)
    if (!placed.has(key))
      w.add(
        'unsupported',
        `network security group ${str(o.o['name']) ?? o.id} is associated with no imported subnet or network interface — skipped`,
        o.file,
        o.path,
      );
  if (b.tags.size === 0) return;
  const out: Record<string, string[]> = {};
  const missing: string[] = [];
  let v6 = false;
  for (const tag of [...b.tags].sort()) {
    const found = [...serviceTags].find(([k]) => k.toLowerCase() === tag.toLowerCase())?.[1];
    if (found === undefined) {
      if (tag.toLowerCase() !== 'azurecloud') missing.push(tag);
      if (tag.toLowerCase() !== 'azurecloud') out[tag] = [];
      continue;
    }
    const canon = found.map((p) => canonicalPrefix(p)).filter((p) => p !== undefined);
    v6 ||= canon.some((p) => !isIpv4Prefix(p));
    out[tag] = [...new Set(canon.filter(isIpv4Prefix))];
  }
  // AZ-R30: the scenario carries the tags' contents offline.
  if (Object.keys(out).length > 0) t.serviceTags = { ...(t.serviceTags ?? {}), ...out };
  if (missing.length > 0)
    w.note(
      'assumed',
      `service tag${missing.length === 1 ? '' : 's'} ${missing.join(', ')} written empty in serviceTags (no az network list-service-tags output among the inputs) — give ${missing.length === 1 ? 'it its' : 'them their'} prefixes [AZ-R30]`,
    );
  if (v6) w.note('unsupported', 'IPv6 prefixes of service tags are not written (flows are IPv4)');
}
