// What the agents page shows: the list of agents with their activity, the form to create one, and
// the page that shows a new agent's token, once.
import type { FC } from 'hono/jsx';
import { ROLES, type VisibleAgent } from '#core/agents/agent';
import type { Violation } from '#core/shared/errors';
import { ActionButton, Choices, ErrorSummary, type FormValues, TextField, valueOf } from '../../ui/forms';
import { formatShortDateTime } from '../../ui/format';
import { ROLE_ALLOWS, ROLE_NAMES } from '../../ui/roles';
import { ScrollRegion } from '../../ui/scroll-region';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: `${ROLE_NAMES[role]} : ${ROLE_ALLOWS[role]}` }));

export const AgentTable: FC<{ agents: readonly VisibleAgent[] }> = ({ agents }) =>
  agents.length === 0 ? (
    <p class="muted">
      Aucun agent enregistré : seul le jeton de démarrage (ADMIN_TOKEN) ouvre la console. Créez un agent par personne.
    </p>
  ) : (
    <ScrollRegion label="Agents">
      <table>
        <caption>Agents enregistrés, par ordre de création (heure de Paris)</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Rôle</th>
            <th scope="col">Créé le</th>
            <th scope="col">Dernière activité</th>
            <th scope="col">Chat Telegram lié</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {[...agents]
            .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
            .map((agent) => (
              <tr>
                <th scope="row">{agent.name}</th>
                <td>{ROLE_NAMES[agent.role]}</td>
                <td>{formatShortDateTime(agent.createdAt)}</td>
                <td>{agent.lastActiveAt ? formatShortDateTime(agent.lastActiveAt) : 'jamais connecté·e'}</td>
                <td>{agent.telegramLinked ? 'oui' : 'non'}</td>
                <td>
                  <div class="actions compact">
                    <a href={`/console/journal?agent=${encodeURIComponent(agent.id)}`}>
                      Actions de {agent.name} au journal
                    </a>
                    <ActionButton
                      action={`/console/agents/${encodeURIComponent(agent.id)}/revoquer`}
                      label={`Révoquer ${agent.name}`}
                      confirm={`Révoquer le jeton de ${agent.name} ? Ses sessions dans la console seront fermées et son jeton ne fonctionnera plus.`}
                      danger
                    />
                  </div>
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </ScrollRegion>
  );

export const CreateAgentForm: FC<{ values: FormValues; violations: readonly Violation[] }> = ({
  values,
  violations,
}) => (
  <form method="post" action="/console/agents" class="stack card" novalidate>
    <ErrorSummary violations={violations} />
    <TextField
      name="name"
      label="Nom de l’agent"
      hint="Prénom et nom, ou le service : il apparaît dans le journal à chacune de ses actions."
      value={valueOf(values, 'name')}
      violations={violations}
      required
      maxLength={100}
      autocomplete="off"
    />
    <Choices
      type="radio"
      name="role"
      label="Rôle"
      options={ROLE_OPTIONS}
      checked={[valueOf(values, 'role') || 'editor']}
      violations={violations}
    />
    <button type="submit">Créer l’agent et son jeton</button>
  </form>
);

/** The only time a token is ever shown: in the answer to the POST that created it, never in a URL or a cookie. */
export const NewToken: FC<{ agent: VisibleAgent; token: string }> = ({ agent, token }) => (
  <>
    <h1>Agent créé : {agent.name}</h1>
    <div class="notice warning" role="alert">
      <strong>Copiez ce jeton maintenant : il ne sera plus jamais affiché.</strong> Porte-voix n’en garde qu’une
      empreinte. S’il est perdu, révoquez cet agent et créez-en un autre.
    </div>
    <div class="field">
      <label for="jeton-nouveau">Jeton de {agent.name}</label>
      <p class="hint" id="jeton-nouveau-aide">
        Sélectionnez-le et copiez-le, puis transmettez-le à {agent.name} par un canal sûr (pas par courriel en clair).
        Il sert à se connecter à la console et à l’API.
      </p>
      <input
        type="text"
        id="jeton-nouveau"
        class="token"
        value={token}
        readonly
        autocomplete="off"
        spellcheck={false}
        aria-describedby="jeton-nouveau-aide"
      />
    </div>
    <p>
      Rôle : {ROLE_NAMES[agent.role]} — {ROLE_ALLOWS[agent.role]}
    </p>
    <p>
      <a href="/console/agents">Revenir à la liste des agents</a>
    </p>
  </>
);
