// The X outbox on dynalite: posts newest first, replaced in place as their status moves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, xPost } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

describe('X outbox', () => {
  it('lists posts newest first, page by page', async () => {
    for (const i of [1, 3, 2]) await t.store.xOutbox.put(xPost({ id: `x${i}`, createdAt: at(i), updatedAt: at(i) }));
    const first = await t.store.xOutbox.list({ limit: 2 });
    expect(first.items.map((p) => p.id)).toEqual(['x3', 'x2']);
    const second = await t.store.xOutbox.list({ limit: 2, cursor: first.next });
    expect(second.items.map((p) => p.id)).toEqual(['x1']);
    expect(second.next).toBeUndefined();
  });

  it('replaces a post when it is posted, keeping its place', async () => {
    const posted = xPost({
      id: 'x2',
      createdAt: at(2),
      status: 'posted',
      postId: '1890000000000000000',
      updatedAt: at(9),
    });
    await t.store.xOutbox.put(posted);
    const { items } = await t.store.xOutbox.list();
    expect(items.map((p) => p.id)).toEqual(['x3', 'x2', 'x1']);
    expect(items[1]).toEqual(posted);
  });
});
