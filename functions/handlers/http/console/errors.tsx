// Errors as the console shows them: a French page saying what happened and what to do. Domain
// errors keep their message; anything else is logged with its name and shown as a generic fault.
import type { Context } from 'hono';
import { isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../deps';
import type { ConsoleEnv } from './env';
import { Document, page } from './layout';

const STATUS = {
  NotFound: 404,
  Forbidden: 403,
  Conflict: 409,
  Closed: 409,
  Invalid: 400,
  Unauthenticated: 401,
} as const;
const TITLES = {
  404: 'Page introuvable',
  403: 'Action non autorisée',
  409: 'Action impossible pour le moment',
  400: 'Demande invalide',
  401: 'Connexion requise',
  500: 'Erreur du serveur',
} as const;

export function consoleErrorPage(c: Context<ConsoleEnv>, error: unknown, deps: HttpDeps) {
  const status = isDomainError(error) ? STATUS[error.code] : 500;
  if (status === 500)
    deps.logger.error('console error', { errorName: (error as Error)?.name, errorMessage: (error as Error)?.message });
  const message = isDomainError(error)
    ? error.message
    : 'Une erreur inattendue s’est produite ; elle est enregistrée. Réessayez dans un instant.';
  const content = (
    <>
      <h1>{TITLES[status]}</h1>
      <p>{message}</p>
      <p>
        <a href="/console">Revenir à l’accueil de la console</a>
      </p>
    </>
  );
  if (c.get('agent')) return page(c, TITLES[status], 'accueil', content, status);
  return c.html(
    <Document title={TITLES[status]}>
      <main id="contenu">{content}</main>
    </Document>,
    status,
  );
}

/** Any other console path, once signed in: a French 404 inside the console's frame. */
export const consoleNotFound = (c: Context<ConsoleEnv>) =>
  page(
    c,
    'Page introuvable',
    'accueil',
    <>
      <h1>Page introuvable</h1>
      <p>
        Cette adresse ne correspond à aucune page de la console. <a href="/console">Revenir à l’accueil</a>
      </p>
    </>,
    404,
  );
