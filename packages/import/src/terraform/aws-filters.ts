/**
 * Terraform AWS filters (FILTERS.md "Importers", AWS-R35..R41) → the records of
 * `aws ec2 describe-security-groups` and `describe-network-acls` (keyed by the Terraform address,
 * as in `aws.ts`) and the `Groups` of the hosts' interface records, so that the CLI importer's
 * builder writes the same `securityGroups`, `networkAcls`, `prefixLists` and hosts'
 * `securityGroups`.
 *
 * Resources: `aws_security_group` (inline `ingress`/`egress`), `aws_security_group_rule`,
 * `aws_vpc_security_group_{ingress,egress}_rule`, `aws_default_security_group` (the VPC's
 * `default`), `aws_network_acl` (inline `ingress`/`egress`, `subnet_ids`), `aws_network_acl_rule`,
 * `aws_network_acl_association`, `aws_default_network_acl` (`default: true`, and every subnet of
 * its VPC that no other NACL takes), `aws_instance.vpc_security_group_ids` / `security_groups`,
 * `aws_network_interface.security_groups`, `aws_network_interface_sg_attachment`,
 * `aws_ec2_managed_prefix_list` (+ `_entry`).
 *
 * Traps:
 * - TF-AWS-SG: Terraform removes the allow-all egress rule AWS gives a new group; a group without
 *   `egress` blocks (and without egress rule resources) has no egress: `IpPermissionsEgress: []`,
 *   which the builder writes `outbound: []`. `aws_default_security_group` and
 *   `aws_default_network_acl` likewise keep only the rules written in the configuration.
 * - `protocol = "-1"` comes with `from_port = to_port = 0`: all ports (AWS-R35), no port range.
 * - `self = true` names the group itself.
 * - Inline rules and rule resources on one group (or NACL) are merged, identical rules once, with
 *   a warning when both declare rules of their own (the provider documents that they overwrite
 *   each other). A state lists every rule of a group inline, those of rule resources too: no
 *   warning then.
 * - Links unknown until apply (`security_group_id`, `source_security_group_id`, the groups of an
 *   instance, `subnet_ids`) follow the configuration's references, as every other link of the
 *   importer (refs.ts); what cannot be followed is left out and reported.
 */
import { arr, num, obj, str, type JsonObject } from '../internal/json.js';
import type { AwsInventory, AwsRecord } from '../aws/inventory.js';
import { Warnings } from '../warnings.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN, type Side, type TfResolver } from './refs.js';

type Mutable = Record<string, unknown>;

/** Resource types this file converts. */
export const AWS_FILTERS_HANDLED: readonly string[] = [
  'aws_security_group',
  'aws_security_group_rule',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_default_security_group',
  'aws_network_acl',
  'aws_network_acl_rule',
  'aws_network_acl_association',
  'aws_default_network_acl',
  'aws_network_interface_sg_attachment',
  'aws_ec2_managed_prefix_list',
  'aws_ec2_managed_prefix_list_entry',
];

/** Filters of other providers the Terraform importer does not convert yet: one warning each. */
export const OTHER_FILTERS: Readonly<Record<string, string>> = {
  google_compute_firewall: 'GCP firewall rules',
  google_compute_firewall_policy: 'GCP firewall policies',
  google_compute_firewall_policy_rule: 'GCP firewall policies',
  google_compute_network_firewall_policy: 'GCP firewall policies',
  google_compute_network_firewall_policy_rule: 'GCP firewall policies',
  openstack_networking_secgroup_v2: 'Neutron security groups',
  openstack_networking_secgroup_rule_v2: 'Neutron security groups',
  openstack_compute_secgroup_v2: 'Neutron security groups',
};

/** Warns once per resource of {@link OTHER_FILTERS}: not modelled yet by this importer. */
export function noteOtherFilters(r: TfResolver, w: Warnings): void {
  for (const i of r.plan.instances) {
    const what = OTHER_FILTERS[i.type];
    if (what !== undefined)
      w.add(
        'unsupported',
        `${i.address}: ${what} are not modelled yet by the Terraform importer — not imported (write them in the scenario by hand, FILTERS.md)`,
        r.file,
      );
  }
}

/** What `aws.ts`'s converter offers (its `Conv`). */
export interface FilterConv {
  readonly r: TfResolver;
  readonly side: Side;
  readonly w: Warnings;
  readonly inv: AwsInventory;
  rec(i: TfInstance, o: Mutable): AwsRecord;
  tags(i: TfInstance): Mutable[];
  s(i: TfInstance, attr: string): string | undefined;
  link(i: TfInstance, attr: string): string | undefined;
}

type Path = readonly (string | number)[];
type Dir = 'ingress' | 'egress';

/** Where a rule's attributes are read: plan values (with their config block) or config constants. */
interface Source {
  get(attr: string): unknown;
  expr(attr: string): JsonObject | undefined;
  /** An inline block: an unknown value there was configured, even without its expression. */
  readonly block?: boolean;
}

/** One SG rule with one peer (AWS-R35): the unit that is merged and deduplicated. */
interface SgAtom {
  readonly dir: Dir;
  readonly protocol: string;
  readonly from?: number;
  readonly to?: number;
  readonly peer: Readonly<Record<string, string>>;
  readonly description?: string;
}

interface NaclEntry {
  readonly o: Mutable;
  readonly origin: string;
}

function list(v: unknown): readonly unknown[] {
  return v === UNKNOWN ? [] : arr(v);
}

/** A port number (plans write numbers; 0.12 configurations sometimes strings). */
function portOf(v: unknown): number | undefined {
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return num(v);
}

