// What the API's `GET /api/v1/status` and the console's banner say about each outbound channel, read
// from `HttpDeps.channelStatus` (absent: configured, as in the local runtime). One reading, two
// views, so the API and the console never disagree on « Telegram non configuré ».
import { z } from '@hono/zod-openapi';
import { type ChannelStatus, TELEGRAM_UNCONFIGURED_LABEL } from '#core/channels/status';
import type { HttpDeps } from './deps';

const CONFIGURED: ChannelStatus = { telegram: { state: 'configured' } };

/** The agents' words for each Telegram state: what it means for their campaigns, in French. */
const TELEGRAM_WORDS = {
  configured: { label: 'Telegram configuré', message: 'Les campagnes partent sur Telegram à leur heure.' },
  unconfigured: {
    label: TELEGRAM_UNCONFIGURED_LABEL,
    message:
      'Le jeton du bot n’est pas encore enregistré : les campagnes sont acceptées, leurs envois Telegram ' +
      'attendent qu’il le soit ; les flux et X partent à l’heure. L’exploitation doit lancer `npm run deploy` ' +
      '(docs/aws.md).',
  },
  unavailable: {
    label: 'Telegram indisponible',
    message:
      'Le secret Telegram n’a pas pu être lu : les envois Telegram attendent et reprendront seuls. ' +
      'Prévenez l’exploitation (docs/runbooks.md).',
  },
} as const;

const X_WORDS = {
  configured: { label: 'X configuré', message: 'Les publications X partent à l’heure.' },
  outbox: {
    label: 'X en boîte d’envoi',
    message: 'Sans identifiants X, les publications attendent dans la boîte d’envoi, à publier à la main.',
  },
} as const;

const Channel = <S extends readonly [string, ...string[]]>(states: S, what: string) =>
  z.object({
    state: z.enum(states).describe(`État de ${what}`),
    label: z.string().describe('Ce que la console affiche, en français (« Telegram non configuré »)'),
    message: z.string().describe('Ce que cela change pour les campagnes, en français'),
    reason: z.string().optional().describe('La cause, pour l’exploitation (jamais un jeton ni une valeur de secret)'),
  });

export const ChannelStatusView = z
  .object({
    telegram: Channel(['configured', 'unconfigured', 'unavailable'], 'Telegram').meta({ id: 'TelegramStatus' }),
    x: Channel(['configured', 'outbox'], 'X')
      .optional()
      .describe('Absent quand ce processus ne peut pas le savoir (sur AWS, l’API ne lit pas le secret X)')
      .meta({ id: 'XStatus' }),
    ready: z.boolean().describe('Telegram peut envoyer maintenant'),
  })
  .meta({ id: 'ChannelStatus' });
export type ChannelStatusView = z.infer<typeof ChannelStatusView>;

/**
 * The status now. A reader that throws (it should answer `unavailable` itself) must not take the API
 * or the console down with it: it is reported as unavailable and logged without its details' values.
 */
export async function readChannelStatus(deps: HttpDeps): Promise<ChannelStatus> {
  if (!deps.channelStatus) return CONFIGURED;
  try {
    return await deps.channelStatus();
  } catch (error) {
    const name = error instanceof Error ? error.name : typeof error;
    deps.logger.warn('channel status could not be read', { errorName: name });
    return { telegram: { state: 'unavailable', reason: `status reader failed (${name})` } };
  }
}

export function channelStatusView(status: ChannelStatus): ChannelStatusView {
  const { telegram, x } = status;
  return {
    telegram: { state: telegram.state, ...TELEGRAM_WORDS[telegram.state], ...reasonOf(telegram) },
    ...(x && { x: { state: x.state, ...X_WORDS[x.state], ...reasonOf(x) } }),
    ready: telegram.state === 'configured',
  };
}

const reasonOf = (status: { state: string } | { state: string; reason: string }) =>
  'reason' in status && status.reason ? { reason: status.reason } : {};
