// The agents page (admin role only): who can open the console and the API, their last activity,
// creating an agent with its role (its token shown once), revoking one (their sessions end with it).
import type { Context } from 'hono';
import { authorize, createAgent, getAgent, listAgents, revokeAgent } from '#core/agents/use-cases';
import { type Violation, isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { type FormValues, readForm, valueOf } from '../../ui/forms';
import { AgentTable, CreateAgentForm, NewToken } from './agent-views';

async function agentsPage(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  form: { values: FormValues; violations: readonly Violation[] } = { values: {}, violations: [] },
) {
  const agents = await listAgents(deps);
  return page(
    c,
    'Agents',
    'agents',
    <>
      <h1>Agents</h1>
      <p>
        Chaque personne de l’équipe a son propre jeton : ses actions sont signées de son nom dans le journal, et son
        jeton se révoque sans gêner les autres.
      </p>
      <section aria-labelledby="liste-agents">
        <h2 id="liste-agents">Agents enregistrés</h2>
        <AgentTable agents={agents} />
      </section>
      <section aria-labelledby="nouvel-agent">
        <h2 id="nouvel-agent">Créer un agent</h2>
        <CreateAgentForm values={form.values} violations={form.violations} />
      </section>
    </>,
    form.violations.length > 0 ? 400 : 200,
  );
}

export function agentPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/agents', (c) => {
    authorize(c.get('agent'), 'admin');
    return agentsPage(c, deps);
  });

  app.post('/console/agents', async (c) => {
    authorize(c.get('agent'), 'admin');
    const values = await readForm(c.req);
    try {
      const { agent, token } = await createAgent(deps, c.get('agent'), {
        name: valueOf(values, 'name'),
        role: valueOf(values, 'role'),
      });
      // Answered directly, never redirected: the token must not travel in a URL or a cookie, nor be cached.
      c.header('Cache-Control', 'no-store');
      return page(c, `Agent créé : ${agent.name}`, 'agents', <NewToken agent={agent} token={token} />);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'Invalid') throw error;
      return agentsPage(c, deps, { values, violations: error.violations });
    }
  });

  app.post('/console/agents/:id/revoquer', async (c) => {
    authorize(c.get('agent'), 'admin');
    const id = c.req.param('id');
    const { name } = await getAgent(deps, id);
    await revokeAgent(deps, c.get('agent'), id);
    setNotice(c, `Le jeton de ${name} est révoqué : ses sessions dans la console sont fermées.`);
    return c.redirect('/console/agents', 303);
  });
}
