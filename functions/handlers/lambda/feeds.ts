// Lambda behind API Gateway for the public, read-only GETs: the feeds and calendars (/feeds/*), the results pages
// (/resultats/*) and the open-data index (/open-data/*), all revalidated by readers with ETag / 304.
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';
import { calendarRoutes } from '#handlers/http/calendars';
import { feedRoutes } from '#handlers/http/feeds';
import { publicRoutes } from '#handlers/http/public/routes';
import { deps } from './aws-deps';

const app = new Hono();
app.route('/', feedRoutes(deps));
app.route('/', calendarRoutes(deps));
app.route('/', publicRoutes(deps));

export const handler = handle(app);
