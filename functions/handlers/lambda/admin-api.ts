// Lambda behind API Gateway for /api/*, the agents' console (/console) and /health: the same Hono
// routes the local runtime serves. The bootstrap admin token is read from its secret as it is now:
// rotated in Secrets Manager, the old one stops working within the secrets' max age, no redeploy.
// Campaign tests and the channel status (« Telegram non configuré ») follow the Telegram secret the
// same way: before the bot token is written the API and the console work, and say so (docs/aws.md).
import { handle } from 'hono/aws-lambda';
import { Hono } from 'hono';
import { hashToken } from '#core/agents/tokens';
import { telegramChannelStatus } from '#adapters/aws/channel-status';
import { campaignAlarmFor } from '#adapters/scheduler/eventbridge';
import { createTokenFollowingSender } from '#adapters/telegram/token-following-sender';
import { adminApi } from '#handlers/http/admin-api/app';
import { consoleApp } from '#handlers/http/console/app';
import type { HttpDeps } from '#handlers/http/deps';
import { healthRoutes } from '#handlers/http/health';
import { requestBudget } from '#handlers/http/request-budget';
import { config, deps, logger, metrics, readAdminSecret, readTelegramSecret } from './aws-deps';
import { followSecret } from './follow-secret';
import { withLogContext } from './log-context';

const apiDeps = {
  ...deps,
  // Campaign tests: telegraf is loaded at the first test, not at cold start; without a token, « Telegram non configuré ».
  telegram: createTokenFollowingSender(
    async () => (await readTelegramSecret()).botToken,
    async (token) =>
      (await import('#adapters/telegram/sender')).createTelegramSender({ token, apiRoot: config.TELEGRAM_API_ROOT }),
  ),
  channelStatus: telegramChannelStatus(readTelegramSecret),
  // Scheduling a campaign sets its alarm (EventBridge Scheduler's client is loaded at the first one).
  alarm: campaignAlarmFor(config, deps.clock),
} satisfies HttpDeps;

/** The API and the console, keyed by the bootstrap token's hash: built again when the admin secret changes. */
const agentsApp = followSecret(readAdminSecret, ({ adminToken }) => {
  const bootstrapTokenHash = hashToken(adminToken);
  const app = new Hono();
  app.route('/', adminApi(apiDeps, { bootstrapTokenHash }));
  app.route('/', consoleApp(apiDeps, { bootstrapTokenHash }));
  return app;
});

const app = new Hono();
// Each request's own budget (TIME_BUDGET_MS: 25 s of the function's 29, under API Gateway's 30): past it, a logged and counted 503.
app.use(requestBudget({ logger, metrics }, { budgetMs: config.TIME_BUDGET_MS }));
// /health needs no secret: it says whether the process and its store answer, even while the admin secret does not.
app.route('/', healthRoutes(apiDeps));
app.all('*', async (c) => {
  let agents;
  try {
    agents = (await agentsApp()).built;
  } catch (error) {
    // Counted by the secrets reader (secret.readFailed) and read again at the next request.
    logger.error('request refused: the admin secret cannot be read', { reason: (error as Error).message });
    return c.json(
      { error: 'service indisponible : secret d’administration illisible, réessayez dans un instant' },
      503,
    );
  }
  return agents.fetch(c.req.raw);
});

export const handler = withLogContext(logger, handle(app));
