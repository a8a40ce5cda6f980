// GET /resultats/:id (page), /resultats/:id/resultats.json, /resultats/:id/reponses.csv, and the
// open-data index (/open-data/: HTML, datasets.json, catalog.jsonld). Public, read-only, built at
// request time so a text rejected since is in no output; each body carries a strong ETag, and
// `no-cache` makes every reader revalidate (a 304 costs no bytes). A private questionnaire answers
// exactly as an unknown one: 404, one body, never 403.
import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { OPEN_DATA_PATHS } from '#core/results/paths';
import { datasetList, dcatCatalog } from '#core/results/open-data';
import { publicResponsesCsv } from '#core/results/public-csv';
import { buildPublicResults, readPublicResults } from '#core/results/public-results';
import { type PublicSource, listPublicDatasets, loadPublicSource } from '#core/results/public-source';
import { consoleHeaders } from '../console/security';
import type { HttpDeps } from '../deps';
import { isNotModified } from '../feeds';
import { openDataPage } from './open-data-page';
import { notFoundPage, notYetPage, resultsPage } from './results-page';

const HTML = 'text/html; charset=utf-8';

/** Answers `body` with its ETag, or 304 when the reader already has it. */
function send(c: Context, body: string, contentType: string, extra: Record<string, string> = {}) {
  const etag = `"${createHash('sha256').update(contentType).update('\n').update(body).digest('base64url').slice(0, 32)}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', 'no-cache');
  c.header('X-Content-Type-Options', 'nosniff');
  for (const [name, value] of Object.entries(extra)) c.header(name, value);
  if (isNotModified(c, etag, undefined)) return c.body(null, 304);
  return c.body(body, 200, { 'Content-Type': contentType });
}

/** Open data is meant to be reused, from any site's scripts too. */
const OPEN = { 'Access-Control-Allow-Origin': '*' };

async function notFound(c: Context) {
  // Also answered by the data files' routes: the same strict policy as the pages, set here.
  return c.body(await notFoundPage(), 404, {
    'Content-Type': HTML,
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': "default-src 'none'; style-src 'self'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
  });
}

const visible = (source: PublicSource | undefined) => (source?.kind === 'visible' ? source : undefined);

export function publicRoutes(deps: HttpDeps): Hono {
  const app = new Hono();
  // The console's browser protections (CSP, no framing) on the pages; the data files are for any
  // site's scripts to reuse, so they carry CORS instead.
  const pageHeaders = consoleHeaders();
  const settings = () => ({ ...deps.openData, publicUrl: deps.publicUrl });
  const build = (source: NonNullable<ReturnType<typeof visible>>) =>
    buildPublicResults(source.questionnaire, source.responses, source.decisions, {
      threshold: deps.openData.smallGroupThreshold,
      now: deps.clock.now(),
      demarche: source.demarche,
      ...settings(),
    });

  app.get('/resultats/:id', pageHeaders, async (c) => {
    const source = await loadPublicSource(deps, c.req.param('id'));
    if (!source) return notFound(c);
    if (source.kind === 'not_yet') return send(c, await notYetPage(source.questionnaire, source.from), HTML);
    return send(c, await resultsPage(build(source)), HTML);
  });
  app.get('/resultats/:id/resultats.json', async (c) => {
    const results = await readPublicResults(deps, c.req.param('id'), settings());
    if (!results) return notFound(c);
    return send(c, `${JSON.stringify(results, null, 2)}\n`, 'application/json; charset=utf-8', OPEN);
  });
  app.get('/resultats/:id/reponses.csv', async (c) => {
    const source = visible(await loadPublicSource(deps, c.req.param('id')));
    if (!source) return notFound(c);
    return send(
      c,
      publicResponsesCsv(source.questionnaire, source.responses, source.decisions),
      'text/csv; charset=utf-8',
      {
        ...OPEN,
        'Content-Disposition': `attachment; filename="reponses-${source.questionnaire.id}.csv"`,
      },
    );
  });

  const list = async () => datasetList(await listPublicDatasets(deps, settings()), deps.openData, deps.clock.now());
  // Both spellings: API Gateway routes cannot end with a slash, so `/open-data/` may reach us as either.
  const index = async (c: Context) => send(c, await openDataPage(await list()), HTML);
  app.get('/open-data', pageHeaders, index);
  app.get(OPEN_DATA_PATHS.html, pageHeaders, index);
  app.get(OPEN_DATA_PATHS.json, async (c) =>
    send(c, `${JSON.stringify(await list(), null, 2)}\n`, 'application/json; charset=utf-8', OPEN),
  );
  app.get(OPEN_DATA_PATHS.dcat, async (c) => {
    const catalog = dcatCatalog(await listPublicDatasets(deps, settings()), settings());
    return send(c, `${JSON.stringify(catalog, null, 2)}\n`, 'application/ld+json; charset=utf-8', OPEN);
  });
  // Any other address under these prefixes: the same 404 (any method; this app only reads).
  app.all('/resultats/*', pageHeaders, notFound);
  app.all('/open-data/*', pageHeaders, notFound);
  return app;
}
