// The X outbox in the console (« X »): posts waiting for an agent (no X credentials, or refused by
// X), to copy and post by hand, then mark posted with their URL; the posts done; the month's budget.
import type { Context } from 'hono';
import type { FC } from 'hono/jsx';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { type XMonthBudget, formatMonth, formatUsd, parisMonthOf, xMonthBudget } from '#core/campaigns/x-budget';
import { getXPost, markXPostPosted } from '#core/campaigns/x-outbox';
import { type Violation, isDomainError } from '#core/shared/errors';
import type { XPost } from '#core/store';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { ErrorSummary, readForm, valueOf } from '../../ui/forms';
import { PostCard, postPath } from './post-card';

const OUTBOX_PATH = '/console/x';
const PAGE_SIZE = 20;

const BudgetLine: FC<{ b: XMonthBudget }> = ({ b }) => {
  const month = b.month;
  const figures = `dépensé par l’API ${formatUsd(b.spentUsd)} (${b.posted} publication${b.posted > 1 ? 's' : ''}) ; programmé ${formatUsd(b.scheduledUsd)} (${b.scheduled} campagne${b.scheduled > 1 ? 's' : ''})`;
  return (
    <p>
      Budget X de {formatMonth(month)} :{' '}
      {b.budgetUsd === undefined
        ? `pas de limite (X_MONTHLY_BUDGET_USD n’est pas réglé) ; ${figures}.`
        : `${formatUsd(b.budgetUsd)} ; ${figures} ; reste ${formatUsd(b.remainingUsd ?? 0)}.`}
    </p>
  );
};

async function outboxPage(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const cursor = c.req.query('suite') || undefined;
  const [result, budget] = await Promise.all([
    deps.store.xOutbox.list({ limit: PAGE_SIZE, cursor }),
    xMonthBudget(deps, deps.xMonthlyBudgetUsd, parisMonthOf(deps.clock.now().toISOString())),
  ]);
  const canMark = hasRole(c.get('agent').role, 'editor');
  return page(
    c,
    'X',
    'x',
    <>
      <h1>Publications X</h1>
      <p>
        Sans identifiants X, chaque publication attend ici : copiez son texte, publiez-la sur X (avec son sondage s’il y
        en a un), puis donnez son adresse. Avec des identifiants, l’API X les publie et elles s’affichent ici une fois
        publiées, ou refusées avec la raison.
      </p>
      <BudgetLine b={budget} />
      {result.items.length === 0 ? (
        <p class="muted">Aucune publication X pour l’instant.</p>
      ) : (
        result.items.map((post) => <PostCard post={post} canMark={canMark} />)
      )}
      {result.next && (
        <p>
          <a href={`${OUTBOX_PATH}?suite=${encodeURIComponent(result.next)}`}>Publications plus anciennes</a>
        </p>
      )}
    </>,
  );
}

function postPage(
  c: Context<ConsoleEnv>,
  post: XPost,
  problem: { url?: string; violations: readonly Violation[]; status: 200 | 400 } = { violations: [], status: 200 },
) {
  return page(
    c,
    'Publication X',
    'x',
    <>
      <p>
        <a href={OUTBOX_PATH}>Toutes les publications X</a>
      </p>
      <h1>Publication X</h1>
      <ErrorSummary
        violations={problem.violations.map((v) => ({ ...v, field: '' }))}
        message={problem.violations.length > 0 ? 'La publication n’a pas été marquée comme publiée' : undefined}
      />
      <PostCard
        post={post}
        canMark={hasRole(c.get('agent').role, 'editor')}
        url={problem.url}
        errors={problem.violations}
      />
    </>,
    problem.status,
  );
}

async function markPosted(c: Context<ConsoleEnv>, deps: HttpDeps) {
  const agent = c.get('agent');
  authorize(agent, 'editor');
  const id = c.req.param('id')!;
  const url = valueOf(await readForm(c.req), 'url');
  try {
    await markXPostPosted(deps, agent, id, url);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.code === 'Invalid')
      return postPage(c, await getXPost(deps, id), { url, violations: error.violations, status: 400 });
    if (error.code !== 'Conflict') throw error;
    setNotice(c, `Rien n’a changé : ${error.message}`);
    return c.redirect(postPath(id), 303);
  }
  setNotice(c, 'Publication X marquée comme publiée');
  return c.redirect(OUTBOX_PATH, 303);
}

export function outboxPages(app: ConsoleApp, deps: HttpDeps) {
  app.get(OUTBOX_PATH, (c) => outboxPage(c, deps));
  app.get(`${OUTBOX_PATH}/:id`, async (c) => postPage(c, await getXPost(deps, c.req.param('id'))));
  app.post(`${OUTBOX_PATH}/:id/publiee`, (c) => markPosted(c, deps));
}
