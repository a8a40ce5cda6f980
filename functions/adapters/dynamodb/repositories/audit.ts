// The audit trail in the table: each event under its entity (that entity's history) and in gsi1
// (everyone's history), both newest first. Events are written once and never replaced.
import { AuditEvent } from '#core/audit/audit-event';
import { conflict } from '#core/shared/errors';
import type { AuditRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { allAuditEvents, auditEventKeys, auditOfEntity } from '../keys';
import { queryPage } from '../reads';
import { putNew } from '../writes';

const auditEventToItem = (e: AuditEvent) => toItem(auditEventKeys(e), e);
const auditEventFromItem = (item: Item) => fromItem(AuditEvent, item);

export function createAuditRepository(table: TableRef): AuditRepository {
  return {
    async record(event) {
      // Conditional so that a reused id can never overwrite history.
      await putNew(table, auditEventToItem(event), () =>
        conflict(`l’événement d’audit ${event.id} existe déjà`, 'id_unique'),
      );
    },
    async list(options = {}) {
      const { entity, ...page } = options;
      const range = entity ? auditOfEntity(entity) : allAuditEvents();
      const result = await queryPage(table, range, { ...page, descending: true });
      return { ...result, items: result.items.map(auditEventFromItem) };
    },
  };
}
