// Démarches on dynalite: round trip, alphabetical pages, create-once and optimistic locking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '#core/shared/errors';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { at, demarche, questionnaire } from './fixtures';

let t: TestStore;
beforeAll(async () => {
  t = await startTestStore();
});
afterAll(() => t.close());

describe('démarches', () => {
  it('reads back what it wrote, without the storage attributes', async () => {
    const d = demarche({ slug: 'ile-de-nantes', summary: 'Un quartier qui change' });
    await t.store.demarches.create(d);
    const read = await t.store.demarches.get('ile-de-nantes');
    expect(read).toEqual(d);
    expect(read).not.toHaveProperty('pk');
    expect(read).not.toHaveProperty('gsi1pk');
    expect(await t.store.demarches.get('absente')).toBeUndefined();
  });

  it('refuses a second démarche with the same slug, and keeps the first', async () => {
    await t.store.demarches.create(demarche({ slug: 'doublon', title: 'Premier' }));
    const second = t.store.demarches.create(demarche({ slug: 'doublon', title: 'Second' }));
    await expect(second).rejects.toBeInstanceOf(DomainError);
    await expect(second).rejects.toMatchObject({ code: 'Conflict', message: 'la démarche doublon existe déjà' });
    expect((await t.store.demarches.get('doublon'))?.title).toBe('Premier');
  });

  it('updates from the version read, and refuses a stale version', async () => {
    const v1 = demarche({ slug: 'verrou' });
    await t.store.demarches.create(v1);
    const v2 = { ...v1, title: 'Titre corrigé', updatedAt: at(5), version: 2 };
    await t.store.demarches.update(v2, 1);
    expect(await t.store.demarches.get('verrou')).toEqual(v2);

    // A second agent who also read version 1 loses.
    const stale = t.store.demarches.update({ ...v1, title: 'Autre correction', version: 2 }, 1);
    await expect(stale).rejects.toMatchObject({
      code: 'Conflict',
      message: expect.stringContaining('modifiée entre-temps'),
    });
    expect((await t.store.demarches.get('verrou'))?.title).toBe('Titre corrigé');
  });

  it('says NotFound when updating a démarche that does not exist, and creates nothing', async () => {
    const missing = t.store.demarches.update(demarche({ slug: 'fantome', version: 2 }), 1);
    await expect(missing).rejects.toMatchObject({ code: 'NotFound' });
    expect(await t.store.demarches.get('fantome')).toBeUndefined();
  });
});

describe('démarches list', () => {
  let fresh: TestStore;
  const slugs = ['zac-pirmil', 'bellevue', 'loire-au-coeur', 'arbres-en-ville', 'marches'];
  beforeAll(async () => {
    fresh = await startTestStore();
    for (const slug of slugs) await fresh.store.demarches.create(demarche({ slug }));
  });
  afterAll(() => fresh.close());

  it('lists alphabetically, page by page, with no cursor on the last page', async () => {
    const first = await fresh.store.demarches.list({ limit: 2 });
    expect(first.items.map((d) => d.slug)).toEqual(['arbres-en-ville', 'bellevue']);
    expect(first.next).toEqual(expect.any(String));
    const second = await fresh.store.demarches.list({ limit: 2, cursor: first.next });
    expect(second.items.map((d) => d.slug)).toEqual(['loire-au-coeur', 'marches']);
    const third = await fresh.store.demarches.list({ limit: 2, cursor: second.next });
    expect(third.items.map((d) => d.slug)).toEqual(['zac-pirmil']);
    expect(third.next).toBeUndefined();
  });

  it('gives no cursor when the page ends exactly on the last item', async () => {
    const page = await fresh.store.demarches.list({ limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.next).toBeUndefined();
  });

  it('pages by 50 by default, and by at least one', async () => {
    expect((await fresh.store.demarches.list()).items).toHaveLength(5);
    expect((await fresh.store.demarches.list({ limit: 0 })).items).toHaveLength(1);
  });

  it('refuses a cursor that is garbage or belongs to another list', async () => {
    await expect(fresh.store.demarches.list({ cursor: 'pas-un-curseur' })).rejects.toMatchObject({ code: 'Invalid' });
    await fresh.store.questionnaires.create(questionnaire({ id: 'qa' }));
    await fresh.store.questionnaires.create(questionnaire({ id: 'qb', createdAt: at(1) }));
    const other = await fresh.store.questionnaires.list({ limit: 1 });
    expect(other.next).toBeDefined();
    await expect(fresh.store.demarches.list({ cursor: other.next })).rejects.toMatchObject({
      code: 'Invalid',
      violations: [expect.objectContaining({ field: 'cursor', rule: 'cursor_valid' })],
    });
  });
});