/** SG protocol as describe-security-groups writes it: `tcp`, `udp`, `icmp`, `-1` or a number. */
function sgProtocol(v: unknown): string | undefined {
  const p = (typeof v === 'number' ? String(v) : (str(v) ?? '')).trim().toLowerCase();
  const names: Record<string, string> = { all: '-1', '-1': '-1', '6': 'tcp', '17': 'udp', '1': 'icmp' };
  if (names[p] !== undefined) return names[p];
  if (['tcp', 'udp', 'icmp', 'icmpv6'].includes(p)) return p;
  return /^\d+$/.test(p) ? p : undefined;
}

/** NACL protocol as describe-network-acls writes it: a number string (`"6"`, `"-1"`). */
function naclProtocol(v: unknown): string | undefined {
  const p = (typeof v === 'number' ? String(v) : (str(v) ?? '')).trim().toLowerCase();
  const numbers: Record<string, string> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };
  if (numbers[p] !== undefined) return numbers[p];
  return /^-?\d+$/.test(p) ? p : undefined;
}

function atomKey(a: SgAtom): string {
  return JSON.stringify([a.dir, a.protocol, a.from, a.to, Object.entries(a.peer)]);
}

function permission(a: SgAtom): Mutable {
  const [[field, value] = ['', '']] = Object.entries(a.peer);
  const d = a.description !== undefined && a.description !== '' ? { Description: a.description } : {};
  return {
    IpProtocol: a.protocol,
    ...(a.from !== undefined ? { FromPort: a.from } : {}),
    ...(a.to !== undefined ? { ToPort: a.to } : {}),
    IpRanges: field === 'CidrIp' ? [{ CidrIp: value, ...d }] : [],
    Ipv6Ranges: field === 'CidrIpv6' ? [{ CidrIpv6: value, ...d }] : [],
    PrefixListIds: field === 'PrefixListId' ? [{ PrefixListId: value, ...d }] : [],
    UserIdGroupPairs: field === 'GroupId' ? [{ GroupId: value, ...d }] : [],
  };
}

class Filters {
  readonly r: TfResolver;
  readonly side: Side;
  readonly w: Warnings;
  readonly byAddress: Map<string, TfInstance>;
  /** Security group key → its record object, and the VPC it is in. */
  readonly groups = new Map<string, { o: Mutable; vpc: string | undefined; i: TfInstance }>();
  readonly acls = new Map<string, { o: Mutable; vpc: string | undefined; i: TfInstance }>();

  constructor(readonly c: FilterConv) {
    this.r = c.r;
    this.side = c.side;
    this.w = c.w;
    this.byAddress = new Map(c.r.plan.instances.map((i) => [i.address, i]));
  }

  /** The same converter on the prior state, quietly (what the plan removes). */
  before(): Filters {
    const { r, c } = this;
    return new Filters({
      r,
      side: 'before',
      w: new Warnings(),
      inv: c.inv,
      rec: (i, o) => c.rec(i, o),
      tags: (i) => c.tags(i),
      s: (i, attr) => r.string(i, 'before', [attr]),
      link: (i, attr) => r.link(i, 'before', attr, undefined, undefined, true),
    });
  }

  of(type: string): TfInstance[] {
    return this.r.plan.instances.filter((i) => i.type === type && this.r.exists(i, this.side));
  }

  typeOf(key: string): string | undefined {
    return this.byAddress.get(key)?.type;
  }

  /** Every instance the references of an expression resolve to (one per referenced resource). */
  referenced(i: TfInstance, expr: JsonObject | undefined, types: readonly string[]): string[] {
    const refs = arr(expr?.['references']).filter((x): x is string => typeof x === 'string');
    const ctx = refs.filter((x) => x === 'count.index' || x.startsWith('each.'));
    const out: string[] = [];
    for (const ref of refs) {
      if (ctx.includes(ref)) continue;
      const found = this.r.resolveRefs([ref, ...ctx], i.module, i.index, this.side, 0, i.address);
      // `aws_vpc.x.default_security_group_id`: the VPC's default group, when the plan adopts it.
      const hit =
        found !== undefined && ref.endsWith('.default_security_group_id') && this.typeOf(found) === 'aws_vpc'
          ? this.of('aws_default_security_group').find(
              (g) => this.r.link(g, this.side, 'vpc_id', undefined, undefined, true) === found,
            )?.address
          : found;
      if (hit !== undefined && types.includes(this.typeOf(hit) ?? '') && !out.includes(hit)) out.push(hit);
    }
    return out;
  }

  /**
   * The keys a list of ids names: known ids (the plan's address when it manages the object), and,
   * where elements are unknown until apply, the objects the configuration's references name.
   */
  linkList(
    i: TfInstance,
    v: unknown,
    expr: JsonObject | undefined,
    types: readonly string[],
    what: string,
    configured = false,
  ): string[] {
    const known: string[] = [];
    let unknown = v === UNKNOWN;
    for (const x of list(v)) {
      if (x === UNKNOWN || x === null) unknown = true;
      else if (typeof x === 'string' && x !== '') known.push(this.r.addressOfId(x, this.side) ?? x);
    }
    if (v !== UNKNOWN && !unknown) {
      // A plan value list may still hide unknown elements behind nulls (after_unknown positions).
      const constant = arr(expr?.['constant_value']).filter((x): x is string => typeof x === 'string');
      if (known.length === 0 && constant.length > 0)
        return constant.map((x) => this.r.addressOfId(x, this.side) ?? x);
      return [...new Set(known)];
    }
    // Not in the configuration: a computed attribute, unknown though nobody set it (IMPORTERS.md 3.4).
    if (expr === undefined) {
      if (configured)
        this.w.add(
          'unresolved',
          `${i.address}: ${what} is unknown until apply and its configuration block cannot be told apart — left out`,
          this.r.file,
        );
      return [...new Set(known)];
    }
    const resolved = this.referenced(i, expr, types);
    const refs = arr(expr['references']).filter((x) => typeof x === 'string');
    if (resolved.length === 0)
      this.w.add(
        'unresolved',
        `${i.address}: ${what} is unknown until apply${refs.length > 0 ? ` and its references (${refs.join(', ')}) cannot be followed` : ' and has no reference in the configuration'} — left out`,
        this.r.file,
      );
    return [...new Set([...known, ...resolved])];
  }

