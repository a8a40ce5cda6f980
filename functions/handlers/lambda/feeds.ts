// Lambda behind API Gateway for GET /feeds/*: public, cached by readers with ETag / 304.
import { handle } from 'hono/aws-lambda';
import { feedRoutes } from '#handlers/http/feeds';
import { deps } from './aws-deps';

export const handler = handle(feedRoutes(deps));
