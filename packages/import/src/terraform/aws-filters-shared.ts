/** The shared helpers of the Terraform AWS filters: the converter, links, CIDRs, VPCs, inline blocks. */
import { arr, num, obj, type JsonObject } from '../internal/json.js';
import type { AwsInventory, AwsRecord } from '../aws/inventory.js';
import { Warnings } from '../warnings.js';
import type { TfInstance } from './plan.js';
import { UNKNOWN, type Side, type TfResolver } from './refs.js';

export type Mutable = Record<string, unknown>;

/** What the AWS converter offers (`AwsConverter` in `aws/converter.ts`). */
export interface FilterConv {
  readonly r: TfResolver;
  readonly side: Side;
  readonly w: Warnings;
  readonly inv: AwsInventory;
  record(i: TfInstance, o: Mutable): AwsRecord;
  tags(i: TfInstance): Mutable[];
  stringAttr(i: TfInstance, attr: string): string | undefined;
  link(i: TfInstance, attr: string): string | undefined;
}

type Path = readonly (string | number)[];
export type Dir = 'ingress' | 'egress';

/** Where a rule's attributes are read: plan values (with their config block) or config constants. */
export interface Source {
  get(attr: string): unknown;
  expr(attr: string): JsonObject | undefined;
  /** An inline block: an unknown value there was configured, even without its expression. */
  readonly block?: boolean;
}

export function list(v: unknown): readonly unknown[] {
  return v === UNKNOWN ? [] : arr(v);
}

/** A port number (plans write numbers; 0.12 configurations sometimes strings). */
export function portOf(v: unknown): number | undefined {
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v);
  return num(v);
}

export class Filters {
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
      record: (i, o) => c.record(i, o),
      tags: (i) => c.tags(i),
      stringAttr: (i, attr) => r.string(i, 'before', [attr]),
      link: (i, attr) => r.link(i, 'before', attr, undefined, undefined, true),
    });
  }

  /**
   * Where the inline `dir` list of `i` is unknown until apply: its blocks in the configuration as
   * sources (an attribute's constant value; UNKNOWN for an expression), warned as assumed; else its
   * list before the plan, warned as unresolved; else `undefined` (nothing to read). `what` names
   * the list's items in the warnings (`entries`, `rules`).
   */
  unknownInline(i: TfInstance, dir: Dir, what: string): Source[] | undefined {
    const blocks = arr(this.r.plan.config.get(i.configKey)?.expressions[dir]).map(obj);
    if (blocks.length > 0) {
      this.w.add(
        'assumed',
        `${i.address}: its ${dir} ${what} are unknown until apply — read from its ${blocks.length} ${dir} block${blocks.length === 1 ? '' : 's'} in the configuration`,
        this.r.file,
      );
      return blocks.map((b) => ({
        get: (a) => {
          const e = obj(b?.[a]);
          if (e === undefined) return undefined;
          return 'constant_value' in e ? e['constant_value'] : UNKNOWN;
        },
        expr: (a) => obj(b?.[a]),
      }));
    }
    const prior = i.before === undefined ? [] : list(this.r.value(i, 'before', [dir]));
    if (prior.length === 0) return undefined;
    this.w.add(
      'unresolved',
      `${i.address}: its ${dir} ${what} are unknown until apply and not in the configuration — kept as before the plan`,
      this.r.file,
    );
    return prior.map((_, k) => ({
      get: (a) => this.r.value(i, 'before', [dir, k, a]),
      expr: () => undefined,
    }));
  }

  /** The existing instances of a resource type on this side, in plan order. */
  instances(type: string): TfInstance[] {
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
          ? this.instances('aws_default_security_group').find(
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
}