  /** A plan value, with the positions after_unknown marks replaced by {@link UNKNOWN}. */
  valueAt(i: TfInstance, path: Path): unknown {
    const v = this.r.value(i, this.side, path);
    if (!Array.isArray(v)) return v;
    return v.map((_, k) => this.r.value(i, this.side, [...path, k]));
  }

  /** The CIDRs of a list attribute; unknown elements from references to a known `cidr_block`. */
  cidrs(i: TfInstance, src: Source, attr: string): string[] {
    const v = src.get(attr);
    const out: string[] = [];
    let unknown = v === UNKNOWN;
    for (const x of list(v))
      if (typeof x === 'string' && x !== '') out.push(x);
      else if (x === UNKNOWN || x === null) unknown = true;
    if (!unknown) return out;
    const expr = src.expr(attr);
    const refs = arr(expr?.['references']).filter((x): x is string => typeof x === 'string');
    const found: string[] = [];
    for (const ref of refs) {
      const m = /^(.*)\.(cidr_block|ipv6_cidr_block)$/.exec(ref);
      if (!m) continue;
      const hit = this.r.resolveRefs([m[1] ?? ''], i.module, i.index, this.side, 0, i.address);
      const target = hit === undefined ? undefined : this.byAddress.get(hit);
      const cidr = target === undefined ? undefined : this.r.string(target, this.side, [m[2] ?? '']);
      if (cidr !== undefined && !out.includes(cidr) && !found.includes(cidr)) found.push(cidr);
    }
    if (found.length === 0)
      this.w.add(
        'unresolved',
        `${i.address}: ${attr} is unknown until apply${refs.length > 0 ? ` and its references (${refs.join(', ')}) cannot be followed` : ''} — those addresses left out`,
        this.r.file,
      );
    return [...out, ...found];
  }

  /** The single key an id attribute names (a group, a prefix list), quietly when unset. */
  linkOne(i: TfInstance, src: Source, attr: string, types: readonly string[]): string | undefined {
    const v = src.get(attr);
    if (typeof v === 'string' && v !== '') return this.r.addressOfId(v, this.side) ?? v;
    const expr = src.expr(attr);
    const constant = expr?.['constant_value'];
    if (typeof constant === 'string' && constant !== '')
      return this.r.addressOfId(constant, this.side) ?? constant;
    if (v !== UNKNOWN && arr(expr?.['references']).length === 0) return undefined;
    return this.linkList(i, UNKNOWN, expr, types, attr)[0];
  }

  /** The VPC of a group or a NACL: its `vpc_id` link; else the only VPC, reported. */
  vpcOf(i: TfInstance, attr = 'vpc_id'): string | undefined {
    const linked = this.r.link(i, this.side, attr, undefined, undefined, true);
    if (linked !== undefined && this.c.inv.byKey.Vpcs.has(linked)) return linked;
    if (linked !== undefined) {
      this.w.add(
        'missing-reference',
        `${i.address}: its VPC ${linked} is not in the plan — skipped`,
        this.r.file,
      );
      return undefined;
    }
    const vpcs = [...this.c.inv.byKey.Vpcs.keys()];
    if (vpcs.length === 1 && vpcs[0] !== undefined) {
      this.w.add(
        'assumed',
        `${i.address}: ${attr} is ${this.r.configured(i, attr) ? 'unknown until apply and cannot be followed' : 'not set (the default VPC)'} — placed in ${vpcs[0]}, the only VPC`,
        this.r.file,
      );
      return vpcs[0];
    }
    this.w.add(
      'unresolved',
      `${i.address}: ${attr} is ${this.r.configured(i, attr) ? 'unknown until apply and cannot be followed' : 'not set (the default VPC, not in the plan)'} — skipped`,
      this.r.file,
    );
    return undefined;
  }

  /** The configuration block of an inline rule: the one with the same constants, if unique. */
  blockOf(i: TfInstance, dir: Dir, keys: readonly string[], values: Path): JsonObject | undefined {
    const blocks = arr(this.r.plan.config.get(i.configKey)?.expressions[dir]).map(obj);
    const same = blocks.filter((b) =>
      keys.every((k, n) => {
        const c = obj(b?.[k])?.['constant_value'];
        const v = values[n];
        if (typeof c === 'string' || typeof c === 'number') return String(c) === String(v);
        return c === undefined;
      }),
    );
    return same.length === 1 ? same[0] : undefined;
  }

