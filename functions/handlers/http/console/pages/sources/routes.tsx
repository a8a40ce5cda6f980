// The sources page: the platform's feeds Porte-voix imports, their status, adding one (URL and
// démarche or global), checking one now, removing one. Readers see; editors act.
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { listDemarches } from '#core/demarches/use-cases';
import { isFailing } from '#core/imports/feed-source';
import {
  checkFeedSourceNow,
  createFeedSource,
  deleteFeedSource,
  getFeedSource,
  listFeedSources,
} from '#core/imports/use-cases';
import { createFeedReader } from '#adapters/feeds/source-reader';
import { publicAddressesOnly } from '#adapters/feeds/source-address';
import { type Violation, isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { type FormValues, readForm, valueOf } from '../../ui/forms';
import { AddSourceForm, SourceTable } from './source-views';

async function sourcesPage(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  form: { values: FormValues; violations: readonly Violation[] } = { values: {}, violations: [] },
) {
  const [sources, demarches] = await Promise.all([listFeedSources(deps), allDemarches(deps)]);
  const canEdit = hasRole(c.get('agent').role, 'editor');
  return page(
    c,
    'Sources',
    'sources',
    <>
      <h1>Sources</h1>
      <p>
        Les flux RSS ou Atom de la plateforme de participation, lus toutes les 15 minutes. Chaque nouvel article paraît
        dans les flux de Porte-voix et, selon la démarche, est annoncé sur Telegram (brouillon à relire, ou programmé).
        À l’ajout d’une source, ses articles existants sont importés sans être annoncés.
      </p>
      <section aria-labelledby="liste-sources">
        <h2 id="liste-sources">Flux importés</h2>
        <SourceTable sources={sources} demarches={demarches} canEdit={canEdit} />
      </section>
      {canEdit && (
        <section aria-labelledby="nouvelle-source">
          <h2 id="nouvelle-source">Ajouter une source</h2>
          <AddSourceForm demarches={demarches} values={form.values} violations={form.violations} />
        </section>
      )}
    </>,
    form.violations.length > 0 ? 400 : 200,
  );
}

async function allDemarches(deps: HttpDeps) {
  const page = await listDemarches(deps, { limit: 100 });
  return page.items;
}

const newArticles = (n: number) =>
  n === 0 ? 'aucun nouvel article' : n === 1 ? '1 nouvel article' : `${n} nouveaux articles`;

const readerOf = (deps: HttpDeps) => deps.feedReader ?? createFeedReader({ policy: publicAddressesOnly });

export function sourcePages(app: ConsoleApp, deps: HttpDeps) {
  const importDeps = { ...deps, feedReader: readerOf(deps) };
  app.get('/console/sources', (c) => sourcesPage(c, deps));

  app.post('/console/sources', async (c) => {
    authorize(c.get('agent'), 'editor');
    const values = await readForm(c.req);
    try {
      const demarcheSlug = valueOf(values, 'demarcheSlug');
      const source = await createFeedSource(importDeps, c.get('agent'), {
        url: valueOf(values, 'url'),
        label: valueOf(values, 'label'),
        ...(demarcheSlug ? { demarcheSlug } : {}),
      });
      setNotice(c, `Source « ${source.label} » ajoutée : elle sera lue à la prochaine vérification.`);
      return c.redirect('/console/sources', 303);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'Invalid') throw error;
      return sourcesPage(c, deps, { values, violations: error.violations });
    }
  });

  app.post('/console/sources/:id/verifier', async (c) => {
    authorize(c.get('agent'), 'editor');
    const { source, imported } = await checkFeedSourceNow(importDeps, c.req.param('id'));
    setNotice(
      c,
      isFailing(source.status)
        ? `« ${source.label} » n’a pas pu être lue : ${source.status.lastError ?? ''}`
        : `« ${source.label} » est à jour : ${newArticles(imported)}.`,
    );
    return c.redirect('/console/sources', 303);
  });

  app.post('/console/sources/:id/retirer', async (c) => {
    authorize(c.get('agent'), 'editor');
    const { label } = await getFeedSource(deps, c.req.param('id'));
    await deleteFeedSource(deps, c.req.param('id'));
    setNotice(c, `Source « ${label} » retirée ; ses articles déjà importés restent dans les flux.`);
    return c.redirect('/console/sources', 303);
  });
}
