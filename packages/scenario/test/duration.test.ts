import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_DURATION_SECONDS, formatDuration, parseDuration } from '../src/index.js';

describe('durations', () => {
  it.each([
    ['90s', 90],
    ['10m', 600],
    ['1h30m', 5400],
    ['2h', 7200],
    ['30d', 2_592_000],
    ['0s', 0],
    ['1d2h3m4s', 93_784],
  ])('reads %s as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, seconds });
  });

  it.each([
    [600, '`600` is a plain number — durations carry a unit (s, m, h, d): write `10m`'],
    ['-5m', '`-5m` is negative — a duration is zero or more'],
    ['1.5h', '`1.5h` is not a duration — use whole units, e.g. `1h30m` rather than `1.5h`'],
    [
      '30m1h',
      '`30m1h` is not a duration — write e.g. `90s`, `10m`, `1h30m`, `2h` or `30d` (units d, h, m, s in that order)',
    ],
    ['', 'empty duration — write e.g. `90s`, `10m`, `1h30m` or `30d`'],
  ])('refuses %j with what to write', (input, message) => {
    expect(parseDuration(input)).toEqual({ ok: false, message });
  });

  it('says "times are durations from the scenario start" for a negative time', () => {
    expect(parseDuration('-5m', 'time')).toEqual({
      ok: false,
      message: '`-5m` is negative — times are durations from the scenario start',
    });
  });

  it('formats what it reads, and reads what it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_DURATION_SECONDS }), (s) => {
        expect(parseDuration(formatDuration(s))).toEqual({ ok: true, seconds: s });
      }),
      { seed: 7, numRuns: 500 },
    );
  });
});
