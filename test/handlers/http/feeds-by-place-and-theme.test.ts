// Feeds of one theme and of one commune or quartier: the items filed under it, newest first,
// with their own title, self link and 304s; an unknown theme or place is a 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishFeedItem } from '#core/feeds/publish';
import { createDemarche } from '#core/demarches/use-cases';
import { feedRoutes } from '#handlers/http/feeds';
import { startHttpDeps } from '../../support/http-deps';

let env: Awaited<ReturnType<typeof startHttpDeps>>;
let app: ReturnType<typeof feedRoutes>;
const actor = { agentId: 'test', name: 'Test' };

beforeAll(async () => {
  env = await startHttpDeps();
  app = feedRoutes(env.deps);
  const base = { summary: 'S', link: 'https://dialoguecitoyen.metropole.nantes.fr/p' };
  await createDemarche(env.deps, actor, {
    ...base,
    slug: 'plan-velo-reze',
    title: 'Plan vélo',
    themes: ['mobilites'],
    territories: ['reze'],
  });
  await createDemarche(env.deps, actor, {
    ...base,
    slug: 'ile-nature',
    title: 'Nature',
    themes: ['environnement'],
    territories: ['nantes-ile-de-nantes'],
  });
  await publishFeedItem(env.deps, {
    title: 'Vélo : la carte est ouverte',
    text: 'T',
    link: base.link,
    demarcheSlug: 'plan-velo-reze',
  });
  env.clock.advance(60_000);
  await publishFeedItem(env.deps, {
    title: 'Nature : balade découverte',
    text: 'T',
    link: base.link,
    demarcheSlug: 'ile-nature',
  });
  env.clock.advance(60_000);
  await publishFeedItem(env.deps, {
    title: 'Vélo et nature',
    text: 'T',
    link: base.link,
    themes: ['mobilites', 'environnement'],
    territories: ['reze'],
  });
});
afterAll(() => env.close());

const titles = async (path: string) =>
  ((await (await app.request(path)).json()) as { items: { title: string }[] }).items.map((i) => i.title);

describe('feeds by theme and by place', () => {
  it('lists the items of a theme, newest first, and only those', async () => {
    expect(await titles('/feeds/themes/mobilites/feed.json')).toEqual([
      'Vélo et nature',
      'Vélo : la carte est ouverte',
    ]);
    expect(await titles('/feeds/themes/environnement/feed.json')).toEqual([
      'Vélo et nature',
      'Nature : balade découverte',
    ]);
  });

  it('lists the items of a commune or a quartier', async () => {
    expect(await titles('/feeds/territoires/reze/feed.json')).toEqual([
      'Vélo et nature',
      'Vélo : la carte est ouverte',
    ]);
    expect(await titles('/feeds/territoires/nantes-ile-de-nantes/feed.json')).toEqual(['Nature : balade découverte']);
  });

  it('has its own title and self link, and answers 304 when unchanged', async () => {
    const res = await app.request('/feeds/themes/mobilites/rss.xml');
    const xml = await res.text();
    expect(xml).toContain('<title>Mobilités — Porte-voix</title>');
    expect(xml).toContain('href="http://localhost:3000/feeds/themes/mobilites/rss.xml"');
    const again = await app.request('/feeds/themes/mobilites/rss.xml', {
      headers: { 'If-None-Match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('404 for an unknown theme or place, naming the known themes', async () => {
    const res = await app.request('/feeds/themes/astrologie/rss.xml');
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/Thèmes : longevite, mobilites/);
    expect((await app.request('/feeds/territoires/paris/atom.xml')).status).toBe(404);
  });
});
