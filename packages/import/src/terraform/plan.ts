/**
 * `terraform show -json` of a plan or a state (IMPORTERS.md §3): format 0.x (Terraform 0.12–0.15)
 * and 1.x. Each managed resource instance becomes a {@link TfInstance} with its values before and
 * after the plan, which of them are unknown until apply, and its actions. Data sources and
 * deposed objects are lookups and leftovers, not infrastructure to simulate. What Terraform marks
 * sensitive (`before_sensitive`, `after_sensitive`, `sensitive_values`, variables declared
 * `sensitive`) is dropped here, before any importer sees it.
 */
import { ImportInputError } from '../errors.js';
import { arr, obj, str, type JsonObject } from '../internal/json.js';
import { withoutSensitive } from '../secrets.js';
import type { Warnings } from '../warnings.js';

export interface TfInstance {
  /** Full address: `module.vpc.aws_route.private[0]`. */
  readonly address: string;
  /** The module instance path with its trailing dot: `module.vpc.` (root: empty). */
  readonly module: string;
  /** The configuration key: module path without instance keys + `type.name`. */
  readonly configKey: string;
  readonly type: string;
  readonly name: string;
  readonly index: number | string | undefined;
  /** Values before the plan (prior state); undefined when the plan creates it. */
  readonly before: JsonObject | undefined;
  /** Values after the plan; undefined when the plan deletes it. */
  readonly after: JsonObject | undefined;
  /** `after_unknown`: `true` at the leaves known only after apply. */
  readonly afterUnknown: unknown;
  /** `create`, `delete`, `update`, `no-op` … (membership, never list equality). */
  readonly actions: readonly string[];
  /** Top-level attributes Terraform marks sensitive (wholly or in part) on either side. */
  readonly sensitive: ReadonlySet<string>;
}

/** The top-level attributes a sensitivity mirror marks (wholly or in part). */
function marked(...mirrors: unknown[]): Set<string> {
  const out = new Set<string>();
  const any = (m: unknown): boolean =>
    m === true || (m !== null && typeof m === 'object' && Object.values(m).some(any));
  for (const m of mirrors) {
    const o = obj(m);
    if (o !== undefined) for (const [k, v] of Object.entries(o)) if (any(v)) out.add(k);
  }
  return out;
}

export interface TfConfigResource {
  readonly expressions: JsonObject;
  readonly dependsOn: readonly string[];
}

export interface TfModuleConfig {
  readonly outputs: JsonObject;
  readonly calls: JsonObject;
  /** Expressions of this module's call in the parent (its input variables). */
  readonly inputs: JsonObject;
  readonly variables: JsonObject;
}

export interface TfPlan {
  readonly kind: 'plan' | 'state';
  readonly formatVersion: string;
  readonly instances: readonly TfInstance[];
  /** configKey → resource configuration. */
  readonly config: ReadonlyMap<string, TfConfigResource>;
  /** Module path without instance keys (`module.vpc.`; root: empty) → its configuration. */
  readonly modules: ReadonlyMap<string, TfModuleConfig>;
  /** Root variables with their values. */
  readonly variables: JsonObject;
}

const ADDRESS = /^((?:module\.[^.[\]]+(?:\[[^\]]*\])?\.)*)((?:data\.)?[^.[\]]+)\.([^.[\]]+)(?:\[(.*)\])?$/;

export function splitAddress(
  address: string,
): { module: string; type: string; name: string; index: number | string | undefined } | undefined {
  const m = ADDRESS.exec(address);
  if (!m) return undefined;
  const idx = m[4];
  const index = idx === undefined ? undefined : /^\d+$/.test(idx) ? Number(idx) : idx.replace(/^"|"$/g, '');
  return { module: m[1] ?? '', type: m[2] ?? '', name: m[3] ?? '', index };
}

/** `module.a["x"].module.b[0].` → `module.a.module.b.` */
export function moduleConfigPath(module: string): string {
  return module.replace(/\[[^\]]*\]\./g, '.');
}

/** Where an instance is: its address split into module, type, name and index, and its configuration key. */
type InstanceAt = Pick<TfInstance, 'address' | 'module' | 'configKey' | 'type' | 'name' | 'index'>;

/** The place of the instance at `address`, or undefined when the address does not read as one. */
function instanceAt(address: string): InstanceAt | undefined {
  const parts = splitAddress(address);
  if (parts === undefined) return undefined;
  return {
    address,
    module: parts.module,
    configKey: `${moduleConfigPath(parts.module)}${parts.type}.${parts.name}`,
    type: parts.type,
    name: parts.name,
    index: parts.index,
  };
}

function readConfig(
  c: JsonObject | undefined,
  prefix: string,
  inputs: JsonObject,
  config: Map<string, TfConfigResource>,
  modules: Map<string, TfModuleConfig>,
  depth = 0,
): void {
  if (c === undefined || depth > 20) return;
  const calls = obj(c['module_calls']) ?? {};
  modules.set(prefix, {
    outputs: obj(c['outputs']) ?? {},
    calls,
    inputs,
    variables: obj(c['variables']) ?? {},
  });
  for (const r of arr(c['resources'])) {
    const ro = obj(r);
    const address = str(ro?.['address']);
    if (ro === undefined || address === undefined) continue;
    config.set(prefix + address, {
      expressions: obj(ro['expressions']) ?? {},
      dependsOn: arr(ro['depends_on']).filter((d): d is string => typeof d === 'string'),
    });
  }
  for (const [name, call] of Object.entries(calls)) {
    const co = obj(call);
    readConfig(
      obj(co?.['module']),
      `${prefix}module.${name}.`,
      obj(co?.['expressions']) ?? {},
      config,
      modules,
      depth + 1,
    );
  }
}

