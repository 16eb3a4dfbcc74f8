/**
 * The glue between the zod schemas and the messages of the scenario layer:
 *
 * - `schemaDocs`, a private zod registry holding every description (and the `$defs` ids) the JSON
 *   Schema prints — private so that loading this module twice never clashes in zod's global one;
 * - `strict()`, a strict object that remembers what it describes (an AWS host, a vgw gateway),
 *   so that an unknown field can be answered with a did-you-mean or the right provider's hint;
 * - `coded()`, a message that carries its problem code through zod's issue.
 */
import * as z from 'zod';
import type { Provider } from '@cloudroute/model';

export const schemaDocs = z.registry<{ description?: string; id?: string; examples?: unknown[] }>();

/** Adds a description (and optionally a `$defs` id) to the JSON Schema of `schema`. */
export function doc<T extends z.ZodType>(schema: T, description: string, id?: string): T {
  // A copy, so that describing a shared schema in one place does not describe it everywhere.
  const copy = schema.clone();
  schemaDocs.add(copy, id === undefined ? { description } : { description, id });
  return copy;
}

/** The kinds of object a scenario file holds, for messages. */
export type ObjectContext =
  | 'scenario'
  | 'network'
  | 'subnet'
  | 'routeTable'
  | 'route'
  | 'nextHop'
  | 'policyRoute'
  | 'host'
  | 'port'
  | 'addressPair'
  | 'gateway'
  | 'tgwAttachment'
  | 'tgwRouteTable'
  | 'tgwRoute'
  | 'site'
  | 'siteRoute'
  | 'advertisement'
  | 'connection'
  | 'peering'
  | 'flow'
  | 'expectation'
  | 'action'
  | 'chaos'
  | 'fault'
  | 'profile'
  | 'filter'
  | 'filterRule'
  | 'defaultHost'
  | 'other';

interface ObjectInfo {
  readonly context: ObjectContext;
  /** How a message names it: `an AWS host`, `a vgw gateway`, `a timeline action`. */
  readonly what: string;
  readonly provider?: Provider;
  /** Gateway kind, next-hop type or action name, when the object is one variant of a union. */
  readonly variant?: string;
}

export interface KnownObject extends ObjectInfo {
  readonly keys: readonly string[];
}

/** Every strict object built, so that a field can be traced to the providers or kinds that have it. */
export const knownObjects: KnownObject[] = [];

/** Objects that failed with unknown fields in the current parse, keyed by the input object. */
export const failedObjects = new WeakMap<object, KnownObject>();

const usedIds = new Set<string>();
const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A `$defs` name for a strict object: `AwsHost`, `AzureNextHopVirtualAppliance`, `ActionRouteAdd`. */
function definitionId(info: ObjectInfo): string {
  const parts = [info.provider ?? '', info.context, ...(info.variant ?? '').split('.')];
  const base = parts
    .map(capital)
    .join('')
    .replace(/[^A-Za-z0-9]/g, '');
  let id = base;
  for (let n = 2; usedIds.has(id); n++) id = `${base}${n}`;
  usedIds.add(id);
  return id;
}

/** A strict object (unknown fields are errors) that remembers what it is for messages. */
export function strict<S extends z.ZodRawShape>(info: ObjectInfo, shape: S): z.ZodObject<S, z.core.$strict> {
  const known: KnownObject = { ...info, keys: Object.keys(shape) };
  knownObjects.push(known);
  const schema = z.strictObject(shape, {
    error: (iss) => {
      if (iss.code === 'unrecognized_keys' && typeof iss.input === 'object' && iss.input !== null)
        failedObjects.set(iss.input, known);
      return undefined;
    },
  });
  // Named in the JSON Schema's definitions (the top-level scenario object stays inline).
  if (info.context !== 'scenario') schemaDocs.add(schema, { id: definitionId(info) });
  return schema;
}

/** Discriminated unions remember what they choose between, for the message of a bad discriminator. */
interface UnionInfo extends ObjectInfo {
  readonly discriminator: string;
  /** The hint for a value that belongs to another provider or context (e.g. an Azure next hop on AWS). */
  readonly foreign?: (value: string) => string | undefined;
}

export const failedUnions = new WeakMap<object, UnionInfo>();

export function union<
  const D extends string,
  const T extends readonly [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]],
>(info: Omit<UnionInfo, 'discriminator'>, discriminator: D, options: T): z.ZodDiscriminatedUnion<T, D> {
  const known: UnionInfo = { ...info, discriminator };
  return z.discriminatedUnion(discriminator, options, {
    error: (iss) => {
      if (iss.code === 'invalid_union' && typeof iss.input === 'object' && iss.input !== null)
        failedUnions.set(iss.input, known);
      return undefined;
    },
  });
}

const CODE_MARK = '\u241f';

/** A message with its problem code, for zod error callbacks; decoded by the issue mapper. */
export function coded(code: string, message: string): string {
  return `${code}${CODE_MARK}${message}`;
}

export function decodeMessage(message: string): { code: string; message: string } | undefined {
  const i = message.indexOf(CODE_MARK);
  return i < 0 ? undefined : { code: message.slice(0, i), message: message.slice(i + 1) };
}

export const PROVIDERS: readonly Provider[] = ['aws', 'azure', 'gcp', 'openstack'];

export const PROVIDER_NAMES: Readonly<Record<Provider, string>> = {
  aws: 'AWS',
  azure: 'Azure',
  gcp: 'GCP',
  openstack: 'OpenStack',
};

/** `an AWS`, `an Azure`, `a GCP`, `an OpenStack`. */
export const A_PROVIDER: Readonly<Record<Provider, string>> = {
  aws: 'an AWS',
  azure: 'an Azure',
  gcp: 'a GCP',
  openstack: 'an OpenStack',
};
