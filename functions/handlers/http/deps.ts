// What the HTTP route modules receive: the core context plus the edge's own needs. Built once per
// process, by the local runtime (`functions/local`) or a Lambda's cold start (`handlers/lambda`).
import type { Logger } from '@aws-lambda-powertools/logger';
import type { CoreContext } from '#core/context';

export interface HttpDeps extends CoreContext {
  /** Absolute base URL the public sees (feed self links, links in messages), no trailing slash. */
  publicUrl: string;
  logger: Logger;
}
