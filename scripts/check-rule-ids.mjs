// The rule book's check (run by `pnpm lint`) and generator.
//
//   node scripts/check-rule-ids.mjs          check; exit 1 on a problem
//   node scripts/check-rule-ids.mjs --write  refresh the Code/Tests lines of docs/rules/*.md from the
//                                            sources, then regenerate packages/cli/src/generated/rule-book.ts
//
// The check fails when
//   - code (packages/*/src, packages/*/test, test/, benchmarks/, scenarios/; not the `explain`
//     command and its test, which quote ids as examples of input) cites a rule id
//     (AWS-R4, AZ-R8, GCP-R11, OS-R4), a worked example (EX-GCP-3) or an invariant ("invariant 37",
//     "invariants 1–12") that docs/rules/ does not document;
//   - a documented id has no test naming it (a *.test.ts file whose name, titles or comments cite
//     it), unless the docs mark it `Status: not modelled` — and then no code may cite it;
//   - a drop reason of packages/sim/src/plane/codes.ts (OUTCOMES) is missing from docs/reasons.md;
//   - the generated module differs from what docs/ gives (run with --write).
// Stale Code/Tests lines in the docs are reported as a note only.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RULE_PAGES = ['aws', 'azure', 'gcp', 'openstack', 'invariants', 'general'];
const GENERATED = 'packages/cli/src/generated/rule-book.ts';
const ID_RE = /\b(?:AWS|AZ|GCP|OS)-R\d+\b|\bEX-GCP-\d+\b/g;
const RANGE_RE = /\b(AWS|AZ|GCP|OS)-R(\d+)((?:(?:\.\.|–|\/)R?\d+\b)+)/g;
const INVARIANT_RE = /\binvariants?[ -](\d+)(?:\s*(?:[–-]|\.\.)\s*(\d+))?((?:\s*(?:,|and)\s*\d+)*)/gi;
const NOT_MODELLED = 'not modelled';

/** Files that quote ids as examples of user input (the `explain` command and its test), not as citations. */
const QUOTING = new Set(['packages/cli/src/commands/explain.ts', 'test/explain.test.ts']);

const rel = (p) => relative(ROOT, p).split('\\').join('/');

function walk(dir, out, exts) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    if (name === 'node_modules' || name === 'dist' || name === 'golden' || name === 'generated') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out, exts);
    else if (exts.test(name)) out.push(p);
  }
  return out;
}

/** The ids a text cites: rule ids, worked examples and invariants (`invariant-37`). */
export function idsIn(text) {
  const ids = new Set(text.match(ID_RE) ?? []);
  // Ranges and lists: `OS-R12..R15`, `AWS-R29–R31`, `GCP-R16/R17`, `AZ-R17/R18/R19`.
  for (const m of text.matchAll(RANGE_RE)) {
    const a = Number(m[2]);
    let last = a;
    for (const part of m[3].matchAll(/(\.\.|–|\/)R?(\d+)/g)) {
      const b = Number(part[2]);
      if (part[1] === '/') ids.add(`${m[1]}-R${b}`);
      else for (let i = last + 1; i <= b && i - last <= 20; i++) ids.add(`${m[1]}-R${i}`);
      last = b;
    }
  }
  for (const m of text.matchAll(INVARIANT_RE)) {
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (let i = a; i <= b && i - a < 100; i++) ids.add(`invariant-${i}`);
    for (const x of m[3]?.match(/\d+/g) ?? []) ids.add(`invariant-${x}`);
  }
  return ids;
}

/**
 * Every citation in the workspace: id → { src, tests, other } (sets of repository paths). `src` are
 * files under packages/<name>/src, `tests` the *.test.ts files, `other` the rest (test helpers,
 * benchmarks, scenarios).
 */
export function scanCitations(root = ROOT) {
  const files = [];
  const code = /\.(ts|mts|mjs)$/;
  for (const pkg of readdirSync(join(root, 'packages')).sort())
    for (const d of ['src', 'test']) walk(join(root, 'packages', pkg, d), files, code);
  walk(join(root, 'test'), files, code);
  walk(join(root, 'benchmarks'), files, code);
  walk(join(root, 'scenarios'), files, /\.(ya?ml|json)$/);
  const cites = new Map();
  for (const file of files) {
    const path = rel(file);
    if (QUOTING.has(path)) continue;
    const kind = /\.test\.ts$/.test(path) ? 'tests' : /^packages\/[^/]+\/src\//.test(path) ? 'src' : 'other';
    // A test file's name counts too (`invariant-37.test.ts`).
    for (const id of idsIn(`${path}\n${readFileSync(file, 'utf8')}`)) {
      let c = cites.get(id);
      if (!c) cites.set(id, (c = { src: new Set(), tests: new Set(), other: new Set() }));
      c[kind].add(path);
    }
  }
  return cites;
}

