// Lambda fed by the send queue (SQS): sends each job to Telegram, X or the feeds.
// The AWS binding: the Telegram token and the X credentials follow their secrets (read with a max
// age, so a token written or rotated after the deploy is taken without a redeploy). Without a bot
// token (or while its secret cannot be read) Telegram and digests jobs are parked (acked, resumed
// later) while X and feeds jobs go; empty
// X keys mean "not configured", so posts wait in the outbox for an agent instead of failing.
import { SQSClient } from '@aws-sdk/client-sqs';
import { withPromptRetries } from '#adapters/queue/sqs';
import { SecretUnavailable } from '#adapters/aws/secrets';
import { createSqsReceivedQueue } from '#adapters/queue/sqs-received';
import { createXPublisher } from '#adapters/x/publisher';
import { telegramConsentRequest } from '#adapters/telegram/consent-message';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import { createTelegramSender } from '#adapters/telegram/sender';
import { createTokenFollowingSender } from '#adapters/telegram/token-following-sender';
import { config, deps, logger, metrics, readTelegramSecret, readXSecret } from './aws-deps';
import { followSecret } from './follow-secret';
import { withLogContext } from './log-context';
import { createSendHandler } from '#handlers/delivery/send-batch';

const orUnset = (v: string | undefined) => (v ? v : undefined);
const xPublisher = followSecret(readXSecret, (x) =>
  createXPublisher(
    {
      X_APP_KEY: orUnset(x.appKey),
      X_APP_SECRET: orUnset(x.appSecret),
      X_ACCESS_TOKEN: orUnset(x.accessToken),
      X_ACCESS_SECRET: orUnset(x.accessSecret),
      X_API_ROOT: config.X_API_ROOT,
    },
    deps.store.xOutbox,
    deps.clock,
  ),
);

// Deps as an object, not built once from the secrets: a failed read at a cold start would be kept
// for the container's life. Each job asks the secrets as they are now (within their max age).
const sendBatch = createSendHandler(
  {
    ...deps,
    // Job counts and cut-offs (names in adapters/metrics/names.ts), one instance for the whole function.
    metrics,
    // A malformed message goes to the DLQ with its reason (send-batch.ts ReceivedQueue); without
    // SEND_DEAD_LETTER_QUEUE_URL it is reported failed and SQS's redrive parks it after 5 receives.
    queue: createSqsReceivedQueue({
      client: new SQSClient({ region: config.AWS_REGION }),
      deadLetterQueueUrl: config.SEND_DEAD_LETTER_QUEUE_URL,
      sendQueueUrl: config.SEND_QUEUE_URL,
    }),
    digestFormat: telegramDigestFormat,
    consentRequest: telegramConsentRequest,
    telegram: createTokenFollowingSender(
      // A secret that cannot be read yet (counted secret.readFailed, alarmed) parks Telegram jobs as a
      // missing token does: they resume by themselves once it reads, never heading for the DLQ.
      async () => {
        try {
          return (await readTelegramSecret()).botToken;
        } catch (error) {
          if (error instanceof SecretUnavailable) return '';
          throw error;
        }
      },
      (token) =>
        createTelegramSender({
          token,
          apiRoot: config.TELEGRAM_API_ROOT,
          limits: { perSecond: config.TELEGRAM_MAX_PER_SECOND },
        }),
    ),
    x: { publish: async (post) => (await xPublisher()).built.publish(post) },
  },
  // No send starts past TIME_BUDGET_MS (40 s of the function's 60): the sends in flight finish and are written.
  { budgetMs: config.TIME_BUDGET_MS },
);

// A failed job comes back after its backoff, not the queue's visibility timeout: on the FIFO queue it
// would hold every Telegram job meanwhile (adapters/queue/sqs.ts).
export const handler = withLogContext(
  logger,
  config.SEND_QUEUE_URL
    ? withPromptRetries(sendBatch, {
        client: new SQSClient({ region: config.AWS_REGION }),
        queueUrl: config.SEND_QUEUE_URL,
        onError: (error) => logger.warn('failed jobs keep the queue’s visibility timeout', { error: String(error) }),
      })
    : sendBatch,
);