  /** An SG rule's atoms (one per peer) from its attributes. */
  sgAtoms(
    i: TfInstance,
    dir: Dir,
    src: Source,
    attrs: {
      protocol: string;
      cidrs?: string;
      v6?: string;
      lists?: string;
      groups?: string;
      group?: string;
      cidr?: string;
      cidr6?: string;
      list?: string;
    },
    self: string,
  ): SgAtom[] {
    const rawProtocol = src.get(attrs.protocol);
    const protocol = sgProtocol(rawProtocol);
    if (protocol === undefined) {
      this.w.add(
        rawProtocol === UNKNOWN ? 'unresolved' : 'unknown-value',
        `${i.address}: ${dir} rule protocol ${rawProtocol === UNKNOWN ? 'unknown until apply' : JSON.stringify(rawProtocol)} — rule left out`,
        this.r.file,
      );
      return [];
    }
    // AWS-R35: `-1` (Terraform writes ports 0) and protocols other than tcp/udp/icmp have no ports.
    const ported = ['tcp', 'udp', 'icmp', 'icmpv6'].includes(protocol);
    const from = ported ? portOf(src.get('from_port')) : undefined;
    const to = ported ? portOf(src.get('to_port')) : undefined;
    const description = str(src.get('description'));
    const peers: Record<string, string>[] = [];
    if (attrs.cidrs !== undefined) for (const x of this.cidrs(i, src, attrs.cidrs)) peers.push({ CidrIp: x });
    if (attrs.v6 !== undefined) for (const x of this.cidrs(i, src, attrs.v6)) peers.push({ CidrIpv6: x });
    for (const [attr, field] of [
      [attrs.cidr, 'CidrIp'],
      [attrs.cidr6, 'CidrIpv6'],
    ] as const)
      if (attr !== undefined) {
        const v = src.get(attr);
        if (typeof v === 'string' && v !== '') peers.push({ [field]: v });
        else if (v === UNKNOWN)
          peers.push(
            ...this.cidrs(i, { get: () => [UNKNOWN], expr: () => src.expr(attr) }, attr).map((x) => ({
              [field]: x,
            })),
          );
      }
    if (attrs.lists !== undefined)
      for (const x of this.linkList(
        i,
        src.get(attrs.lists),
        src.expr(attrs.lists),
        ['aws_ec2_managed_prefix_list'],
        `${dir} ${attrs.lists}`,
        src.block === true,
      ))
        peers.push({ PrefixListId: x });
    if (attrs.list !== undefined) {
      const x = this.linkOne(i, src, attrs.list, ['aws_ec2_managed_prefix_list']);
      if (x !== undefined) peers.push({ PrefixListId: x });
    }
    const groupTypes = ['aws_security_group', 'aws_default_security_group'];
    if (attrs.groups !== undefined)
      for (const x of this.linkList(
        i,
        src.get(attrs.groups),
        src.expr(attrs.groups),
        groupTypes,
        `${dir} ${attrs.groups}`,
        src.block === true,
      ))
        peers.push({ GroupId: x });
    if (attrs.group !== undefined) {
      const x = this.linkOne(i, src, attrs.group, groupTypes);
      if (x !== undefined) peers.push({ GroupId: x });
    }
    // `self = true`: the group itself is a peer (AWS-R37).
    const selfValue = src.get('self');
    if (selfValue === true || obj(src.expr('self'))?.['constant_value'] === true)
      peers.push({ GroupId: self });
    if (peers.length === 0)
      this.w.add('unresolved', `${i.address}: a ${dir} rule with no known peer — left out`, this.r.file);
    return peers.map((peer) => ({
      dir,
      protocol,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      peer,
      ...(description !== undefined ? { description } : {}),
    }));
  }

  /** Inline rules of a group in one direction (a plan value, its config blocks, or what it was). */
  inlineSg(i: TfInstance, dir: Dir, key: string, separate: boolean): SgAtom[] {
    const attrs = {
      protocol: 'protocol',
      cidrs: 'cidr_blocks',
      v6: 'ipv6_cidr_blocks',
      lists: 'prefix_list_ids',
      groups: 'security_groups',
    };
    const v = this.r.value(i, this.side, [dir]);
    if (v !== UNKNOWN)
      return list(v).flatMap((x, k) => {
        const block = this.blockOf(
          i,
          dir,
          ['protocol', 'from_port', 'to_port'],
          [obj(x)?.['protocol'], obj(x)?.['from_port'], obj(x)?.['to_port']].map(String),
        );
        const src: Source = {
          get: (a) => this.valueAt(i, [dir, k, a]),
          block: true,
          expr: (a) => obj(block?.[a]),
        };
        return this.sgAtoms(i, dir, src, attrs, key);
      });
    const blocks = arr(this.r.plan.config.get(i.configKey)?.expressions[dir]).map(obj);
    if (blocks.length > 0) {
      this.w.add(
        'assumed',
        `${i.address}: its ${dir} rules are unknown until apply — read from its ${blocks.length} ${dir} block${blocks.length === 1 ? '' : 's'} in the configuration`,
        this.r.file,
      );
      return blocks.flatMap((b) => {
        const src: Source = {
          get: (a) => {
            const e = obj(b?.[a]);
            if (e === undefined) return undefined;
            return 'constant_value' in e ? e['constant_value'] : UNKNOWN;
          },
          expr: (a) => obj(b?.[a]),
        };
        return this.sgAtoms(i, dir, src, attrs, key);
      });
    }
    const prior = i.before === undefined ? [] : list(this.r.value(i, 'before', [dir]));
    if (prior.length > 0) {
      this.w.add(
        'unresolved',
        `${i.address}: its ${dir} rules are unknown until apply and not in the configuration — kept as before the plan`,
        this.r.file,
      );
      return prior.flatMap((_, k) =>
        this.sgAtoms(
          i,
          dir,
          { get: (a) => this.r.value(i, 'before', [dir, k, a]), expr: () => undefined },
          attrs,
          key,
        ),
      );
    }
    // TF-AWS-SG: a new group has the rules written for it and no others: no allow-all egress.
    if (!separate && dir === 'egress')
      this.w.add(
        'assumed',
        `${i.address}: no egress rule declared — none written (\`outbound: []\`): Terraform removes the allow-all egress rule AWS gives a new group (TF-AWS-SG)`,
        this.r.file,
      );
    return [];
  }