/** `AWS-R4`, `EX-GCP-1`, `Invariant 37` (→ `invariant-37`) at the start of a heading. */
function headingId(text) {
  const m = /^((?:AWS|AZ|GCP|OS)-R\d+|EX-GCP-\d+|Invariant \d+)\s+—\s+(.+)$/.exec(text);
  if (!m) return undefined;
  return { id: m[1].startsWith('Invariant') ? `invariant-${m[1].slice(10)}` : m[1], title: m[2] };
}

/** Splits a section body into its prose and its `- Key: value` fields. */
function parseBody(lines) {
  const prose = [];
  const fields = [];
  for (const line of lines) {
    const f = /^- ([A-Z][A-Za-z ]+): (.*)$/.exec(line);
    if (f) fields.push([f[1], f[2]]);
    else if (/^ {2,}\S/.test(line) && fields.length) fields[fields.length - 1][1] += ` ${line.trim()}`;
    else if (line.trim() !== '') prose.push(line.trim());
  }
  return { text: prose.join(' '), fields };
}

/** Sections `### <heading>` of a page, with the `##` group they sit in. */
function sections(text) {
  const out = [];
  let group = '';
  let cur;
  text.split('\n').forEach((line, i) => {
    const h2 = /^## (.+)$/.exec(line);
    const h3 = /^### (.+)$/.exec(line);
    if (h2 || h3) cur = undefined;
    if (h2) group = h2[1];
    if (h3) out.push((cur = { heading: h3[1], group, line: i + 1, body: [] }));
    else if (cur) cur.body.push(line);
  });
  return out;
}

/** GitHub-style anchor of a heading. */
function anchor(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} -]/gu, '')
    .replace(/ /g, '-');
}

/** The rule book as data: every entry of docs/rules/*.md and docs/reasons.md, in page order. */
export function parseDocs(root = ROOT) {
  const entries = [];
  for (const page of RULE_PAGES) {
    const doc = `docs/rules/${page}.md`;
    let text;
    try {
      text = readFileSync(join(root, doc), 'utf8');
    } catch {
      continue;
    }
    for (const s of sections(text)) {
      const h = headingId(s.heading);
      if (!h) continue;
      const kind = h.id.startsWith('invariant-') ? 'invariant' : h.id.startsWith('EX-') ? 'example' : 'rule';
      entries.push({
        id: h.id,
        kind,
        title: h.title,
        group: s.group,
        ...parseBody(s.body),
        doc: `${doc}#${anchor(s.heading)}`,
        line: s.line,
      });
    }
  }
  const reasons = readFileSync(join(root, 'docs/reasons.md'), 'utf8');
  for (const s of sections(reasons)) {
    const id = s.heading.replace(/`/g, '').trim();
    const kind = /verdict/i.test(s.group) ? 'verdict' : 'reason';
    entries.push({
      id,
      kind,
      title: s.group,
      group: s.group,
      ...parseBody(s.body),
      doc: `docs/reasons.md#${anchor(s.heading)}`,
      line: s.line,
    });
  }
  return entries;
}

const field = (e, key) => e.fields.find(([k]) => k === key)?.[1];
const notModelled = (e) => (field(e, 'Status') ?? '').toLowerCase().startsWith(NOT_MODELLED);
const pathList = (set) =>
  set.size === 0
    ? '—'
    : [...set]
        .sort()
        .map((p) => `\`${p}\``)
        .join(', ');

/** The TypeScript module the CLI bundles (`cloudroute explain`). */
export async function renderModule(entries) {
  const data = entries.map((e) => ({
    id: e.id,
    kind: e.kind,
    title: e.title,
    text: e.text,
    fields: e.fields,
    doc: e.doc,
  }));
  const src = `// Over 400 lines: generated data, one entry per documented rule id (edit docs/rules, then regenerate).
import type { RuleBookEntry } from '../rule-book-entry.js';

/**
 * The rule book (docs/rules/*.md, docs/reasons.md) as data, bundled into the CLI for
 * \`cloudroute explain\`. Generated by \`node scripts/check-rule-ids.mjs --write\`; do not edit — change
 * the docs and regenerate (a test and \`pnpm lint\` fail when this file and docs/ disagree).
 */
export const RULE_BOOK: readonly RuleBookEntry[] = ${JSON.stringify(data)};
`;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(join(ROOT, GENERATED))) ?? {};
  return prettier.format(src, { ...options, parser: 'typescript' });
}

