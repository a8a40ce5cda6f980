// Lambda fed by the send queue (SQS): sends each job to Telegram, X or the feeds.
// The AWS binding: Telegram token and X credentials from Secrets Manager; empty X keys mean
// "not configured", so posts wait in the outbox for an agent instead of failing.
import { SQSClient } from '@aws-sdk/client-sqs';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { withPromptRetries } from '#adapters/queue/sqs';
import { createSqsReceivedQueue } from '#adapters/queue/sqs-received';
import { createXPublisher } from '#adapters/x/publisher';
import { telegramConsentRequest } from '#adapters/telegram/consent-message';
import { telegramDigestFormat } from '#adapters/telegram/digest-message';
import { createTelegramSender } from '#adapters/telegram/sender';
import { TelegramSecret, XSecret, config, deps, logger, readSecret } from './aws-deps';
import { createSendHandler } from '#handlers/delivery/send-batch';

const sendBatch = createSendHandler(async () => {
  const telegram = await readSecret(config.TELEGRAM_SECRET_ARN, 'TELEGRAM_SECRET_ARN', TelegramSecret);
  const x = await readSecret(config.X_SECRET_ARN, 'X_SECRET_ARN', XSecret);
  const orUnset = (v: string | undefined) => (v ? v : undefined);
  return {
    ...deps,
    // Namespace and service come from POWERTOOLS_METRICS_NAMESPACE / POWERTOOLS_SERVICE_NAME (the stack sets them).
    metrics: new Metrics(),
    // A malformed message goes to the DLQ with its reason (send-batch.ts ReceivedQueue); without
    // SEND_DEAD_LETTER_QUEUE_URL it is reported failed and SQS's redrive parks it after 5 receives.
    queue: createSqsReceivedQueue({
      client: new SQSClient({ region: config.AWS_REGION }),
      deadLetterQueueUrl: config.SEND_DEAD_LETTER_QUEUE_URL,
      sendQueueUrl: config.SEND_QUEUE_URL,
    }),
    digestFormat: telegramDigestFormat,
    consentRequest: telegramConsentRequest,
    telegram: createTelegramSender({
      token: telegram.botToken,
      apiRoot: config.TELEGRAM_API_ROOT,
      limits: { perSecond: config.TELEGRAM_MAX_PER_SECOND },
    }),
    x: createXPublisher(
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
  };
});

// A failed job comes back after its backoff, not the queue's visibility timeout: on the FIFO queue it
// would hold every Telegram job meanwhile (adapters/queue/sqs.ts).
export const handler = config.SEND_QUEUE_URL
  ? withPromptRetries(sendBatch, {
      client: new SQSClient({ region: config.AWS_REGION }),
      queueUrl: config.SEND_QUEUE_URL,
      onError: (error) => logger.warn('failed jobs keep the queue’s visibility timeout', { error: String(error) }),
    })
  : sendBatch;
