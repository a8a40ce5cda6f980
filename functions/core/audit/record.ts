// Records who changed what: called by every use case that changes a démarche, questionnaire,
// campaign or agent. Written after the change it describes (single-item writes, no transactions).
import type { Actor, CoreContext } from '../context';
import { type AuditEvent, diff } from './audit-event';

export async function recordChange(
  ctx: CoreContext,
  actor: Actor,
  action: AuditEvent['action'],
  entity: AuditEvent['entity'],
  before: object | undefined,
  after: object | undefined,
): Promise<AuditEvent> {
  const event: AuditEvent = {
    id: ctx.ids.next(),
    at: ctx.clock.now().toISOString(),
    actor: { agentId: actor.agentId, name: actor.name },
    action,
    entity,
    changes: diff(before, after),
  };
  await ctx.store.audit.record(event);
  return event;
}
