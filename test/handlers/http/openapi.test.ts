// The OpenAPI document is the contract: fetched from the app as an agent would, validated against
// the specification's own OpenAPI 3.1 schema (a JSON Schema 2020-12 validator), linted with
// Redocly's `recommended-strict` rules (0 problems), and compared with the routes the app really
// mounts, so neither can move without the other.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validate } from '@hyperjump/json-schema/openapi-3-1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEED_FORMATS } from '#adapters/feeds/render';
import { createHttpApp } from '#handlers/http/app';
import { CALENDAR_ROUTES } from '#handlers/http/calendars-document';
import { FEED_ROUTES } from '#handlers/http/feeds-document';
import { PUBLIC_PAGES } from '#handlers/http/public/document';
import { startHttpDeps } from '../../support/http-deps';

const PUBLIC_URL = 'https://participation.nantesmetropole.fr';
let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof createHttpApp>;
// The document is checked field by field below; `any` keeps the assertions readable.
let doc: any;

beforeAll(async () => {
  env = await startHttpDeps();
  env.deps.publicUrl = PUBLIC_URL;
  app = createHttpApp(env.deps);
  const res = await app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(() => env.close());

const OPERATIONS = ['get', 'post', 'put', 'patch', 'delete'];
const operations = () =>
  Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => OPERATIONS.includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

describe('OpenAPI document', () => {
  it('passes Redocly’s recommended-strict rules with 0 problems, its OpenAPI 3.1 structure check included', () => {
    // A copy broken against the OpenAPI 3.1 structure is linted alongside: it must fail the
    // `struct` rule, which proves the structure is checked, not just the style.
    const broken = structuredClone(doc);
    broken.info.version = 1;
    broken.paths['/health'].get.responses = 'none';
    const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
    try {
      const files = [join(dir, 'openapi.json'), join(dir, 'broken.json')];
      writeFileSync(files[0]!, JSON.stringify(doc));
      writeFileSync(files[1]!, JSON.stringify(broken));
      const cli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
      const run = spawnSync(
        process.execPath,
        [cli, 'lint', '--extends', 'recommended-strict', '--format', 'json', '--max-problems', '500', ...files],
        { encoding: 'utf8', env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' } },
      );
      // One JSON report per file, written back to back.
      const [ours, theirs] = run.stdout.split(/\}(?=\{\s*"totals")/).map((part, i, all) => {
        const report = JSON.parse(i < all.length - 1 ? `${part}}` : part) as {
          problems: { ruleId: string; message: string; location: { pointer: string }[] }[];
        };
        return report.problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer ?? ''}: ${p.message}`);
      });
      expect(ours, `${run.stderr}\n${(ours ?? []).join('\n')}`).toEqual([]);
      expect(theirs?.filter((p) => p.startsWith('struct '))).toHaveLength(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is valid against the OpenAPI 3.1 schema, its JSON Schemas against the 3.1 dialect', async () => {
    // schema-base: the specification's own JSON Schema of a 3.1 document, whose schemas it checks
    // with the OAS dialect (bundled with the validator: no network).
    const SCHEMA_BASE = 'https://spec.openapis.org/oas/3.1/schema-base';
    expect(await validate(SCHEMA_BASE, doc)).toEqual({ valid: true });
    const broken = structuredClone(doc);
    broken.components.schemas.Campaign.type = 'objet';
    expect((await validate(SCHEMA_BASE, broken)).valid).toBe(false);
  });

  it('says OpenAPI 3.1, its licence, and the server from PUBLIC_URL', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.license).toMatchObject({ identifier: 'etalab-2.0' });
    expect(doc.servers).toEqual([expect.objectContaining({ url: PUBLIC_URL })]);
  });

  it('describes every route the app mounts, and only those', () => {
    // The webhook belongs to Telegram (not mounted here), `/` is a signpost, the document is itself,
    // and the console is a set of pages for browsers, not part of the API.
    const mounted = new Set(
      app.routes
        .filter((r) => OPERATIONS.includes(r.method.toLowerCase()))
        .filter((r) => !['/', '/api/openapi.json', '/api/*', '/api/v1/*'].includes(r.path))
        .filter((r) => !r.path.startsWith('/console'))
        // The public results' and open data's HTML pages are for browsers too.
        .filter((r) => !PUBLIC_PAGES.includes(r.path))
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    const documented = new Set(operations().map(({ method, path }) => `${method} ${path}`));
    expect([...documented].sort()).toEqual([...mounted].sort());
  });

  it('gives each operation an operationId, a French summary and its answers', () => {
    const ids = operations().map(({ operation }) => operation.operationId as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, operation } of operations()) {
      const where = `${method} ${path}`;
      expect(operation.summary, where).toMatch(/[a-zé]/);
      if (!path.startsWith('/api/v1/')) continue;
      expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(['401', '403', '429']));
      expect(operation.description, where).toMatch(/Rôle requis : (viewer|editor|admin)/);
      if (path.includes('{')) expect(operation.responses['404'], where).toBeDefined();
      if (method !== 'get') expect(operation.responses['409'], where).toBeDefined();
    }
  });

  it('types every request and JSON answer with named schemas, the three PATCH bodies, preview and results included', () => {
    const body = (path: string, method: string) =>
      doc.paths[path][method].requestBody.content['application/json'].schema.$ref;
    const answer = (path: string, method: string, status = '200') =>
      doc.paths[path][method].responses[status].content['application/json'].schema.$ref;
    expect(body('/api/v1/demarches/{slug}', 'patch')).toBe('#/components/schemas/DemarchePatch');
    expect(body('/api/v1/questionnaires/{id}', 'patch')).toBe('#/components/schemas/QuestionnairePatch');
    expect(body('/api/v1/campaigns/{id}', 'patch')).toBe('#/components/schemas/CampaignPatch');
    expect(body('/api/v1/campaigns', 'post')).toBe('#/components/schemas/CampaignInput');
    expect(answer('/api/v1/campaigns/{id}/preview', 'get')).toBe('#/components/schemas/CampaignPreview');
    expect(answer('/api/v1/questionnaires/{id}/results', 'get')).toBe('#/components/schemas/QuestionnaireResults');
    expect(answer('/api/v1/campaigns/{id}/progress', 'get')).toBe('#/components/schemas/CampaignProgress');
    expect(answer('/api/v1/campaigns/{id}/pause', 'post')).toBe('#/components/schemas/Campaign');
    expect(doc.components.schemas.Campaign.properties.status.enum).toContain('paused');
    const patch = doc.components.schemas.CampaignPatch;
    expect(patch.additionalProperties).toBe(false);
    expect(patch.properties.message.additionalProperties).toBe(false);
    expect(patch.required ?? []).toEqual([]);
    expect(doc.components.schemas.DemarchePatch.properties.slug).toBeUndefined();
    const preview = doc.components.schemas.CampaignPreview.properties;
    expect(preview.x.properties.costUsd.type).toBe('number');
  });

  it('documents path parameters with the schemas that validate them, and If-Match on PATCH', () => {
    const params = doc.paths['/api/v1/demarches/{slug}'].patch.parameters as any[];
    expect(params).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'slug', in: 'path', schema: expect.objectContaining({ maxLength: 80 }) }),
        expect.objectContaining({ name: 'If-Match', in: 'header' }),
      ]),
    );
    const id = (doc.paths['/api/v1/campaigns/{id}'].get.parameters as any[]).find((p) => p.name === 'id');
    expect(id.schema).toMatchObject({ maxLength: 16 });
  });

  it('describes /health and every feed, public, in the media types the feeds are served as', () => {
    expect(doc.paths['/health'].get).toMatchObject({ operationId: 'getHealth', security: [] });
    for (const { route, format } of FEED_ROUTES) {
      const operation = doc.paths[route.path].get;
      expect(operation.security).toEqual([]);
      const served = FEED_FORMATS[format].contentType.split(';')[0]!;
      expect(Object.keys(operation.responses['200'].content)).toEqual([served]);
    }
    for (const { route } of CALENDAR_ROUTES) {
      const operation = doc.paths[route.path].get;
      expect(operation.security).toEqual([]);
      expect(Object.keys(operation.responses['200'].content)).toEqual(['text/calendar']);
    }
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/feeds/'))).toHaveLength(12 + CALENDAR_ROUTES.length);
  });
});
