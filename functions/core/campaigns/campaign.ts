// A campaign: one message, written once, published on chosen channels to an audience at a time.
// Its lifecycle is a small state machine; `transition` is the one place that says what is legal.
// Sending may be paused and resumed, or cancelled: the delivery engine reads the status (and the
// round, counted up at each resume) between sends, so it stops within a second or so.
import * as z from 'zod';
import { conflict, invalid } from '../shared/errors';
import { HttpUrl, Instant, ShortId, Slug, Version } from '../shared/schema';
import { MultiLineText, SingleLineText } from '../shared/text';
import { Territory, Theme } from '../demarches/places';

export const CHANNELS = ['telegram', 'x', 'feeds'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const Audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z
    .object({
      kind: z.literal('followers'),
      demarches: z.array(Slug).max(50).default([]),
      themes: z.array(Theme).max(20).default([]),
      territories: z.array(Territory).max(35).default([]),
      // « Plus que 2 jours »: reminding those who already answered would only annoy them.
      excludeRespondentsOf: z
        .array(ShortId)
        .max(20)
        .optional()
        .describe('Sur Telegram, sauf les abonné·es ayant déjà répondu à l’un de ces questionnaires'),
    })
    .refine((a) => a.demarches.length + a.themes.length + a.territories.length > 0, {
      message: 'une audience « followers » nomme au moins une démarche, un thème ou un territoire',
      params: { rule: 'audience_not_empty' },
    }),
  // Those who answered: « Voici ce que vous avez dit », the évaluation of a démarche.
  z.object({
    kind: z.literal('respondents'),
    questionnaires: z
      .array(ShortId)
      .min(1, 'une audience « respondents » nomme au moins un questionnaire')
      .max(20)
      .describe('Abonné·es actifs ayant répondu à au moins un de ces questionnaires'),
  }),
]);
export type Audience = z.infer<typeof Audience>;

export const Message = z.object({
  title: SingleLineText(200),
  text: MultiLineText(3500),
  link: HttpUrl,
  imageUrl: HttpUrl.optional(),
  /** Subscribers who chose English read this instead (announcements' templates are written in both). */
  en: z
    .object({ title: SingleLineText(200), text: MultiLineText(3500) })
    .optional()
    .describe('Version anglaise du titre et du texte, pour les abonné·es qui ont choisi l’anglais'),
});
export type Message = z.infer<typeof Message>;

export const CampaignInput = z.object({
  message: Message,
  channels: z
    .array(Channel)
    .min(1, 'choisissez au moins un canal')
    .refine((c) => new Set(c).size === c.length, {
      message: 'un canal est répété',
      params: { rule: 'channels_unique' },
    }),
  audience: Audience.default({ kind: 'everyone' }),
  sendAt: Instant.describe('Heure d’envoi (ISO-8601 ; affichée en Europe/Paris)'),
  questionnaireId: ShortId.optional(),
  demarcheSlug: Slug.optional().describe('Démarche concernée : l’article paraît aussi dans son flux'),
  /** Text for X when the message's own text would not fit in 280 weighted characters. */
  xText: MultiLineText(1000).optional(),
  /** One question of the campaign's questionnaire posted on X as a native poll (X API v2 `poll`). */
  xPoll: z
    .object({
      questionId: ShortId.describe('Question du questionnaire de la campagne (2 à 4 options de 25 caractères au plus)'),
      durationMinutes: z.number().int().min(5).max(10_080).describe('Durée du sondage sur X, de 5 minutes à 7 jours'),
    })
    .optional()
    .describe('Publier une question du questionnaire comme sondage X'),
  /** An announcement is worth nothing late: past this, the dispatch cancels it instead of sending. */
  notAfter: Instant.optional().describe(
    'Ne pas envoyer après cette heure (annonce périmée : annulée, jamais envoyée en retard)',
  ),
  /** Telegram: every message sent with `allow_paid_broadcast` (up to 1,000/s, paid in Telegram Stars): an agent's explicit choice. */
  paidBroadcast: z
    .boolean()
    .optional()
    .describe(
      'Diffusion payante Telegram (allow_paid_broadcast) : jusqu’à 1 000 messages par seconde, facturés en Telegram Stars',
    ),
  /** Bypasses subscribers' digests and quiet hours: leaves at once for everyone. */
  urgent: z
    .boolean()
    .optional()
    .describe('Urgent : part tout de suite pour tout le monde, résumés et heures calmes des abonné·es ignorés'),
});
export type CampaignInput = z.input<typeof CampaignInput>;

export const ANNOUNCEMENT_RULES = ['step_opens', 'closing_soon', 'step_published'] as const;
export const AnnouncementRule = z.enum(ANNOUNCEMENT_RULES);
export type AnnouncementRule = z.infer<typeof AnnouncementRule>;

/** Where a campaign no agent wrote comes from: a step of a démarche's timeline, or an imported feed entry. */
export const CampaignOrigin = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('announcement'), demarcheSlug: Slug, stepId: ShortId, rule: AnnouncementRule }),
    z.object({ kind: z.literal('import'), sourceId: ShortId, entryKey: z.string().min(1).max(200) }),
  ])
  .describe('Origine d’une campagne générée : une étape du calendrier d’une démarche, ou un article d’un flux importé');
export type CampaignOrigin = z.infer<typeof CampaignOrigin>;