  /** The rules of rule resources, by the group they name (`groups`: the plan's groups on this side). */
  separateSg(
    groups: readonly TfInstance[],
    keep: (i: TfInstance) => boolean = () => true,
  ): Map<string, { atoms: SgAtom[]; origins: string[] }> {
    // Separate rule resources, by the group they name.
    const separate = new Map<string, { atoms: SgAtom[]; origins: string[] }>();
    const add = (key: string, origin: string, atoms: SgAtom[]): void => {
      const s = separate.get(key) ?? { atoms: [], origins: [] };
      s.atoms.push(...atoms);
      s.origins.push(origin);
      separate.set(key, s);
    };
    const groupTypes = ['aws_security_group', 'aws_default_security_group'];
    const target = (i: TfInstance): string | undefined => {
      const src: Source = {
        get: (a) => this.r.value(i, this.side, [a]),
        expr: (a) => this.r.expression(i, a),
      };
      const g = this.linkOne(i, src, 'security_group_id', groupTypes);
      if (g === undefined) return undefined;
      if (!groups.some((x) => x.address === g)) {
        this.w.add(
          'missing-reference',
          `${i.address}: security group ${g} is not in the plan — rule left out`,
          this.r.file,
        );
        return undefined;
      }
      return g;
    };
    const top = (i: TfInstance): Source => ({
      get: (a) => this.valueAt(i, [a]),
      expr: (a) => this.r.expression(i, a),
    });
    for (const i of this.of('aws_security_group_rule').filter(keep)) {
      const g = target(i);
      const type = this.c.s(i, 'type');
      if (g === undefined) continue;
      if (type !== 'ingress' && type !== 'egress') {
        this.w.add('unknown-value', `${i.address}: type ${String(type)} — rule left out`, this.r.file);
        continue;
      }
      add(
        g,
        i.address,
        this.sgAtoms(
          i,
          type,
          top(i),
          {
            protocol: 'protocol',
            cidrs: 'cidr_blocks',
            v6: 'ipv6_cidr_blocks',
            lists: 'prefix_list_ids',
            group: 'source_security_group_id',
          },
          g,
        ),
      );
    }
    for (const [type, dir] of [
      ['aws_vpc_security_group_ingress_rule', 'ingress'],
      ['aws_vpc_security_group_egress_rule', 'egress'],
    ] as const)
      for (const i of this.of(type).filter(keep)) {
        const g = target(i);
        if (g === undefined) continue;
        add(
          g,
          i.address,
          this.sgAtoms(
            i,
            dir,
            top(i),
            {
              protocol: 'ip_protocol',
              cidr: 'cidr_ipv4',
              cidr6: 'cidr_ipv6',
              list: 'prefix_list_id',
              group: 'referenced_security_group_id',
            },
            g,
          ),
        );
      }
    return separate;
  }

  securityGroups(): void {
    const groups = [...this.of('aws_security_group'), ...this.of('aws_default_security_group')];
    const separate = this.separateSg(groups);
    // A rule resource the plan deletes is still listed inline by its group's prior state: dropped.
    const gone =
      this.side === 'after'
        ? this.before().separateSg(
            groups.filter((g) => this.r.exists(g, 'before')),
            (i) => !this.r.exists(i, 'after'),
          )
        : new Map<string, { atoms: SgAtom[]; origins: string[] }>();
    for (const i of groups) {
      const isDefault = i.type === 'aws_default_security_group';
      const vpc = this.vpcOf(i);
      if (vpc === undefined) continue;
      const sep = separate.get(i.address);
      const sepDir = (d: Dir): boolean => sep?.atoms.some((a) => a.dir === d) ?? false;
      const dropped = new Set((gone.get(i.address)?.atoms ?? []).map(atomKey));
      const inline = [
        ...this.inlineSg(i, 'ingress', i.address, sepDir('ingress')),
        ...this.inlineSg(i, 'egress', i.address, sepDir('egress')),
      ].filter((a) => !dropped.has(atomKey(a)));
      const seen = new Set<string>();
      const merged: SgAtom[] = [];
      for (const a of [...inline, ...(sep?.atoms ?? [])])
        if (!seen.has(atomKey(a))) {
          seen.add(atomKey(a));
          merged.push(a);
        }
      if (sep !== undefined) {
        const covered = new Set(sep.atoms.map(atomKey));
        if (inline.some((a) => !covered.has(atomKey(a))))
          this.w.add(
            'assumed',
            `${i.address}: inline ingress/egress rules and rule resources (${[...new Set(sep.origins)].join(', ')}) on one group — merged; the provider documents that the two overwrite each other at the next apply`,
            this.r.file,
          );
      }
      const o: Mutable = {
        GroupId: i.address,
        GroupName: isDefault ? 'default' : this.c.s(i, 'name'),
        VpcId: vpc,
        Description: this.c.s(i, 'description'),
        IpPermissions: merged.filter((a) => a.dir === 'ingress').map(permission),
        IpPermissionsEgress: merged.filter((a) => a.dir === 'egress').map(permission),
        Tags: this.c.tags(i),
      };
      this.groups.set(i.address, { o, vpc, i });
      this.c.inv.put('SecurityGroups', this.c.rec(i, o), this.w);
    }
  }

