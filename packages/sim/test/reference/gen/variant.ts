/**
 * What-if pairs for `diff`: scenario B is a copy of A with a few edits — timeline entries removed,
 * added or moved, one topology edit from the builders' list, flow groups added, dropped or resized
 * — so the two share most flow group names and differ by a little.
 */
import type { Obj, ScenarioDoc } from './context.js';
import type { Built } from './scenario.js';
import { candidateAction, flowGroup, minutes } from './scenario.js';

/** Applies 1 to 4 drawn edits to a copy of `a`'s document; returns B and what was edited. */
export function variantOf(a: Built): { doc: ScenarioDoc; edits: string[] } {
  const { ctx } = a;
  const { d } = ctx;
  const doc = structuredClone(a.doc);
  doc.name = `${a.doc.name}-b`;
  const edits: string[] = [];
  const deleted = new Set(
    a.doc.timeline.filter((t) => t['do'] === 'gateway.delete').map((t) => t['gateway'] as string),
  );
  const isLinked = (i: number): boolean =>
    a.linked.some((pair) => pair.some((x) => JSON.stringify(x) === JSON.stringify(doc.timeline[i])));
  const n = d.int(1, 4);
  for (let e = 0; e < n; e++) {
    switch (d.pick(['timeline.remove', 'timeline.add', 'timeline.move', 'topology', 'flows'] as const)) {
      case 'timeline.remove': {
        if (doc.timeline.length === 0) break;
        const i = d.int(0, doc.timeline.length - 1);
        const what = String(doc.timeline[i]!['do']);
        const pair = a.linked.find((p) =>
          p.some((x) => JSON.stringify(x) === JSON.stringify(doc.timeline[i])),
        );
        const drop = new Set((pair ?? [doc.timeline[i]!]).map((x) => JSON.stringify(x)));
        doc.timeline = doc.timeline.filter((x) => !drop.has(JSON.stringify(x)));
        edits.push(`removed ${what}`);
        break;
      }
      case 'timeline.add': {
        const at = minutes(d.bool(0.7) && a.times.length > 0 ? d.pick(a.times) : d.int(1, 59));
        const act = candidateAction(ctx, at, deleted);
        if (act === undefined || act['do'] === 'gateway.create') break;
        doc.timeline.push(act);
        edits.push(`added ${String(act['do'])} at ${at}`);
        break;
      }
      case 'timeline.move': {
        const movable = doc.timeline.map((_, i) => i).filter((i) => !isLinked(i));
        if (movable.length === 0) break;
        const t = doc.timeline[d.pick(movable)]!;
        t['at'] = minutes(d.int(1, 59));
        edits.push(`moved ${String(t['do'])} to ${String(t['at'])}`);
        break;
      }
      case 'topology': {
        if (ctx.mutations.length === 0) break;
        const m = d.pick(ctx.mutations);
        m.apply(doc);
        edits.push(m.label);
        break;
      }
      case 'flows': {
        const flows = doc.flows;
        const kind = d.pick(['resize', 'drop', 'add'] as const);
        if (kind === 'resize' && flows.length > 0) {
          const f = d.pick(flows);
          f['count'] = d.int(10, 60);
          edits.push(`resized ${String(f['name'])}`);
        } else if (kind === 'drop' && flows.length > 1) {
          const f = d.pick(flows);
          doc.flows = flows.filter((x) => x !== f);
          if (doc.expect) doc.expect = doc.expect.filter((x) => x['flows'] !== f['name']);
          edits.push(`dropped ${String(f['name'])}`);
        } else {
          const g: Obj = flowGroup(ctx, 20 + e);
          doc.flows = [...flows, g];
          edits.push(`added ${String(g['name'])}`);
        }
        break;
      }
    }
  }
  return { doc, edits };
}
