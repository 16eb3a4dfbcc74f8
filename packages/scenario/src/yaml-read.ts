/**
 * Reading a scenario file's YAML safely: the core schema (no `!!js/*`, no custom tags), unique
 * keys, one document, no aliases (no billion laughs), bounded nesting. The text is parsed once
 * into CST tokens by yaml's iterative `Parser`; the tokens are checked (tags, aliases, depth)
 * before yaml's recursive `Composer` sees them, so that no input can exhaust the stack.
 *
 * Nothing here executes anything: the core schema resolves only strings, numbers, booleans and
 * null, and every explicit tag is reported and ignored.
 */
import { Composer, LineCounter, Parser, Scalar, isScalar, visit } from 'yaml';
import type { CST, Document, ParsedNode } from 'yaml';
import type { Finding } from './findings.js';
import { excerpt, MAX_EXCERPT } from './problem.js';

/** Deeper than any scenario file needs (about 8 levels); far below what exhausts the stack. */
export const MAX_NESTING = 64;

interface YamlRead {
  readonly lineCounter: LineCounter;
  /** The composed document, absent when the text could not be composed (too deep). */
  readonly doc: Document.Parsed | undefined;
  /** The document as plain data; `undefined` when the YAML has syntax errors. */
  readonly data: unknown;
  readonly findings: readonly Finding[];
}

const SYNTAX_HINTS: Partial<Record<string, string>> = {
  BAD_INDENT: 'check the indentation (spaces only, children indented under their parent)',
  TAB_AS_INDENT: 'indent with spaces, not tabs',
  BLOCK_AS_IMPLICIT_KEY: 'put the nested mapping on its own lines, or quote a value that contains `: `',
  MULTILINE_IMPLICIT_KEY: 'a key must fit on one line; quote a value that contains `: `',
  MISSING_CHAR: 'add the missing character',
  MULTIPLE_DOCS: 'a scenario file holds one YAML document',
  UNEXPECTED_TOKEN: 'remove or quote the unexpected text',
  BAD_DIRECTIVE: 'remove the directive',
  BAD_SCALAR_START: 'quote the value',
  BLOCK_IN_FLOW: 'inside `[ ]` or `{ }` write flow values only',
  BAD_DQ_ESCAPE: 'fix the escape sequence in the double-quoted string',
};

/**
 * yaml repeats the offending source in its messages (`Unexpected scalar token …: "…"`, `Not a
 * YAML token: …`): cut it to an excerpt.
 */
function clipQuoted(text: string): string {
  const unquoted = /^(.*?token: )(?!")(.*)$/.exec(text);
  if (unquoted) return `${unquoted[1]!}"${excerpt(unquoted[2]!)}"`;
  return text.replace(/"((?:[^"\\]|\\.)*)"/g, (m, inner: string) =>
    inner.length > MAX_EXCERPT ? `"${excerpt(inner)}"` : m,
  );
}

function syntaxMessage(code: string, message: string): string {
  const what = clipQuoted(
    message
      .split('\n')[0]
      ?.replace(/ at line \d+, column \d+:?$/, '')
      .replace(/\.$/, '') ?? message,
  );
  if (code === 'DUPLICATE_KEY')
    return `${what} — each key may appear once in a mapping; remove or rename the repeat`;
  return `YAML syntax error: ${what} — ${SYNTAX_HINTS[code] ?? 'fix the YAML syntax here'}`;
}

/** `tag:yaml.org,2002:str` is written `!!str`. */
function writtenTag(source: string): string {
  return source.startsWith('tag:yaml.org,2002:') ? `!!${source.slice('tag:yaml.org,2002:'.length)}` : source;
}

