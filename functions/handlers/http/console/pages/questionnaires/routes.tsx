// The console's pages for questionnaires: list, builder (create, edit) and its live preview.
// Forms post, then redirect with a notice; « Ajouter une question » and « Mettre à jour l’aperçu »
// re-render the builder with what was typed, saving nothing.
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { listDemarches } from '#core/demarches/use-cases';
import { type Questionnaire, questionnairePhase } from '#core/questionnaires/questionnaire';
import {
  createQuestionnaire,
  getQuestionnaire,
  listQuestionnaires,
  updateQuestionnaire,
} from '#core/questionnaires/use-cases';
import { PublicationNeedsConfirmation, policyChangeNotice } from '#core/questionnaires/policy-change';
import { type DomainError, type Violation, isDomainError } from '#core/shared/errors';
import { ShortId } from '#core/shared/schema';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { formatDateTime } from '../../ui/format';
import { labelled } from '../../ui/field-labels';
import { type FormValues, readForm, valueOf } from '../../ui/forms';
import { CONFIRM_PUBLICATION, PublicationConfirmation } from './confirm-publication';
import {
  type QuestionnaireDraft,
  builderViolations,
  draftFromForm,
  draftOf,
  emptyQuestion,
  emptyQuestionnaire,
  inputOf,
} from './draft';
import { type BuilderProps, PREVIEW_PATH, QuestionnaireBuilder } from './form';
import { QUESTIONNAIRE_LABELS } from './labels';
import { QuestionnaireTable } from './list';
import { QuestionnairePreview } from './preview';

const PAGE_SIZE = 50;
const canEdit = (c: Context<ConsoleEnv>) => hasRole(c.get('agent').role, 'editor');
const editPath = (id: string) => `/console/questionnaires/${encodeURIComponent(id)}`;

async function listPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const { items, next } = await listQuestionnaires(deps, {
    limit: PAGE_SIZE,
    cursor: c.req.query('suite') || undefined,
  });
  return page(
    c,
    'Questionnaires',
    'questionnaires',
    <>
      <h1>Questionnaires</h1>
      {canEdit(c) && (
        <p class="actions">
          <a class="button" href="/console/questionnaires/nouveau">
            Nouveau questionnaire
          </a>
        </p>
      )}
      {items.length === 0 ? (
        <p class="muted">Aucun questionnaire pour l’instant.</p>
      ) : (
        <QuestionnaireTable questionnaires={items} now={deps.clock.now()} />
      )}
      {next && (
        <p>
          <a href={`/console/questionnaires?suite=${encodeURIComponent(next)}`}>Questionnaires suivants</a>
        </p>
      )}
    </>,
  );
}

/** The démarches a questionnaire may be tied to (the first hundred, and the one it is tied to). */
async function demarcheOptions(deps: HttpDeps, selected: string) {
  const { items } = await listDemarches(deps, { limit: 100 });
  const options = items.map((d) => ({ value: d.slug, label: d.title }));
  if (selected && !options.some((o) => o.value === selected)) options.push({ value: selected, label: selected });
  return options;
}

/** Why the questions of an opened questionnaire cannot change, or `undefined` while it has not opened. */
function frozenReason(q: Questionnaire, now: Date): string | undefined {
  if (questionnairePhase(q, now) === 'upcoming') return undefined;
  return (
    `Ce questionnaire est ouvert depuis le ${formatDateTime(q.opensAt)} : ses questions ne peuvent plus changer, ` +
    'sans quoi ses résultats mêleraient des réponses à deux questions différentes. Le titre, l’introduction, les dates, ' +
    'la politique des résultats et « Et après ? » restent modifiables.'
  );
}

type Rendered = Omit<BuilderProps, 'demarches'>;

async function builderPage(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  title: string,
  props: Rendered,
  status: 200 | 400 | 409 = 200,
) {
  const demarches = await demarcheOptions(deps, props.draft.demarcheSlug);
  return page(
    c,
    title,
    'questionnaires',
    <>
      <p class="breadcrumb">
        <a href="/console/questionnaires">Questionnaires</a>
      </p>
      <h1>{title}</h1>
      <QuestionnaireBuilder {...props} demarches={demarches} smallGroupThreshold={deps.openData.smallGroupThreshold} />
    </>,
    status,
  );
}

/** The use case's refusal as the builder shows it: next to a field (400), or above the form (409). */
function refusal(error: DomainError, id?: string): { violations?: Violation[]; problem?: BuilderProps['problem'] } {
  if (error.code === 'Invalid') return { violations: labelled(error.violations, QUESTIONNAIRE_LABELS) };
  if (error.code === 'NotFound')
    return { violations: [{ field: 'demarcheSlug', rule: 'demarche_exists', message: error.message }] };
  const frozen = error.violations.some((v) => v.rule === 'questions_frozen_once_open');
  const message = frozen
    ? `Le questionnaire vient d’ouvrir : ses questions ne peuvent plus changer (${error.message}).`
    : `Un·e collègue a modifié ce questionnaire entre-temps : ${error.message}.`;
  return { problem: { message, reloadHref: id ? editPath(id) : undefined } };
}

/** « Ajouter une question » and « Mettre à jour l’aperçu »: the same builder, one more question or a fresh preview. */
function rerendered(action: string, draft: QuestionnaireDraft): QuestionnaireDraft | undefined {
  if (action === 'ajouter') return { ...draft, questions: [...draft.questions, emptyQuestion()] };
  if (action === 'apercu') return draft;
  return undefined;
}

