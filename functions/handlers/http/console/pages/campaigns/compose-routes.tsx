// Writing a campaign through the console: the new-campaign page, saving (as a draft, or saved and
// scheduled at once), editing with the version read (a colleague's change meanwhile is a conflict,
// said as such), and the live preview of the form as typed, never saved. The use cases are the
// admin API's: every rule and every French message comes from them.
import type { Context } from 'hono';
import { authorize } from '#core/agents/use-cases';
import type { Campaign } from '#core/campaigns/campaign';
import { createCampaign, getCampaign, scheduleCampaign, updateCampaign } from '#core/campaigns/use-cases';
import { type DomainError, isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { ErrorSummary, type FormValues, readForm, valueOf } from '../../ui/forms';
import { type PageProblem, campaignPage, campaignPath } from './campaign-page';
import { loadChoices } from './catalogs';
import { type ComposeMode, ComposeForm, ComposeLive, PREVIEW_PATH } from './compose-form';
import { EMPTY_FORM, inputFromForm, patchFromInput, transientCampaign } from './form-values';
import { buildPreview } from './previews';
import { type FieldLabels, labelled } from '../../ui/field-labels';

const NEW_PATH = '/console/campagnes/nouvelle';

/** The form's labels, so a refused field reads « Titre : ne peut pas être vide », not its API path. */
const CAMPAIGN_LABELS: FieldLabels = {
  fields: {
    'message.title': 'Titre',
    'message.text': 'Texte',
    'message.link': 'Lien',
    'message.imageUrl': 'Adresse d’une image',
    channels: 'Canaux',
    xText: 'Texte différent pour X',
    'xPoll.question': 'Sondage X',
    'xPoll.durationMinutes': 'Durée du sondage X',
    demarcheSlug: 'Démarche concernée',
    questionnaireId: 'Questionnaire',
    audience: 'Audience',
    'audience.demarches': 'Démarches de l’audience',
    'audience.themes': 'Thèmes de l’audience',
    'audience.territories': 'Communes et quartiers de l’audience',
    sendAt: 'Date et heure d’envoi',
  },
};

/** Rules about the whole campaign that one field of the form can fix: shown next to it. */
const RULE_FIELDS: Record<string, string> = { questionnaire_open_at_send_time: 'questionnaireId' };

/** A domain error the form can show next to its fields; any other (Forbidden, a fault) goes to the error page. */
function problemOf(error: unknown, values: FormValues): PageProblem {
  if (!isDomainError(error) || error.code === 'Forbidden' || error.code === 'Unauthenticated') throw error;
  const status = error.code === 'NotFound' ? 404 : error.code === 'Invalid' ? 400 : 409;
  const violations = labelled(
    error.violations.map((v) =>
      v.field === '' && RULE_FIELDS[v.rule]
        ? { ...v, field: RULE_FIELDS[v.rule]! }
        : v.field === 'xPoll' || v.field === 'xPoll.questionId'
          ? { ...v, field: 'xPoll.question' } // the form's one control for the poll's question
          : v,
    ),
    CAMPAIGN_LABELS,
  );
  const fields = violations.filter((v) => v.field !== '');
  return {
    values,
    violations,
    message:
      fields.length > 0 ? 'La campagne n’a pas été enregistrée : corrigez les champs signalés' : capitalize(error),
    status,
  };
}

const capitalize = (error: DomainError) => error.message.charAt(0).toUpperCase() + error.message.slice(1);

async function newCampaignPage(c: Context<ConsoleEnv>, deps: HttpDeps, problem: PageProblem = {}) {
  const values = problem.values ?? EMPTY_FORM;
  const now = deps.clock.now();
  const [choices, preview] = await Promise.all([
    loadChoices(deps, valueOf(values, 'questionnaireId')),
    buildPreview(deps, transientCampaign(inputFromForm(values, now), now)),
  ]);
  return page(
    c,
    'Nouvelle campagne',
    'campagnes',
    <>
      <p>
        <a href="/console/campagnes">Toutes les campagnes</a>
      </p>
      <h1>Nouvelle campagne</h1>
      <ErrorSummary violations={problem.violations ?? []} message={problem.message} />
      <ComposeForm
        action={NEW_PATH}
        mode="nouvelle"
        values={values}
        violations={problem.violations ?? []}
        choices={choices}
        preview={preview}
      />
    </>,
    problem.status ?? 200,
  );
}

async function saveNew(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const agent = c.get('agent');
  authorize(agent, 'editor');
  const values = await readForm(c.req);
  const intention = valueOf(values, 'intention');
  if (intention === 'apercu') return newCampaignPage(c, deps, { values });
  try {
    const schedule = intention === 'programmer';
    const campaign = await createCampaign(deps, agent, inputFromForm(values, deps.clock.now()), { schedule });
    setNotice(c, schedule ? 'Campagne enregistrée et programmée' : 'Brouillon enregistré');
    return c.redirect(campaignPath(campaign.id), 303);
  } catch (error) {
    return newCampaignPage(c, deps, problemOf(error, values));
  }
}

const CONFLICT_MESSAGE =
  'Un·e collègue a modifié cette campagne entre-temps : vos modifications n’ont pas été enregistrées.';

async function saveExisting(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const agent = c.get('agent');
  authorize(agent, 'editor');
  const id = c.req.param('id')!;
  const values = await readForm(c.req);
  const intention = valueOf(values, 'intention');
  let campaign = await getCampaign(deps, id);
  if (intention === 'apercu') return campaignPage(c, deps, campaign, { values });
  try {
    const input = patchFromInput(inputFromForm(values, deps.clock.now()), campaign);
    campaign = await updateCampaign(deps, agent, id, input, Number(valueOf(values, 'version')) || undefined);
  } catch (error) {
    const problem = problemOf(error, values);
    if (!isDomainError(error) || !error.violations.some((v) => v.rule === 'version_matches'))
      return campaignPage(c, deps, campaign, problem);
    const link = { href: campaignPath(id), label: 'Recharger la version actuelle (vos modifications seront perdues)' };
    return campaignPage(c, deps, campaign, { ...problem, message: CONFLICT_MESSAGE, violations: [], link });
  }
  return scheduleAfterSave(c, deps, campaign, intention, values);
}

/** « Enregistrer et programmer » on a draft: saved first; if scheduling is then refused, the page says why. */
async function scheduleAfterSave(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  saved: Campaign,
  intention: string,
  values: FormValues,
) {
  if (intention !== 'programmer' || saved.status !== 'draft') {
    setNotice(c, 'Modifications enregistrées');
    return c.redirect(campaignPath(saved.id), 303);
  }
  try {
    await scheduleCampaign(deps, c.get('agent'), saved.id);
  } catch (error) {
    const kept = { ...values, version: String(saved.version) };
    const problem = problemOf(error, kept);
    return campaignPage(c, deps, saved, {
      ...problem,
      message: `Modifications enregistrées, mais la campagne n’est pas programmée : ${problem.message}`,
    });
  }
  setNotice(c, 'Modifications enregistrées, campagne programmée');
  return c.redirect(campaignPath(saved.id), 303);
}

const MODES: readonly string[] = ['nouvelle', 'draft', 'scheduled'];

/** The form as typed, previewed: the fragment the script puts in place of the previews. Nothing is saved. */
async function livePreview(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const values = await readForm(c.req);
  const now = deps.clock.now();
  const preview = await buildPreview(deps, transientCampaign(inputFromForm(values, now), now));
  const mode = MODES.includes(valueOf(values, 'mode')) ? (valueOf(values, 'mode') as ComposeMode) : 'nouvelle';
  return c.html(<ComposeLive preview={preview} mode={mode} />);
}

export function composeRoutes(app: ConsoleApp, deps: HttpDeps) {
  app.get(NEW_PATH, (c) => {
    authorize(c.get('agent'), 'editor');
    return newCampaignPage(c, deps);
  });
  app.post(NEW_PATH, (c) => saveNew(c, deps));
  app.post(PREVIEW_PATH, (c) => livePreview(c, deps));
  app.get('/console/campagnes/:id', async (c) => campaignPage(c, deps, await getCampaign(deps, c.req.param('id'))));
  app.post('/console/campagnes/:id', (c) => saveExisting(c, deps));
}
