// Fails when a public export has no TSDoc. For each package's entry (packages/<pkg>/src/index.ts),
// every exported name is followed through its re-exports to its declaration, which must carry a
// `/** ... */` comment with some text. Prints `file:line name` for each one missing.
// `--count` also prints documented/total per package.
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

const order = ['lpm', 'model', 'engine', 'sim', 'scenario', 'import', 'report', 'cli'];
const root = dirname(new URL('../package.json', import.meta.url).pathname);
const count = process.argv.includes('--count');

const base = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile);
const { options } = ts.parseJsonConfigFileContent(base.config, ts.sys, root);
const entries = order
  .map((pkg) => ({ pkg, file: join(root, 'packages', pkg, 'src', 'index.ts') }))
  .filter((e) => existsSync(e.file));
const program = ts.createProgram(
  entries.map((e) => e.file),
  {
    ...options,
    noEmit: true,
    composite: false,
    incremental: false,
    // Workspace packages from their sources: a re-export of another package's type is checked
    // where it is declared, built or not.
    paths: { '@cloudroute/*': [join(root, 'packages', '*', 'src', 'index.ts')] },
  },
);
const checker = program.getTypeChecker();

/** The node a doc comment sits on: a variable's statement, otherwise the declaration itself. */
function commentHolder(decl) {
  if (ts.isVariableDeclaration(decl)) return decl.parent.parent;
  return decl;
}

/**
 * True when the declaration carries a `/** ... *\/` comment with text or tags, attached to it: no
 * blank line between the comment and the declaration (a file's header comment does not count).
 */
function hasDoc(decl) {
  const holder = commentHolder(decl);
  const source = holder.getSourceFile();
  return ts.getJSDocCommentsAndTags(decl).some((doc) => {
    if (!ts.isJSDoc(doc)) return false;
    const text = ts.getTextOfJSDocComment(doc.comment)?.trim() ?? '';
    if (text === '' && (doc.tags?.length ?? 0) === 0) return false;
    return !/\n[ \t]*\r?\n/.test(source.text.slice(doc.end, holder.getStart(source)));
  });
}

const missing = [];
const totals = [];
for (const { pkg, file } of entries) {
  const source = program.getSourceFile(file);
  const moduleSymbol = source && checker.getSymbolAtLocation(source);
  if (!moduleSymbol) {
    missing.push(`${relative(root, file)}: cannot read the entry's exports`);
    continue;
  }
  let total = 0;
  let documented = 0;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const decls = symbol.getDeclarations() ?? [];
    total += 1;
    if (decls.some(hasDoc)) {
      documented += 1;
      continue;
    }
    const decl = decls[0];
    if (!decl) {
      missing.push(`${relative(root, file)}:1 ${exported.name}`);
      continue;
    }
    const holder = commentHolder(decl);
    const at = holder.getSourceFile();
    const line = at.getLineAndCharacterOfPosition(holder.getStart(at)).line + 1;
    missing.push(`${relative(root, at.fileName)}:${line} ${exported.name}`);
  }
  totals.push(`${pkg} ${documented}/${total}`);
}

if (count) console.log(`tsdoc: ${totals.join(', ')}`);
if (missing.length) {
  console.error([...new Set(missing)].join('\n'));
  console.error(`tsdoc: ${new Set(missing).size} public export(s) without a doc comment`);
  process.exit(1);
}
console.log('tsdoc: ok');
