// Lambda behind API Gateway for /api/* and /health: the same Hono routes the local runtime serves.
import { handle } from 'hono/aws-lambda';
import { Hono } from 'hono';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { healthRoutes } from '#handlers/http/health';
import { AdminSecret, config, deps, readSecret } from './aws-deps';

const { adminToken } = await readSecret(config.ADMIN_SECRET_ARN, 'ADMIN_SECRET_ARN', AdminSecret);
const app = new Hono();
app.route('/', healthRoutes(deps));
app.route('/', adminApi(deps, { bootstrapTokenHash: hashToken(adminToken) }));

export const handler = handle(app);