/** The X post as it will leave: its text, its poll, its estimated price (x-post.ts decides it). */
export const XPublication = z
  .object({
    text: z.string().describe('Le texte publié sur X (280 caractères pondérés au plus)'),
    poll: z
      .object({
        options: z.array(z.string()).min(2).max(4),
        durationMinutes: z.number().int().min(5).max(10_080),
      })
      .optional()
      .describe('Le sondage X joint, tiré de la question choisie'),
    costUsd: z.number().min(0).describe('Coût estimé par l’API X, en dollars US'),
  })
  .describe('La publication X telle qu’elle partira, recalculée à chaque enregistrement (lecture seule)');
export type XPublication = z.infer<typeof XPublication>;

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'sent', 'cancelled', 'failed'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

const count = (description: string) => z.number().int().min(0).describe(description);

export const TelegramCounts = z
  .object({
    sent: count('Messages remis par Telegram aux abonné·es'),
    failed: count('Messages refusés par Telegram, ou encore en échec après les nouvelles tentatives'),
    blocked: count(
      'Abonné·es non joint·es : le bot est bloqué, ou la personne est partie entre la programmation et l’envoi',
    ),
    uncertain: count(
      'Envois répétés après une issue inconnue (délai dépassé, arrêt en plein envoi) : doublons possibles, déjà comptés dans « sent » ou « failed »',
    ),
    held: count(
      'Messages en attente du résumé ou de la fin des heures calmes de l’abonné·e (envoyés plus tard, dans le résumé)',
    ).optional(),
    unconfigured: count(
      'Messages jamais partis : Telegram non configuré (pas de jeton de bot) jusqu’à l’abandon de l’envoi, 24 h après son début',
    ).optional(),
  })
  .describe('Telegram : un message par abonné·e de l’audience');

export const XCounts = z
  .object({
    posted: count('Publié sur X (0 ou 1)'),
    queued: count('Mis dans la boîte d’envoi faute d’identifiants X : un·e agent·e le publie à la main (0 ou 1)'),
    failed: count('Refusé par X, ou jamais publié (0 ou 1)'),
  })
  .describe('X : une publication par campagne');

export const FeedCounts = z
  .object({
    published: count('Article publié dans les flux RSS, Atom et JSON (0 ou 1)'),
    failed: count('Article non publié (0 ou 1)'),
  })
  .describe('Flux : un article par campagne');

/** What a campaign's sending came to, per channel: a Telegram message, an X post and a feed item are not the same thing. */
export const DeliveryCounts = z
  .object({
    telegram: TelegramCounts.optional(),
    x: XCounts.optional(),
    feeds: FeedCounts.optional(),
  })
  .describe('Bilan de l’envoi, par canal : seuls les canaux de la campagne y figurent');
export type TelegramCounts = z.infer<typeof TelegramCounts>;
export type XCounts = z.infer<typeof XCounts>;
export type FeedCounts = z.infer<typeof FeedCounts>;
export type DeliveryCounts = z.infer<typeof DeliveryCounts>;

export const Campaign = z.object({
  ...CampaignInput.shape,
  id: ShortId,
  status: CampaignStatus,
  createdBy: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
  version: Version,
  /** Recipients enumerated at dispatch (Telegram subscribers in the audience). */
  recipientCount: z.number().int().min(0).optional(),
  counts: DeliveryCounts.optional(),
  sentAt: Instant.optional(),
  /** Counted up at each resume (absent: 0). Send jobs carry theirs: a job of an older round stops. */
  round: z.number().int().min(0).optional().describe('Reprises de l’envoi après une pause (absent : aucune)'),
  /** The round whose jobs were enqueued (absent: 0); finalize enqueues what is left when it lags `round`. */
  enqueuedRound: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe('Reprise dont les envois sont en file : en retard sur `round`, le reste est remis en file'),
  resumedAt: Instant.optional().describe('Dernière reprise après une pause'),
  origin: CampaignOrigin.optional(),
  /** Server-managed: decided where twitter-text is loaded (each write), so the send path only reads it. */
  xPublication: XPublication.optional(),
});
export type Campaign = z.infer<typeof Campaign>;

/** The legal moves of the lifecycle; anything else is refused with the rule it breaks. */
const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'cancelled'],
  scheduled: ['draft', 'sending', 'cancelled'],
  sending: ['sent', 'failed', 'paused', 'cancelled'],
  paused: ['sending', 'cancelled'],
  sent: [],
  cancelled: [],
  failed: [],
};

export const canTransition = (from: CampaignStatus, to: CampaignStatus) => TRANSITIONS[from].includes(to);

export const STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: 'brouillon',
  scheduled: 'programmée',
  sending: 'en cours d’envoi',
  paused: 'en pause',
  sent: 'envoyée',
  cancelled: 'annulée',
  failed: 'en échec',
};

export function transition(campaign: Campaign, to: CampaignStatus, now: Date): Campaign {
  if (!canTransition(campaign.status, to))
    throw conflict(
      `une campagne ${STATUS_LABELS[campaign.status]} ne peut pas passer à « ${STATUS_LABELS[to]} »`,
      `transition_${campaign.status}_to_${to}`,
    );
  if (to === 'scheduled') assertSendAtInFuture(campaign.sendAt, now);
  return { ...campaign, status: to, updatedAt: now.toISOString() };
}

/** Only drafts and scheduled campaigns may be edited: what is being sent or was sent is history. */
export function assertEditable(campaign: Campaign) {
  if (campaign.status !== 'draft' && campaign.status !== 'scheduled')
    throw conflict(
      `une campagne ${STATUS_LABELS[campaign.status]} ne peut plus être modifiée`,
      'editable_only_draft_or_scheduled',
    );
}

export function assertSendAtInFuture(sendAt: string, now: Date) {
  if (sendAt <= now.toISOString())
    throw invalid('sendAt', 'send_at_in_future', 'l’heure d’envoi est passée : choisissez une heure à venir');
}
