// The console's pages for démarches: list, create, edit. Forms post, then redirect with a notice;
// a refused form comes back with the use case's violations next to their fields and what was typed.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { createAnnouncedDemarche, updateAnnouncedDemarche } from '#core/announcements/demarche-hook';
import { announcementsOfDemarche } from '#core/announcements/listing';
import { announcementPolicyOf } from '#core/demarches/demarche';
import { getDemarche, listDemarches } from '#core/demarches/use-cases';
import { listQuestionnaires } from '#core/questionnaires/use-cases';
import { type DomainError, isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { type FieldLabels, labelled } from '../../ui/field-labels';
import { type Option, readForm, valueOf } from '../../ui/forms';
import { DemarcheAnnouncements } from '../announcements/views';
import { type DemarcheDraft, draftFromForm, draftOf, emptyDemarche, inputOf } from './draft';
import { DemarcheForm, type DemarcheFormProps } from './form';
import { DemarcheTable } from './list';
import { DemarcheEvaluationNotice } from '../evaluations/notices';

const PAGE_SIZE = 50;
const LABELS: FieldLabels = {
  fields: {
    slug: 'Identifiant',
    title: 'Titre',
    summary: 'Résumé',
    link: 'Page sur la plateforme',
    themes: 'Thèmes',
    territories: 'Territoires',
    steps: 'Étapes',
    announcementPolicy: 'Annonces de la frise',
  },
  rows: {
    steps: {
      row: 'Étape',
      fields: {
        kind: 'type',
        title: 'titre',
        start: 'début',
        end: 'fin',
        link: 'lien',
        questionnaireId: 'questionnaire',
        cancelled: 'annulée',
      },
    },
  },
};
const canEdit = (c: Context<ConsoleEnv>) => hasRole(c.get('agent').role, 'editor');

async function listPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const { items, next } = await listDemarches(deps, { limit: PAGE_SIZE, cursor: c.req.query('suite') || undefined });
  return page(
    c,
    'Démarches',
    'demarches',
    <>
      <h1>Démarches</h1>
      {canEdit(c) && (
        <p class="actions">
          <a class="button" href="/console/demarches/nouvelle">
            Nouvelle démarche
          </a>
        </p>
      )}
      {items.length === 0 ? (
        <p class="muted">Aucune démarche pour l’instant.</p>
      ) : (
        <DemarcheTable demarches={items} now={deps.clock.now()} />
      )}
      {next && (
        <p>
          <a href={`/console/demarches?suite=${encodeURIComponent(next)}`}>Démarches suivantes</a>
        </p>
      )}
    </>,
  );
}

/** The questionnaires a step may name, newest first (the first 100: older ones rarely have a step to come). */
async function questionnaireOptions(deps: HttpDeps): Promise<Option[]> {
  const { items } = await listQuestionnaires(deps, { limit: 100 });
  return items.map((q) => ({ value: q.id, label: q.title }));
}

const formPage = async (
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  title: string,
  props: DemarcheFormProps,
  status: 200 | 400 | 409 = 200,
  notice?: Child,
  after?: Child,
) =>
  page(
    c,
    title,
    'demarches',
    <>
      <p class="breadcrumb">
        <a href="/console/demarches">Démarches</a>
      </p>
      <h1>{title}</h1>
      {notice}
      <DemarcheForm {...props} questionnaires={await questionnaireOptions(deps)} />
      {after}
    </>,
    status,
  );

/** A refused form: the violations next to their fields (400), or a colleague's change (409). */
function refused(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  title: string,
  error: DomainError,
  draft: DemarcheDraft,
  version?: number,
) {
  if (error.code === 'Invalid')
    return formPage(c, deps, title, { draft, version, violations: labelled(error.violations, LABELS) }, 400);
  const problem = {
    message: `Un·e collègue a modifié cette démarche entre-temps : ${error.message}.`,
    reloadHref: `/console/demarches/${encodeURIComponent(draft.slug)}`,
  };
  return formPage(c, deps, title, { draft, version, problem }, 409);
}

export function demarchePages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/demarches', (c) => listPage(c, deps));

  app.get('/console/demarches/nouvelle', (c) => {
    authorize(c.get('agent'), 'editor');
    return formPage(c, deps, 'Nouvelle démarche', { draft: emptyDemarche() });
  });

  app.post('/console/demarches/nouvelle', async (c) => {
    authorize(c.get('agent'), 'editor');
    const draft = draftFromForm(await readForm(c.req));
    try {
      const created = await createAnnouncedDemarche(deps, c.get('agent'), inputOf(draft, deps.ids));
      setNotice(c, `Démarche « ${created.title} » créée`);
      return c.redirect(`/console/demarches/${encodeURIComponent(created.slug)}`, 303);
    } catch (error) {
      if (!isDomainError(error) || (error.code !== 'Invalid' && error.code !== 'Conflict')) throw error;
      // On a creation, a conflict is a slug already taken: it belongs next to the slug field.
      const violations =
        error.code === 'Conflict'
          ? [{ field: 'slug', rule: 'slug_taken', message: error.message }]
          : labelled(error.violations, LABELS);
      return formPage(c, deps, 'Nouvelle démarche', { draft, violations }, error.code === 'Conflict' ? 409 : 400);
    }
  });

  app.get('/console/demarches/:slug', async (c) => {
    const demarche = await getDemarche(deps, c.req.param('slug'));
    const props = { draft: draftOf(demarche), version: demarche.version, readOnly: !canEdit(c) };
    const announcements = <DemarcheAnnouncements views={await announcementsOfDemarche(deps, demarche)} />;
    const notice = <DemarcheEvaluationNotice deps={deps} demarche={demarche} />;
    return formPage(c, deps, demarche.title, props, 200, notice, announcements);
  });

  app.post('/console/demarches/:slug', async (c) => {
    authorize(c.get('agent'), 'editor');
    const current = await getDemarche(deps, c.req.param('slug'));
    const values = await readForm(c.req);
    const draft = { ...draftFromForm(values), slug: current.slug };
    const version = Number(valueOf(values, 'version')) || undefined;
    // Every member of a démarche is in the form and a merge patch replaces arrays whole, so the
    // form's whole is the patch; the use case writes nothing when nothing changed.
    const { slug: _slug, announcementPolicy, ...rest } = inputOf(draft, deps.ids);
    // Unchanged policy stays as stored (absent means review): saving the form alone changes nothing.
    const patch = announcementPolicy === announcementPolicyOf(current) ? rest : { ...rest, announcementPolicy };
    try {
      const updated = await updateAnnouncedDemarche(deps, c.get('agent'), current.slug, patch, version);
      setNotice(c, updated.version === current.version ? 'Aucune modification' : 'Démarche enregistrée');
      return c.redirect(`/console/demarches/${encodeURIComponent(current.slug)}`, 303);
    } catch (error) {
      if (!isDomainError(error) || (error.code !== 'Invalid' && error.code !== 'Conflict')) throw error;
      return refused(c, deps, current.title, error, draft, version);
    }
  });
}