  /** A NACL entry record (describe-network-acls) from a rule's attributes. */
  naclEntry(
    i: TfInstance,
    src: Source,
    egress: boolean,
    names: { rule: string; action: string },
  ): Mutable | undefined {
    const ruleNumber = portOf(src.get(names.rule));
    const protocol = naclProtocol(src.get('protocol'));
    const action = str(src.get(names.action))?.toLowerCase();
    const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    const cidr = nonEmpty(src.get('cidr_block'));
    const cidr6 = nonEmpty(src.get('ipv6_cidr_block'));
    const dir = egress ? 'egress' : 'ingress';
    if (ruleNumber === undefined || protocol === undefined || (action !== 'allow' && action !== 'deny')) {
      this.w.add(
        'unresolved',
        `${i.address}: a ${dir} entry whose number, protocol or action is unknown (${String(src.get(names.rule))}, ${String(src.get('protocol'))}, ${String(src.get(names.action))}) — left out`,
        this.r.file,
      );
      return undefined;
    }
    if (cidr === undefined && cidr6 === undefined) {
      this.w.add(
        'unresolved',
        `${i.address}: ${dir} entry ${ruleNumber}: its CIDR block is unknown until apply — left out`,
        this.r.file,
      );
      return undefined;
    }
    const ported = protocol === '6' || protocol === '17';
    const icmp = protocol === '1' || protocol === '58';
    const from = portOf(src.get('from_port'));
    const to = portOf(src.get('to_port'));
    return {
      RuleNumber: ruleNumber,
      Protocol: protocol,
      RuleAction: action,
      Egress: egress,
      ...(cidr !== undefined ? { CidrBlock: cidr } : { Ipv6CidrBlock: cidr6 }),
      ...(ported && from !== undefined && to !== undefined ? { PortRange: { From: from, To: to } } : {}),
      ...(icmp
        ? {
            IcmpTypeCode: {
              Type: portOf(src.get('icmp_type')) ?? -1,
              Code: portOf(src.get('icmp_code')) ?? -1,
            },
          }
        : {}),
    };
  }

  inlineNacl(i: TfInstance, dir: Dir, separate: boolean): NaclEntry[] {
    const names = { rule: 'rule_no', action: 'action' };
    const v = this.r.value(i, this.side, [dir]);
    const one = (src: Source): NaclEntry[] => {
      const e = this.naclEntry(i, src, dir === 'egress', names);
      return e === undefined ? [] : [{ o: e, origin: i.address }];
    };
    if (v !== UNKNOWN)
      return list(v).flatMap((_, k) =>
        one({ get: (a) => this.valueAt(i, [dir, k, a]), expr: () => undefined }),
      );
    const blocks = arr(this.r.plan.config.get(i.configKey)?.expressions[dir]).map(obj);
    if (blocks.length > 0) {
      this.w.add(
        'assumed',
        `${i.address}: its ${dir} entries are unknown until apply — read from its ${blocks.length} ${dir} block${blocks.length === 1 ? '' : 's'} in the configuration`,
        this.r.file,
      );
      return blocks.flatMap((b) =>
        one({
          get: (a) => {
            const e = obj(b?.[a]);
            return e === undefined ? undefined : 'constant_value' in e ? e['constant_value'] : UNKNOWN;
          },
          expr: (a) => obj(b?.[a]),
        }),
      );
    }
    const prior = i.before === undefined ? [] : list(this.r.value(i, 'before', [dir]));
    if (prior.length > 0) {
      this.w.add(
        'unresolved',
        `${i.address}: its ${dir} entries are unknown until apply and not in the configuration — kept as before the plan`,
        this.r.file,
      );
      return prior.flatMap((_, k) => {
        const e = this.naclEntry(
          i,
          { get: (a) => this.r.value(i, 'before', [dir, k, a]), expr: () => undefined },
          dir === 'egress',
          names,
        );
        return e === undefined ? [] : [{ o: e, origin: i.address }];
      });
    }
    if (!separate)
      this.w.add(
        'assumed',
        `${i.address}: its ${dir} entries are unknown until apply and not in the configuration — none (only the * rule, AWS-R40; a dynamic block would be missed)`,
        this.r.file,
      );
    return [];
  }

