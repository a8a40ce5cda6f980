// Lambda behind API Gateway for the public, read-only GETs: the feeds and calendars (/feeds/*), the results pages
// (/resultats/*) and the open-data index (/open-data/*), all revalidated by readers with ETag / 304.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { calendarRoutes } from '#handlers/http/calendars';
import { feedRoutes } from '#handlers/http/feeds';
import { publicRoutes } from '#handlers/http/public/routes';
import { requestBudget } from '#handlers/http/request-budget';
import { config, deps, logger, metrics } from './aws-deps';
import { withLogContext } from './log-context';

const app = new Hono();
// First: a request past its budget is answered 503 by us, logged and counted (request-budget.ts).
app.use(requestBudget({ logger, metrics }, { budgetMs: config.TIME_BUDGET_MS }));
app.route('/', feedRoutes(deps));
app.route('/', calendarRoutes(deps));
app.route('/', publicRoutes(deps));

export const handler = withLogContext(logger, handle(app));
