// The console's announcements: drafts to approve (preview, « Approuver », « Modifier », « Annuler »)
// and those scheduled, then the templates' editor. Approving is the core's approveAnnouncement (a
// time passed within the grace moves a minute ahead); « Modifier » is the campaign's compose page.
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { approveAnnouncement, listPendingAnnouncements } from '#core/announcements/listing';
import { type TemplateKey, TemplateKeySchema } from '#core/announcements/template';
import {
  type TemplateView,
  getAnnouncementTemplate,
  listAnnouncementTemplates,
  saveAnnouncementTemplate,
} from '#core/announcements/template-use-cases';
import { cancelCampaign } from '#core/campaigns/use-cases';
import { type Violation, isDomainError, notFound } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { readForm, valueOf } from '../../ui/forms';
import { type TemplateDraft, Placeholders, TemplateForm, templatePath } from './template-form';
import { AnnouncementCard } from './views';

const canEdit = (c: Context<ConsoleEnv>) => hasRole(c.get('agent').role, 'editor');

const KEY_LABELS: Record<TemplateKey, string> = {
  'step_opens.information': 'Ouverture — information',
  'step_opens.consultation': 'Ouverture — consultation',
  'step_opens.questionnaire': 'Ouverture — questionnaire',
  'step_opens.workshop': 'Ouverture — atelier',
  'step_opens.event': 'Ouverture — événement',
  'closing_soon.consultation': 'Plus que 2 jours — consultation',
  'closing_soon.questionnaire': 'Plus que 2 jours — questionnaire',
  'step_published.synthesis': 'Publication — synthèse',
  'step_published.citizen_opinion': 'Publication — avis citoyen',
  'step_published.decision': 'Publication — décision',
};

async function pendingPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const views = await listPendingAnnouncements(deps);
  const drafts = views.filter((v) => v.campaign.status === 'draft');
  const scheduled = views.filter((v) => v.campaign.status === 'scheduled');
  const cards = (list: typeof views) =>
    list.map((view) => <AnnouncementCard view={view} format={deps.telegramFormat} canEdit={canEdit(c)} />);
  return page(
    c,
    'Annonces',
    'annonces',
    <>
      <h1>Annonces</h1>
      <p>
        Les étapes des démarches s’annoncent d’elles-mêmes : ouverture, « Plus que 2 jours », publication. Une démarche
        en relecture les crée en brouillon, à approuver ici. <a href="/console/annonces/modeles">Modèles</a>
      </p>
      <h2>À approuver ({drafts.length})</h2>
      {drafts.length === 0 ? <p class="muted">Aucun brouillon d’annonce.</p> : cards(drafts)}
      <h2>Programmées ({scheduled.length})</h2>
      {scheduled.length === 0 ? <p class="muted">Aucune annonce programmée.</p> : cards(scheduled)}
    </>,
  );
}

async function act(c: Context<ConsoleEnv>, deps: HttpDeps, action: 'approuver' | 'annuler') {
  authorize(c.get('agent'), 'editor');
  const id = c.req.param('id') ?? '';
  try {
    if (action === 'approuver') await approveAnnouncement(deps, c.get('agent'), id);
    else await cancelCampaign(deps, c.get('agent'), id);
    setNotice(c, action === 'approuver' ? 'Annonce approuvée : elle est programmée' : 'Annonce annulée');
  } catch (error) {
    if (!isDomainError(error) || error.code === 'NotFound') throw error;
    setNotice(c, `Annonce inchangée : ${error.message}`);
  }
  return c.redirect('/console/annonces', 303);
}

function templatesPage(c: Context<ConsoleEnv>, templates: TemplateView[]) {
  return page(
    c,
    'Modèles des annonces',
    'annonces',
    <>
      <p class="breadcrumb">
        <a href="/console/annonces">Annonces</a>
      </p>
      <h1>Modèles des annonces</h1>
      <table>
        <thead>
          <tr>
            <th scope="col">Annonce</th>
            <th scope="col">Titre en français</th>
            <th scope="col">Texte</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr>
              <td>
                <a href={templatePath(t.key)}>{KEY_LABELS[t.key]}</a>
              </td>
              <td>{t.fr.title}</td>
              <td>{t.custom ? 'modifié' : 'par défaut'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>,
  );
}

const draftOf = (t: TemplateView): TemplateDraft => ({
  frTitle: t.fr.title,
  frText: t.fr.text,
  enTitle: t.en.title,
  enText: t.en.text,
  x: t.x ?? '',
});

function templatePage(
  c: Context<ConsoleEnv>,
  key: TemplateKey,
  draft: TemplateDraft,
  violations: readonly Violation[] = [],
  status: 200 | 400 = 200,
) {
  return page(
    c,
    `Modèle : ${KEY_LABELS[key]}`,
    'annonces',
    <>
      <p class="breadcrumb">
        <a href="/console/annonces/modeles">Modèles des annonces</a>
      </p>
      <h1>Modèle : {KEY_LABELS[key]}</h1>
      <Placeholders />
      <TemplateForm templateKey={key} draft={draft} violations={violations} readOnly={!canEdit(c)} />
    </>,
    status,
  );
}

const keyOf = (c: Context<ConsoleEnv>): TemplateKey => {
  const parsed = TemplateKeySchema.safeParse(c.req.param('key'));
  if (!parsed.success) throw notFound('Modèle', c.req.param('key') ?? '');
  return parsed.data;
};

async function saveTemplate(c: Context<ConsoleEnv>, deps: HttpDeps) {
  authorize(c.get('agent'), 'editor');
  const key = keyOf(c);
  const values = await readForm(c.req);
  const draft: TemplateDraft = {
    frTitle: valueOf(values, 'fr.title'),
    frText: valueOf(values, 'fr.text'),
    enTitle: valueOf(values, 'en.title'),
    enText: valueOf(values, 'en.text'),
    x: valueOf(values, 'x'),
  };
  const input = {
    fr: { title: draft.frTitle, text: draft.frText },
    en: { title: draft.enTitle, text: draft.enText },
    ...(draft.x.trim() ? { x: draft.x } : {}),
  };
  try {
    await saveAnnouncementTemplate(deps, c.get('agent'), key, input);
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'Invalid') throw error;
    return templatePage(c, key, draft, error.violations, 400);
  }
  setNotice(c, 'Modèle enregistré : les annonces à venir seront réécrites dans la minute');
  return c.redirect(templatePath(key), 303);
}

export function announcementPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/annonces', (c) => pendingPage(c, deps));
  app.get('/console/annonces/modeles', async (c) => templatesPage(c, await listAnnouncementTemplates(deps)));
  app.get('/console/annonces/modeles/:key', async (c) => {
    const key = keyOf(c);
    return templatePage(c, key, draftOf(await getAnnouncementTemplate(deps, key)));
  });
  app.post('/console/annonces/modeles/:key', (c) => saveTemplate(c, deps));
  app.post('/console/annonces/:id/approuver', (c) => act(c, deps, 'approuver'));
  app.post('/console/annonces/:id/annuler', (c) => act(c, deps, 'annuler'));
}
