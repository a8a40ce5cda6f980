// The campaign on every channel side by side, before it leaves: the Telegram bubble with its
// buttons (« Répondre » when a questionnaire is asked), the X post with its weighted count and
// cost, the feed item, and how many subscribers the audience reaches now. Built from a stored
// campaign or from a form being typed (never saved); what blocks scheduling is said here.
import type { FC } from 'hono/jsx';
import { renderCampaignMessage } from '#adapters/telegram/campaign-message';
import type { Campaign } from '#core/campaigns/campaign';
import { countRecipients, paidBroadcastStars } from '#core/campaigns/preview';
import { type XMonthBudget, formatMonth, formatUsd, parisMonthOf, xMonthBudget } from '#core/campaigns/x-budget';
import { composeXPublication } from '#core/campaigns/x-poll';
import { X_POST_MAX_WEIGHTED_LENGTH, checkXPost, estimateXCost } from '#core/campaigns/x-post';
import { isDomainError } from '#core/shared/errors';
import { LOCAL_DATE_TIME } from '#core/shared/paris-time';
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
    /** The text was cut to two lines for Telegram (the rest: « Lire le message entier », feeds, X). */
    shortened?: boolean;
    /** Why the questionnaire's question is, or may not be, in the message. */
    questionNote?: string;
    /** Paid broadcast chosen: what it costs at most, in Telegram Stars, for the audience counted now. */
    paidBroadcastStars?: number;
  };
  x?: {
    text: string;
    weightedLength: number;
    valid: boolean;
    costUsd: number;
    hasUrl: boolean;
    poll?: { options: string[]; durationMinutes: number };
    /** Why X would refuse this publication as it is (a poll that does not fit X, a forbidden character). */
    problem?: string;
    /** The month of the send time (Paris), without this campaign (absent where nothing is scheduled). */
    budget?: XMonthBudget;
  };
  feeds?: { title: string; text: string; link: string };
}

/** The questionnaire as the send engine will ask it: an open or upcoming one; a closed one is left out. */
async function questionnaireOf(deps: HttpDeps, campaign: Campaign, now: Date) {
  if (!campaign.questionnaireId) return {};
  const questionnaire = await deps.store.questionnaires.get(campaign.questionnaireId);
  if (!questionnaire) return { note: 'Questionnaire introuvable : le bouton « Répondre » ne sera pas proposé.' };
  const phase = questionnairePhase(questionnaire, now);
  if (phase === 'closed') return { note: 'Ce questionnaire est clos : le bouton « Répondre » ne sera pas proposé.' };
  const note =
    phase === 'upcoming'
      ? `Le questionnaire ouvre le ${formatDateTime(questionnaire.opensAt)} : s’il n’est pas encore ouvert à l’heure d’envoi, le bouton « Répondre » ne sera pas proposé.`
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
    shortened: message.shortened,
    questionNote: note,
  };
}

/** The Paris month of the send time as typed (a wall time, or an instant), else of now. */
function sendMonth(sendAt: string, now: Date): string {
  if (LOCAL_DATE_TIME.test(sendAt)) return sendAt.slice(0, 7);
  return parisMonthOf(Number.isNaN(Date.parse(sendAt)) ? now.toISOString() : sendAt);
}

/** The publication as the next save will decide it (the use case's own composition), with the month's budget. */
async function xPreview(deps: HttpDeps, campaign: Campaign, now: Date): Promise<NonNullable<PreviewData['x']>> {
  const budget = await xMonthBudget(deps, deps.xMonthlyBudgetUsd, sendMonth(campaign.sendAt, now), campaign.id);
  let publication;
  let problem: string | undefined;
  try {
    publication = await composeXPublication(deps, campaign);
  } catch (error) {
    if (!isDomainError(error)) throw error;
    problem = error.violations.map((v) => v.message).join(' ; ') || error.message;
    publication = await composeXPublication(deps, { ...campaign, xPoll: undefined }).catch(() => undefined);
  }
  const text = publication?.text ?? campaign.xText ?? campaign.message.title;
  const { weightedLength, valid } = checkXPost(text);
  const cost = estimateXCost(text);
  return {
    text,
    weightedLength,
    valid,
    costUsd: cost.usd,
    hasUrl: cost.hasUrl,
    poll: publication?.poll,
    problem,
    budget,
  };
}

export async function buildPreview(deps: HttpDeps, campaign: Campaign): Promise<PreviewData> {
  const now = deps.clock.now();
  const has = (channel: Campaign['channels'][number]) => campaign.channels.includes(channel);
  const asked = has('telegram') ? await questionnaireOf(deps, campaign, now) : {};
  const recipients = await countRecipients(deps, campaign);
  const telegram = has('telegram') ? telegramPreview(campaign, asked.questionnaire, asked.note) : undefined;
  return {
    recipients,
    telegram:
      telegram && campaign.paidBroadcast
        ? { ...telegram, paidBroadcastStars: paidBroadcastStars(recipients) }
        : telegram,
    x: has('x') ? await xPreview(deps, campaign, now) : undefined,
    feeds: has('feeds') ? { ...campaign.message } : undefined,
  };
}

