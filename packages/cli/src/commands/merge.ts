/** `cloudroute merge`: the partial results of a sharded run, diff or chaos combined into the whole document. */
import { mergeParts, type SimScenario } from '@cloudroute/sim';
import { formatChaos, formatDiff, formatRun, renderHtml, toJson } from '@cloudroute/report';
import { writeOut, type CommandContext } from '../context.js';
import { diffSharesNoGroup } from '../output.js';
import { readPart } from '../part-file.js';

export function registerMerge({ io, useColor, cmd, setExit }: CommandContext): void {
  cmd('merge', 'combine the partial results of a sharded run, diff or chaos into the whole document')
    .argument('<part.json...>')
    .option('--json', 'print the result document')
    .option('--out <report.html>', 'also write the HTML report')
    .action((files: string[], o: { json?: boolean; out?: string }) => {
      const parts = files.map((file) => ({ file, doc: readPart(io, file) }));
      const r = mergeParts(parts);
      if ('a' in r && 'b' in r) {
        const side = (s: 'a' | 'b'): string[] => r.groups.filter((g) => g[s] !== null).map((g) => g.name);
        const warning = diffSharesNoGroup(
          { label: r.a, groups: side('a') },
          { label: r.b, groups: side('b') },
        );
        if (warning) io.stderr(`${warning}\n`);
      }
      const text = (): string =>
        'groups' in r && 'expectations' in r
          ? formatRun(r, { color: useColor })
          : 'runs' in r
            ? formatChaos(r, { color: useColor })
            : formatDiff(r, { color: useColor });
      io.stdout(o.json ? toJson(r) : text());
      if ('expectations' in r && r.expectations.some((e) => !e.ok)) setExit(1);
      if (o.out) {
        // The report of the unsharded command: the parts carry the scenarios' names and
        // descriptions, all the report reads of a scenario besides the result.
        const { scenario, other } = parts[0]!.doc.report;
        const input = {
          kind: parts[0]!.doc.command,
          result: r,
          scenario: scenario as SimScenario,
          ...(other ? { other: other as SimScenario } : {}),
        } as Parameters<typeof renderHtml>[0];
        writeOut(io, '--out', o.out, renderHtml(input), 'report');
      }
    });
}
