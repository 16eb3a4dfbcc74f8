/** Names: the Name tag or resource name when unique and valid in its scope, else the id. */
import { describe, expect, it } from 'vitest';
import { assignNames, isValidName } from '../src/names.js';

const item = (key: string, names: string[], id?: string) => ({
  key,
  names,
  ...(id !== undefined ? { id } : {}),
});

describe('names', () => {
  it('takes the Name tag when it is unique and valid', () => {
    expect([...assignNames([item('a', ['web'], 'subnet-1'), item('b', ['db'], 'subnet-2')])]).toEqual([
      ['a', 'web'],
      ['b', 'db'],
    ]);
  });
  it('falls back to the id when two objects share a tag, or the tag is not a valid name', () => {
    expect([
      ...assignNames([
        item('a', ['web'], 'subnet-1'),
        item('b', ['web'], 'subnet-2'),
        item('c', ['Arista Demo'], 'vpc-3'),
      ]),
    ]).toEqual([
      ['a', 'subnet-1'],
      ['b', 'subnet-2'],
      ['c', 'vpc-3'],
    ]);
  });
  it('makes an id that is no valid name into one, unique', () => {
    const m = assignNames([item('a', [], '/subscriptions/s/rg/x'), item('b', [], '/subscriptions/s/rg/x')]);
    expect([...m.values()]).toEqual(['subscriptions-s-rg-x', 'subscriptions-s-rg-x-2']);
    expect([...m.values()].every(isValidName)).toBe(true);
  });
  it('keeps reserved words free', () => {
    expect(assignNames([item('a', ['internet'], 'cgw-1')], new Set(['internet'])).get('a')).toBe('cgw-1');
  });
});
