// Sign-in and sign-out. The agent types their token into a form (never a URL: it would stay in the
// history and in logs); the token is exchanged for a session cookie and goes nowhere else.
import type { Context } from 'hono';
import { Hono } from 'hono';
import { signIn, signOut } from '#core/agents/sessions';
import { isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../deps';
import type { ConsoleOptions } from '../env';
import { Document, Notice } from '../layout';
import {
  clearSessionCookie,
  readSessionCookie,
  safeReturnPath,
  setNotice,
  setSessionCookie,
  takeNotice,
} from '../session-cookie';
import { ErrorSummary, TextField, readForm, valueOf } from '../ui/forms';

function signInPage(c: Context, returnTo: string, options: { error?: string; notice?: string } = {}) {
  const violations = options.error ? [{ field: 'jeton', rule: 'sign_in', message: options.error }] : [];
  return c.html(
    <Document title="Connexion">
      <main id="contenu" class="sign-in">
        <h1>Console Porte-voix</h1>
        <Notice text={options.notice} warning />
        <ErrorSummary violations={violations} message={options.error ? 'Connexion impossible' : undefined} />
        <form method="post" action="/console/connexion" class="card">
          <input type="hidden" name="suite" value={returnTo} />
          <TextField
            name="jeton"
            label="Jeton d’agent"
            hint="Le jeton commence par pv_. Il vous a été remis par un·e administrateur·rice (ou affiché par npm start)."
            type="password"
            autocomplete="current-password"
            required
            violations={violations}
          />
          <button type="submit">Se connecter</button>
        </form>
      </main>
    </Document>,
    options.error ? 401 : 200,
  );
}

export function signInRoutes(deps: HttpDeps, options: ConsoleOptions): Hono {
  const app = new Hono();
  app.get('/console/connexion', (c) => signInPage(c, safeReturnPath(c.req.query('suite')), { notice: takeNotice(c) }));
  app.post('/console/connexion', async (c) => {
    const form = await readForm(c.req);
    const returnTo = safeReturnPath(valueOf(form, 'suite'));
    try {
      const session = await signIn(deps, valueOf(form, 'jeton'), options.bootstrapTokenHash);
      setSessionCookie(
        c,
        session.sessionToken,
        Date.parse(session.endsAt) - deps.clock.now().getTime(),
        deps.publicUrl,
      );
      deps.logger.info('console sign-in', { agentId: session.agent.agentId });
      return c.redirect(returnTo, 303);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'Unauthenticated') throw error;
      return signInPage(c, returnTo, { error: error.message });
    }
  });
  app.post('/console/deconnexion', async (c) => {
    await signOut(deps, readSessionCookie(c));
    clearSessionCookie(c);
    setNotice(c, 'Vous êtes déconnecté·e.');
    return c.redirect('/console/connexion', 303);
  });
  return app;
}
