// Démarches in the table: one item each, listed alphabetically by slug through gsi1.
import { Demarche } from '#core/demarches/demarche';
import { conflict, notFound } from '#core/shared/errors';
import type { DemarcheRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { allDemarches, demarcheKey, demarcheKeys } from '../keys';
import { getItem, queryPage } from '../reads';
import { putIfVersion, putNew } from '../writes';

const demarcheToItem = (d: Demarche) => toItem(demarcheKeys(d), d);
const demarcheFromItem = (item: Item) => fromItem(Demarche, item);

export function createDemarcheRepository(table: TableRef): DemarcheRepository {
  return {
    async get(slug) {
      const item = await getItem(table, demarcheKey(slug));
      return item && demarcheFromItem(item);
    },
    async list(options) {
      const page = await queryPage(table, allDemarches(), options);
      return { ...page, items: page.items.map(demarcheFromItem) };
    },
    async create(demarche) {
      await putNew(table, demarcheToItem(demarche), () =>
        conflict(`la démarche ${demarche.slug} existe déjà`, 'slug_unique'),
      );
    },
    async update(demarche, expectedVersion) {
      await putIfVersion(table, demarcheToItem(demarche), expectedVersion, {
        missing: () => notFound('Démarche', demarche.slug),
        stale: () => conflict(`la démarche ${demarche.slug} a été modifiée entre-temps`, 'version_matches'),
      });
    },
  };
}