function stateInstances(
  root: JsonObject | undefined,
  out: TfInstance[],
  warnings: Warnings,
  file: string,
  depth = 0,
): void {
  if (root === undefined || depth > 20) return;
  for (const r of arr(root['resources'])) {
    const ro = obj(r);
    const address = str(ro?.['address']);
    if (ro === undefined || address === undefined || str(ro['mode']) === 'data') continue;
    const at = instanceAt(address);
    if (at === undefined) continue;
    const values = obj(withoutSensitive(ro['values'], ro['sensitive_values'])) ?? {};
    out.push({
      ...at,
      before: values,
      after: values,
      afterUnknown: {},
      actions: ['no-op'],
      sensitive: marked(ro['sensitive_values']),
    });
  }
  for (const child of arr(root['child_modules'])) stateInstances(obj(child), out, warnings, file, depth + 1);
}

/** Reads and checks a parsed `terraform show -json` document. */
export function readPlan(value: unknown, file: string, warnings: Warnings): TfPlan {
  const o = obj(value);
  if (o === undefined)
    throw new ImportInputError(
      file,
      [],
      'not terraform show -json output (expected a JSON object with format_version)',
    );
  const fv = o['format_version'];
  if (typeof fv !== 'string')
    throw new ImportInputError(
      file,
      ['format_version'],
      fv === undefined
        ? 'no format_version — pass the output of `terraform show -json <planfile>` or `terraform show -json` (state)'
        : 'format_version is not a string — pass terraform show -json output',
    );
  const major = fv.split('.')[0];
  // IMPORTERS.md 3.1: minor bumps are additive; an unknown major is refused.
  if (major !== '0' && major !== '1')
    throw new ImportInputError(
      file,
      ['format_version'],
      `unknown format version "${fv}" — cloudroute reads formats 0.x and 1.x (Terraform 0.12 to 1.x)`,
    );
  const config = new Map<string, TfConfigResource>();
  const modules = new Map<string, TfModuleConfig>();
  readConfig(obj(obj(o['configuration'])?.['root_module']), '', {}, config, modules);
  const instances: TfInstance[] = [];
  const changes = o['resource_changes'];
  const isPlan = Array.isArray(changes) || o['planned_values'] !== undefined;
  if (!isPlan) {
    const values = obj(o['values']);
    if (values === undefined && o['values'] !== undefined)
      throw new ImportInputError(
        file,
        ['values'],
        'values is not an object — pass terraform show -json output',
      );
    stateInstances(obj(values?.['root_module']), instances, warnings, file);
    return { kind: 'state', formatVersion: fv, instances, config, modules, variables: {} };
  }
  if (changes !== undefined && !Array.isArray(changes))
    throw new ImportInputError(
      file,
      ['resource_changes'],
      'resource_changes is not a list — pass terraform show -json output',
    );
  const seen = new Set<string>();
  arr(changes).forEach((x, i) => {
    const rc = obj(x);
    const address = str(rc?.['address']);
    if (rc === undefined || address === undefined) return;
    if (str(rc['mode']) === 'data') return;
    if (rc['deposed'] !== undefined) {
      warnings.add('stale', `deposed object of ${address} (left by create_before_destroy) — skipped`, file, [
        'resource_changes',
        i,
      ]);
      return;
    }
    const at = instanceAt(address);
    if (at === undefined) return;
    const change = obj(rc['change']) ?? {};
    const actions = arr(change['actions']).filter((a): a is string => typeof a === 'string');
    // `forget` (1.7+) drops an object from state without destroying it: the network is unchanged.
    const effective = actions.includes('forget')
      ? actions.filter((a) => a !== 'forget' && a !== 'delete')
      : actions;
    seen.add(address);
    instances.push({
      ...at,
      before: obj(withoutSensitive(change['before'], change['before_sensitive'])),
      after: obj(withoutSensitive(change['after'], change['after_sensitive'])),
      afterUnknown: change['after_unknown'] ?? {},
      actions: effective.length > 0 ? effective : ['no-op'],
      sensitive: marked(change['before_sensitive'], change['after_sensitive']),
    });
  });
  // Resources of the prior state that no change lists (older plans list only changes).
  const prior: TfInstance[] = [];
  stateInstances(obj(obj(obj(o['prior_state'])?.['values'])?.['root_module']), prior, warnings, file);
  for (const p of prior) if (!seen.has(p.address)) instances.push(p);
  const variables: Record<string, unknown> = {};
  const declared = obj(obj(obj(o['configuration'])?.['root_module'])?.['variables']) ?? {};
  for (const [k, v] of Object.entries(obj(o['variables']) ?? {}))
    if (obj(declared[k])?.['sensitive'] !== true) variables[k] = obj(v)?.['value'];
  return { kind: 'plan', formatVersion: fv, instances, config, modules, variables };
}
