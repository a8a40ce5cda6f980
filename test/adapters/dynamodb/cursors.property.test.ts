// Property-based, on the embedded store: paging with any page size returns every item once, in
// order; and a cursor that is not one the store gave (garbage, another list's, a forged key) is
// refused as an `Invalid` error on the field `cursor` (a 400 at the API), never a store crash (a 500).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '#core/shared/errors';
import type { ListOptions, Page } from '#core/store';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { demarche, questionnaire, response } from './fixtures';

let t: TestStore;
const SLUGS = ['a-1', 'b-2', 'c-3', 'd-4', 'e-5', 'f-6', 'g-7'];
const PSEUDONYMS = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
beforeAll(async () => {
  t = await startTestStore();
  for (const slug of SLUGS) await t.store.demarches.create(demarche({ slug }));
  await t.store.questionnaires.create(questionnaire({ id: 'q1' }));
  for (const subscriberId of PSEUDONYMS) await t.store.responses.save(response({ subscriberId }), undefined);
});
afterAll(() => t.close());

// One list read through an index (gsi1), one through the table's sort key: their cursors differ in shape.
type ListName = 'demarches' | 'responses';
const lists: Record<ListName, (options: ListOptions) => Promise<Page<unknown>>> = {
  demarches: (options) => t.store.demarches.list(options),
  responses: (options) => t.store.responses.listByQuestionnaire('q1', options),
};
const listName = fc.constantFrom<ListName>('demarches', 'responses');

async function readAll(name: ListName, limit: number): Promise<{ items: unknown[]; cursors: string[] }> {
  const items: unknown[] = [];
  const cursors: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await lists[name]({ limit, cursor });
    items.push(...page.items);
    cursor = page.next;
    if (cursor) cursors.push(cursor);
  } while (cursor);
  return { items, cursors };
}

/** Resolves with a page, or rejects with exactly the refusal the API turns into a 400. */
async function expectPageOrInvalidCursor(read: Promise<unknown>): Promise<void> {
  try {
    await read;
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'Invalid', violations: [{ field: 'cursor', rule: 'cursor_valid' }] });
  }
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const keyString = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom('', 'DEMARCHES', 'QUESTIONNAIRE#q1', 'RESPONSE#', 'DEMARCHE#a-1', 'DEMARCHE'),
  fc.string({ minLength: 1100, maxLength: 1200 }), // past DynamoDB's 1,024-byte sort key
);
const forgedKey = fc.oneof(
  fc.record({ pk: keyString, sk: keyString, gsi1pk: fc.constant('DEMARCHES'), gsi1sk: keyString }),
  fc.record({ pk: fc.constant('QUESTIONNAIRE#q1'), sk: keyString }),
  fc.record({ pk: keyString, sk: keyString }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue()),
  fc.jsonValue(),
);

describe('pagination cursors', () => {
  it('page through every item once, in order, whatever the page size', async () => {
    const whole: Record<ListName, unknown[]> = {
      demarches: (await readAll('demarches', 100)).items,
      responses: (await readAll('responses', 100)).items,
    };
    expect(whole.demarches).toHaveLength(SLUGS.length);
    expect(whole.responses).toHaveLength(PSEUDONYMS.length);
    await fc.assert(
      fc.asyncProperty(listName, fc.integer({ min: 1, max: 8 }), async (name, limit) => {
        const { items, cursors } = await readAll(name, limit);
        expect(items).toEqual(whole[name]);
        expect(cursors).toHaveLength(Math.ceil(whole[name].length / limit) - 1);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses garbage and forged cursors as an Invalid cursor, never a store error', async () => {
    const garbage = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.base64String(), forgedKey.map(b64));
    await fc.assert(
      fc.asyncProperty(listName, garbage, fc.integer({ min: 1, max: 5 }), async (name, cursor, limit) => {
        await expectPageOrInvalidCursor(lists[name]({ limit, cursor }));
      }),
      { numRuns: 150 },
    );
  });

  it("refuses one list's cursor in another list", async () => {
    const fromDemarches = (await t.store.demarches.list({ limit: 2 })).next!;
    const fromResponses = (await t.store.responses.listByQuestionnaire('q1', { limit: 2 })).next!;
    const invalidCursor = { code: 'Invalid', violations: [{ field: 'cursor' }] };
    await expect(t.store.responses.listByQuestionnaire('q1', { cursor: fromDemarches })).rejects.toMatchObject(
      invalidCursor,
    );
    await expect(t.store.demarches.list({ cursor: fromResponses })).rejects.toMatchObject(invalidCursor);
    await expect(t.store.responses.listByQuestionnaire('q2', { cursor: fromResponses })).rejects.toMatchObject(
      invalidCursor,
    );
  });
});
