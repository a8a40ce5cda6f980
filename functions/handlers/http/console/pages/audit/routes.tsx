// The journal: the audit trail, newest first, a page at a time, filtered by type of entity, by one
// entity, by agent and by action through a GET form (a filtered view is a link one can share).
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { BOOTSTRAP_ADMIN, listAgents } from '#core/agents/use-cases';
import { AuditEvent } from '#core/audit/audit-event';
import type { AuditFilter } from '#core/store';
import { type Violation, isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { ErrorSummary, type Option, SelectField } from '../../ui/forms';
import { ACTION_LABELS, ENTITY_LABELS, EventRow } from './event-views';
import { entityNames } from './entity-names';
import { ScrollRegion } from '../../ui/scroll-region';

const PAGE_SIZE = 50;
const ENTITY_TYPES = AuditEvent.shape.entity.shape.type.options;
// The bounds of the API's own filters (routes/agents.ts): ids and slugs, action prefixes.
const ID = /^[A-Za-z0-9_-]{1,80}$/;
const ACTION = /^[a-z_]{1,30}(\.[a-z_]{0,30})?$/;

interface Query {
  type: string;
  objet: string;
  agent: string;
  action: string;
  apres: string;
}

function readQuery(c: Context): { query: Query; filter: AuditFilter; violations: Violation[] } {
  const get = (name: keyof Query) => c.req.query(name)?.trim() ?? '';
  const query: Query = {
    type: get('type'),
    objet: get('objet'),
    agent: get('agent'),
    action: get('action'),
    apres: get('apres'),
  };
  const violations: Violation[] = [];
  const bad = (field: string, message: string) => violations.push({ field, rule: 'filter', message });
  const type = ENTITY_TYPES.find((t) => t === query.type);
  if (query.type && !type) bad('type', 'choisissez un type d’objet de la liste');
  if (query.objet && (!ID.test(query.objet) || !type)) bad('type', 'l’historique d’un objet demande son type');
  if (query.agent && !ID.test(query.agent)) bad('agent', 'choisissez un agent de la liste');
  if (query.action && !ACTION.test(query.action)) bad('action', 'choisissez une action de la liste');
  const filter: AuditFilter = violations.length
    ? {}
    : {
        entity: type && query.objet ? { type, id: query.objet } : undefined,
        entityType: type,
        agentId: query.agent || undefined,
        actionPrefix: query.action || undefined,
      };
  return { query, filter, violations };
}

const withQuery = (query: Partial<Query>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value) params.set(name, value);
  return params.size ? `/console/journal?${params.toString()}` : '/console/journal';
};

async function agentOptions(deps: HttpDeps, current: string): Promise<Option[]> {
  const agents = await listAgents(deps);
  const options = [
    { value: BOOTSTRAP_ADMIN.agentId, label: BOOTSTRAP_ADMIN.name },
    ...agents.map((a) => ({ value: a.id, label: a.name })),
  ];
  // A revoked agent's actions stay in the journal: their filter stays selectable.
  if (current && !options.some((o) => o.value === current))
    options.push({ value: current, label: `${current} (révoqué·e)` });
  return options;
}

async function journalPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const { query, filter, violations } = readQuery(c);
  let events: AuditEvent[] = [];
  let next: string | undefined;
  try {
    if (violations.length === 0)
      ({ items: events, next } = await deps.store.audit.list({
        ...filter,
        limit: PAGE_SIZE,
        cursor: query.apres || undefined,
      }));
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'Invalid') throw error;
    violations.push(...error.violations.map((v) => ({ ...v, field: '' })));
  }
  const [agents, names] = await Promise.all([agentOptions(deps, query.agent), entityNames(deps, events)]);
  const canSeeAgents = hasRole(c.get('agent').role, 'admin');
  const one = filter.entity && names.get(`${filter.entity.type}#${filter.entity.id}`);
  return page(
    c,
    'Journal',
    'journal',
    <>
      <h1>Journal des modifications</h1>
      <p>
        Qui a changé quoi, et quand : chaque modification faite dans la console ou par l’API, la plus récente d’abord.
      </p>
      <form method="get" action="/console/journal" class="card filters">
        <ErrorSummary
          violations={violations}
          message={violations.length ? 'Ces filtres ne peuvent pas s’appliquer' : undefined}
        />
        {query.objet && <input type="hidden" name="objet" value={query.objet} />}
        <SelectField
          name="type"
          label="Type d’objet"
          value={query.type}
          empty="Tous"
          options={ENTITY_TYPES.map((t) => ({ value: t, label: ENTITY_LABELS[t] }))}
          violations={violations}
        />
        <SelectField
          name="agent"
          label="Agent"
          value={query.agent}
          empty="Tous"
          options={agents}
          violations={violations}
        />
        <SelectField
          name="action"
          label="Action"
          value={query.action}
          empty="Toutes"
          options={Object.entries(ACTION_LABELS).map(([value, label]) => ({ value, label: `${label} (${value})` }))}
          violations={violations}
        />
        <div class="actions">
          <button type="submit">Filtrer</button>
          <a href="/console/journal">Effacer les filtres</a>
        </div>
      </form>
      {filter.entity && (
        <p>
          Historique de : <strong>{one ?? filter.entity.id}</strong> —{' '}
          <a href={withQuery({ ...query, objet: '', apres: '' })}>voir tout le journal avec ces filtres</a>
        </p>
      )}
      <EventTable events={events} names={names} canSeeAgents={canSeeAgents} />
      {(query.apres || next) && (
        <nav class="actions" aria-label="Pages du journal">
          {query.apres && <a href={withQuery({ ...query, apres: '' })}>Revenir aux événements les plus récents</a>}
          {next && <a href={withQuery({ ...query, apres: next })}>Événements plus anciens</a>}
        </nav>
      )}
    </>,
    violations.length ? 400 : 200,
  );
}

const EventTable = ({
  events,
  names,
  canSeeAgents,
}: {
  events: AuditEvent[];
  names: Map<string, string>;
  canSeeAgents: boolean;
}) =>
  events.length === 0 ? (
    <p class="muted">Aucun événement ne correspond.</p>
  ) : (
    <ScrollRegion label="Journal">
      <table class="journal">
        <caption>Événements, le plus récent d’abord (heure de Paris)</caption>
        <thead>
          <tr>
            <th scope="col">Quand</th>
            <th scope="col">Qui</th>
            <th scope="col">Action</th>
            <th scope="col">Champs modifiés (avant → après)</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => (
            <EventRow
              event={event}
              entityName={names.get(`${event.entity.type}#${event.entity.id}`)}
              canSeeAgents={canSeeAgents}
            />
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );

export function auditPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/journal', (c) => journalPage(c, deps));
}
