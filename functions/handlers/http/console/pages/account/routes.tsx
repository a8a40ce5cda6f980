// « Mon compte »: who the signed-in agent is, what their role allows, and linking their own Telegram
// chat (where campaign tests go) through a one-time code they send to the bot.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { startTelegramLink } from '#core/agents/telegram-link';
import { BOOTSTRAP_ADMIN, getAgent } from '#core/agents/use-cases';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { formatDateTime } from '../../ui/format';
import { ROLE_ALLOWS, ROLE_NAMES } from '../../ui/roles';

type LinkCode = Awaited<ReturnType<typeof startTelegramLink>>;

const LinkCodeView = ({ link }: { link: LinkCode }) => (
  <div class="card link-code" role="status">
    <h3>Votre code : envoyez cette commande au bot</h3>
    <p>
      Depuis <strong>votre propre</strong> conversation privée avec le bot Porte-voix dans Telegram, envoyez exactement
      :
    </p>
    <div class="field">
      <label for="commande-lier">Commande à envoyer au bot</label>
      <input type="text" id="commande-lier" class="token" value={link.command} readonly autocomplete="off" />
    </div>
    <p>
      Code : <strong class="code">{link.code}</strong>. Il ne sert qu’une fois et expire le{' '}
      <strong>{formatDateTime(link.expiresAt)}</strong> (heure de Paris) ; un nouveau code remplace celui-ci.
    </p>
  </div>
);

async function telegramSection(c: Context<ConsoleEnv>, deps: HttpDeps, link?: LinkCode): Promise<Child> {
  const me = c.get('agent');
  if (me.agentId === BOOTSTRAP_ADMIN.agentId)
    return (
      <p>
        Vous êtes connecté·e avec le jeton de démarrage (ADMIN_TOKEN) : ce n’est pas un agent enregistré, il ne peut
        donc pas lier de chat Telegram ni recevoir de tests. <a href="/console/agents">Créez-vous un agent nommé</a>,
        connectez-vous avec son jeton, puis liez votre chat depuis cette page.
      </p>
    );
  const { telegramLinked } = await getAgent(deps, me.agentId);
  return (
    <>
      <p>
        {telegramLinked
          ? 'Un chat Telegram est lié à votre compte : les envois de test des campagnes y arrivent. Pour en lier un autre, demandez un nouveau code.'
          : 'Aucun chat Telegram n’est lié à votre compte : liez le vôtre pour recevoir les envois de test des campagnes.'}
      </p>
      {link && <LinkCodeView link={link} />}
      <form method="post" action="/console/compte/telegram">
        <button type="submit">
          {link ? 'Obtenir un autre code' : telegramLinked ? 'Lier un autre chat Telegram' : 'Lier mon chat Telegram'}
        </button>
      </form>
    </>
  );
}

async function accountPage(c: Context<ConsoleEnv>, deps: HttpDeps, link?: LinkCode) {
  const me = c.get('agent');
  return page(
    c,
    'Mon compte',
    'compte',
    <>
      <h1>Mon compte</h1>
      <section aria-labelledby="qui">
        <h2 id="qui">Qui suis-je</h2>
        <dl class="facts">
          <dt>Nom</dt>
          <dd>{me.name}</dd>
          <dt>Rôle</dt>
          <dd>{ROLE_NAMES[me.role]}</dd>
          <dt>Ce que ce rôle permet</dt>
          <dd>{ROLE_ALLOWS[me.role]}</dd>
        </dl>
        <p>
          <a href={`/console/journal?agent=${encodeURIComponent(me.agentId)}`}>Mes actions dans le journal</a>
        </p>
      </section>
      <section aria-labelledby="telegram">
        <h2 id="telegram">Mon chat Telegram (envois de test)</h2>
        {await telegramSection(c, deps, link)}
      </section>
    </>,
  );
}

export function accountPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/compte', (c) => accountPage(c, deps));
  app.post('/console/compte/telegram', async (c) => {
    const link = await startTelegramLink(deps, c.get('agent'));
    // The code proves the chat is the agent's: answered directly, never cached, never in a URL.
    c.header('Cache-Control', 'no-store');
    return accountPage(c, deps, link);
  });
}
