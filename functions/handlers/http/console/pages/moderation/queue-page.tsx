// One questionnaire's moderation queue in the console: tabs « À modérer / Approuvés / Rejetés »
// (links, so they work without script), then the texts of the tab question by question.
import type { Context } from 'hono';
import { hasRole } from '#core/agents/agent';
import type { QueueEntry, QueueStatus } from '#core/moderation/queue';
import { moderationQueue } from '#core/moderation/use-cases';
import { getQuestionnaire } from '#core/questionnaires/use-cases';
import type { HttpDeps } from '../../../deps';
import type { ConsoleEnv } from '../../env';
import { page } from '../../layout';
import type { EntryFormState } from './decision-forms';
import { EntryCard } from './entry-card';

/** The tabs, by their French name in the address. */
export const TABS = { 'a-moderer': 'pending', approuves: 'approved', rejetes: 'rejected' } as const;
export type Tab = keyof typeof TABS;
const TAB_LABELS: Record<Tab, string> = { 'a-moderer': 'À modérer', approuves: 'Approuvés', rejetes: 'Rejetés' };
const EMPTY: Record<QueueStatus, string> = {
  pending: 'Aucun texte n’attend de décision.',
  approved: 'Aucun texte approuvé pour l’instant.',
  rejected: 'Aucun texte rejeté.',
};

const TAB_OF_STATUS: Record<QueueStatus, Tab> = { pending: 'a-moderer', approved: 'approuves', rejected: 'rejetes' };

export const tabOf = (value: string | undefined): Tab => (value && value in TABS ? (value as Tab) : 'a-moderer');
export const queueHref = (id: string, tab: Tab = 'a-moderer') =>
  `/console/questionnaires/${encodeURIComponent(id)}/moderation${tab === 'a-moderer' ? '' : `?statut=${tab}`}`;

// A viewer reads the texts as the public would: masked, never the original.
const withoutOriginal = ({ original: _original, ...entry }: QueueEntry): QueueEntry => entry;

export async function queuePage(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  tab: Tab,
  state?: EntryFormState,
  status: 200 | 400 | 409 = 200,
) {
  const questionnaire = await getQuestionnaire(deps, c.req.param('id')!);
  const { counts, items: all } = await moderationQueue(deps, questionnaire.id);
  // A form given back shows in the tab where its text is now (a colleague may have moved it).
  const stateEntry = state && all.find((e) => e.textHash === state.textHash);
  if (stateEntry) tab = TAB_OF_STATUS[stateEntry.status];
  const queue = { counts, items: all.filter((e) => e.status === TABS[tab]) };
  const canDecide = hasRole(c.get('agent').role, 'editor');
  const base = `/console/questionnaires/${encodeURIComponent(questionnaire.id)}/moderation`;
  const forms = { action: base, previewAction: `${base}/apercu`, tab };
  const questions = questionnaire.questions.filter((q) => q.kind === 'short_text');
  return page(
    c,
    `Modération — ${questionnaire.title}`,
    'moderation',
    <>
      <p class="breadcrumb">
        <a href="/console/moderation">Modération</a> ·{' '}
        <a href={`/console/questionnaires/${encodeURIComponent(questionnaire.id)}`}>Le questionnaire</a>
      </p>
      <h1>Modération : {questionnaire.title}</h1>
      <p>
        Aucune réponse écrite n’est publiée avant d’avoir été approuvée ici. Les numéros de téléphone, adresses e-mail
        et adresses postales sont masqués automatiquement ; retirez à la main ce que le masquage n’a pas vu (un nom, par
        exemple). Les textes identiques sont regroupés : une décision vaut pour tous.
        {!canDecide && ' Votre rôle permet de lire la file, pas de décider.'}
      </p>
      <nav aria-label="Textes par décision">
        <ul class="status-filters">
          {(Object.keys(TABS) as Tab[]).map((t) => (
            <li>
              <a href={queueHref(questionnaire.id, t)} aria-current={t === tab ? 'page' : undefined}>
                {TAB_LABELS[t]} ({queue.counts[TABS[t]]})
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {queue.items.length === 0 && <p class="muted">{EMPTY[TABS[tab]]}</p>}
      {questions.map((question) => {
        const entries = queue.items.filter((e) => e.questionId === question.id);
        if (entries.length === 0) return null;
        return (
          <section aria-labelledby={`question-${question.id}`}>
            <h2 id={`question-${question.id}`}>
              Question {questionnaire.questions.indexOf(question) + 1} : {question.prompt}
            </h2>
            {entries.map((entry, i) => (
              <EntryCard
                entry={canDecide ? entry : withoutOriginal(entry)}
                index={i}
                canDecide={canDecide}
                forms={forms}
                state={state?.textHash === entry.textHash ? state : undefined}
              />
            ))}
          </section>
        );
      })}
    </>,
    status,
  );
}
