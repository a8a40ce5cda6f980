// The audit trail in the table: each event under its entity (that entity's history), in gsi1
// (everyone's history) and in gsi2 (what one agent did), all newest first. Events are written once
// and never replaced. Filters the key cannot carry are applied after it (a DynamoDB filter).
import { AuditEvent } from '#core/audit/audit-event';
import { conflict } from '#core/shared/errors';
import type { AuditFilter, AuditRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import { type KeyRange, allAuditEvents, auditByAgent, auditEventKeys, auditOfEntity } from '../keys';
import { type QueryOptions, queryPage } from '../reads';
import { putNew } from '../writes';

const auditEventToItem = (e: AuditEvent) => toItem(auditEventKeys(e), e);
const auditEventFromItem = (item: Item) => fromItem(AuditEvent, item);

/**
 * The narrowest key range for the filters (an entity's partition, else an agent's, else all), and
 * what is left to filter: one Query either way, reading on until the page is full.
 */
function auditQuery(filter: AuditFilter): { range: KeyRange; filter?: QueryOptions['filter'] } {
  const { entity, entityType, agentId, actionPrefix } = filter;
  const range = entity ? auditOfEntity(entity) : agentId ? auditByAgent(agentId) : allAuditEvents();
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (entity && agentId) {
    conditions.push('#actor.#agentId = :agentId');
    Object.assign(names, { '#actor': 'actor', '#agentId': 'agentId' });
    values[':agentId'] = agentId;
  }
  if (!entity && entityType) {
    conditions.push('#entity.#type = :entityType');
    Object.assign(names, { '#entity': 'entity', '#type': 'type' });
    values[':entityType'] = entityType;
  }
  if (actionPrefix) {
    conditions.push('begins_with(#action, :actionPrefix)');
    names['#action'] = 'action';
    values[':actionPrefix'] = actionPrefix;
  }
  return conditions.length ? { range, filter: { expression: conditions.join(' AND '), names, values } } : { range };
}

export function createAuditRepository(table: TableRef): AuditRepository {
  return {
    async record(event) {
      // Conditional so that a reused id can never overwrite history.
      await putNew(table, auditEventToItem(event), () =>
        conflict(`l’événement d’audit ${event.id} existe déjà`, 'id_unique'),
      );
    },
    async list(options = {}) {
      const { entity, entityType, agentId, actionPrefix, ...page } = options;
      const { range, filter } = auditQuery({ entity, entityType, agentId, actionPrefix });
      const result = await queryPage(table, range, { ...page, descending: true, filter });
      return { ...result, items: result.items.map(auditEventFromItem) };
    },
  };
}
