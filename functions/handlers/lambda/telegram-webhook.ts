// Lambda behind API Gateway for POST /telegram/webhook: the same route and bot as the local
// runtime. Every Bot API call is awaited before the response (webhookReply is off), as Lambda
// freezes the process once the handler returns.
// The bot is built from the Telegram secret as it is now: until the operator writes the bot token
// and the webhook secret, updates get a 503 that says why (Telegram keeps them and retries); once
// written, or rotated, the next request past the secrets' max age builds the bot again. No redeploy.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { telegramUnconfiguredReason } from '#adapters/aws/channel-status';
import { METRIC } from '#adapters/metrics/names';
import { createBot } from '#adapters/telegram/bot/create-bot';
import { TELEGRAM_UNCONFIGURED_LABEL } from '#core/channels/status';
import { DEFAULT_UPDATE_BUDGET_MS, telegramWebhookRoutes } from '#handlers/http/telegram-webhook';
import { config, countNow, deps, logger, metrics, readTelegramSecret } from './aws-deps';
import { followSecret } from './follow-secret';
import { withLogContext } from './log-context';

/** The update's own budget (TIME_BUDGET_MS, from the stack: 8 s of the function's 10 s); cut-offs are counted. */
const budget = { ms: config.TIME_BUDGET_MS ?? DEFAULT_UPDATE_BUDGET_MS, metrics };

const webhook = followSecret(readTelegramSecret, (secret) =>
  telegramUnconfiguredReason(secret) === undefined
    ? telegramWebhookRoutes(
        deps,
        createBot({
          token: secret.botToken,
          apiRoot: config.TELEGRAM_API_ROOT,
          core: deps,
          logger,
          subscriberKeySecret: secret.subscriberKey,
          publicUrl: deps.publicUrl,
        }),
        { secret: secret.webhookSecret, budget },
      )
    : undefined,
);

const app = new Hono();
app.all('*', async (c) => {
  let current;
  try {
    current = await webhook();
  } catch (error) {
    // Counted by the secrets reader (secret.readFailed); 503: Telegram delivers the update again later.
    logger.error('telegram update refused: the Telegram secret cannot be read', { reason: (error as Error).message });
    return c.json({ ok: false, error: 'service indisponible : secret Telegram illisible' }, 503);
  }
  if (!current.built) {
    const reason = telegramUnconfiguredReason(current.secret);
    logger.warn('telegram update refused: Telegram is not configured', { reason });
    countNow(METRIC.webhookUnconfigured);
    return c.json({ ok: false, error: `${TELEGRAM_UNCONFIGURED_LABEL} : ${reason}` }, 503);
  }
  return current.built.fetch(c.req.raw);
});

export const handler = withLogContext(logger, handle(app));
