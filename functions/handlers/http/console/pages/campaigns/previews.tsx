// The campaign on every channel side by side, before it leaves: the Telegram bubble with its
// buttons (the questionnaire's first question included), the X post with its weighted count and
// cost, the feed item, and how many subscribers the audience reaches now. Built from a stored
// campaign or from a form being typed (never saved); what blocks scheduling is said here.
import type { FC } from 'hono/jsx';
import { renderCampaignMessage } from '#adapters/telegram/campaign-message';
import type { Campaign } from '#core/campaigns/campaign';
import { countRecipients } from '#core/campaigns/preview';
import { X_POST_MAX_WEIGHTED_LENGTH, checkXPost, estimateXCost, renderXPost } from '#core/campaigns/x-post';
import { type Questionnaire, questionnairePhase } from '#core/questionnaires/questionnaire';
import type { HttpDeps } from '../../../deps';
import { TelegramBubble } from '../../ui/telegram-bubble';
import { countOf, formatDateTime, formatNumber } from '../../ui/format';

const usd = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'USD', minimumFractionDigits: 3 });

export interface PreviewData {
  recipients: number;
  telegram?: {
    html: string;
    length: number;
    limit: number;
    keyboard: { text: string }[][];
    photoUrl?: string;
    previewUrl?: string;
    /** Why the questionnaire's question is, or may not be, in the message. */
    questionNote?: string;
  };
  x?: { text: string; weightedLength: number; valid: boolean; costUsd: number; hasUrl: boolean };
  feeds?: { title: string; text: string; link: string };
}

/** The questionnaire as the send engine will ask it: an open or upcoming one; a closed one is left out. */
async function questionnaireOf(deps: HttpDeps, campaign: Campaign, now: Date) {
  if (!campaign.questionnaireId) return {};
  const questionnaire = await deps.store.questionnaires.get(campaign.questionnaireId);
  if (!questionnaire) return { note: 'Questionnaire introuvable : il ne sera pas posé.' };
  const phase = questionnairePhase(questionnaire, now);
  if (phase === 'closed') return { note: 'Ce questionnaire est clos : sa question ne sera pas posée.' };
  const note =
    phase === 'upcoming'
      ? `Le questionnaire ouvre le ${formatDateTime(questionnaire.opensAt)} : s’il n’est pas encore ouvert à l’heure d’envoi, la question ne sera pas posée.`
      : undefined;
  return { questionnaire, note };
}

function telegramPreview(campaign: Campaign, questionnaire: Questionnaire | undefined, note?: string) {
  const message = renderCampaignMessage(campaign, 'fr', questionnaire);
  return {
    html: message.html,
    length: message.length,
    limit: message.limit,
    keyboard: (message.replyMarkup?.inline_keyboard ?? []).map((row) => row.map((key) => ({ text: key.text }))),
    photoUrl: message.photoUrl,
    previewUrl: message.previewUrl,
    questionNote: note,
  };
}

function xPreview(campaign: Campaign) {
  const text = renderXPost(campaign);
  const { weightedLength, valid } = checkXPost(text);
  const cost = estimateXCost(text);
  return { text, weightedLength, valid, costUsd: cost.usd, hasUrl: cost.hasUrl };
}

export async function buildPreview(deps: HttpDeps, campaign: Campaign): Promise<PreviewData> {
  const now = deps.clock.now();
  const has = (channel: Campaign['channels'][number]) => campaign.channels.includes(channel);
  const asked = has('telegram') ? await questionnaireOf(deps, campaign, now) : {};
  return {
    recipients: await countRecipients(deps, campaign),
    telegram: has('telegram') ? telegramPreview(campaign, asked.questionnaire, asked.note) : undefined,
    x: has('x') ? xPreview(campaign) : undefined,
    feeds: has('feeds') ? { ...campaign.message } : undefined,
  };
}

