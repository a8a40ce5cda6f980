// The browser harness itself: Chromium reaches the whole app over HTTP, and axe-core's verdict fails
// a page with serious violations and passes a correct one. Fails, never skips, without Chromium.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectAccessible, launchBrowser, startTestServer, type TestServer } from '../../support/browser';
import { useBrowser } from '../../support/browser-hooks';

const PIXEL = 'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/%3E';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

// A deprecated ARIA role is a minor WCAG 2.0 A finding: reported, not blocking.
const ACCESSIBLE = page(
  'Page correcte',
  `<img src='${PIXEL}' alt="Logo de la ville">
   <form><label for="q">Rechercher une démarche</label><input id="q" name="q"><button>Chercher</button></form>
   <div role="directory">Annuaire des services</div>`,
);
const INACCESSIBLE = page(
  'Page fautive',
  `<img src='${PIXEL}'><form><input name="q"><input name="r"><button>Chercher</button></form>`,
);

const fixtures = new Hono()
  .get('/harness/accessible', (c) => c.html(ACCESSIBLE))
  .get('/harness/inaccessible', (c) => c.html(INACCESSIBLE));

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ extra: [fixtures] });
});
afterAll(async () => {
  await server?.close();
});

const session = useBrowser();

describe('browser harness', () => {
  it('opens pages of the whole app: the extra routes and the app’s own', async () => {
    await session.page.goto(`${server.url}/harness/accessible`);
    expect(await session.page.getByRole('heading', { level: 1 }).textContent()).toBe('Page correcte');

    const health = await session.page.goto(`${server.url}/health`);
    expect(health?.status()).toBe(200);
  });

  it('passes a correct page and returns its minor findings', async () => {
    await session.page.goto(`${server.url}/harness/accessible`);
    const findings = await expectAccessible(session.page);
    expect(findings.map((finding) => [finding.id, finding.impact])).toEqual([['aria-deprecated-role', 'minor']]);
  });

  it('fails on serious and critical violations, listing each with its targets', async () => {
    await session.page.goto(`${server.url}/harness/inaccessible`);
    const verdict = expectAccessible(session.page);
    await expect(verdict).rejects.toThrow(
      /2 serious or critical accessibility violation\(s\) on http:\/\/127\.0\.0\.1/,
    );
    await expect(verdict).rejects.toThrow(/\[critical\] image-alt: Images must have alternative text — img/);
    await expect(verdict).rejects.toThrow(
      /\[critical\] label: Form elements must have labels — input\[name="q"\] \| input\[name="r"\]/,
    );
  });

  it('checks only the part of the page it is given', async () => {
    await session.page.goto(`${server.url}/harness/inaccessible`);
    await expect(expectAccessible(session.page, { include: 'h1' })).resolves.toEqual([]);
  });

  it('says how to install Chromium when it is missing, instead of skipping', async () => {
    vi.stubEnv('CHROMIUM_PATH', '/nowhere/chromium');
    try {
      await expect(launchBrowser()).rejects.toThrow(
        /Chromium not found at \/nowhere\/chromium.*apt-get install -y chromium/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
