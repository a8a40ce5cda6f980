// The compose form and a campaign, both ways: form fields are named after the use cases' field
// paths (`message.title`, `audience`, `sendAt`…) so each violation lands next to its field.
import type { Audience, Campaign, CampaignInput } from '#core/campaigns/campaign';
import { CHANNELS } from '#core/campaigns/campaign';
import { THEMES, TERRITORIES } from '#core/demarches/places';
import { type FormValues, valueOf, valuesOf } from '../../ui/forms';
import { toDateTimeLocal } from '../../ui/format';

/** « maintenant »: a minute from now, so the time is still ahead when the use case checks it. */
export const NOW_MARGIN_MS = 60_000;

/** A browser sends CRLF line breaks from a textarea; the message keeps plain LF. */
const text = (values: FormValues, name: string) => valueOf(values, name).replace(/\r\n?/g, '\n');
const optional = (values: FormValues, name: string) => text(values, name).trim() || undefined;

function audienceFrom(values: FormValues): Audience {
  const kind = valueOf(values, 'audience.kind');
  if (kind === 'respondents') return { kind, questionnaires: valuesOf(values, 'audience.questionnaires') };
  if (kind !== 'followers') return { kind: 'everyone' };
  return {
    kind: 'followers',
    demarches: valuesOf(values, 'audience.demarches'),
    themes: valuesOf(values, 'audience.themes') as Extract<Audience, { kind: 'followers' }>['themes'],
    territories: valuesOf(values, 'audience.territories'),
  };
}

/** The poll field holds `<questionnaire>/<question>` (the list groups questions by questionnaire); the use case checks it. */
function xPollFrom(values: FormValues): CampaignInput['xPoll'] {
  const chosen = valueOf(values, 'xPoll.question').trim();
  if (!chosen) return undefined;
  const questionId = chosen.slice(chosen.indexOf('/') + 1);
  const minutes = Number(valueOf(values, 'xPoll.durationMinutes'));
  return { questionId, durationMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : DEFAULT_POLL_MINUTES };
}

/** A poll open one day unless the agent chooses otherwise. */
export const DEFAULT_POLL_MINUTES = 1440;

/** The send time the agent chose: « maintenant », or the Paris wall time of the field (read by the core). */
function sendAtFrom(values: FormValues, now: Date): string {
  if (valueOf(values, 'quand') === 'maintenant') return new Date(now.getTime() + NOW_MARGIN_MS).toISOString();
  return valueOf(values, 'sendAt').trim();
}

/** What the form says, as the use cases' input (they check it: nothing is validated twice here). */
export function inputFromForm(values: FormValues, now: Date) {
  return {
    message: {
      title: text(values, 'message.title'),
      text: text(values, 'message.text'),
      link: valueOf(values, 'message.link').trim(),
      imageUrl: optional(values, 'message.imageUrl'),
    },
    channels: valuesOf(values, 'channels'),
    audience: audienceFrom(values),
    sendAt: sendAtFrom(values, now),
    questionnaireId: optional(values, 'questionnaireId'),
    demarcheSlug: optional(values, 'demarcheSlug'),
    xText: optional(values, 'xText'),
    xPoll: xPollFrom(values),
    // Not in the form (yet): a merge patch without it keeps what the campaign has.
    notAfter: undefined,
    urgent: valuesOf(values, 'envoi').includes('urgent') || undefined,
    paidBroadcast: valuesOf(values, 'envoi').includes('paidBroadcast') || undefined,
  } satisfies Record<keyof CampaignInput, unknown>;
}

export type FormInput = ReturnType<typeof inputFromForm>;

/**
 * The whole input as a merge patch of `current`: an optional field left blank is removed (`null`),
 * not kept; a send time left as shown is not sent, so that fixing a typo in a draft whose time has
 * passed is not refused for a time the agent did not set (scheduling it still is).
 */
export function patchFromInput(input: FormInput, current: Campaign) {
  const { sendAt, ...rest } = input;
  return {
    ...rest,
    ...(sendAt === toDateTimeLocal(current.sendAt) ? {} : { sendAt }),
    message: { ...input.message, imageUrl: input.message.imageUrl ?? null },
    questionnaireId: input.questionnaireId ?? null,
    demarcheSlug: input.demarcheSlug ?? null,
    xText: input.xText ?? null,
    xPoll: input.xPoll ?? null,
    urgent: input.urgent ?? null,
    paidBroadcast: input.paidBroadcast ?? null,
  };
}

/** The form of a stored campaign, to edit it. */
export function formFromCampaign(campaign: Campaign): FormValues {
  const { message, audience } = campaign;
  return {
    'message.title': message.title,
    'message.text': message.text,
    'message.link': message.link,
    'message.imageUrl': message.imageUrl ?? '',
    channels: campaign.channels,
    xText: campaign.xText ?? '',
    'xPoll.question': campaign.xPoll ? `${campaign.questionnaireId ?? ''}/${campaign.xPoll.questionId}` : '',
    'xPoll.durationMinutes': String(campaign.xPoll?.durationMinutes ?? DEFAULT_POLL_MINUTES),
    demarcheSlug: campaign.demarcheSlug ?? '',
    questionnaireId: campaign.questionnaireId ?? '',
    'audience.kind': audience.kind,
    'audience.demarches': audience.kind === 'followers' ? audience.demarches : [],
    'audience.themes': audience.kind === 'followers' ? audience.themes : [],
    'audience.territories': audience.kind === 'followers' ? audience.territories : [],
    'audience.questionnaires': audience.kind === 'respondents' ? audience.questionnaires : [],
    quand: 'heure',
    sendAt: toDateTimeLocal(campaign.sendAt),
    envoi: [...(campaign.urgent ? ['urgent'] : []), ...(campaign.paidBroadcast ? ['paidBroadcast'] : [])],
    version: String(campaign.version),
  };
}

/** A new campaign's form: Telegram and the feeds, everyone, tomorrow at 09:00 is left to the agent. */
export const EMPTY_FORM: FormValues = { channels: ['telegram', 'feeds'], 'audience.kind': 'everyone', quand: 'heure' };

const known = <T extends string>(values: readonly string[], allowed: readonly T[]) =>
  values.filter((v): v is T => (allowed as readonly string[]).includes(v));

/**
 * A campaign-shaped object from whatever the form holds, for the preview only: never saved, never
 * validated (the preview shows what would be sent, the use cases say what is wrong when saving).
 */
export function transientCampaign(input: FormInput, now: Date): Campaign {
  const audience: Audience =
    input.audience.kind !== 'followers'
      ? input.audience
      : {
          kind: 'followers',
          demarches: input.audience.demarches,
          themes: known(input.audience.themes, Object.keys(THEMES) as (keyof typeof THEMES)[]),
          territories: input.audience.territories.filter((t) => t in TERRITORIES),
        };
  return {
    message: input.message,
    channels: known(input.channels, CHANNELS),
    audience,
    sendAt: input.sendAt,
    questionnaireId: input.questionnaireId,
    demarcheSlug: input.demarcheSlug,
    xText: input.xText,
    xPoll: input.xPoll,
    urgent: input.urgent,
    paidBroadcast: input.paidBroadcast,
    id: 'apercu',
    status: 'draft',
    createdBy: '',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    version: 0,
  };
}