async function createFromForm(c: Context<ConsoleEnv>, deps: HttpDeps) {
  authorize(c.get('agent'), 'editor');
  const values = await readForm(c.req);
  const draft = draftFromForm(values);
  const again = rerendered(valueOf(values, 'action'), draft);
  if (again) return builderPage(c, deps, 'Nouveau questionnaire', { draft: again });
  const own = builderViolations(draft);
  if (own.length > 0) return builderPage(c, deps, 'Nouveau questionnaire', { draft, violations: own }, 400);
  try {
    const created = await createQuestionnaire(deps, c.get('agent'), inputOf(draft, [], deps.ids));
    setNotice(c, `Questionnaire « ${created.title} » créé`);
    return c.redirect(editPath(created.id), 303);
  } catch (error) {
    if (!isDomainError(error) || !['Invalid', 'NotFound'].includes(error.code)) throw error;
    return builderPage(c, deps, 'Nouveau questionnaire', { draft, ...refusal(error) }, 400);
  }
}

async function editPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const q = await getQuestionnaire(deps, c.req.param('id') ?? '');
  const props = {
    draft: draftOf(q),
    id: q.id,
    version: q.version,
    readOnly: !canEdit(c),
    frozen: frozenReason(q, deps.clock.now()),
    known: q.questions,
  };
  return builderPage(c, deps, q.title, props);
}

/** Private → public: the step where the agent sees what will be published, then confirms. */
function confirmationPage(
  c: Context<ConsoleEnv>,
  q: Questionnaire,
  error: PublicationNeedsConfirmation,
  values: FormValues,
) {
  return page(
    c,
    `Rendre publics les résultats — ${q.title}`,
    'questionnaires',
    <>
      <p class="breadcrumb">
        <a href="/console/questionnaires">Questionnaires</a> › <a href={editPath(q.id)}>{q.title}</a>
      </p>
      <h1>Rendre publics les résultats de « {q.title} » ?</h1>
      <PublicationConfirmation
        action={editPath(q.id)}
        policy={error.policy}
        consequences={error.consequences}
        values={values}
      />
    </>,
    409,
  );
}

async function saveFromForm(c: Context<ConsoleEnv>, deps: HttpDeps) {
  authorize(c.get('agent'), 'editor');
  const current = await getQuestionnaire(deps, c.req.param('id') ?? '');
  const values = await readForm(c.req);
  const frozen = frozenReason(current, deps.clock.now());
  const draft = draftFromForm(values);
  // Frozen questions are shown, not sent: they stay as stored.
  if (frozen) draft.questions = draftOf(current).questions;
  const version = Number(valueOf(values, 'version')) || undefined;
  const base = { id: current.id, version, frozen, known: current.questions };
  const again = rerendered(valueOf(values, 'action'), draft);
  if (again) return builderPage(c, deps, current.title, { ...base, draft: again });
  const own = builderViolations(draft);
  if (own.length > 0) return builderPage(c, deps, current.title, { ...base, draft, violations: own }, 400);
  // evaluationOf is the template's, not the form's: left out, the patch keeps it.
  const { questions, evaluationOf: _template, ...rest } = inputOf(draft, current.questions, deps.ids);
  // A merge patch: `null` removes an optional field the agent emptied; frozen questions are left out.
  const patch = {
    ...rest,
    intro: rest.intro ?? null,
    demarcheSlug: rest.demarcheSlug ?? null,
    breakdownBy: rest.breakdownBy ?? null,
    ...(frozen ? {} : { questions }),
  };
  try {
    const confirmPublication = valueOf(values, 'action') === CONFIRM_PUBLICATION;
    const updated = await updateQuestionnaire(deps, c.get('agent'), current.id, patch, version, { confirmPublication });
    const policy = policyChangeNotice(current, updated, deps.clock.now());
    setNotice(
      c,
      updated.version === current.version
        ? 'Aucune modification'
        : ['Questionnaire enregistré.', policy].filter(Boolean).join(' '),
    );
    return c.redirect(editPath(current.id), 303);
  } catch (error) {
    if (error instanceof PublicationNeedsConfirmation) return confirmationPage(c, current, error, values);
    if (!isDomainError(error) || !['Invalid', 'NotFound', 'Conflict'].includes(error.code)) throw error;
    const status = error.code === 'Conflict' ? 409 : 400;
    return builderPage(c, deps, current.title, { ...base, draft, ...refusal(error, current.id) }, status);
  }
}

export function questionnairePages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/questionnaires', (c) => listPage(c, deps));
  // The live preview: the script posts the builder here as the agent types; a fragment, never a page.
  app.post(PREVIEW_PATH, async (c) => {
    const values = await readForm(c.req);
    // The stored questions give options their ids, which the conditions (skip logic) name.
    const id = valueOf(values, 'questionnaireId');
    const known = ShortId.safeParse(id).success ? (await deps.store.questionnaires.get(id))?.questions : undefined;
    return c.html(<QuestionnairePreview draft={draftFromForm(values)} known={known} />);
  });
  app.get('/console/questionnaires/nouveau', (c) => {
    authorize(c.get('agent'), 'editor');
    return builderPage(c, deps, 'Nouveau questionnaire', { draft: emptyQuestionnaire() });
  });
  app.post('/console/questionnaires/nouveau', (c) => createFromForm(c, deps));
  app.get('/console/questionnaires/:id', (c) => editPage(c, deps));
  app.post('/console/questionnaires/:id', (c) => saveFromForm(c, deps));
}
