// Lambda behind API Gateway for POST /telegram/webhook: the same route and bot as the local
// runtime. Every Bot API call is awaited before the response (webhookReply is off), as Lambda
// freezes the process once the handler returns.
import { handle } from 'hono/aws-lambda';
import { createBot } from '#adapters/telegram/bot/create-bot';
import { telegramWebhookRoutes } from '#handlers/http/telegram-webhook';
import { TelegramSecret, config, deps, logger, readSecret } from './aws-deps';

const secret = await readSecret(config.TELEGRAM_SECRET_ARN, 'TELEGRAM_SECRET_ARN', TelegramSecret);
const bot = createBot({
  token: secret.botToken,
  apiRoot: config.TELEGRAM_API_ROOT,
  core: deps,
  logger,
  subscriberKeySecret: secret.subscriberKey,
  publicUrl: deps.publicUrl,
});

export const handler = handle(telegramWebhookRoutes(deps, bot, { secret: secret.webhookSecret }));
