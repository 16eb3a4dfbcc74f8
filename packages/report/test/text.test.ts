/**
 * The text tables: `diff` shows lost connectivity in flow-hours (issue 18: a 15-minute outage of
 * 2,000 flows read "20d20h" as a duration of flow-seconds).
 */
import { describe, expect, it } from 'vitest';
import type { DiffResult } from '@cloudroute/sim';
import { formatDiff } from '../src/text.js';
import { formatFlowHours } from '../src/values.js';

describe('formatDiff', () => {
  it('lost connectivity in flow-hours, the JSON figure unchanged', () => {
    const d: DiffResult = {
      kind: 'diff',
      a: 'before',
      b: 'after',
      seed: 1,
      groups: [
        {
          name: 'web',
          a: { availability: 1, lostFlowSeconds: 0 },
          b: { availability: 0.875, lostFlowSeconds: 2000 * 900 },
          changedFlows: 2000,
        },
        { name: 'db', a: { availability: 0.5, lostFlowSeconds: 5400 }, b: null, changedFlows: 0 },
      ],
    };
    const text = formatDiff(d, { color: false });
    expect(text).toContain('Lost A');
    expect(text).toMatch(/│ web +│ 100% +│ 0 flow-hours +│ 87\.5% +│ 500 flow-hours +│ 2000 +│/);
    expect(text).toMatch(/│ db +│ 50% +│ 1\.5 flow-hours +│ - +│ - +│ 0 +│/);
    expect(text).not.toMatch(/20d20h/);
  });
});

describe('formatFlowHours', () => {
  it.each([
    [0, '0 flow-hours'],
    [1, '<0.01 flow-hours'],
    [36, '0.01 flow-hours'],
    [3600, '1 flow-hour'],
    [5400, '1.5 flow-hours'],
    [2000 * 900, '500 flow-hours'],
    [3600 * 12_345.4, '12,345 flow-hours'],
  ])('%d flow-seconds → %s', (s, text) => {
    expect(formatFlowHours(s)).toBe(text);
  });
});