  networkAcls(): void {
    const acls = [...this.of('aws_network_acl'), ...this.of('aws_default_network_acl')];
    const separate = new Map<string, NaclEntry[]>();
    const aclTypes = ['aws_network_acl', 'aws_default_network_acl'];
    for (const i of this.of('aws_network_acl_rule')) {
      const src: Source = {
        get: (a) => this.r.value(i, this.side, [a]),
        expr: (a) => this.r.expression(i, a),
      };
      const acl = this.linkOne(i, src, 'network_acl_id', aclTypes);
      if (acl === undefined) continue;
      if (!acls.some((x) => x.address === acl)) {
        this.w.add(
          'missing-reference',
          `${i.address}: network ACL ${acl} is not in the plan — rule left out`,
          this.r.file,
        );
        continue;
      }
      const e = this.naclEntry(i, src, this.r.value(i, this.side, ['egress']) === true, {
        rule: 'rule_number',
        action: 'rule_action',
      });
      if (e !== undefined) separate.set(acl, [...(separate.get(acl) ?? []), { o: e, origin: i.address }]);
    }
    // A rule resource the plan deletes is still listed inline by its NACL's prior state: dropped.
    const gone = new Map<string, Set<string>>();
    if (this.side === 'after') {
      const prior = this.before();
      for (const i of this.r.plan.instances) {
        if (i.type !== 'aws_network_acl_rule' || !this.r.exists(i, 'before') || this.r.exists(i, 'after'))
          continue;
        const src: Source = {
          get: (a) => this.r.value(i, 'before', [a]),
          expr: (a) => this.r.expression(i, a),
        };
        const acl = prior.linkOne(i, src, 'network_acl_id', aclTypes);
        const e = prior.naclEntry(i, src, this.r.value(i, 'before', ['egress']) === true, {
          rule: 'rule_number',
          action: 'rule_action',
        });
        if (acl !== undefined && e !== undefined)
          gone.set(acl, new Set([...(gone.get(acl) ?? []), JSON.stringify(e)]));
      }
    }
    // Subnet associations: subnet_ids, then aws_network_acl_association; one NACL per subnet (AWS-R40).
    const assoc = new Map<string, { acl: string; origin: string }>();
    const associate = (subnet: string, acl: string, origin: string): void => {
      const was = assoc.get(subnet);
      if (was !== undefined && was.acl !== acl) {
        this.w.add(
          'malformed',
          `${origin}: subnet ${subnet} is already associated with ${was.acl} (${was.origin}) — a subnet has one network ACL (AWS-R40); the first kept`,
          this.r.file,
        );
        return;
      }
      assoc.set(subnet, { acl, origin });
    };
    const subnetsOf = (i: TfInstance): string[] =>
      this.linkList(
        i,
        this.valueAt(i, ['subnet_ids']),
        this.r.expression(i, 'subnet_ids'),
        ['aws_subnet'],
        'subnet_ids',
      );
    for (const i of this.of('aws_network_acl'))
      for (const s of subnetsOf(i)) associate(s, i.address, i.address);
    for (const i of this.of('aws_network_acl_association')) {
      const src: Source = {
        get: (a) => this.r.value(i, this.side, [a]),
        expr: (a) => this.r.expression(i, a),
      };
      const acl = this.linkOne(i, src, 'network_acl_id', aclTypes);
      const subnet = this.linkOne(i, src, 'subnet_id', ['aws_subnet']);
      if (acl !== undefined && subnet !== undefined) associate(subnet, acl, i.address);
    }
    for (const i of this.of('aws_default_network_acl'))
      for (const s of subnetsOf(i)) associate(s, i.address, i.address);
    for (const i of acls) {
      const isDefault = i.type === 'aws_default_network_acl';
      const vpc = isDefault ? this.defaultAclVpc(i) : this.vpcOf(i);
      if (vpc === undefined) continue;
      const sep = separate.get(i.address) ?? [];
      const dropped = gone.get(i.address) ?? new Set<string>();
      const inline = [
        ...this.inlineNacl(
          i,
          'ingress',
          sep.some((e) => e.o['Egress'] === false),
        ),
        ...this.inlineNacl(
          i,
          'egress',
          sep.some((e) => e.o['Egress'] === true),
        ),
      ].filter((e) => !dropped.has(JSON.stringify(e.o)));
      const entries = new Map<string, NaclEntry>();
      const same = (a: Mutable, b: Mutable): boolean => JSON.stringify(a) === JSON.stringify(b);
      let own = false;
      for (const e of [...inline, ...sep]) {
        const k = `${String(e.o['Egress'])}/${String(e.o['RuleNumber'])}`;
        const was = entries.get(k);
        if (was === undefined) entries.set(k, e);
        else if (!same(was.o, e.o))
          this.w.add(
            'malformed',
            `${e.origin}: ${e.o['Egress'] === true ? 'egress' : 'ingress'} rule ${String(e.o['RuleNumber'])} is also an inline entry of ${i.address} with other values — kept the inline one (AWS-R40: one entry per number and direction)`,
            this.r.file,
          );
      }
      if (sep.length > 0) {
        const covered = new Set(sep.map((e) => JSON.stringify(e.o)));
        if (inline.some((e) => !covered.has(JSON.stringify(e.o)))) own = true;
      }
      if (own)
        this.w.add(
          'assumed',
          `${i.address}: inline ingress/egress entries and rule resources (${[...new Set(sep.map((e) => e.origin))].join(', ')}) on one network ACL — merged; the provider documents that the two overwrite each other at the next apply`,
          this.r.file,
        );
      const o: Mutable = {
        NetworkAclId: i.address,
        VpcId: vpc,
        IsDefault: isDefault,
        Associations: [],
        Entries: [...entries.values()]
          .map((e) => e.o)
          .sort(
            (a, b) =>
              Number(a['Egress']) - Number(b['Egress']) || Number(a['RuleNumber']) - Number(b['RuleNumber']),
          ),
        Tags: this.c.tags(i),
      };
      this.acls.set(i.address, { o, vpc, i });
    }
    for (const [subnet, { acl, origin }] of assoc) {
      const a = this.acls.get(acl);
      if (a === undefined) continue;
      (a.o['Associations'] as Mutable[]).push({ SubnetId: subnet, $origin: origin });
    }
    // AWS-R40: a subnet no other NACL takes is the default NACL's (no warning: that is Terraform's normal case).
    for (const a of this.acls.values()) {
      if (a.o['IsDefault'] !== true) continue;
      for (const [subnet, rec] of this.c.inv.byKey.Subnets)
        if (str(rec.o['VpcId']) === a.vpc && !assoc.has(subnet))
          (a.o['Associations'] as Mutable[]).push({ SubnetId: subnet, $origin: a.i.address });
    }
    for (const a of this.acls.values()) this.c.inv.put('NetworkAcls', this.c.rec(a.i, a.o), this.w);
  }

