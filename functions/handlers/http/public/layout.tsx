// The frame of the public pages (results, open data): French, a skip link, a public header without
// the console's navigation, the console's style sheet (same contrasts, focus ring, charts) and no
// script. Rendered to a string first, so the body can be hashed for its ETag.
import type { Child, FC } from 'hono/jsx';
import { SUBSCRIPTIONS_PATHS } from '#core/calendars/read';
import { OPEN_DATA_PATHS } from '#core/results/paths';
import { ASSETS } from '../console/assets/index';

const PublicHeader: FC = () => (
  <header class="site">
    <div class="bar">
      <span class="brand">Porte-voix</span>
      <nav aria-label="Site public">
        <ul>
          <li>
            <a href={OPEN_DATA_PATHS.html}>Données ouvertes</a>
          </li>
          <li>
            <a href={SUBSCRIPTIONS_PATHS[0]}>S’abonner</a>
          </li>
        </ul>
      </nav>
    </div>
  </header>
);

/** A whole public page as HTML text (doctype included). */
export async function renderPublicPage(title: string, content: Child): Promise<string> {
  const page = (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — Porte-voix`}</title>
        <link rel="stylesheet" href={ASSETS.styles.path} />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        <PublicHeader />
        <main id="contenu" tabindex={-1}>
          {content}
        </main>
        <footer class="site">Porte-voix — résultats publics de la participation citoyenne</footer>
      </body>
    </html>
  );
  // A JSX element is an escaped string, or a promise of one when a component is async.
  const html = await (page as unknown as Promise<string> | string);
  return `<!DOCTYPE html>${html}`;
}
