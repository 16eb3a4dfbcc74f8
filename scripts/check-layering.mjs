// Fails when a package imports a package to its right in the layering of DESIGN.md:
// lpm → model → engine → sim → scenario → import → report → cli.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const order = ['lpm', 'model', 'engine', 'sim', 'scenario', 'import', 'report', 'cli'];
const root = new URL('../packages/', import.meta.url).pathname;
const problems = [];

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|mts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

for (const pkg of order) {
  const rank = order.indexOf(pkg);
  for (const dir of ['src', 'test']) {
    let files = [];
    try {
      files = walk(join(root, pkg, dir), []);
    } catch {
      continue;
    }
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n');
      lines.forEach((line, i) => {
        for (const m of line.matchAll(
          /from\s+['"]@cloudroute\/([a-z]+)['"]|import\(\s*['"]@cloudroute\/([a-z]+)['"]/g,
        )) {
          const target = m[1] ?? m[2];
          const tr = order.indexOf(target);
          if (tr < 0) problems.push(`${file}:${i + 1}: unknown package @cloudroute/${target}`);
          else if (tr > rank)
            problems.push(
              `${file}:${i + 1}: ${pkg} imports @cloudroute/${target}, which is to its right in the layering`,
            );
        }
      });
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('layering: ok');
