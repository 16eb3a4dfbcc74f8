/**
 * `cloudroute explain <reason | rule-id>`: a drop reason, a verdict, a provider rule id, an
 * invariant or a worked example, explained from the rule book (docs/reasons.md, docs/rules/*.md).
 * The text is bundled into the build (`../generated/rule-book.ts`, generated from docs/ by
 * `node scripts/check-rule-ids.mjs --write`), so the command needs no file at run time.
 */
import type { Command } from 'commander';
import { RULE_BOOK } from '../generated/rule-book.js';
import type { RuleBookEntry } from '../rule-book-entry.js';
import type { Io } from '../context.js';
import type { UsageErrorClass } from './import.js';

const WIDTH = 100;

const EXAMPLES = `
Topics:
  reasons     delivered, dropped, no-route, none-route, blackhole, no-public-ip, loop, … (docs/reasons.md)
  rule ids    AWS-R1 …, AZ-R1 …, GCP-R1 …, OS-R1 … (docs/rules/), case-insensitive
  invariants  invariant-1 … invariant-56 (docs/rules/invariants.md)
  examples    EX-GCP-1 … EX-GCP-7 (docs/rules/gcp.md)

Examples:
  $ cloudroute explain none-route
  $ cloudroute explain AZ-R8
  $ cloudroute explain invariant-37 --json
  $ cloudroute explain --list
`;

const byKey = new Map<string, RuleBookEntry>(RULE_BOOK.map((e) => [e.id.toLowerCase(), e]));

/** The canonical lookup key of what the user typed: `az-r8`, `invariant-37`, `ex-gcp-1`, `none-route`. */
export function topicKey(text: string): string {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  const rule = /^(aws|az|gcp|os)[- ]?r[- ]?(\d+)$/.exec(t);
  if (rule) return `${rule[1]}-r${Number(rule[2])}`;
  const inv = /^(?:invariant|inv|i)[- _]?#?(\d+)$/.exec(t);
  if (inv) return `invariant-${Number(inv[1])}`;
  const ex = /^ex[- ]?gcp[- ]?(\d+)$/.exec(t);
  if (ex) return `ex-gcp-${Number(ex[1])}`;
  return t.replace(/[ _]/g, '-');
}

/** The rule book entry for a topic, or undefined. */
export function findTopic(text: string): RuleBookEntry | undefined {
  return byKey.get(topicKey(text));
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length]!;
}

/** Up to three known topics close to `text` (closest first, then in book order). */
export function suggestTopics(text: string): readonly string[] {
  const key = topicKey(text);
  const limit = Math.max(2, Math.floor(key.length / 3));
  return RULE_BOOK.map((e, i) => ({ id: e.id, i, d: editDistance(key, e.id.toLowerCase()) }))
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.i - b.i)
    .slice(0, 3)
    .map((x) => x.id);
}

/** Words of `text` wrapped at WIDTH after `first`; every further line starts with `indent`. */
function wrap(text: string, first: string, indent: string): string {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = empty ? `${line}${word}` : `${line} ${word}`;
    empty = false;
  }
  lines.push(line);
  return lines.join('\n');
}

const plain = (s: string): string => s.replace(/`/g, '');

function kindLabel(e: RuleBookEntry): string {
  switch (e.kind) {
    case 'reason':
      return 'drop reason';
    case 'verdict':
      return 'verdict';
    case 'rule':
      return 'provider rule';
    case 'invariant':
      return 'invariant';
    case 'example':
      return 'worked example';
  }
}

/** The text `explain` prints for one entry. */
export function formatEntry(e: RuleBookEntry): string {
  const head =
    e.kind === 'reason' || e.kind === 'verdict' ? `${e.id} (${kindLabel(e)})` : `${e.id} — ${e.title}`;
  const out = [head, `${kindLabel(e)} · ${e.doc}`, '', wrap(plain(e.text), '', ''), ''];
  const pad = Math.max(0, ...e.fields.map(([k]) => k.length)) + 2;
  for (const [k, v] of e.fields) {
    const label = `${k}:`.padEnd(pad);
    out.push(wrap(plain(v), label, ' '.repeat(pad)));
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const camel = (k: string): string =>
  k.toLowerCase().replace(/ ([a-z])/g, (_m: string, c: string) => c.toUpperCase());
const LISTS = new Set(['code', 'tests', 'rules']);

/** The JSON document of one entry: fields by camel-cased name, path and id lists as arrays. */
export function entryJson(e: RuleBookEntry): Record<string, unknown> {
  const doc: Record<string, unknown> = { id: e.id, kind: e.kind, title: e.title, text: plain(e.text) };
  for (const [k, v] of e.fields) {
    const key = camel(k);
    doc[key] = LISTS.has(key)
      ? plain(v)
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '' && s !== '—')
      : plain(v);
  }
  doc['doc'] = e.doc;
  return doc;
}

function listText(): string {
  const width = Math.max(...RULE_BOOK.map((e) => e.id.length)) + 2;
  const out: string[] = [];
  let kind = '';
  for (const e of RULE_BOOK) {
    if (e.kind !== kind) {
      kind = e.kind;
      out.push(`${out.length ? '\n' : ''}${kindLabel(e)}s:`);
    }
    out.push(
      `  ${e.id.padEnd(width)}${e.kind === 'reason' || e.kind === 'verdict' ? plain(e.text) : e.title}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Registers `explain` on the program. */
export function registerExplain(program: Command, io: Io, UsageError: UsageErrorClass): void {
  program
    .command('explain')
    .description(
      'explain a drop reason, a verdict, a provider rule id or an invariant (the rule book in docs/)',
    )
    .argument(
      '[topic]',
      'a reason code (none-route), a rule id (AZ-R8), an invariant (invariant-37) or EX-GCP-n',
    )
    .option('--json', 'print the entry as a JSON document')
    .option('--list', 'list every reason code, rule id, invariant and example')
    .addHelpText('after', EXAMPLES)
    .action((topic: string | undefined, o: { json?: boolean; list?: boolean }) => {
      if (o.list) {
        io.stdout(
          o.json
            ? `${JSON.stringify(
                RULE_BOOK.map((e) => ({ id: e.id, kind: e.kind, title: e.title })),
                null,
                2,
              )}\n`
            : listText(),
        );
        return;
      }
      if (topic === undefined || topic.trim() === '')
        throw new UsageError(
          'explain: name a drop reason, verdict, rule id or invariant, e.g. cloudroute explain none-route (cloudroute explain --list shows them all)',
        );
      const e = findTopic(topic);
      if (!e) {
        const near = suggestTopics(topic);
        throw new UsageError(
          `explain ${topic}: not a drop reason, verdict, rule id or invariant of the rule book${
            near.length ? ` — did you mean ${near.join(', ')}?` : ''
          } (cloudroute explain --list shows them all)`,
        );
      }
      io.stdout(o.json ? `${JSON.stringify(entryJson(e), null, 2)}\n` : formatEntry(e));
    });
}