/** Walks CST tokens without recursion: explicit tags, aliases, and the first too-deep collection. */
function scanTokens(tokens: readonly CST.Token[]): { findings: Finding[]; tooDeep: boolean } {
  const findings: Finding[] = [];
  let tooDeep = false;
  const stack: { node: unknown; depth: number }[] = tokens.map((node) => ({ node, depth: 0 }));
  const second = tokens.filter((t) => t.type === 'document')[1];
  if (second !== undefined)
    findings.push({
      offset: second.offset,
      code: 'yaml-multiple-documents',
      severity: 'error',
      message:
        'a second YAML document — a scenario file holds one document; remove the `---` and what follows',
    });
  while (stack.length > 0) {
    const { node, depth } = stack.pop() ?? { node: undefined, depth: 0 };
    if (node === null || typeof node !== 'object') continue;
    const t = node as { type?: unknown; offset?: unknown; source?: unknown };
    const offset = typeof t.offset === 'number' ? t.offset : 0;
    const source = typeof t.source === 'string' ? t.source : '';
    let d = depth;
    switch (t.type) {
      case 'tag':
        findings.push({
          offset,
          code: 'yaml-tag',
          severity: 'error',
          message: `YAML tag \`${writtenTag(source)}\` is not allowed — scenario files are data; remove the tag`,
        });
        break;
      case 'alias':
        findings.push({
          offset,
          code: 'yaml-alias',
          severity: 'error',
          message: `YAML alias \`${source}\` is not allowed — write the value out in full (aliases can expand without bound)`,
        });
        break;
      case 'block-map':
      case 'block-seq':
      case 'flow-collection':
        d = depth + 1;
        if (d > MAX_NESTING && !tooDeep) {
          tooDeep = true;
          findings.push({
            offset,
            code: 'yaml-too-deep',
            severity: 'error',
            message: `nesting deeper than ${MAX_NESTING} levels — a scenario file is never this deep; flatten it`,
          });
        }
        break;
      default:
        break;
    }
    if (tooDeep) break;
    for (const value of Array.isArray(node) ? node : Object.values(node)) {
      if (value !== null && typeof value === 'object') stack.push({ node: value, depth: d });
    }
  }
  return { findings, tooDeep };
}

/** Mapping keys must be plain scalars (not lists, mappings or null). */
function checkKeys(doc: Document.Parsed, findings: Finding[]): void {
  visit(doc, {
    Pair(_, pair, path) {
      const key = pair.key as ParsedNode | null;
      if (isScalar(key) && key.value !== null && typeof key.value !== 'object') return;
      const parent = path.at(-1) as { range?: readonly number[] } | undefined;
      findings.push({
        offset: key?.range[0] ?? parent?.range?.[0] ?? 0,
        code: 'yaml-bad-key',
        severity: 'error',
        message: 'a mapping key must be a plain name — write `name: value`, not a list, mapping or empty key',
      });
    },
  });
}

/** Parses `text` as one YAML document with the core schema; never throws for any text. */
export function readYaml(text: string): YamlRead {
  const lineCounter = new LineCounter();
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const scan = scanTokens(tokens);
  const findings = scan.findings;
  if (scan.tooDeep) return { lineCounter, doc: undefined, data: undefined, findings };

  const composer = new Composer({ schema: 'core', uniqueKeys: true, strict: true, prettyErrors: true });
  const docs = Array.from(composer.compose(tokens, true, text.length));
  const doc = docs[0];
  if (doc === undefined) return { lineCounter, doc: undefined, data: null, findings };
  for (const d of docs) {
    for (const e of d.errors) {
      if (e.code === 'MULTIPLE_DOCS') continue; // reported once from the tokens
      findings.push({
        offset: e.pos[0],
        code: 'yaml-syntax',
        severity: 'error',
        message: syntaxMessage(e.code, e.message),
      });
    }
  }
  for (const w of doc.warnings) {
    // Unresolved tags are reported from the tokens, every tag alike.
    if (w.code === 'TAG_RESOLVE_FAILED') continue;
    findings.push({
      offset: w.pos[0],
      code: 'yaml-warning',
      severity: 'warning',
      message: syntaxMessage(w.code, w.message),
    });
  }
  if (doc.errors.length > 0 || docs.slice(1).some((d) => d.errors.length > 0))
    return { lineCounter, doc, data: undefined, findings };

  checkKeys(doc, findings);
  // Aliases are refused above; replacing them by null keeps validation of the rest linear.
  // The null keeps the alias's place, so that what the schema says about it lands on the alias.
  // Every alias node comes from an alias token, each reported by scanTokens: without one, there
  // is nothing to replace (and a large file is spared a walk of its every node).
  if (findings.some((f) => f.code === 'yaml-alias'))
    visit(doc, {
      Alias: (_, alias) => {
        const stub = new Scalar(null);
        stub.range = alias.range ?? null;
        return stub;
      },
    });
  const data: unknown = doc.toJS({ maxAliasCount: 0 });
  return { lineCounter, doc, data, findings };
}
