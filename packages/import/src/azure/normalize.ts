/**
 * Azure objects in either shape (IMPORTERS.md 2.1): ARM (`{id, name, type, properties: {...}}`,
 * from REST, `az resource show`, the portal's JSON view, ARM exports) and the flattened CLI shape
 * (`az network … show/list`, with `properties` hoisted at every level). An object with a
 * `properties` object is ARM; either way the importer reads the flattened form. Ids are compared
 * case-insensitively (2.2) and may be relative (`resourceGroups/test/...`).
 */
import { arr, obj, str, type JsonObject } from '../internal/json.js';

/** Hoists every `properties` (and old CLI `additionalProperties`) object into its parent. */
export function flatten(v: unknown, depth = 0): unknown {
  if (depth > 64) return v;
  if (Array.isArray(v)) return v.map((x) => flatten(x, depth + 1));
  const o = obj(v);
  if (o === undefined) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    if ((k === 'properties' || k === 'additionalProperties') && obj(x) !== undefined) {
      for (const [pk, px] of Object.entries(flatten(x, depth + 1) as JsonObject))
        if (!(pk in out)) out[pk] = px;
    } else out[k] = flatten(x, depth + 1);
  }
  return out;
}

/** The comparison key of an ARM id: lower case, no leading slash. */
export function idKey(id: string): string {
  return id.replace(/^\/+/, '').toLowerCase();
}

/** `Microsoft.Network/virtualNetworks/subnets` from an id, lower case; undefined for a non-ARM id. */
export function typeFromId(id: string): string | undefined {
  const m = /providers\/([^/]+)\/(.+)$/i.exec(id);
  if (!m) return undefined;
  const parts = (m[2] ?? '').split('/');
  const types = parts.filter((_, i) => i % 2 === 0);
  return `${m[1] ?? ''}/${types.join('/')}`.toLowerCase();
}

/** The resource group named in an id. */
export function resourceGroup(id: string): string | undefined {
  return /resourcegroups\/([^/]+)/i.exec(id)?.[1];
}

/** The id of the parent resource (`…/virtualNetworks/v/subnets/s` → `…/virtualNetworks/v`). */
export function parentId(id: string, child: string): string | undefined {
  const i = id.toLowerCase().lastIndexOf(`/${child.toLowerCase()}/`);
  return i < 0 ? undefined : id.slice(0, i);
}

/** The last segment of an id (the resource's name). */
export function lastSegment(id: string): string {
  return (
    id
      .split('/')
      .filter((s) => s !== '')
      .pop() ?? id
  );
}

/** The id of a `{ id }` reference object. */
export function ref(v: unknown): string | undefined {
  return str(obj(v)?.['id']);
}

export interface AzureObject {
  readonly o: JsonObject;
  /** Lower-case type, e.g. `microsoft.network/virtualnetworks`. */
  readonly type: string;
  readonly id: string;
  readonly file: string;
  readonly path: readonly (string | number)[];
  readonly origin?: string;
  /** Terraform: the id to write. */
  readonly outId?: string;
}

/**
 * The resources of one parsed file: an object, a list, an ARM list (`{value: [...]}`) or a REST
 * example (`{responses: {200: {body}}}`). Each is flattened; its type is its `type`, else the
 * type its id names.
 */
export function resourcesOf(
  value: unknown,
  file: string,
): { objects: AzureObject[]; untyped: { o: JsonObject; path: (string | number)[] }[] } {
  const objects: AzureObject[] = [];
  const untyped: { o: JsonObject; path: (string | number)[] }[] = [];
  const visit = (v: unknown, path: (string | number)[]): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, [...path, i]));
      return;
    }
    const o = obj(v);
    if (o === undefined) return;
    const body = obj(obj(obj(o['responses'])?.['200'])?.['body']);
    if (body !== undefined && o['id'] === undefined)
      return visit(body, [...path, 'responses', '200', 'body']);
    if (Array.isArray(o['value']) && o['id'] === undefined) return visit(o['value'], [...path, 'value']);
    const flat = flatten(o) as JsonObject;
    const id = str(flat['id']);
    const type = str(flat['type'])?.toLowerCase() ?? (id !== undefined ? typeFromId(id) : undefined);
    if (id === undefined || type === undefined) untyped.push({ o: flat, path });
    else objects.push({ o: flat, type, id, file, path });
  };
  visit(value, []);
  return { objects, untyped };
}

/** An entry of `az network nic show-effective-route-table` (a check, not configuration). */
export function isEffectiveRoute(o: JsonObject): boolean {
  return 'nextHopType' in o && 'source' in o && Array.isArray(o['addressPrefix']);
}

/** Strings of an `addressPrefixes` / `addressSpace.addressPrefixes` list. */
export function prefixes(v: unknown): string[] {
  return arr(v).filter((x): x is string => typeof x === 'string');
}
