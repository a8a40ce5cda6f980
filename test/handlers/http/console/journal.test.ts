// The journal: the audit trail newest first, in French words, with links to the entities; filters
// by type, entity, agent and action through a GET form; cursor pages; escaping of names and values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent, revokeAgent } from '#core/agents/use-cases';
import type { AuditEvent } from '#core/audit/audit-event';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-journal-tests';
const XSS = '<img src=x onerror=alert(1)>';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];
let writer: { agentId: string; name: string };
let viewerToken: string;
let questionnaireId: string;

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  app = env.app;
  const { agent } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: XSS, role: 'editor' });
  writer = { agentId: agent.id, name: agent.name };
  viewerToken = (await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Véra Lectrice', role: 'viewer' })).token;
  env.clock.advance(60_000);
  const questionnaire = await createQuestionnaire(env.deps, writer, {
    title: XSS,
    opensAt: '2026-11-26T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Présentées au conseil.',
    questions: [{ kind: 'yes_no', id: 'ok', prompt: 'D’accord ?' }],
  });
  questionnaireId = questionnaire.id;
  env.clock.advance(60_000);
  const { agent: leaving } = await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: 'Léo Partant', role: 'viewer' });
  env.clock.advance(60_000);
  await revokeAgent(env.deps, BOOTSTRAP_ADMIN, leaving.id);
});
afterAll(() => env.close());

const journal = async (query = '', token = ADMIN_TOKEN) => {
  const browser = consoleClient(app);
  await browser.signIn(token);
  return browser.get(`/console/journal${query}`);
};
const rows = (html: string) => html.split('<tbody>')[1]?.split('</tbody>')[0]?.split('<tr>').slice(1) ?? [];

describe('journal', () => {
  it('lists events newest first, in French words, with the entity linked and the changes escaped', async () => {
    const response = await journal('', viewerToken);
    expect(response.status).toBe(200);
    const html = await response.text();
    const events = rows(html);
    expect(events[0]).toContain('a révoqué l’agent');
    expect(events[0]).toContain('<span>Léo Partant</span>'); // a viewer is not linked to the agents page
    const created = events.find((row) => row.includes('a créé le questionnaire'))!;
    expect(created).toContain('<td>25 nov. 2026, 11:01</td>');
    expect(created).toContain(`<td>&lt;img src=x onerror=alert(1)&gt;</td>`); // who: the agent's name
    expect(created).toContain(
      `<a href="/console/questionnaires/${questionnaireId}">&lt;img src=x onerror=alert(1)&gt;</a>`,
    );
    expect(created).toContain('<span class="field-name">titre</span> : (vide)');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<caption>Événements, le plus récent d’abord (heure de Paris)</caption>');
  });

  it('filters by type of entity, by agent, by action and by one entity', async () => {
    const agentsOnly = rows(await (await journal('?type=agent')).text());
    expect(agentsOnly.length).toBe(4); // three creations and a revocation
    expect(agentsOnly.every((row) => row.includes('l’agent'))).toBe(true);

    const byWriter = rows(await (await journal(`?agent=${writer.agentId}`)).text());
    expect(byWriter.length).toBe(1);
    expect(byWriter[0]).toContain('a créé le questionnaire');

    const revocations = rows(await (await journal('?action=agent.revoke')).text());
    expect(revocations.length).toBe(1);
    expect(revocations[0]).toContain('Léo Partant');

    const one = await (await journal(`?type=questionnaire&objet=${questionnaireId}`)).text();
    expect(rows(one).length).toBe(1);
    expect(one).toContain('Historique de : <strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
    // The form gives the filters back.
    const form = await (await journal('?type=agent&action=agent.revoke')).text();
    expect(form).toContain('<option value="agent" selected="">Agents</option>');
    expect(form).toContain('<option value="agent.revoke" selected="">');
  });

  it('pages with a cursor, newest first, with a link back to the latest events', async () => {
    for (let i = 0; i < 55; i++) {
      const event: AuditEvent = {
        id: `bulk-${String(i).padStart(2, '0')}`,
        at: new Date(Date.UTC(2026, 10, 1, 8, i)).toISOString(),
        actor: { agentId: 'bulk-agent', name: 'Import en masse' },
        action: 'demarche.update',
        entity: { type: 'demarche', id: 'budget-participatif' },
        changes: { title: { before: 'Avant', after: `Après ${i}` } },
      };
      await env.deps.store.audit.record(event);
    }
    const first = await (await journal('?agent=bulk-agent')).text();
    expect(rows(first).length).toBe(50);
    expect(rows(first)[0]).toContain('Après 54');
    const older = /<a href="([^"]+)">Événements plus anciens<\/a>/.exec(first)![1]!.replaceAll('&amp;', '&');
    expect(older).toMatch(/^\/console\/journal\?agent=bulk-agent&apres=/);
    const second = await (await journal(older.slice('/console/journal'.length))).text();
    expect(rows(second).length).toBe(5);
    expect(rows(second).at(-1)).toContain('Après 0');
    expect(second).not.toContain('Événements plus anciens');
    expect(second).toContain('Revenir aux événements les plus récents');
    expect(second).toContain('<option value="bulk-agent" selected="">bulk-agent (révoqué·e)</option>');
  });

  it('names a filter it cannot apply next to its field, and a forged cursor on top', async () => {
    const badType = await journal('?type=citoyen');
    expect(badType.status).toBe(400);
    expect(await badType.text()).toMatch(/<div class="field invalid"><label for="champ-type">/);
    const badCursor = await journal('?apres=bm9uLXZhbGlkZQ');
    expect(badCursor.status).toBe(400);
    expect(await badCursor.text()).toContain('curseur de pagination invalide');
  });
});
