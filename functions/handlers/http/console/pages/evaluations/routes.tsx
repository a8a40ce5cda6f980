// The console's évaluation pages: the comparison across démarches, and the proposal of one
// démarche's évaluation, which creates its questionnaire and a draft campaign in one POST.
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { getDemarche } from '#core/demarches/use-cases';
import { compareEvaluations } from '#core/evaluation/comparison';
import { allQuestionnaires, evaluationOf, lastStepReached } from '#core/evaluation/proposals';
import { evaluationAudience, startEvaluation } from '#core/evaluation/start';
import { evaluationTemplate } from '#core/evaluation/template';
import type { Question } from '#core/questionnaires/questionnaire';
import { isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { labelled } from '../../ui/field-labels';
import { toDateTimeLocal } from '../../ui/format';
import { readForm, valueOf } from '../../ui/forms';
import { EvaluationTable } from './comparison-table';
import { EvaluationProposal, type ProposalProps } from './proposal-form';

const DATE_LABELS = { fields: { opensAt: 'Ouverture', closesAt: 'Clôture' } };

async function comparisonPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const threshold = deps.openData.smallGroupThreshold;
  const rows = await compareEvaluations(deps, threshold);
  return page(
    c,
    'Évaluations des démarches',
    'evaluations',
    <>
      <h1>Évaluations des démarches</h1>
      <p>
        « Qu’avez-vous pensé de cette démarche ? » : les mêmes questions après chaque démarche, notées de 1 à 5. Une
        évaluation de moins de {threshold} réponses ne montre aucun chiffre, pour que personne ne puisse y être
        reconnu·e. Les évaluations se proposent depuis l’accueil, quand la dernière étape d’une démarche est atteinte.
      </p>
      {rows.length === 0 ? (
        <p class="muted">Aucune démarche évaluée pour l’instant.</p>
      ) : (
        <EvaluationTable rows={rows} threshold={threshold} />
      )}
    </>,
  );
}

type Entered = Pick<ProposalProps, 'opensAt' | 'closesAt' | 'violations' | 'problem'>;

async function proposalPage(c: Context<ConsoleEnv>, deps: HttpDeps, entered?: Entered, status: 200 | 400 | 409 = 200) {
  const demarche = await getDemarche(deps, c.req.param('slug') ?? '');
  const now = deps.clock.now();
  const template = evaluationTemplate(demarche, now);
  const [questionnaires, audience] = await Promise.all([
    allQuestionnaires(deps),
    evaluationAudience(deps, demarche.slug),
  ]);
  const props: ProposalProps = {
    demarche,
    questions: template.questions as Question[],
    nextSteps: template.nextSteps,
    opensAt: toDateTimeLocal(template.opensAt),
    closesAt: toDateTimeLocal(template.closesAt),
    ...entered,
    audience,
    lastStep: lastStepReached(demarche, now),
    existing: evaluationOf(questionnaires, demarche.slug),
    canEdit: hasRole(c.get('agent').role, 'editor'),
  };
  return page(
    c,
    `Évaluation — ${demarche.title}`,
    'demarches',
    <>
      <p class="breadcrumb">
        <a href="/console/demarches">Démarches</a> ›{' '}
        <a href={`/console/demarches/${encodeURIComponent(demarche.slug)}`}>{demarche.title}</a>
      </p>
      <h1>Évaluation de « {demarche.title} »</h1>
      <EvaluationProposal {...props} />
    </>,
    status,
  );
}

async function startFromForm(c: Context<ConsoleEnv>, deps: HttpDeps) {
  authorize(c.get('agent'), 'editor');
  const slug = c.req.param('slug') ?? '';
  const values = await readForm(c.req);
  const dates = { opensAt: valueOf(values, 'opensAt'), closesAt: valueOf(values, 'closesAt') };
  try {
    const { campaign, source } = await startEvaluation(deps, c.get('agent'), slug, dates);
    setNotice(
      c,
      source === 'respondents'
        ? 'Évaluation créée : le questionnaire et cette campagne en brouillon, adressée aux personnes qui ont pris part à la démarche. Relisez-la, puis programmez-la.'
        : 'Évaluation créée. Personne n’ayant répondu aux questionnaires de la démarche, cette campagne en brouillon ira aux personnes qui la suivent. Relisez-la, puis programmez-la.',
    );
    return c.redirect(`/console/campagnes/${encodeURIComponent(campaign.id)}`, 303);
  } catch (error) {
    if (!isDomainError(error) || !['Invalid', 'Conflict'].includes(error.code)) throw error;
    const entered: Entered =
      error.code === 'Invalid'
        ? { ...dates, violations: labelled(error.violations, DATE_LABELS) }
        : { ...dates, problem: { message: `L’évaluation n’a pas été créée : ${error.message}.` } };
    return proposalPage(c, deps, entered, error.code === 'Invalid' ? 400 : 409);
  }
}

export function evaluationPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/evaluations', (c) => comparisonPage(c, deps));
  app.get('/console/demarches/:slug/evaluation', (c) => proposalPage(c, deps));
  app.post('/console/demarches/:slug/evaluation', (c) => startFromForm(c, deps));
}
