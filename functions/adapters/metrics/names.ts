// The CloudWatch metrics the functions publish (Powertools Metrics, embedded metric format) and the
// stack graphs and alarms on (cdk/constructs/alarms.ts, dashboard.ts): one list, so a renamed metric
// cannot leave a dashboard widget or an alarm watching nothing.
export const METRICS_NAMESPACE = 'PorteVoix';
export const METRICS_SERVICE = 'porte-voix';

/**
 * Send-job counts come from each job's report, per channel: `<channel>.<count>` (send-batch.ts
 * `countJob`), e.g. `telegram.sent`, `telegram.failed`, `telegram.uncertain`, `x.sent`.
 */
export const channelMetric = (channel: 'telegram' | 'x' | 'feeds' | 'digests', count: string) => `${channel}.${count}`;

export const METRIC = {
  /** A handler ran out of its own time budget and cut work off (logged with what was cut). */
  cutOff: 'handler.cutOff',
  /** A Telegram (or digests) job set aside because no bot token is configured; resumed once it is. */
  telegramParked: 'telegram.parked',
  /** An update refused with 503 because the webhook has no bot token or no webhook secret yet. */
  webhookUnconfigured: 'webhook.unconfigured',
  /** A Secrets Manager read failed (network, permission, shape): retried at the next use, never cached. */
  secretReadFailed: 'secret.readFailed',
  /** Send jobs reported failed in a batch (they come back after their backoff). */
  sendJobsRetried: 'sendJobsRetried',
  /** Messages that are not send jobs, parked in the dead-letter queue with their reason. */
  sendJobsRejected: 'sendJobsRejected',
  /**
   * Bot API requests answered 429 (retry_after), per send job: a `rateLimited` count in the job's
   * report becomes this by itself (send-batch.ts `countJob`). The design's bound is ≤ 0.5% of sends.
   */
  telegramRateLimited: 'telegram.rateLimited',
} as const;
