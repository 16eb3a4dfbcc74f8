/**
 * From the intermediate topology to the scenario text that the import prints: the document is
 * written, validated with the scenario package's own `loadScenario`, and whatever the validator
 * refuses is dropped (object by object, each drop a warning) until the text validates, so an
 * import always yields a scenario `run` accepts. The header comment lists the sources and the
 * warnings.
 */
import { validateTopology } from '@cloudroute/model';
import { formatProblem, loadScenario, topologyOfDocument, type Problem } from '@cloudroute/scenario';
import type { DTopology } from './draft.js';
import { emitDocument, type Doc } from './emit.js';
import { ImportInternalError } from './errors.js';
import type { JsonPath } from './internal/json.js';
import { sanitize } from './sanitize.js';
import { printable, type Secrets } from './secrets.js';
import { formatWarning, type ImportWarning, type Warnings } from './warnings.js';
import { YamlWriter, type ItemLines } from './yaml-writer.js';

export interface FinishOptions {
  /** `cloudroute import aws` … */
  readonly command: string;
  readonly sources: readonly string[];
  readonly name: string;
  readonly description: string;
  /** The file name used in validation messages. */
  readonly file?: string;
}

/** What an import produced: the scenario as YAML text and as a document, the warnings, and counts of what it holds. */
export interface ImportResult {
  /** The scenario YAML, validated, header comments included. */
  readonly text: string;
  /** The scenario document (plain data) that `text` holds. */
  readonly document: Doc;
  /** What was not imported, or imported on an assumption. */
  readonly warnings: readonly ImportWarning[];
  /** How many of each object the scenario holds. */
  readonly summary: ImportSummary;
}

/** How many networks, subnets, route tables, routes, hosts, gateways, sites, connections, peerings and timeline actions an import produced. */
export interface ImportSummary {
  readonly networks: number;
  readonly subnets: number;
  readonly routeTables: number;
  readonly routes: number;
  readonly hosts: number;
  readonly gateways: number;
  readonly sites: number;
  readonly connections: number;
  readonly peerings: number;
  readonly timeline: number;
}

interface Body {
  readonly lines: readonly string[];
  readonly items: readonly ItemLines[];
}

function exampleFlow(doc: Doc): string {
  const nets = (doc['networks'] as Doc[] | undefined) ?? [];
  for (const n of nets) {
    const sub = ((n['subnets'] as Doc[] | undefined) ?? []).find((s) => s['name'] !== 'GatewaySubnet');
    if (sub === undefined) continue;
    const site = ((doc['sites'] as Doc[] | undefined) ?? [])[0];
    const to = site !== undefined ? String(site['name']) : 'internet';
    return `  - { name: ${String(sub['name'])}-to-${to}, from: ${String(n['name'])}/${String(sub['name'])}, to: ${to}, count: 1000 }`;
  }
  return '  - { name: web-to-internet, from: net/subnet, to: internet, count: 1000 }';
}

function writeBody(doc: Doc): Body {
  const w = new YamlWriter();
  const { flows: _flows, timeline, ...rest } = doc;
  w.mapping(rest, 0, []);
  w.comment('No flows are inferred from an export: add the flow groups to simulate, e.g.');
  w.comment(`flows:\n${exampleFlow(doc)}`);
  w.lines.push('flows: []');
  w.mapping({ timeline }, 0, []);
  return { lines: w.lines, items: w.items };
}

function header(o: FinishOptions, warnings: readonly ImportWarning[]): string[] {
  const out = [`# Imported by \`${o.command}\` from:`];
  for (const s of o.sources.slice(0, 50)) out.push(`#   ${printable(s)}`);
  if (o.sources.length > 50) out.push(`#   … and ${o.sources.length - 50} more`);
  out.push('# Each imported object keeps its provider id in `id:`.');
  if (warnings.length === 0) out.push('# Warnings: none.');
  else {
    out.push(`# Warnings (${warnings.length}):`);
    for (const w of warnings) out.push(`#   - ${formatWarning(w).replace(/[\r\n]+/g, ' ')}`);
  }
  return out;
}