  /** The VPC whose default NACL an `aws_default_network_acl` adopts (`default_network_acl_id`). */
  defaultAclVpc(i: TfInstance): string | undefined {
    const id = this.c.s(i, 'default_network_acl_id');
    if (id !== undefined)
      for (const v of this.of('aws_vpc'))
        if (
          this.r.string(v, this.side, ['default_network_acl_id']) === id &&
          this.c.inv.byKey.Vpcs.has(v.address)
        )
          return v.address;
    const linked = this.r.link(i, this.side, 'default_network_acl_id', undefined, undefined, true);
    if (linked !== undefined && this.c.inv.byKey.Vpcs.has(linked)) return linked;
    const vpc = this.r.link(i, this.side, 'vpc_id', undefined, undefined, true);
    if (vpc !== undefined && this.c.inv.byKey.Vpcs.has(vpc)) return vpc;
    this.w.add(
      'unresolved',
      `${i.address}: the VPC of default_network_acl_id${id !== undefined ? ` (${id})` : ''} is not in the plan or cannot be followed — skipped`,
      this.r.file,
    );
    return undefined;
  }

  /** AWS-R38: customer-managed prefix lists (their entries inline or as resources). */
  prefixLists(): void {
    for (const i of this.of('aws_ec2_managed_prefix_list')) {
      const cidrs = list(this.r.value(i, this.side, ['entry']))
        .map((e) => str(obj(e)?.['cidr']))
        .filter((x) => x !== undefined);
      this.c.inv.prefixLists.set(i.address, cidrs);
      const name = this.c.s(i, 'name');
      if (name !== undefined) this.c.inv.prefixListNames.set(i.address, name);
    }
    for (const i of this.of('aws_ec2_managed_prefix_list_entry')) {
      const src: Source = {
        get: (a) => this.r.value(i, this.side, [a]),
        expr: (a) => this.r.expression(i, a),
      };
      const pl = this.linkOne(i, src, 'prefix_list_id', ['aws_ec2_managed_prefix_list']);
      const cidr = this.c.s(i, 'cidr');
      const cidrs = pl === undefined ? undefined : this.c.inv.prefixLists.get(pl);
      if (cidrs === undefined || cidr === undefined) {
        this.w.add(
          'missing-reference',
          `${i.address}: its prefix list or CIDR is not known — left out`,
          this.r.file,
        );
        continue;
      }
      if (!cidrs.includes(cidr)) cidrs.push(cidr);
    }
  }

  /** The hosts' groups: `Groups` on the interface records of instances and network interfaces. */
  hostGroups(): void {
    const groupTypes = ['aws_security_group', 'aws_default_security_group'];
    const extra = new Map<string, string[]>();
    for (const i of this.of('aws_network_interface_sg_attachment')) {
      const src: Source = {
        get: (a) => this.r.value(i, this.side, [a]),
        expr: (a) => this.r.expression(i, a),
      };
      const g = this.linkOne(i, src, 'security_group_id', groupTypes);
      const eni = this.linkOne(i, src, 'network_interface_id', ['aws_network_interface', 'aws_instance']);
      if (g !== undefined && eni !== undefined) extra.set(eni, [...(extra.get(eni) ?? []), g]);
    }
    for (const i of [...this.of('aws_instance'), ...this.of('aws_network_interface')]) {
      const rec = this.c.inv.byKey.NetworkInterfaces.get(i.address);
      if (rec === undefined) continue;
      const vpc = str(this.c.inv.byKey.Subnets.get(str(rec.o['SubnetId']) ?? '')?.o['VpcId']);
      const set = (attr: string): boolean =>
        this.r.configured(i, attr) || list(this.r.value(i, this.side, [attr])).length > 0;
      const keys: string[] = [];
      const idsAttr = i.type === 'aws_instance' ? 'vpc_security_group_ids' : 'security_groups';
      if (set(idsAttr))
        keys.push(
          ...this.linkList(i, this.valueAt(i, [idsAttr]), this.r.expression(i, idsAttr), groupTypes, idsAttr),
        );
      // aws_instance.security_groups: group names (the default VPC's way), or references.
      if (i.type === 'aws_instance' && set('security_groups')) {
        const v = this.valueAt(i, ['security_groups']);
        const named = list(v)
          .filter((x): x is string => typeof x === 'string' && x !== '')
          .map((n) => this.groupByName(n, vpc) ?? n);
        const unknown = v === UNKNOWN || list(v).some((x) => x === UNKNOWN || x === null);
        keys.push(
          ...named,
          ...(unknown
            ? this.linkList(
                i,
                UNKNOWN,
                this.r.expression(i, 'security_groups'),
                groupTypes,
                'security_groups',
              )
            : []),
        );
      }
      keys.push(...(extra.get(i.address) ?? []));
      const unique = [...new Set(keys)];
      if (unique.length === 0) continue; // AWS-R36: the VPC's `default` group.
      (rec.o as Mutable)['Groups'] = unique.map((g) => {
        const name = str(this.groups.get(g)?.o['GroupName']);
        return { GroupId: g, ...(name !== undefined ? { GroupName: name } : {}) };
      });
    }
  }

  groupByName(name: string, vpc: string | undefined): string | undefined {
    for (const [key, g] of this.groups)
      if (g.o['GroupName'] === name && (vpc === undefined || g.vpc === vpc)) return key;
    return undefined;
  }
}

/**
 * Security groups, network ACLs, prefix lists and the hosts' groups of a plan side → inventory
 * records. Called after the hosts' interface records are written (it adds their `Groups`).
 */
export function awsFilters(c: FilterConv): void {
  const f = new Filters(c);
  f.prefixLists();
  f.securityGroups();
  f.networkAcls();
  f.hostGroups();
}
