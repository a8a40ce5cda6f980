// One X post of the outbox as an agent handles it: the text to copy (a read-only textarea that works
// without script, a « Copier » button with it), the poll's options, the cost, its state, and the form
// that marks it posted with its URL.
import type { FC } from 'hono/jsx';
import { formatUsd } from '#core/campaigns/x-budget';
import { checkXPost } from '#core/campaigns/x-post';
import type { Violation } from '#core/shared/errors';
import type { XPost } from '#core/store';
import { HintAndError, describedByOf } from '../../ui/forms';
import { formatNumber, formatShortDateTime } from '../../ui/format';
import { campaignPath } from '../campaigns/campaign-page';

const STATUS: Record<XPost['status'], string> = {
  queued: 'à publier à la main',
  posted: 'publiée',
  failed: 'refusée par X',
};

const DURATIONS: Record<number, string> = {
  60: '1 heure',
  360: '6 heures',
  1440: '1 jour',
  4320: '3 jours',
  10080: '7 jours',
};
const durationOf = (minutes: number) => DURATIONS[minutes] ?? `${formatNumber(minutes)} minutes`;

export const postPath = (id: string) => `/console/x/${encodeURIComponent(id)}`;

/** The URL field and its button; `errors`: what was wrong with the URL given. */
const MarkPosted: FC<{ post: XPost; value?: string; errors: readonly Violation[] }> = ({ post, value, errors }) => {
  const id = `url-${post.id}`;
  const hint = 'Son adresse sur X, par exemple https://x.com/NantesMetropole/status/1861234567890123456.';
  return (
    <form method="post" action={`${postPath(post.id)}/publiee`} class={errors.length > 0 ? 'field invalid' : 'field'}>
      <label for={id}>Adresse de la publication</label>
      <HintAndError id={id} hint={hint} errors={errors} />
      <input
        type="url"
        id={id}
        name="url"
        value={value ?? ''}
        required
        aria-describedby={describedByOf(id, hint, errors)}
        aria-invalid={errors.length > 0 ? 'true' : undefined}
      />
      <button type="submit">Marquer comme publié</button>
    </form>
  );
};

export const PostCard: FC<{ post: XPost; canMark: boolean; url?: string; errors?: readonly Violation[] }> = ({
  post,
  canMark,
  url,
  errors = [],
}) => {
  const textId = `texte-${post.id}`;
  return (
    <article class="card" aria-labelledby={`titre-${post.id}`}>
      <h2 id={`titre-${post.id}`}>
        Publication du {formatShortDateTime(post.createdAt)} : {STATUS[post.status]}
      </h2>
      <p>
        <a href={campaignPath(post.campaignId)}>Voir la campagne</a>
      </p>
      <label for={textId}>
        Texte à publier ({formatNumber(checkXPost(post.text).weightedLength)} / 280 caractères pondérés)
      </label>
      <textarea id={textId} readonly rows={5}>
        {post.text}
      </textarea>
      <p>
        <button type="button" class="secondary" data-copy={textId} hidden>
          Copier
        </button>
      </p>
      {post.poll && (
        <>
          <p>Sondage, ouvert {durationOf(post.poll.durationMinutes)} (à créer sur X avec ces options) :</p>
          <ol class="x-poll">
            {post.poll.options.map((option) => (
              <li>{option}</li>
            ))}
          </ol>
        </>
      )}
      {post.costUsd !== undefined && (
        <p class="muted">
          Coût par l’API X : {formatUsd(post.costUsd)}
          {post.status !== 'posted' || post.postedBy ? ' ; publiée à la main dans X, elle n’est pas facturée' : ''}
        </p>
      )}
      {post.error && <p class="over-limit">X a refusé : {post.error}</p>}
      {post.status === 'posted' ? (
        <p>
          Publiée{post.postedBy ? ` à la main par ${post.postedBy.name}` : ' par l’API X'}
          {post.postUrl && (
            <>
              {' : '}
              <a href={post.postUrl} rel="noopener noreferrer">
                {post.postUrl}
              </a>
            </>
          )}
          {!post.postUrl && post.postId && ` (identifiant ${post.postId})`}
        </p>
      ) : (
        canMark && <MarkPosted post={post} value={url} errors={errors} />
      )}
    </article>
  );
};
