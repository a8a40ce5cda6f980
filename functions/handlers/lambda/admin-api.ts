// Lambda behind API Gateway for /api/*, the agents' console (/console) and /health: the same Hono
// routes the local runtime serves.
import { handle } from 'hono/aws-lambda';
import { Hono } from 'hono';
import { hashToken } from '#core/agents/tokens';
import { adminApi } from '#handlers/http/admin-api/app';
import { consoleApp } from '#handlers/http/console/app';
import { healthRoutes } from '#handlers/http/health';
import { AdminSecret, config, deps, readSecret } from './aws-deps';

const { adminToken } = await readSecret(config.ADMIN_SECRET_ARN, 'ADMIN_SECRET_ARN', AdminSecret);
const app = new Hono();
app.route('/', healthRoutes(deps));
const bootstrapTokenHash = hashToken(adminToken);
app.route('/', adminApi(deps, { bootstrapTokenHash }));
app.route('/', consoleApp(deps, { bootstrapTokenHash }));

export const handler = handle(app);
