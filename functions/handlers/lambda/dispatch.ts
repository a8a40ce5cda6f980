// Lambda run by EventBridge Scheduler every minute (dispatch due campaigns, finalize those being sent)
// and at each campaign's alarm (dispatch that one). The AWS binding: the same deps as every Lambda,
// the SQS send queue, and the alarms of the campaigns the tick schedules (announcements, restitutions).
import { SQSClient } from '@aws-sdk/client-sqs';
import { createSqsSendQueue } from '#adapters/queue/sqs';
import { campaignAlarmFor } from '#adapters/scheduler/eventbridge';
import { config, deps, logger, metrics } from './aws-deps';
import { withLogContext } from './log-context';
import { createDispatchHandler } from '#handlers/delivery/dispatch-tick';

const dispatch = createDispatchHandler(
  () => {
    if (!config.SEND_QUEUE_URL) throw new Error('configuration: SEND_QUEUE_URL is not set');
    return Promise.resolve({
      ...deps,
      // Cut-offs are counted (handler.cutOff), with the function's one Metrics instance (aws-deps.ts).
      metrics,
      alarm: campaignAlarmFor(config, deps.clock),
      queue: createSqsSendQueue({
        client: new SQSClient({ region: config.AWS_REGION }),
        queueUrl: config.SEND_QUEUE_URL,
      }),
    });
  },
  { budgetMs: config.TIME_BUDGET_MS },
);

export const handler = withLogContext(logger, (event: unknown) => dispatch(event));
