// The frame of every console page: language, title, skip link, navigation by role, the agent and
// the sign-out button, the « Telegram non configuré » banner, the one-shot notice. Pages give their
// title and their content.
import type { Context } from 'hono';
import type { Child, FC } from 'hono/jsx';
import { hasRole } from '#core/agents/agent';
import type { AuthenticatedAgent } from '#core/agents/use-cases';
import { ASSETS } from './assets/index';
import type { ConsoleEnv } from './env';
import { ChannelBanner } from './ui/channel-banner';

export type Section =
  | 'accueil'
  | 'demarches'
  | 'questionnaires'
  | 'moderation'
  | 'campagnes'
  | 'annonces'
  | 'x'
  | 'sources'
  | 'liens'
  | 'evaluations'
  | 'agents'
  | 'journal'
  | 'compte';

const NAV: { section: Section; href: string; label: string; admin?: boolean }[] = [
  { section: 'accueil', href: '/console', label: 'Accueil' },
  { section: 'demarches', href: '/console/demarches', label: 'Démarches' },
  { section: 'questionnaires', href: '/console/questionnaires', label: 'Questionnaires' },
  { section: 'moderation', href: '/console/moderation', label: 'Modération' },
  { section: 'campagnes', href: '/console/campagnes', label: 'Campagnes' },
  { section: 'annonces', href: '/console/annonces', label: 'Annonces' },
  { section: 'x', href: '/console/x', label: 'X' },
  { section: 'sources', href: '/console/sources', label: 'Sources' },
  { section: 'liens', href: '/console/liens', label: 'Liens et QR codes' },
  { section: 'evaluations', href: '/console/evaluations', label: 'Évaluations' },
  { section: 'agents', href: '/console/agents', label: 'Agents', admin: true },
  { section: 'journal', href: '/console/journal', label: 'Journal' },
  { section: 'compte', href: '/console/compte', label: 'Mon compte' },
];

const ROLE_LABELS = { admin: 'administrateur·rice', editor: 'rédacteur·rice', viewer: 'lecteur·rice' } as const;

export const Document: FC<{ title: string; children: Child }> = ({ title, children }) => (
  <html lang="fr">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} — Porte-voix`}</title>
      <link rel="stylesheet" href={ASSETS.styles.path} />
      <script src={ASSETS.script.path} defer></script>
    </head>
    <body>{children}</body>
  </html>
);

const Header: FC<{ agent: AuthenticatedAgent; current: Section }> = ({ agent, current }) => (
  <header class="site">
    <div class="bar">
      <a class="brand" href="/console">
        Porte-voix
      </a>
      <nav aria-label="Console">
        <ul>
          {NAV.filter((item) => !item.admin || hasRole(agent.role, 'admin')).map((item) => (
            <li>
              <a href={item.href} aria-current={item.section === current ? 'page' : undefined}>
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div class="who">
        <span>
          {agent.name} <span class="visually-hidden">, rôle </span>({ROLE_LABELS[agent.role]})
        </span>
        <form method="post" action="/console/deconnexion">
          <button type="submit">Se déconnecter</button>
        </form>
      </div>
    </div>
  </header>
);

export const Notice: FC<{ text?: string; warning?: boolean }> = ({ text, warning }) =>
  text ? (
    <div class={warning ? 'notice warning' : 'notice'} role="status">
      {text}
    </div>
  ) : null;

/** Renders a full console page for the signed-in agent. */
export function page(
  c: Context<ConsoleEnv>,
  title: string,
  current: Section,
  content: Child,
  status: 200 | 400 | 401 | 403 | 404 | 409 | 500 = 200,
) {
  return c.html(
    <Document title={title}>
      <a class="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <Header agent={c.get('agent')} current={current} />
      <main id="contenu" tabindex={-1}>
        <ChannelBanner read={c.get('channelStatus')} />
        <Notice text={c.get('notice')} />
        {content}
      </main>
      <footer class="site">Porte-voix — console des agents de la participation citoyenne</footer>
    </Document>,
    status,
  );
}
