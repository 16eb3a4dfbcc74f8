/** `cloudroute merge`: the partial results of a sharded run, diff or chaos combined into the whole document. */
import { mergeParts, type SimResult } from '@cloudroute/sim';
import { formatChaos, formatDiff, formatRun, renderHtml } from '@cloudroute/report';
import { emit, writeOut, type CommandContext } from '../context.js';
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
      if (r.kind === 'diff') {
        const side = (s: 'a' | 'b'): string[] => r.groups.filter((g) => g[s] !== null).map((g) => g.name);
        const warning = diffSharesNoGroup(
          { label: r.a, groups: side('a') },
          { label: r.b, groups: side('b') },
        );
        if (warning) io.stderr(`${warning}\n`);
      }
      emit(io, o, r, () => text(r, useColor));
      if (r.kind === 'run' && r.expectations.some((e) => !e.ok)) setExit(1);
      // The report of the unsharded command: the parts carry the scenarios' names and
      // descriptions, all the report reads of a scenario besides the result.
      if (o.out) writeOut(io, '--out', o.out, renderHtml({ result: r, ...parts[0]!.doc.report }), 'report');
    });
}

/** The text table of a merged result. */
function text(r: SimResult, color: boolean): string {
  switch (r.kind) {
    case 'run':
      return formatRun(r, { color });
    case 'diff':
      return formatDiff(r, { color });
    case 'chaos':
      return formatChaos(r, { color });
  }
}
