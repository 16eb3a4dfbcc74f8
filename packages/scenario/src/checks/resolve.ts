/**
 * Resolving references (`network/object` paths and names) against the index, with the messages
 * for unknown ones: `unknown gateway \`prod/gateway9\` — known: prod/gw, prod/igw1`.
 */
import type { JsonPath } from '../findings.js';
import { listNames } from '../internal/describe.js';
import { suggest } from '../internal/suggest.js';
import { refParts } from './topology-index.js';
import type { CheckContext, Entry, NetworkEntry } from './topology-index.js';

/** The message for a reference to nothing; `known` as the user would write them. */
export function unknownMessage(what: string, written: string, known: readonly string[], where = ''): string {
  if (known.length === 0)
    return `unknown ${what} \`${written}\`${where} — there is no ${what} to refer to${where}; define it first`;
  // For `network/object` paths compare the object names of the same network (else every
  // `prod/...` would look alike).
  const slash = written.indexOf('/');
  const net = written.slice(0, slash + 1);
  const close =
    slash < 0
      ? suggest(written, known)
      : suggest(
          written.slice(slash + 1),
          known.filter((k) => k.startsWith(net)).map((k) => k.slice(net.length)),
        )?.replace(/^/, net);
  const head = `unknown ${what} \`${written}\`${where}`;
  return close === undefined
    ? `${head} — known: ${listNames(known)}`
    : `${head}; did you mean \`${close}\`? — known: ${listNames(known)}`;
}

/** Looks a name up in a map, reporting `unknown-reference` at `path` when absent. */
export function resolveName<T extends Entry>(
  ctx: CheckContext,
  map: ReadonlyMap<string, T>,
  written: unknown,
  what: string,
  path: JsonPath,
  where = '',
): T | undefined {
  if (typeof written !== 'string') return undefined;
  const found = map.get(written);
  if (found === undefined)
    ctx.sink.error(path, 'unknown-reference', unknownMessage(what, written, [...map.keys()], where));
  return found;
}

export function resolveNetwork(
  ctx: CheckContext,
  written: unknown,
  path: JsonPath,
): NetworkEntry | undefined {
  return resolveName(ctx, ctx.index.networks, written, 'network', path);
}

type NetworkPart = 'subnets' | 'routeTables' | 'hosts' | 'gateways';

/** Resolves a `network/object` path to the network and the object, reporting what is unknown. */
export function resolvePath<K extends NetworkPart>(
  ctx: CheckContext,
  written: unknown,
  part: K,
  what: string,
  path: JsonPath,
  extra: readonly string[] = [],
):
  | { network: NetworkEntry; entry: NetworkEntry[K] extends ReadonlyMap<string, infer E> ? E : never }
  | undefined {
  const split = refParts(written);
  if (split === undefined) return undefined; // the schema reports a malformed path
  const network = ctx.index.networks.get(split.network);
  if (network === undefined) {
    const known = [...ctx.index.networks.values()].flatMap((n) =>
      [...n[part].keys()].map((o) => `${n.name}/${o}`),
    );
    ctx.sink.error(path, 'unknown-reference', unknownMessage(what, String(written), [...known, ...extra]));
    return undefined;
  }
  const map = network[part] as ReadonlyMap<string, unknown>;
  const entry = map.get(split.object);
  if (entry === undefined) {
    if (extra.includes(String(written))) return undefined;
    const known = [...map.keys()].map((o) => `${network.name}/${o}`);
    ctx.sink.error(path, 'unknown-reference', unknownMessage(what, String(written), [...known, ...extra]));
    return undefined;
  }
  return { network, entry: entry as NetworkEntry[K] extends ReadonlyMap<string, infer E> ? E : never };
}
