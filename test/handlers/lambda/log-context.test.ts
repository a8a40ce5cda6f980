// Correlation ids on every line of an invocation: the Lambda request id from the
// context, API Gateway's request id as correlation_id; a warm container's next invocation carries
// its own ids, never the previous one's.
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { withLogContext } from '#handlers/lambda/log-context';
import { type CapturedLogs, captureLogs } from '../../support/captured-logs';

let logs: CapturedLogs;
beforeEach(() => {
  logs = captureLogs();
});
afterEach(() => logs.restore());

const context = (awsRequestId: string) =>
  ({
    awsRequestId,
    functionName: 'PorteVoix-Feeds',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-3:123456789012:function:PorteVoix-Feeds',
    memoryLimitInMB: '512',
    getRemainingTimeInMillis: () => 10_000,
  }) as unknown as Context;

it('puts the Lambda request id and API Gateway’s request id on every line, and only this invocation’s', async () => {
  const logger = new Logger({ serviceName: 'porte-voix-test', logLevel: 'INFO' });
  const handler = withLogContext(logger, async (event: { requestContext?: { requestId: string } }) => {
    logger.info('handled');
    return event.requestContext?.requestId ?? 'none';
  });
  expect(await handler({ requestContext: { requestId: 'apigw-1' } }, context('lambda-1'))).toBe('apigw-1');
  expect(await handler({}, context('lambda-2'))).toBe('none');

  const [first, second] = logs.withMessage('handled');
  expect(first).toMatchObject({ function_request_id: 'lambda-1', correlation_id: 'apigw-1' });
  expect(second).toMatchObject({ function_request_id: 'lambda-2' });
  expect(second).not.toHaveProperty('correlation_id');
});

it('still runs the handler when invoked by hand without a Lambda context', async () => {
  const logger = new Logger({ serviceName: 'porte-voix-test', logLevel: 'INFO' });
  const handler = withLogContext(logger, async (event: number) => event + 1);
  expect(await handler(1, undefined as unknown as Context)).toBe(2);
});