/** Removes the item at `path` from the document; false when there is no such item. */
function removeAt(doc: Doc, path: JsonPath): boolean {
  let cur: unknown = doc;
  for (const p of path.slice(0, -1)) {
    if (cur === null || typeof cur !== 'object') return false;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  const last = path[path.length - 1];
  if (!Array.isArray(cur) || typeof last !== 'number' || last >= cur.length) return false;
  cur.splice(last, 1);
  return true;
}

function describeItem(doc: Doc, path: JsonPath): string {
  let cur: unknown = doc;
  const names: string[] = [];
  for (const p of path) {
    cur = (cur as Record<string | number, unknown> | undefined)?.[p];
    const o = cur as Record<string, unknown> | undefined;
    if (o !== null && typeof o === 'object' && !Array.isArray(o)) {
      const n = o['name'] ?? o['prefix'] ?? o['do'];
      if (typeof n === 'string') names.push(n);
    }
  }
  const kind = [...path].reverse().find((p): p is string => typeof p === 'string') ?? 'item';
  return `${kind.replace(/s$/, '')} ${names.join('/')}`;
}

/** Bodies larger than this are checked with the provider rules only (the full check is linear but slow). */
export const FULL_CHECK_LIMIT = 2_000_000;

/** The enclosing list item of a model diagnostic's path (a route, a gateway, a host …). */
function itemOf(path: JsonPath): JsonPath {
  for (let i = path.length; i > 0; i--) if (typeof path[i - 1] === 'number') return path.slice(0, i);
  return path;
}

/**
 * What the large-document check refuses: the scenario schema's refusals of the topology sections,
 * else the model's provider-rule errors on the topology the scenario package builds from them.
 */
function topologyErrors(doc: Doc): readonly { path: JsonPath; message: string; code?: string }[] {
  const read = topologyOfDocument(doc);
  if ('issues' in read) return read.issues;
  return validateTopology(read.topology).filter((d) => d.severity === 'error');
}

/** The large-document check: the model's provider rules, repaired by JSON path. */
function providerChecked(doc: Doc, warnings: Warnings): Body {
  for (let round = 0; round < 50; round++) {
    const errors = topologyErrors(doc);
    if (errors.length === 0) return writeBody(doc);
    const removed: JsonPath[] = [];
    for (const d of errors) {
      const item = itemOf(d.path);
      if (removed.some((q) => isPrefix(q, item))) continue;
      removed.push(item);
      warnings.note(
        'refused',
        `${describeItem(doc, item)} left out: ${d.message}${d.code === undefined ? '' : ` [${d.code}]`}`,
      );
    }
    const paths = removed
      .filter((q) => !removed.some((o) => o !== q && isPrefix(o, q)))
      .sort(comparePathsDesc);
    if (!paths.map((p) => removeAt(doc, p)).some(Boolean)) break;
  }
  return writeBody(doc);
}

/**
 * Validates the document and drops what the validator refuses, until it validates. Returns the
 * body and the validator's own warnings (provider rules the import may want to show).
 */
function validated(doc: Doc, file: string, warnings: Warnings): Body {
  for (let round = 0; round < 500; round++) {
    const body = writeBody(doc);
    if (body.lines.reduce((a, l) => a + l.length + 1, 0) > FULL_CHECK_LIMIT) {
      warnings.note(
        'assumed',
        'the scenario is large: checked with the provider rules only — run `cloudroute validate` on it for the full check',
      );
      return providerChecked(doc, warnings);
    }
    const r = loadScenario(`${body.lines.join('\n')}\n`, file);
    if (r.problems.length === 0) {
      for (const p of r.warnings)
        warnings.note(
          'assumed',
          `scenario check: ${p.message}${p.code.includes('-R') ? ` [${p.code}]` : ''}`,
        );
      return body;
    }
    const removed: JsonPath[] = [];
    let progress = false;
    for (const p of r.problems) {
      const item = innermost(body.items, p);
      if (item === undefined || removed.some((q) => isPrefix(q, item.path))) continue;
      removed.push(item.path);
      warnings.note(
        'refused',
        `${describeItem(doc, item.path)} left out: ${p.message}${/-R\d+$/.test(p.code) ? ` [${p.code}]` : ''}`,
      );
    }
    // Remove deepest and last first so that earlier paths stay valid; a removed parent takes its children.
    const paths = removed
      .filter((q) => !removed.some((o) => o !== q && isPrefix(o, q)))
      .sort(comparePathsDesc);
    for (const path of paths) progress = removeAt(doc, path) || progress;
    if (!progress)
      throw new ImportInternalError(
        `the imported scenario does not validate and cannot be repaired: ${r.problems.map(formatProblem).join('; ')}`,
      );
  }
  throw new ImportInternalError('the imported scenario did not converge to a valid file');
}

function isPrefix(a: JsonPath, b: JsonPath): boolean {
  return a.length <= b.length && a.every((x, i) => b[i] === x);
}

function comparePathsDesc(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return y - x;
    return String(y) < String(x) ? -1 : 1;
  }
  return b.length - a.length;
}

