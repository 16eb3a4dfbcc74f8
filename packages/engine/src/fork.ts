/**
 * What-if as a fork (DESIGN.md): the same timeline with edits. Indexes refer to the original
 * timeline; the edited timeline keeps the original order for the entries it keeps (which decides
 * ties at equal times) and appends inserted entries.
 */
import type { TimelineAction } from './actions.js';
import type { TimelineInput } from './results.js';

/** One edit of a timeline for a what-if: remove, replace or shift the action at an index, or insert a new one. */
export type TimelineEdit =
  | { readonly op: 'remove'; readonly index: number }
  | { readonly op: 'replace'; readonly index: number; readonly action: TimelineAction }
  | { readonly op: 'shift'; readonly index: number; readonly by: number }
  | { readonly op: 'insert'; readonly action: TimelineAction };

/** A timeline edited for a what-if. Edits to an index that does not exist are ignored. */
export function forkTimeline(
  actions: readonly TimelineAction[],
  edits: readonly TimelineEdit[],
): TimelineAction[] {
  const slots: (TimelineAction | undefined)[] = [...actions];
  const added: TimelineAction[] = [];
  for (const e of edits) {
    switch (e.op) {
      case 'remove':
        if (e.index in slots) slots[e.index] = undefined;
        break;
      case 'replace':
        if (e.index in slots && slots[e.index] !== undefined) slots[e.index] = e.action;
        break;
      case 'shift': {
        const a = slots[e.index];
        if (a) slots[e.index] = { ...a, at: Math.max(0, a.at + e.by) };
        break;
      }
      case 'insert':
        added.push(e.action);
        break;
    }
  }
  return [...slots.filter((a): a is TimelineAction => a !== undefined), ...added];
}

/** The input of a what-if: the same scenario with its timeline edited. */
export function forkInput(input: TimelineInput, edits: readonly TimelineEdit[]): TimelineInput {
  return { ...input, timeline: forkTimeline(input.timeline, edits) };
}
