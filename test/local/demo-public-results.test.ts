// `npm start`'s demo data shows the public results from the first start: the longévité
// questionnaire (public while open) is in the open-data index, its page has figures and the one
// approved text, never the pending one; `GET /` names the public addresses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime';

let runtime: LocalRuntime;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'porte-voix-demo-results-'));
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    ADMIN_TOKEN: 'pv_local-admin-token-0123456789',
    LOG_LEVEL: 'SILENT',
  });
  runtime = await startLocalRuntime(config, { inMemory: true });
});
afterAll(async () => {
  await runtime?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the demo’s public results', () => {
  it('are listed in the open-data index, with figures and only the approved text', async () => {
    const index = (await (await fetch(`${runtime.url}/open-data/datasets.json`)).json()) as {
      licence: { id: string };
      datasets: { title: string; landingPage: string }[];
    };
    expect(index.licence.id).toBe('etalab-2.0');
    const longevite = index.datasets.find((d) => d.title.includes('La longévité en 4 questions'))!;
    expect(longevite.landingPage).toMatch(new RegExp(`^${runtime.url}/resultats/`));
    const page = await fetch(longevite.landingPage);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<strong>18</strong> personnes ont répondu');
    expect(html).toContain('Des bancs à l’ombre');
    expect(html).not.toContain('minibus');
  });

  it('are named by GET /', async () => {
    const root = (await (await fetch(`${runtime.url}/`)).json()) as { results: string[]; openData: string[] };
    expect(root.openData).toEqual(['/open-data/', '/open-data/datasets.json', '/open-data/catalog.jsonld']);
    expect(root.results[0]).toBe('/resultats/<id>');
  });
});