/** Why this message may not be scheduled as it is, from what the channels would refuse; none: it may. */
export function schedulingBlocker(preview: PreviewData): string | undefined {
  const { x, telegram } = preview;
  if (x && x.weightedLength > X_POST_MAX_WEIGHTED_LENGTH)
    return `le texte pour X compte ${formatNumber(x.weightedLength)} caractères pondérés sur ${X_POST_MAX_WEIGHTED_LENGTH} : raccourcissez-le, ou videz-le pour publier le titre et le lien.`;
  if (x && !x.valid) return 'la publication X contient un caractère invisible refusé par X : retirez-le.';
  if (x?.problem) return `${x.problem}.`;
  if (x?.budget && overBudget(x)) return `${budgetLine(x, x.budget)} : le budget X du mois serait dépassé.`;
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
    {telegram.shortened && (
      <p class="muted" data-telegram-shortened>
        Sur Telegram, le texte est coupé après deux lignes (280 caractères au plus) : le bouton « Lire le message entier
        » l’envoie en entier, et les flux et X gardent le texte complet.
      </p>
    )}
    {telegram.questionNote && <p class="muted">{telegram.questionNote}</p>}
    <p class={telegram.length > telegram.limit ? 'over-limit' : 'muted'}>
      {countOf(telegram.length, 'caractère', 'caractères')} sur {formatNumber(telegram.limit)}
    </p>
    {telegram.paidBroadcastStars !== undefined && (
      <p data-paid-broadcast>
        Diffusion payante : jusqu’à 1 000 messages par seconde, pour{' '}
        <strong>{formatStars(telegram.paidBroadcastStars)} au plus</strong> (0,1 Star par message, débité du solde du
        bot).
      </p>
    )}
  </div>
);

const formatStars = (stars: number) =>
  `${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(stars)} Telegram Stars`;

const overBudget = (x: NonNullable<PreviewData['x']>) =>
  x.budget?.remainingUsd !== undefined && Math.round(x.costUsd * 1000) > Math.round(x.budget.remainingUsd * 1000);

/** « budget 20,00 $ ; dépensé 12,40 $ ; programmé 7,00 $ ; cette publication 0,20 $ » (no budget: no limit). */
function budgetLine(x: NonNullable<PreviewData['x']>, budget: XMonthBudget) {
  const { budgetUsd, spentUsd, scheduledUsd } = budget;
  const figures = `dépensé ${formatUsd(spentUsd)} ; programmé ${formatUsd(scheduledUsd)} ; cette publication ${formatUsd(x.costUsd)}`;
  return budgetUsd === undefined ? `pas de budget X (${figures})` : `budget ${formatUsd(budgetUsd)} ; ${figures}`;
}

const POLL_DURATIONS: Record<number, string> = {
  60: '1 heure',
  360: '6 heures',
  1440: '1 jour',
  4320: '3 jours',
  10080: '7 jours',
};

const XCard: FC<{ x: NonNullable<PreviewData['x']> }> = ({ x }) => {
  const over = x.weightedLength > X_POST_MAX_WEIGHTED_LENGTH;
  return (
    <div class="card">
      <h3>X</h3>
      <p class={over ? 'x-post too-long' : 'x-post'}>{x.text}</p>
      {x.poll && (
        <div>
          <p>
            Sondage ({POLL_DURATIONS[x.poll.durationMinutes] ?? `${formatNumber(x.poll.durationMinutes)} minutes`}) :
          </p>
          <ul class="x-poll">
            {x.poll.options.map((option) => (
              <li>{option}</li>
            ))}
          </ul>
        </div>
      )}
      {x.problem && <p class="over-limit">X refuserait cette publication : {x.problem}</p>}
      <p class={over || !x.valid ? 'over-limit' : 'muted'} data-x-count>
        {formatNumber(x.weightedLength)} / {X_POST_MAX_WEIGHTED_LENGTH} caractères pondérés
        {over && ' : trop long pour X'}
        {!x.valid && !over && ' : caractère refusé par X'}
      </p>
      <p class="muted">
        Coût estimé : {usd.format(x.costUsd)} {x.hasUrl ? '(publication avec lien)' : '(publication sans lien)'}
      </p>
      {x.budget && (
        <p class={overBudget(x) ? 'over-limit' : 'muted'}>
          Budget X de {formatMonth(x.budget.month)} : {budgetLine(x, x.budget)}
          {x.budget.remainingUsd !== undefined && ` ; reste ${formatUsd(x.budget.remainingUsd)}`}.
        </p>
      )}
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
