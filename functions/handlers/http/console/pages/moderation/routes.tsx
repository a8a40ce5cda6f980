// The console's moderation pages: the overview, one questionnaire's queue, a decision (a form that
// posts, then redirects with a notice; a refused one comes back on its text with what was typed),
// and the preview of the published text (a fragment for the script, the whole page without it).
import type { Context } from 'hono';
import { authorize } from '#core/agents/use-cases';
import { decideText, moderationQueue, redactionViolations } from '#core/moderation/use-cases';
import { publishedText } from '#core/moderation/decision';
import { type DomainError, isDomainError, notFound } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { isFragmentRequest, setNotice } from '../../session-cookie';
import { type FormValues, readForm, valueOf } from '../../ui/forms';
import { OTHER_REASON, PublishedPreview, entryKey } from './decision-forms';
import { overviewPage } from './overview';
import { queueHref, queuePage, tabOf } from './queue-page';

/** One passage per line, blank lines ignored. */
const redactionsOf = (values: FormValues) =>
  valueOf(values, 'redactions')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);

/** The reason chosen among the common ones, or the agent's own words. */
function reasonOf(values: FormValues): string | undefined {
  const chosen = valueOf(values, 'reason');
  const other = valueOf(values, 'reasonOther').trim();
  if (chosen === OTHER_REASON || (!chosen && other)) return other || undefined;
  return chosen || undefined;
}

/** The entry a form is about, with its original (editors only reach this). */
async function entryOf(deps: HttpDeps, questionnaireId: string, values: FormValues) {
  const { items } = await moderationQueue(deps, questionnaireId);
  const entry = items.find(
    (e) => e.questionId === valueOf(values, 'questionId') && e.textHash === valueOf(values, 'textHash'),
  );
  if (!entry) throw notFound('Texte à modérer', valueOf(values, 'textHash'));
  return entry;
}

async function preview(c: Context<ConsoleEnv>, deps: HttpDeps, values: FormValues) {
  const entry = await entryOf(deps, c.req.param('id')!, values);
  const redactions = redactionsOf(values);
  const violations = redactionViolations(entry.original!, redactions);
  return { entry, violations, text: publishedText(entry.original!, redactions) };
}

function refused(c: Context<ConsoleEnv>, deps: HttpDeps, values: FormValues, error: DomainError) {
  const tab = tabOf(valueOf(values, 'statut'));
  const state = { textHash: valueOf(values, 'textHash'), values };
  if (error.code === 'Invalid') return queuePage(c, deps, tab, { ...state, violations: error.violations }, 400);
  const problem = {
    message: `Un·e collègue a décidé entre-temps sur ce texte : ${error.message}.`,
    reloadHref: queueHref(c.req.param('id')!, tab),
  };
  return queuePage(c, deps, tab, { ...state, violations: [], problem }, 409);
}

async function decide(c: Context<ConsoleEnv>, deps: HttpDeps) {
  authorize(c.get('agent'), 'editor');
  const id = c.req.param('id')!;
  const values = await readForm(c.req);
  const tab = tabOf(valueOf(values, 'statut'));
  const intent = valueOf(values, 'intent');
  if (intent === 'preview') {
    const { violations, text } = await preview(c, deps, values);
    const state = { textHash: valueOf(values, 'textHash'), values, violations, preview: text };
    return queuePage(c, deps, tab, state, violations.length > 0 ? 400 : 200);
  }
  const target = {
    questionnaireId: id,
    questionId: valueOf(values, 'questionId'),
    textHash: valueOf(values, 'textHash'),
  };
  const input =
    intent === 'reject'
      ? { ...target, status: 'rejected' as const, reason: reasonOf(values) }
      : {
          ...target,
          status: 'approved' as const,
          redactions: redactionsOf(values),
          category: valueOf(values, 'category').trim() || undefined,
        };
  try {
    const decision = await decideText(deps, c.get('agent'), input, Number(valueOf(values, 'version')) || undefined);
    setNotice(
      c,
      decision.status === 'approved'
        ? 'Texte approuvé : il pourra être publié'
        : 'Texte rejeté : il ne sera pas publié',
    );
    return c.redirect(queueHref(id, tab), 303);
  } catch (error) {
    if (!isDomainError(error) || (error.code !== 'Invalid' && error.code !== 'Conflict')) throw error;
    return refused(c, deps, values, error);
  }
}

export function moderationPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/moderation', (c) => overviewPage(c, deps));
  app.get('/console/questionnaires/:id/moderation', (c) => queuePage(c, deps, tabOf(c.req.query('statut'))));
  app.post('/console/questionnaires/:id/moderation', (c) => decide(c, deps));
  // The script's live preview: the published text for the passages typed so far, as a fragment.
  app.post('/console/questionnaires/:id/moderation/apercu', async (c) => {
    authorize(c.get('agent'), 'editor');
    const values = await readForm(c.req);
    const { entry, violations, text } = await preview(c, deps, values);
    if (!isFragmentRequest(c)) return c.redirect(`${queueHref(c.req.param('id'))}#${entryKey(entry)}`, 303);
    return c.html(<PublishedPreview text={text} violations={violations} />);
  });
}