function innermost(items: readonly ItemLines[], p: Problem): ItemLines | undefined {
  let best: ItemLines | undefined;
  for (const it of items)
    if (it.start <= p.line && p.line <= it.end && (!best || it.end - it.start <= best.end - best.start))
      best = it;
  return best;
}

function count(doc: Doc): ImportSummary {
  const nets = (doc['networks'] as Doc[]) ?? [];
  const len = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
  const sum = (f: (n: Doc) => number): number => nets.reduce((a, n) => a + f(n), 0);
  return {
    networks: nets.length,
    subnets: sum((n) => len(n['subnets'])),
    routeTables: sum((n) => len(n['routeTables'])),
    routes: sum((n) => ((n['routeTables'] as Doc[]) ?? []).reduce((a, t) => a + len(t['routes']), 0)),
    hosts: sum((n) => len(n['hosts'])),
    gateways: sum((n) => len(n['gateways'])),
    sites: len(doc['sites']),
    connections: len(doc['connections']),
    peerings: len(doc['peerings']),
    timeline: len(doc['timeline']),
  };
}

/** Writes, validates and repairs the scenario; the header and every text scrubbed of secrets. */
/**
 * FILTERS.md "Importers": when filters were imported the scenario says `firewall: rules`, so the
 * estate is evaluated with them; noted like the other assumptions. Nothing changes without filters.
 */
function markFiltered(t: DTopology, warnings: Warnings): void {
  const n = (f: (x: DTopology['networks'][number]) => readonly unknown[] | undefined): number =>
    t.networks.reduce((a, x) => a + (f(x)?.length ?? 0), 0);
  const counts: [number, string][] = [
    [n((x) => x.securityGroups), 'security group'],
    [n((x) => x.networkAcls), 'network ACL'],
    [n((x) => x.networkSecurityGroups), 'network security group'],
  ];
  if (counts.every(([k]) => k === 0)) return;
  t.firewall = 'rules';
  const what = counts
    .filter(([k]) => k > 0)
    .map(([k, w]) => `${k} ${w}${k === 1 ? '' : 's'}`)
    .join(', ');
  warnings.note(
    'assumed',
    `filters imported (${what}): \`firewall: rules\` written, so flows are evaluated with them — set \`firewall: none\` to see routing alone`,
  );
}

export function finish(t: DTopology, o: FinishOptions, warnings: Warnings, secrets: Secrets): ImportResult {
  markFiltered(t, warnings);
  sanitize(t, warnings);
  const doc = emitDocument(t, { name: o.name, description: o.description }, warnings);
  secrets.scrubDocument(doc);
  const body = validated(doc, o.file ?? 'imported.yaml', warnings);
  const scrubbed = warnings.list.map((w) => ({ ...w, message: secrets.scrub(w.message) }));
  // The header is comments: every secret goes. The body was written from the scrubbed document;
  // only long secrets are searched in it again (a short one could equal a YAML key).
  const head = header(o, scrubbed).map((l) => secrets.scrub(l));
  const text = `${[...head, ...body.lines.map((l) => secrets.scrubLong(l))].join('\n')}\n`;
  return { text, document: doc, warnings: scrubbed, summary: count(doc) };
}
