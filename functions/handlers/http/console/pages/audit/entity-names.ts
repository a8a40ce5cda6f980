// The names the journal shows for the entities of a page of events: their current title, or for
// one that is gone (a revoked agent), the name its last event remembers. One read per entity.
import type { AuditEvent } from '#core/audit/audit-event';
import type { HttpDeps } from '../../../deps';

const key = (entity: AuditEvent['entity']) => `${entity.type}#${entity.id}`;

async function currentName(deps: HttpDeps, entity: AuditEvent['entity']): Promise<string | undefined> {
  switch (entity.type) {
    case 'demarche':
      return (await deps.store.demarches.get(entity.id))?.title;
    case 'questionnaire':
      return (await deps.store.questionnaires.get(entity.id))?.title;
    case 'campaign':
      return (await deps.store.campaigns.get(entity.id))?.message.title;
    case 'agent':
      return (await deps.store.agents.get(entity.id))?.name;
  }
}

/** What an event itself says the entity was called (`title`, `name`, a campaign's `message.title`). */
function recordedName(event: AuditEvent): string | undefined {
  for (const field of ['title', 'name', 'message']) {
    const { before, after } = event.changes[field] ?? {};
    for (const value of [after, before]) {
      if (typeof value === 'string') return value;
      const title = (value as { title?: unknown } | undefined)?.title;
      if (typeof title === 'string') return title;
    }
  }
  return undefined;
}

export async function entityNames(deps: HttpDeps, events: readonly AuditEvent[]): Promise<Map<string, string>> {
  const unique = new Map(events.map((e) => [key(e.entity), e]));
  const names = new Map<string, string>();
  await Promise.all(
    [...unique.values()].map(async (event) => {
      const name = (await currentName(deps, event.entity)) ?? recordedName(event);
      if (name) names.set(key(event.entity), name);
    }),
  );
  return names;
}
