/**
 * Values and links of Terraform resource instances (IMPORTERS.md 3.3–3.4). In a plan that creates
 * a network every cross-reference is unknown (`after_unknown: true`); the link then comes from the
 * configuration's `references`: module-relative addresses, unwrapped multi-step references,
 * `count.index` / `each.key` pairing by equal index (a documented heuristic, reported), module
 * outputs and module inputs followed. `local.*` cannot be followed: such links are reported as
 * unresolved rather than invented.
 */
import { arr, obj, str, type JsonObject } from '../internal/json.js';
import type { Warnings } from '../warnings.js';
import { moduleConfigPath, type TfInstance, type TfPlan } from './plan.js';

export type Side = 'before' | 'after';

/** A value known only after apply. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Value = unknown;

const NOT_RESOURCE = new Set([
  'var',
  'local',
  'count',
  'each',
  'path',
  'module',
  'self',
  'terraform',
  'data',
]);
const REF = /^([a-z][a-z0-9_]*)\.([A-Za-z0-9_-]+)(?:\[([^\]]+)\])?/;

function parseIndex(s: string): number | string {
  return /^\d+$/.test(s) ? Number(s) : s.replace(/^"|"$/g, '');
}

export class TfResolver {
  readonly groups = new Map<string, TfInstance[]>();
  private readonly ids: Record<Side, Map<string, string>> = { before: new Map(), after: new Map() };

  constructor(
    readonly plan: TfPlan,
    readonly warnings: Warnings,
    readonly file: string,
  ) {
    for (const i of plan.instances) {
      const base = `${i.module}${i.type}.${i.name}`;
      this.groups.set(base, [...(this.groups.get(base) ?? []), i]);
      // An association's "id" is the id of what it associates (azurerm: the subnet's): not its own.
      if (i.type.endsWith('_association')) continue;
      for (const side of ['before', 'after'] as const)
        // An instance's primary ENI is the instance in the import (its one host).
        for (const attr of ['id', 'primary_network_interface_id']) {
          const id = str(this.values(i, side)?.[attr]);
          if (id === undefined) continue;
          if (!this.ids[side].has(id)) this.ids[side].set(id, i.address);
          if (!this.ids[side].has(id.toLowerCase())) this.ids[side].set(id.toLowerCase(), i.address);
        }
    }
  }

  values(i: TfInstance, side: Side): JsonObject | undefined {
    return side === 'before' ? i.before : i.after;
  }

  exists(i: TfInstance, side: Side): boolean {
    return this.values(i, side) !== undefined;
  }

  /** The value at `path`, {@link UNKNOWN} when it is known only after apply. */
  value(i: TfInstance, side: Side, path: readonly (string | number)[]): Value {
    if (side === 'after') {
      let u: unknown = i.afterUnknown;
      for (const p of path) {
        if (u === true) return UNKNOWN;
        u = (u as Record<string | number, unknown> | undefined)?.[p];
      }
      if (u === true) return UNKNOWN;
    }
    let v: unknown = this.values(i, side);
    for (const p of path) v = (v as Record<string | number, unknown> | null | undefined)?.[p];
    return v;
  }

  /** The known string at `path` before the plan (an updated object's prior value), else undefined. */
  priorString(i: TfInstance, path: readonly (string | number)[]): string | undefined {
    if (i.before === undefined) return undefined;
    const v = this.value(i, 'before', path);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  /** A known string (`""` from 0.12-era plans is unset), else undefined. */
  string(i: TfInstance, side: Side, path: readonly (string | number)[]): string | undefined {
    const v = this.value(i, side, path);
    return typeof v === 'string' && v !== '' ? v : undefined;
  }

  /** The configuration expression of an attribute (of a nested block when `block` is given). */
  expression(
    i: TfInstance,
    attr: string,
    block?: { readonly name: string; readonly index: number },
  ): JsonObject | undefined {
    // What Terraform marks sensitive is not read from the configuration either.
    if (i.sensitive.has(block?.name ?? attr)) return undefined;
    const e = this.plan.config.get(i.configKey)?.expressions;
    if (block === undefined) return obj(e?.[attr]);
    const blocks = e?.[block.name];
    const b = Array.isArray(blocks) ? obj(blocks[block.index]) : obj(blocks);
    return obj(b?.[attr]);
  }

  /** Is the attribute written in the configuration (a constant or a reference)? */
  configured(
    i: TfInstance,
    attr: string,
    block?: { readonly name: string; readonly index: number },
  ): boolean {
    return this.expression(i, attr, block) !== undefined;
  }

  /** The instance (address) an id names on a side, if one of the plan's resources has it. */
  addressOfId(id: string, side: Side): string | undefined {
    return (
      this.ids[side].get(id) ??
      this.ids[side].get(id.toLowerCase()) ??
      this.ids[side === 'after' ? 'before' : 'after'].get(id)
    );
  }

  /**
   * The key of the object an attribute links to: the referenced instance's address when the
   * plan manages it, else the id as written; undefined (reported) when unknown and unresolvable.
   */
  link(
    i: TfInstance,
    side: Side,
    attr: string,
    block?: { readonly name: string; readonly index: number },
    valuePath?: readonly (string | number)[],
    quiet = false,
  ): string | undefined {
    const path = valuePath ?? (block === undefined ? [attr] : [block.name, block.index, attr]);
    const v = this.value(i, side, path);
    if (typeof v === 'string' && v !== '') return this.addressOfId(v, side) ?? v;
    const expr = this.expression(i, attr, block);
    const constant = expr?.['constant_value'];
    if (typeof constant === 'string' && constant !== '') return this.addressOfId(constant, side) ?? constant;
    const refs = arr(expr?.['references']).filter((r): r is string => typeof r === 'string');
    if (v !== UNKNOWN && refs.length === 0) return undefined;
    const hit = this.resolveRefs(refs, i.module, i.index, side, 0, i.address);
    if (hit !== undefined) return hit;
    // Inline blocks of a set are matched by content, not position (the caller does it).
    const prior = v === UNKNOWN && block === undefined ? this.priorString(i, path) : undefined;
    if (prior !== undefined) {
      // Unknown until apply, not a change the plan says it makes: the link stays what it was
      // (an object it named keeps its key when the plan replaces it).
      const key = this.addressOfId(prior, 'before') ?? prior;
      if (!quiet)
        this.warnings.add(
          'unresolved',
          `${i.address}: ${attr} is unknown until apply${refs.length > 0 ? ` and its reference (${refs.join(', ')}) cannot be followed` : ''} — kept its value before the plan (${key})`,
          this.file,
        );
      return key;
    }
    if (!quiet && (refs.length > 0 || v === UNKNOWN))
      this.warnings.add(
        'unresolved',
        `${i.address}: ${attr} is unknown until apply${refs.length > 0 ? ` and its reference (${refs.join(', ')}) cannot be followed` : ' and has no reference in the configuration'} — link left out`,
        this.file,
      );
    return undefined;
  }

  /** Resolves configuration references to one instance address, or the id a variable holds. */
  resolveRefs(
    refs: readonly string[],
    module: string,
    index: number | string | undefined,
    side: Side,
    depth: number,
    from: string,
  ): string | undefined {
    if (depth > 8) return undefined;
    const pairs = refs.includes('count.index') || refs.some((r) => r.startsWith('each.'));
    for (const r of refs) {
      if (r.startsWith('module.')) {
        const m = /^module\.([A-Za-z0-9_-]+)(?:\[([^\]]+)\])?\.([A-Za-z0-9_-]+)/.exec(r);
        if (!m) continue;
        const callPath = `${moduleConfigPath(module)}module.${m[1] ?? ''}.`;
        const out = obj(obj(this.plan.modules.get(callPath)?.outputs[m[3] ?? ''])?.['expression']);
        const inner = arr(out?.['references']).filter((x): x is string => typeof x === 'string');
        const instPath = `${module}module.${m[1] ?? ''}${m[2] !== undefined ? `[${m[2]}]` : ''}.`;
        const hit = this.resolveRefs(inner, instPath, undefined, side, depth + 1, from);
        if (hit !== undefined) return hit;
        continue;
      }
      if (r.startsWith('var.')) {
        const name = r.slice(4).split(/[.[]/)[0] ?? '';
        if (module === '') {
          const v = this.plan.variables[name];
          if (typeof v === 'string' && v !== '') return this.addressOfId(v, side) ?? v;
          continue;
        }
        const config = this.plan.modules.get(moduleConfigPath(module));
        // A sensitive module variable's value is not followed.
        if (obj(config?.variables[name])?.['sensitive'] === true) continue;
        const input = obj(config?.inputs[name]);
        const c = input?.['constant_value'];
        if (typeof c === 'string' && c !== '') return this.addressOfId(c, side) ?? c;
        const parent = module.replace(/module\.[^.]+(?:\[[^\]]*\])?\.$/, '');
        const inner = arr(input?.['references']).filter((x): x is string => typeof x === 'string');
        const hit = this.resolveRefs(inner, parent, undefined, side, depth + 1, from);
        if (hit !== undefined) return hit;
        continue;
      }
      const m = REF.exec(r);
      if (!m || NOT_RESOURCE.has(m[1] ?? '')) continue;
      const group = (this.groups.get(`${module}${m[1] ?? ''}.${m[2] ?? ''}`) ?? []).filter((x) =>
        this.exists(x, side),
      );
      if (group.length === 0) continue;
      if (m[3] !== undefined) {
        const want = parseIndex(m[3]);
        const exact = group.find((x) => x.index === want);
        if (exact !== undefined) return exact.address;
        continue;
      }
      if (
        group.length === 1 &&
        !(pairs && group[0]?.index !== undefined && index !== undefined && group[0].index !== index)
      )
        return group[0]?.address;
      if (pairs && index !== undefined) {
        const same = group.find((x) => x.index === index);
        if (same !== undefined) {
          this.warnings.note(
            'assumed',
            `${from.replace(/\[[^\]]*\]$/, '[*]')}: ${r} paired by equal index (count.index / each.key cannot be evaluated from the plan)`,
          );
          return same.address;
        }
      }
    }
    return undefined;
  }

  /** Every instance an instance's configuration refers to (apply order), module outputs followed. */
  dependencies(i: TfInstance): string[] {
    const c = this.plan.config.get(i.configKey);
    if (c === undefined) return [];
    const refs = new Set<string>(c.dependsOn);
    const walk = (v: unknown, depth: number): void => {
      if (depth > 12) return;
      if (Array.isArray(v)) return v.forEach((x) => walk(x, depth + 1));
      const o = obj(v);
      if (o === undefined) return;
      for (const r of arr(o['references'])) if (typeof r === 'string') refs.add(r);
      for (const [k, x] of Object.entries(o)) if (k !== 'references') walk(x, depth + 1);
    };
    walk(c.expressions, 0);
    const out = new Set<string>();
    const add = (ref: string, module: string, depth: number): void => {
      if (depth > 6) return;
      if (ref.startsWith('module.')) {
        const m = /^module\.([A-Za-z0-9_-]+)/.exec(ref);
        const path = `${module}module.${m?.[1] ?? ''}.`;
        // Every resource of the called module: Terraform waits for the module's outputs.
        for (const [base, group] of this.groups)
          if (base.startsWith(path)) for (const g of group) out.add(g.address);
        return;
      }
      const m = REF.exec(ref);
      if (!m || NOT_RESOURCE.has(m[1] ?? '')) return;
      const group = this.groups.get(`${module}${m[1] ?? ''}.${m[2] ?? ''}`) ?? [];
      const want = m[3] !== undefined ? parseIndex(m[3]) : undefined;
      for (const g of group) if (want === undefined || g.index === want) out.add(g.address);
    };
    for (const r of refs) add(r, i.module, 0);
    out.delete(i.address);
    return [...out];
  }
}
