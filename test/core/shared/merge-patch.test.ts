// JSON Merge Patch as RFC 7396 defines it (its Appendix A examples), and the patch schemas derived
// from input schemas: every member optional, optional ones nullable, unknown ones refused.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { applyMergePatch, mergePatchSchema, sameJson } from '#core/shared/merge-patch';

describe('applyMergePatch', () => {
  // RFC 7396, Appendix A: [target, patch, result].
  const examples: [unknown, unknown, unknown][] = [
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [
      ['a', 'b'],
      ['c', 'd'],
      ['c', 'd'],
    ],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ];
  it.each(examples)('%j patched with %j is %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  it('leaves the target untouched', () => {
    const target = { a: { b: 'c' } };
    applyMergePatch(target, { a: { b: null } });
    expect(target).toEqual({ a: { b: 'c' } });
  });
});

describe('mergePatchSchema', () => {
  const Input = z.object({
    title: z.string().min(1),
    note: z.string().optional(),
    tags: z.array(z.object({ id: z.string() })).default([]),
    place: z.object({ city: z.string(), street: z.string().optional() }),
    audience: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('everyone') }),
      z.object({ kind: z.literal('followers'), themes: z.array(z.string()).min(1) }),
    ]),
  });
  const Patch = mergePatchSchema(Input);

  it('accepts any subset, nested objects partly, optional members as null', () => {
    expect(Patch.safeParse({}).success).toBe(true);
    expect(Patch.parse({ place: { street: null } })).toEqual({ place: { street: null } });
    expect(Patch.parse({ note: null, tags: null })).toEqual({ note: null, tags: null });
    expect(Patch.parse({ audience: { themes: ['loire'] } })).toEqual({ audience: { themes: ['loire'] } });
    expect(Patch.safeParse({ audience: { kind: 'everyone', themes: null } }).success).toBe(true);
  });

  it('adds no defaults: an empty patch stays empty', () => {
    expect(Patch.parse({})).toEqual({});
  });

  it('refuses null on a required member, and unknown members at any depth, arrays included', () => {
    const paths = (value: unknown) =>
      Patch.safeParse(value).error?.issues.map((i) => [...i.path, ...('keys' in i ? i.keys : [])].join('.'));
    expect(paths({ title: null })).toEqual(['title']);
    expect(paths({ titel: 'x' })).toEqual(['titel']);
    expect(paths({ place: { town: 'x' } })).toEqual(['place.town']);
    expect(paths({ tags: [{ id: 'a', label: 'b' }] })).toEqual(['tags.0.label']);
    expect(paths({ audience: { kind: 'some' } })).toHaveLength(1);
  });

  it('compares as JSON, absent and undefined alike', () => {
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
  });
});

describe('applyMergePatch and odd member names', () => {
  it('keeps `__proto__` a plain member', () => {
    const result = applyMergePatch({}, JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect((result as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.keys(result)).toEqual(['__proto__']);
  });
});