/** Rewrites the `- Code:` and `- Tests:` lines of every rule page from the citations. */
function writeDocs(cites) {
  for (const page of RULE_PAGES) {
    const file = join(ROOT, `docs/rules/${page}.md`);
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    let id;
    const out = text.split('\n').map((line) => {
      const h = /^### (.+)$/.exec(line);
      if (h) id = headingId(h[1])?.id;
      const c = id ? cites.get(id) : undefined;
      if (id && /^- Code: /.test(line)) return `- Code: ${pathList(c?.src ?? new Set())}`;
      if (id && /^- Tests: /.test(line)) return `- Tests: ${pathList(c?.tests ?? new Set())}`;
      return line;
    });
    writeFileSync(file, out.join('\n'));
  }
}

function outcomes() {
  const text = readFileSync(join(ROOT, 'packages/sim/src/plane/codes.ts'), 'utf8');
  const block = /OUTCOMES = \[([\s\S]*?)\]/.exec(text)?.[1] ?? '';
  return [...block.matchAll(/'([a-z-]+)'/g)].map((m) => m[1]);
}

/** Every problem of the rule book against the workspace; `notes` are not failures. */
export async function check() {
  const problems = [];
  const notes = [];
  const cites = scanCitations();
  const entries = parseDocs();
  const byId = new Map();
  for (const e of entries) {
    if (byId.has(e.id)) problems.push(`${e.doc.split('#')[0]}:${e.line}: ${e.id} is documented twice`);
    byId.set(e.id, e);
  }
  for (const [id, c] of [...cites].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    const e = byId.get(id);
    const where = [...c.src, ...c.tests, ...c.other].sort();
    if (!e)
      problems.push(
        `${where[0]}: cites ${id}, which docs/rules/ does not document — add a section for it (see docs/rules/README.md)`,
      );
    else if (notModelled(e))
      problems.push(
        `${e.doc.split('#')[0]}:${e.line}: ${id} is marked "${NOT_MODELLED}" but ${where[0]} cites it — document what implements it`,
      );
  }
  for (const e of entries) {
    if (e.kind === 'reason' || e.kind === 'verdict') continue;
    const c = cites.get(e.id);
    if (notModelled(e)) continue;
    if (!c || c.tests.size === 0)
      problems.push(
        `${e.doc.split('#')[0]}:${e.line}: ${e.id} has no test naming it — add one (a *.test.ts whose title or comment cites ${e.id}) or mark it "Status: ${NOT_MODELLED}"`,
      );
    if (!field(e, 'Source') && e.kind === 'rule')
      problems.push(`${e.doc.split('#')[0]}:${e.line}: ${e.id} has no "- Source:" line`);
    const code = pathList(c?.src ?? new Set());
    const tests = pathList(c?.tests ?? new Set());
    if (field(e, 'Code') !== code || field(e, 'Tests') !== tests)
      notes.push(`${e.doc.split('#')[0]}:${e.line}: ${e.id}: the Code/Tests lines are out of date`);
  }
  for (const o of outcomes())
    if (!byId.has(o))
      problems.push(`docs/reasons.md: the outcome "${o}" (packages/sim/src/plane/codes.ts) is not explained`);
  let generated = '';
  try {
    generated = readFileSync(join(ROOT, GENERATED), 'utf8');
  } catch {
    // reported below
  }
  if (generated !== (await renderModule(entries)))
    problems.push(`${GENERATED}: not in sync with docs/ — run node scripts/check-rule-ids.mjs --write`);
  return { problems, notes, entries, cites };
}

async function cli() {
  if (process.argv.includes('--write')) {
    writeDocs(scanCitations());
    const entries = parseDocs();
    writeFileSync(join(ROOT, GENERATED), await renderModule(entries));
  }
  const { problems, notes, entries } = await check();
  if (notes.length)
    console.error(
      `note: ${notes.length} Code/Tests lines of docs/rules/ are out of date — run node scripts/check-rule-ids.mjs --write (${notes[0]})`,
    );
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  if (process.argv.includes('--write')) console.log(`rule book: ${entries.length} entries`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await cli();
