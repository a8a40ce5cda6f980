// Correlation ids on every log line of an invocation: Powertools' Lambda context (function_request_id,
// cold_start, the X-Ray trace id) and, behind API Gateway, its request id as correlation_id (the access
// logs' requestId), so one line leads to the others of its invocation, its trace and its access log.
// The ids of what is handled (update_id, campaign id, the job's SQS messageId) are on the lines that
// handle it (telegram-webhook.ts, send-batch.ts, dispatch-tick.ts). Never a chat id nor a text.
import type { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

export function withLogContext<E, R>(logger: Logger, handler: (event: E, context: Context) => Promise<R>) {
  return async (event: E, context: Context): Promise<R> => {
    // A warm container's previous invocation must not lend its ids to this one.
    logger.resetKeys();
    // Lambda always passes one; a harness invoking the handler by hand may not.
    if (context) logger.addContext(context);
    const requestId = (event as { requestContext?: { requestId?: unknown } } | null | undefined)?.requestContext
      ?.requestId;
    if (typeof requestId === 'string') logger.setCorrelationId(requestId);
    return handler(event, context);
  };
}