/** Why this message may not be scheduled as it is, from what the channels would refuse; none: it may. */
export function schedulingBlocker(preview: PreviewData): string | undefined {
  const { x, telegram } = preview;
  if (x && x.weightedLength > X_POST_MAX_WEIGHTED_LENGTH)
    return `la publication X compte ${formatNumber(x.weightedLength)} caractères pondérés sur ${X_POST_MAX_WEIGHTED_LENGTH} : raccourcissez-la ou écrivez un texte pour X.`;
  if (x && !x.valid) return 'la publication X contient un caractère invisible refusé par X : retirez-le.';
  if (telegram && telegram.length > telegram.limit)
    return `le message Telegram compte ${formatNumber(telegram.length)} caractères sur ${formatNumber(telegram.limit)} : raccourcissez-le.`;
  return undefined;
}

const TelegramCard: FC<{ telegram: NonNullable<PreviewData['telegram']> }> = ({ telegram }) => (
  <div class="card">
    <h3>Telegram</h3>
    <TelegramBubble
      html={telegram.html}
      keyboard={telegram.keyboard}
      label="Le message Telegram tel que les abonné·es le recevront"
      photoUrl={telegram.photoUrl}
    />
    {telegram.previewUrl && (
      <p class="muted">L’image s’affiche en aperçu du lien, au-dessus du texte (texte trop long pour une légende).</p>
    )}
    {telegram.questionNote && <p class="muted">{telegram.questionNote}</p>}
    <p class={telegram.length > telegram.limit ? 'over-limit' : 'muted'}>
      {countOf(telegram.length, 'caractère', 'caractères')} sur {formatNumber(telegram.limit)}
    </p>
  </div>
);

const XCard: FC<{ x: NonNullable<PreviewData['x']> }> = ({ x }) => {
  const over = x.weightedLength > X_POST_MAX_WEIGHTED_LENGTH;
  return (
    <div class="card">
      <h3>X</h3>
      <p class={over ? 'x-post too-long' : 'x-post'}>{x.text}</p>
      <p class={over || !x.valid ? 'over-limit' : 'muted'}>
        {formatNumber(x.weightedLength)} / {X_POST_MAX_WEIGHTED_LENGTH} caractères pondérés
        {over && ' : trop long pour X'}
        {!x.valid && !over && ' : caractère refusé par X'}
      </p>
      <p class="muted">
        Coût estimé : {usd.format(x.costUsd)} {x.hasUrl ? '(publication avec lien)' : '(publication sans lien)'}
      </p>
    </div>
  );
};

const FeedCard: FC<{ feeds: NonNullable<PreviewData['feeds']> }> = ({ feeds }) => (
  <div class="card">
    <h3>Flux RSS, Atom et JSON</h3>
    <article class="feed-item">
      <p>
        <strong>{feeds.title}</strong>
      </p>
      <p class="feed-text">{feeds.text}</p>
      <p>
        <a href={/^https?:\/\//i.test(feeds.link) ? feeds.link : undefined} rel="noopener noreferrer nofollow">
          {feeds.link}
        </a>
      </p>
    </article>
  </div>
);

export const Previews: FC<{ preview: PreviewData }> = ({ preview }) => (
  <section aria-labelledby="apercu-titre">
    <h2 id="apercu-titre">Aperçu sur chaque canal</h2>
    <p>
      Audience :{' '}
      <strong>{countOf(preview.recipients, 'abonné·e Telegram actif·ve', 'abonné·es Telegram actif·ves')}</strong>,
      comptés maintenant.
    </p>
    {!preview.telegram && !preview.x && !preview.feeds && <p class="muted">Choisissez au moins un canal.</p>}
    <div class="previews">
      {preview.telegram && <TelegramCard telegram={preview.telegram} />}
      {preview.x && <XCard x={preview.x} />}
      {preview.feeds && <FeedCard feeds={preview.feeds} />}
    </div>
  </section>
);
