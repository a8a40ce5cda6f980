import { describe, expect, it } from 'vitest';
import { diff } from '#core/audit/audit-event';

describe('audit diff', () => {
  it('keeps only the fields that changed, ignoring bookkeeping', () => {
    expect(diff({ a: 1, b: [1], version: 1, updatedAt: 'x' }, { a: 1, b: [2], version: 2, updatedAt: 'y' })).toEqual({
      b: { before: [1], after: [2] },
    });
    expect(Object.keys(diff(undefined, { a: 1 }))).toEqual(['a']);
  });
});
